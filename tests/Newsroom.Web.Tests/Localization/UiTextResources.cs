using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Localization;

/// <summary>The interface's resource files and the keys the components use, read from the source tree.</summary>
public static partial class UiTextResources
{
    private static readonly string Web = Path.Combine(Readme.RepositoryRoot, "src", "Newsroom.Web");

    public static IReadOnlyDictionary<string, string> English { get; } = Read("UiText.resx");

    public static IReadOnlyDictionary<string, string> Arabic { get; } = Read("UiText.ar.resx");

    /// <summary>Every literal key a component or the localization code looks up: <c>L["…"]</c>, and the editor script's words.</summary>
    public static IReadOnlyList<(string File, string Key)> KeysUsed()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Web, "Components"), "*.*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Web, "Localization"), "*.cs"))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal));
        var keys = new List<(string, string)>();
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            var name = Path.GetRelativePath(Web, file);
            keys.AddRange(LookUp().Matches(source).Select(m => (name, Regex.Unescape(m.Groups[1].Value))));
            var editorText = EditorTextBlock().Match(source);
            if (editorText.Success)
            {
                keys.AddRange(Quoted().Matches(editorText.Value).Select(m => (name, Regex.Unescape(m.Groups[1].Value))));
            }
        }

        return keys;
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Web, "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [GeneratedRegex("""(?:\bL\[|\bGet\()"((?:[^"\\]|\\.)*)""")]
    private static partial Regex LookUp();

    [GeneratedRegex("""EditorText\(\) => new\[\].*?\}\.ToDictionary""", RegexOptions.Singleline)]
    private static partial Regex EditorTextBlock();

    [GeneratedRegex(@"""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Quoted();
}
