namespace Newsroom.Web.Localization;

/// <summary>
/// The interface's strings: <c>UiText.resx</c> (English, the fallback) and <c>UiText.ar.resx</c>. Keys are the English
/// text itself, so a component reads naturally (<c>@L["Save"]</c>) and a missing translation shows English, never a
/// key; the web tests check every key used in a component is in both files.
/// </summary>
public sealed class UiText;
