using System.Text.Json;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// The fast path for single-range changes (keystrokes) gives exactly what the generic port of <c>mapSet</c> gives,
/// which ChangeSetParityTests checks against the real library: every section and every inserted string.
/// </summary>
public sealed class ChangeAlgebraFastPathTests
{
    private static readonly string[] Inserts = ["", "x", "مَر", "😀", "\n", "ab\ncd"];

    [Fact]
    public void Mapping_one_keystroke_over_another_apart_from_it_is_the_generic_result_exactly()
    {
        var random = new Random(13);
        var taken = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var length = random.Next(0, 24);
            var a = RandomRange(random, length);
            var b = RandomRange(random, length);
            foreach (var makeSet in new[] { true, false })
            {
                if (ChangeAlgebra.MapApart(a, b, makeSet) is not { } fast)
                {
                    continue;
                }

                taken++;
                foreach (var before in new[] { true, false })
                {
                    var generic = ChangeAlgebra.MapSections(a, b, before, makeSet);
                    Assert.Equal(generic.Sections, fast.Sections);
                    if (makeSet)
                    {
                        Assert.Equal(((ChangeSet)generic).Inserted, ((ChangeSet)fast).Inserted);
                        Assert.Equal(JsonSerializer.Serialize((ChangeSet)generic), JsonSerializer.Serialize((ChangeSet)fast));
                    }
                }
            }
        }

        // Most pairs of ranges in a short document are apart; the rest went the generic way.
        Assert.InRange(taken, 20_000, 90_000);
    }

    [Fact]
    public void Touching_overlapping_and_several_ranges_take_the_generic_path()
    {
        var doc = ChangeSet.Replace(10, 4, 6, "x");
        Assert.Null(ChangeAlgebra.MapApart(doc, ChangeSet.Replace(10, 6, 6, "y"), makeSet: true));
        Assert.Null(ChangeAlgebra.MapApart(doc, ChangeSet.Replace(10, 2, 4, ""), makeSet: true));
        Assert.Null(ChangeAlgebra.MapApart(doc, ChangeSet.Replace(10, 5, 5, "y"), makeSet: true));
        var two = ChangeSet.Replace(10, 1, 1, "p").Compose(ChangeSet.Replace(11, 9, 9, "q"));
        Assert.Null(ChangeAlgebra.MapApart(two, ChangeSet.Replace(10, 5, 5, "y"), makeSet: true));
        Assert.NotNull(ChangeAlgebra.MapApart(doc, ChangeSet.Replace(10, 8, 9, "y"), makeSet: true));
    }

    private static ChangeSet RandomRange(Random random, int length)
    {
        var from = random.Next(0, length + 1);
        var to = random.Next(from, Math.Min(length, from + 3) + 1);
        var insert = Inserts[random.Next(Inserts.Length)];
        return ChangeSet.Replace(length, from, to, to == from && insert.Length == 0 ? "z" : insert);
    }
}
