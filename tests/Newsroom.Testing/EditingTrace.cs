using System.IO.Compression;
using System.Text.Json;

namespace Newsroom.Testing;

/// <summary>
/// A real typing history from ../shared/data/editing-traces (josephg/editing-traces, CC BY 4.0): patches
/// <c>[pos, deleted, inserted]</c> applied splice-style, one after another, ending in <see cref="EndContent"/>.
/// </summary>
public sealed record EditingTrace(string Name, string StartContent, string EndContent, IReadOnlyList<(int Pos, int Deleted, string Inserted)> Patches)
{
    public static IReadOnlyList<string> Names { get; } =
        ["automerge-paper", "seph-blog1", "rustcode", "sveltecomponent", "clownschool_flat", "friendsforever_flat", "json-crdt-patch"];

    /// <summary>
    /// The text after the first <paramref name="edits"/> patches, spliced in turn into the start with plain string
    /// operations, so a check against it does not lean on the change algebra it checks.
    /// </summary>
    public string TextAfter(int edits)
    {
        if (edits == Patches.Count)
        {
            return EndContent;
        }

        var text = new System.Text.StringBuilder(StartContent);
        foreach (var (pos, deleted, inserted) in Patches.Take(edits))
        {
            text.Remove(pos, deleted).Insert(pos, inserted);
        }

        return text.ToString();
    }

    public static EditingTrace Load(string name)
    {
        var path = Path.Combine(SeedArticle.SharedData, "editing-traces", "josephg-editing-traces", "sequential_traces", $"{name}.json.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var patches = new List<(int, int, string)>();
        foreach (var txn in json.RootElement.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                patches.Add((patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!));
            }
        }

        return new EditingTrace(
            name, json.RootElement.GetProperty("startContent").GetString()!, json.RootElement.GetProperty("endContent").GetString()!, patches);
    }
}
