using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

public sealed class TextBufferTests
{
    [Fact]
    public void Applying_a_change_to_a_text_buffer_gives_what_applying_it_to_the_string_gives()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Collab", "changeset-cases.json")))
            .RootElement.GetProperty("apply").EnumerateArray();

        foreach (var c in cases)
        {
            var changes = ChangeSet.FromJson(c.GetProperty("changes"));
            var text = new TextBuffer(c.GetProperty("doc").GetString()!);
            changes.ApplyTo(text);
            Assert.Equal(c.GetProperty("result").GetString(), text.ToString());
        }
    }

    [Fact]
    public void Twenty_thousand_keystrokes_anywhere_in_a_long_text_stay_exact()
    {
        var random = new Random(7);
        string[] typed = ["ا", "ل", "ُ", " ", "e", "\n", "😀", "ـ"];
        var text = new string('x', 40_000);
        var buffer = new TextBuffer(text);

        for (var i = 0; i < 20_000; i++)
        {
            var at = random.Next(text.Length + 1);
            var change = random.Next(4) == 0 && at < text.Length
                ? ChangeSet.Replace(text.Length, at, Math.Min(text.Length, at + random.Next(1, 3)), "")
                : ChangeSet.Replace(text.Length, at, at, typed[random.Next(typed.Length)]);
            text = change.Apply(text);
            change.ApplyTo(buffer);
        }

        Assert.Equal(text, buffer.ToString());
        Assert.Equal(text.Length, buffer.Length);
        Assert.Equal(text[33_333], buffer[33_333]);
        Assert.Equal(text[^1], buffer[text.Length - 1]);
    }

    [Theory]
    [InlineData("[2147483647, 2147483647, 7]")]
    [InlineData("[[2147483647], [2147483647], 7]")]
    [InlineData("[1000001]")]
    public void Lengths_that_would_overflow_or_exceed_any_text_are_refused(string json) =>
        Assert.Throws<FormatException>(() => ChangeSet.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void A_text_typed_from_empty_grows_and_a_change_of_the_wrong_length_is_refused()
    {
        var buffer = new TextBuffer("");
        for (var i = 0; i < 5_000; i++)
        {
            ChangeSet.Replace(buffer.Length, buffer.Length, buffer.Length, "نص ").ApplyTo(buffer);
        }

        Assert.Equal(string.Concat(Enumerable.Repeat("نص ", 5_000)), buffer.ToString());
        Assert.Throws<ArgumentException>(() => ChangeSet.Replace(3, 0, 1, "").ApplyTo(buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer[buffer.Length]);
        Assert.Equal(15_000, buffer.Length);
    }

    [Fact]
    public void Changes_made_while_tracking_can_be_taken_back_and_kept_ones_stay()
    {
        var buffer = new TextBuffer("قال المتحدث إن الطريق سيفتح");
        buffer.Track();
        ChangeSet.Replace(buffer.Length, 4, 11, "الوزير").ApplyTo(buffer);
        ChangeSet.Replace(buffer.Length, 0, 0, "» ").ApplyTo(buffer);
        buffer.Undo();
        Assert.Equal("قال المتحدث إن الطريق سيفتح", buffer.ToString());

        buffer.Track();
        ChangeSet.Replace(buffer.Length, buffer.Length, buffer.Length, " غدا").ApplyTo(buffer);
        buffer.Keep();
        Assert.Equal("قال المتحدث إن الطريق سيفتح غدا", buffer.ToString());
        Assert.Throws<InvalidOperationException>(buffer.Undo);
    }
}
