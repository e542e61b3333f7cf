using Newsroom.Testing;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// The load tool's shared versions of a text: every replacement, anywhere and across its chunks, gives what the same
/// replacement of a string gives, and leaves the version it was made from as it was.
/// </summary>
public sealed class PersistentTextTests
{
    [Fact]
    public void Each_version_reads_as_the_strings_it_stands_for_and_the_older_ones_stay_as_they_were()
    {
        var random = new Random(2031);
        for (var run = 0; run < 40; run++)
        {
            var expected = new string('.', random.Next(0, 5_000));
            var text = PersistentText.Of(expected);
            var older = new List<(PersistentText Text, string Expected)>();
            for (var step = 0; step < 400; step++)
            {
                var from = random.Next(0, expected.Length + 1);
                // Mostly a keystroke; now and then a paste or a cut long enough to span chunks.
                var to = random.Next(10) == 0 ? Math.Min(expected.Length, from + random.Next(0, 3_000)) : from + (random.Next(4) == 0 && from < expected.Length ? 1 : 0);
                var insert = random.Next(10) == 0 ? new string((char)('a' + random.Next(26)), random.Next(0, 2_500)) : "ب";
                if (random.Next(20) == 0)
                {
                    older.Add((text, expected));
                }

                text = text.Replace(from, to, insert);
                expected = string.Concat(expected.AsSpan(0, from), insert, expected.AsSpan(to));
                Assert.Equal(expected.Length, text.Length);
                if (expected.Length > 0)
                {
                    var at = random.Next(expected.Length);
                    Assert.Equal(expected[at], text[at]);
                }
            }

            Assert.Equal(expected, text.ToString());
            Assert.Equal(expected, string.Concat(Enumerable.Range(0, text.Length).Select(i => text[i])));
            Assert.All(older, o => Assert.Equal(o.Expected, o.Text.ToString()));
        }
    }

    [Fact]
    public void A_range_outside_the_text_is_refused()
    {
        var text = PersistentText.Of("abc");
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Replace(2, 4, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Replace(-1, 0, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => text[3]);
        Assert.Equal("abc", text.ToString());
    }
}
