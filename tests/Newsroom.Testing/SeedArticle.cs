namespace Newsroom.Testing;

/// <summary>
/// The real Arabic news page in ../shared/data/seed-article-ar.txt: photo credit, headline, body, author bio and
/// reader comments, with Latin runs inside Arabic text. The kind of story Newsroom exists for.
/// </summary>
public static class SeedArticle
{
    public static string Text { get; } = File.ReadAllText(Locate());

    public static string[] Lines { get; } = Text.Split('\n');

    public static string Credit => Lines[0].Trim();

    public static string Headline => Lines[2].Trim().TrimEnd('–').Trim();

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Newsroom.sln")))
            {
                return Path.Combine(directory.FullName, "..", "shared", "data", "seed-article-ar.txt");
            }
        }

        throw new FileNotFoundException("Newsroom.sln was not found above the test binaries.");
    }
}
