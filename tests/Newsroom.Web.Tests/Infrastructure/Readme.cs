namespace Newsroom.Web.Tests.Infrastructure;

/// <summary>The repository's README, read the way a new user reads it.</summary>
public static class Readme
{
    public static string RepositoryRoot => Newsroom.Testing.SeedArticle.RepositoryRoot;

    public static string Text { get; } = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));

    /// <summary>The rows of the Markdown table whose header is <paramref name="header"/>.</summary>
    public static IReadOnlyList<string[]> Table(string header)
    {
        var lines = Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(header);
        Assert.True(start >= 0, $"README has no table headed '{header}'");
        return lines.Skip(start + 2)
            .TakeWhile(l => l.Contains('|', StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim().Trim('`')).ToArray())
            .ToList();
    }
}
