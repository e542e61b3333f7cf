namespace Newsroom.Testing;

/// <summary>
/// The real Arabic news page in ../shared/data/seed-article-ar.txt: photo credit, headline, body, author bio and
/// reader comments, with Latin runs inside Arabic text. The kind of story Newsroom exists for.
/// </summary>
public static class SeedArticle
{
    /// <summary>The checkout: the folder holding Newsroom.sln above the test binaries.</summary>
    public static string RepositoryRoot { get; } = LocateRepository();

    /// <summary>../shared/data beside the checkout: the article and the editing traces.</summary>
    public static string SharedData { get; } = LocateSharedData();

    public static string Text { get; } = File.ReadAllText(Path.Combine(SharedData, "seed-article-ar.txt"));

    public static string[] Lines { get; } = Text.Split('\n');

    public static string Credit => Lines[0].Trim();

    public static string Headline => Lines[2].Trim().TrimEnd('–').Trim();

    private static string LocateSharedData()
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(shared)
            ? shared
            : throw new DirectoryNotFoundException(
                $"The tests read the shared test data (the Arabic seed article, the editing traces) from {shared}, beside the checkout.");
    }

    private static string LocateRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Newsroom.sln")))
            {
                return directory.FullName;
            }
        }

        throw new FileNotFoundException("Newsroom.sln was not found above the test binaries.");
    }
}
