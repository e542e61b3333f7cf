namespace Newsroom.Application.Common;

/// <summary>The write was based on a version someone else has since changed: the caller must reload, not overwrite.</summary>
public sealed class StaleVersionException(string what)
    : Exception($"{what} was changed by someone else after you loaded it. Reload to see their change, then make yours again.");
