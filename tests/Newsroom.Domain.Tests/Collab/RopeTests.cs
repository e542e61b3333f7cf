using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

public sealed class RopeTests
{
    [Fact]
    public void Applying_a_change_to_a_rope_gives_what_applying_it_to_the_string_gives()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Collab", "changeset-cases.json")))
            .RootElement.GetProperty("apply").EnumerateArray();

        foreach (var c in cases)
        {
            var changes = ChangeSet.FromJson(c.GetProperty("changes"));
            Assert.Equal(c.GetProperty("result").GetString(), changes.Apply(Rope.From(c.GetProperty("doc").GetString()!)).ToString());
        }
    }

    [Fact]
    public void Twenty_thousand_keystrokes_into_a_long_text_stay_exact_and_keep_the_tree_shallow()
    {
        var random = new Random(7);
        string[] typed = ["ا", "ل", "ُ", " ", "e", "\n", "😀", "ـ"];
        var text = new string('x', 40_000);
        var rope = Rope.From(text);

        for (var i = 0; i < 20_000; i++)
        {
            var at = random.Next(text.Length + 1);
            var change = random.Next(4) == 0 && at < text.Length
                ? ChangeSet.Replace(text.Length, at, Math.Min(text.Length, at + random.Next(1, 3)), "")
                : ChangeSet.Replace(text.Length, at, at, typed[random.Next(typed.Length)]);
            text = change.Apply(text);
            rope = change.Apply(rope);
        }

        Assert.Equal(text, rope.ToString());
        Assert.Equal(text.Length, rope.Length);
        Assert.InRange(rope.Depth, 1, 48);
        Assert.Equal(text[33_333], rope[33_333]);
    }

    [Theory]
    [InlineData("[2147483647, 2147483647, 7]")]
    [InlineData("[[2147483647], [2147483647], 7]")]
    [InlineData("[1000001]")]
    public void Lengths_that_would_overflow_or_exceed_any_text_are_refused(string json) =>
        Assert.Throws<FormatException>(() => ChangeSet.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void A_slice_of_whole_chunks_shares_them()
    {
        var rope = Rope.From(new string('a', 10_000) + new string('b', 10_000));

        Assert.Equal(new string('b', 10_000), rope.Slice(10_000, 20_000).ToString());
        Assert.Same(rope, rope.Slice(0, rope.Length));
        Assert.Equal("ab", rope.Slice(9_999, 10_001).ToString());
    }
}
