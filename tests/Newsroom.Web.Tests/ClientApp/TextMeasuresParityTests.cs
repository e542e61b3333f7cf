using System.Text.Json;
using Newsroom.Domain.Text;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.ClientApp;

/// <summary>
/// The editor counts in the browser with ClientApp/src/text-measures.js; the server with Domain/Text/TextMeasures.cs.
/// Both run here (the script in Node, as the build already needs it) on the hand-counted cases and the seed article,
/// and must agree on every number.
/// </summary>
public sealed class TextMeasuresParityTests
{
    private static readonly string Script = Path.Combine(Readme.RepositoryRoot, "src", "Newsroom.Web", "ClientApp", "src", "text-measures.js");

    private static readonly string CasesFile = Path.Combine(Readme.RepositoryRoot, "tests", "Newsroom.Domain.Tests", "Text", "text-measure-cases.json");

    [Fact]
    public async Task The_editor_script_measures_the_shared_cases_as_counted_by_hand()
    {
        using var cases = JsonDocument.Parse(await File.ReadAllTextAsync(CasesFile));
        var texts = cases.RootElement.EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray();

        var measured = await MeasureInNodeAsync(texts);

        foreach (var (expected, actual) in cases.RootElement.EnumerateArray().Zip(measured))
        {
            foreach (var name in new[] { "words", "arabicWords", "characters", "charactersExcludingSpaces", "readingSeconds" })
            {
                Assert.True(expected.GetProperty(name).GetInt32() == actual.GetProperty(name).GetInt32(),
                    $"{expected.GetProperty("why").GetString()}: {name} is {actual.GetProperty(name)}, counted {expected.GetProperty(name)}");
            }
        }
    }

    [Fact]
    public async Task The_editor_script_and_the_server_agree_on_the_seed_article_and_each_of_its_lines()
    {
        var texts = SeedArticle.Lines.Prepend(SeedArticle.Text).ToArray();

        var measured = await MeasureInNodeAsync(texts);

        foreach (var (text, actual) in texts.Zip(measured))
        {
            var server = TextMeasures.Measure(text);
            Assert.Equal(
                (server.Words, server.ArabicWords, server.Characters, server.CharactersExcludingSpaces, (int)server.ReadingTime.TotalSeconds, server.ReadingMinutes),
                (actual.GetProperty("words").GetInt32(), actual.GetProperty("arabicWords").GetInt32(), actual.GetProperty("characters").GetInt32(),
                    actual.GetProperty("charactersExcludingSpaces").GetInt32(), actual.GetProperty("readingSeconds").GetInt32(), actual.GetProperty("readingMinutes").GetInt32()));
        }

        Assert.Equal(562, measured[0].GetProperty("words").GetInt32());
    }

    [Theory]
    [InlineData(100, null, "none")]
    [InlineData(89, 100, "under")]
    [InlineData(90, 100, "near")]
    [InlineData(101, 100, "over")]
    public async Task The_budget_status_is_the_same_on_both_sides(int words, int? budget, string status)
    {
        var output = await RunNodeAsync($"console.log(m.budgetStatus({words}, {(budget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}))", "");

        Assert.Equal(status, output.Trim());
        Assert.Equal(status, TextMeasures.Budget(words, budget).ToString().ToLowerInvariant());
    }

    private static async Task<JsonElement[]> MeasureInNodeAsync(string[] texts)
    {
        var output = await RunNodeAsync(
            "let input = ''; for await (const chunk of process.stdin) input += chunk; console.log(JSON.stringify(JSON.parse(input).map(m.measure)))",
            JsonSerializer.Serialize(texts));
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    private static Task<string> RunNodeAsync(string body, string stdin) =>
        NodeScript.RunAsync(["--input-type=module", "-e", $"const m = await import({JsonSerializer.Serialize(new Uri(Script).AbsoluteUri)}); {body}"], stdin);
}
