using System.Text.Json;

namespace Newsroom.Load;

/// <summary>One random call: mostly malformed pushes of every kind, some other methods, some of the wrong shape.</summary>
public static class FuzzCall
{
    private static readonly string[] Shapes =
    [
        "\"text\"", "{}", "null", "[[]]", "[[\"a\"]]", "[1.5]", "[-3]", "[true]", "[[1, 2]]", "[{\"a\": 1}]", "[[\"x\", 5]]", "[[-1, \"x\"]]",
        "[2147483647, 2147483647, 7]", "[[2147483647], [2147483647], 7]", "[1000001]", "[[0, \"\\ud800\"]]",
    ];

    private static readonly string[] Fields = ["title", "", "BODY", "body ", "headline\u0000"];
    private static readonly int[] Versions = [-1, int.MaxValue, int.MinValue];
    private static readonly string?[] ClientIds = ["", new string('c', 100), null];
    private static readonly string[] Methods = ["Join", "Leave", "DropEverything", "OnConnectedAsync"];

    public static (string Method, object?[] Arguments) Make(Random random, Guid story, int version, int length, string caller)
    {
        var kind = random.Next(caller == "admin" ? 16 : 15);
        return kind switch
        {
            0 => Push(story, "body", version, Update("fuzz", Json(Shapes[random.Next(Shapes.Length)]))),
            1 => Push(story, "body", version, Update("fuzz", Json($"[{length + (random.Next(2) == 0 ? -1 : 1) * random.Next(1, 1000)}]"))),
            // A lone surrogate, escaped as JSON can carry it; then an insertion that would split a pair.
            2 => Push(story, "body", version, Update("fuzz", Json(random.Next(2) == 0 ? $"[[0, \"\\udc00x\"], {length}]" : $"[[0, \"\\ud83d\"], {length}]"))),
            3 => random.Next(40) == 0
                ? Push(story, "body", version, Update("fuzz", Json($"[[0, \"{new string('x', 1_200_000)}\"], {length}]")))
                : Push(story, "body", version, Update("fuzz", Json($"[[0, \"{new string('ب', 200_001)}\"], {length}]"))),
            4 => Push(Guid.NewGuid(), "body", 0, Update("fuzz", Json("[[0, \"x\"]]"))),
            5 => Push(story, Fields[random.Next(Fields.Length)], version, Update("fuzz", Json($"[{length}]"))),
            6 => Push(story, "body", random.Next(4) == 0 ? version + 1000 : Versions[random.Next(Versions.Length)], Update("fuzz", Json($"[{length}]"))),
            7 => Push(story, "body", version, [.. Enumerable.Range(0, 1001).Select(_ => Update("fuzz", Json($"[{length}]"))[0])]),
            8 => Push(story, "body", version, Update(ClientIds[random.Next(ClientIds.Length)], Json($"[[0, \"x\"], {length}]"))),
            9 => ("Push", [Json("\"not-a-guid\""), "body", version, Array.Empty<object>()]),
            10 => ("Push", [story, Json("{\"field\": 1}"), Json("\"seven\""), Json("{\"clientId\": \"x\"}")]),
            11 => ("Push", [story, "body"]),
            12 => ("Pull", [random.Next(2) == 0 ? Guid.NewGuid() : story, "body", random.Next(-5, version + 5)]),
            13 => ("SetSelection", [story, "body", random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue)]),
            14 => (Methods[random.Next(Methods.Length)], [random.Next(2) == 0 ? Guid.NewGuid() : story, "body"]),
            // The admin speaks for the real editor: a push of the right shape under someone else's client id.
            _ => Push(story, "body", version, Update("the-real-editor", Json($"[[0, \"spoof\"], {length}]"))),
        };
    }

    private static (string, object?[]) Push(Guid story, string field, int version, object[] updates) => ("Push", [story, field, version, updates]);

    private static object[] Update(string? clientId, JsonElement changes) => [new Dictionary<string, object?> { ["clientId"] = clientId, ["changes"] = changes }];

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;
}
