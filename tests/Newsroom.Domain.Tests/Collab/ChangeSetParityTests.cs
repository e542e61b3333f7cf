using System.Text.Json;
using System.Text.Json.Nodes;
using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Tests.Collab;

/// <summary>
/// The C# change algebra against cases generated with the real @codemirror/state and @codemirror/collab
/// (tools/changeset-cases): Arabic with diacritics, emoji surrogate pairs, line breaks, deletes across inserts.
/// Every JSON must match to the character, every position to the code unit.
/// </summary>
public sealed class ChangeSetParityTests
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Collab", "changeset-cases.json"))).RootElement;

    [Fact]
    public void Applying_gives_the_same_text()
    {
        foreach (var c in Each("apply"))
        {
            var changes = ChangeSet.FromJson(c.GetProperty("changes"));
            Assert.Equal(c.GetProperty("result").GetString(), changes.Apply(c.GetProperty("doc").GetString()!));
            AssertSameJson(c.GetProperty("changes"), changes);
        }
    }

    [Fact]
    public void Composing_gives_the_same_change_set()
    {
        foreach (var c in Each("compose"))
        {
            var composed = ChangeSet.FromJson(c.GetProperty("a")).Compose(ChangeSet.FromJson(c.GetProperty("b")));
            AssertSameJson(c.GetProperty("composed"), composed);
            Assert.Equal(c.GetProperty("result").GetString(), composed.Apply(c.GetProperty("doc").GetString()!));
        }
    }

    [Fact]
    public void Mapping_gives_the_same_change_set_both_ways_and_converges()
    {
        foreach (var c in Each("map"))
        {
            var a = ChangeSet.FromJson(c.GetProperty("a"));
            var b = ChangeSet.FromJson(c.GetProperty("b"));
            var mapped = a.Map(b);
            AssertSameJson(c.GetProperty("mapped"), mapped);
            AssertSameJson(c.GetProperty("mappedBefore"), a.Map(b, before: true));
            Assert.Equal(c.GetProperty("converged").GetString(), b.Compose(mapped).Apply(c.GetProperty("doc").GetString()!));
        }
    }

    [Fact]
    public void Positions_map_to_the_same_place_with_every_association_and_mode()
    {
        var checkedPositions = 0;
        foreach (var c in Each("mapPos"))
        {
            var changes = ChangeSet.FromJson(c.GetProperty("changes"));
            foreach (var p in c.GetProperty("positions").EnumerateArray())
            {
                var expected = p[3].ValueKind == JsonValueKind.Null ? (int?)null : p[3].GetInt32();
                Assert.Equal(expected, changes.MapPos(p[0].GetInt32(), p[1].GetInt32(), (MapMode)p[2].GetInt32()));
                checkedPositions++;
            }
        }

        Assert.Equal(1_800, checkedPositions);
    }

    [Fact]
    public void Rebasing_a_push_gives_the_same_updates_as_the_collab_package()
    {
        foreach (var c in Each("rebase"))
        {
            AssertSameUpdates(c.GetProperty("rebased"), Rebase.RebaseUpdates(Updates(c.GetProperty("updates")), Updates(c.GetProperty("over"))));
        }
    }

    [Fact]
    public void Rebasing_a_push_one_update_at_a_time_gives_what_the_collab_package_gives_that_way()
    {
        foreach (var c in Each("rebaseOneByOne"))
        {
            AssertSameUpdates(c.GetProperty("rebased"), Rebase.RebaseOneByOne(Updates(c.GetProperty("updates")), Updates(c.GetProperty("over"))));
        }
    }

    [Fact]
    public void Taking_in_updates_one_at_a_time_gives_the_editors_text_and_unconfirmed_updates()
    {
        foreach (var c in Each("receiveOneByOne"))
        {
            var received = Rebase.ReceiveOneByOne(Updates(c.GetProperty("unconfirmed")), Updates(c.GetProperty("updates")));
            var doc = c.GetProperty("doc").GetString()!;
            Assert.Equal(c.GetProperty("result").GetString(), received.Changes?.Apply(doc) ?? doc);
            AssertSameUpdates(c.GetProperty("remaining"), received.Unconfirmed);
        }
    }

    private static void AssertSameUpdates(JsonElement expected, IReadOnlyList<Update> actual)
    {
        var want = expected.EnumerateArray().ToList();
        Assert.Equal(want.Count, actual.Count);
        foreach (var (w, got) in want.Zip(actual))
        {
            Assert.Equal(w.GetProperty("clientId").GetString(), got.ClientId);
            AssertSameJson(w.GetProperty("changes"), got.Changes);
        }
    }

    [Fact]
    public void A_change_set_read_and_written_by_the_serializer_is_its_toJSON()
    {
        foreach (var c in Each("apply"))
        {
            var read = JsonSerializer.Deserialize<ChangeSet>(c.GetProperty("changes").GetRawText())!;
            AssertSameJson(c.GetProperty("changes"), read);
            Assert.Equal(c.GetProperty("result").GetString(), read.Apply(c.GetProperty("doc").GetString()!));
        }

        var malformed = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ChangeSet>("[3,[\"x\"]]"));
        Assert.Contains("neither a length nor", malformed.Message, StringComparison.Ordinal);
    }

    // Compared as JSON values, not text: the two serializers escape non-ASCII differently.
    private static void AssertSameJson(JsonElement expected, ChangeSet actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonSerializer.SerializeToNode(actual)),
            $"expected {expected.GetRawText()}, got {actual.ToJsonString()}");

    private static List<JsonElement> Each(string kind)
    {
        var cases = Cases.GetProperty(kind).EnumerateArray().ToList();
        Assert.True(cases.Count >= 300, $"expected the generated {kind} cases");
        return cases;
    }

    private static List<Update> Updates(JsonElement json) =>
        json.EnumerateArray()
            .Select(u => new Update(u.GetProperty("clientId").GetString()!, ChangeSet.FromJson(u.GetProperty("changes"))))
            .ToList();
}
