using System.Globalization;

namespace Newsroom.Load;

/// <summary>
/// One random call, as raw SignalR JSON: mostly malformed pushes of every kind (wrong shapes, wrong lengths, lone
/// surrogates, huge payloads, unknown stories and fields, bad versions and client ids), the other methods with bad
/// arguments, wrong argument types and counts, unknown methods, and now and then a frame that is not JSON at all.
/// </summary>
public static class FuzzCall
{
    private static readonly string[] Shapes =
    [
        "\"text\"", "{}", "null", "[[]]", "[[\"a\"]]", "[1.5]", "[-3]", "[true]", "[[1, 2]]", "[{\"a\": 1}]", "[[\"x\", 5]]", "[[-1, \"x\"]]",
        "[2147483647, 2147483647, 7]", "[[2147483647], [2147483647], 7]", "[1000001]", "[99999999999999999999]",
    ];

    private static readonly string[] Fields = ["\"title\"", "\"\"", "\"BODY\"", "\"body \"", "\"headline\\u0000\"", "null", "7"];
    private static readonly string[] Versions = ["-1", "2147483647", "-2147483648", "1e10", "\"3\"", "null"];
    private static readonly string[] ClientIds = ["\"\"", $"\"{new string('c', 100)}\"", "null", "12", "\"\\ud800\""];
    private static readonly string[] Methods = ["Join", "Leave", "DropEverything", "OnConnectedAsync", "Push", "pull"];

    public static (string Method, string Arguments) Make(Random random, Guid story, int version, int length, string caller)
    {
        var s = $"\"{story}\"";
        var v = version.ToString(CultureInfo.InvariantCulture);
        var kind = random.Next(caller == "admin" ? 17 : 16);
        return kind switch
        {
            0 => Push(s, v, Update("fuzz", Shapes[random.Next(Shapes.Length)])),
            1 => Push(s, v, Update("fuzz", $"[{length + ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 1000))}]")),
            // A lone low surrogate, then a high one with nothing after it: each would split a character.
            2 => Push(s, v, Update("fuzz", random.Next(2) == 0 ? $"[[0, \"\\udc00x\"], {length}]" : $"[[0, \"a\\ud83d\"], {length}]")),
            // Huge payloads are few, or the run would measure JSON parsing: over the message limit, then over the push limit.
            3 => random.Next(400) == 0
                ? Push(s, v, Update("fuzz", $"[[0, \"{new string('x', 1_200_000)}\"], {length}]"))
                : random.Next(20) == 0
                    ? Push(s, v, Update("fuzz", $"[[0, \"{new string('ب', 200_001)}\"], {length}]"))
                    : Push(s, v, Update("fuzz", $"[[0, \"{new string('ب', random.Next(1, 3000))}\"], {length + random.Next(1, 50)}]")),
            4 => Push($"\"{Guid.NewGuid()}\"", "0", Update("fuzz", "[[0, \"x\"]]")),
            5 => ("Push", $"[{s}, {Fields[random.Next(Fields.Length)]}, {v}, {Update("fuzz", $"[{length}]")}]"),
            6 => Push(s, random.Next(4) == 0 ? (version + 1000).ToString(CultureInfo.InvariantCulture) : Versions[random.Next(Versions.Length)], Update("fuzz", $"[{length}]")),
            7 => Push(s, v, $"[{string.Join(',', Enumerable.Repeat(UpdateObject("fuzz", $"[{length}]"), 1001))}]"),
            8 => Push(s, v, $"[{{\"clientId\": {ClientIds[random.Next(ClientIds.Length)]}, \"changes\": [[0, \"x\"], {length}]}}]"),
            9 => ("Push", $"[\"not-a-guid\", \"body\", {v}, []]"),
            10 => ("Push", $"[{s}, {{\"field\": 1}}, \"seven\", {{\"clientId\": \"x\"}}]"),
            11 => ("Push", $"[{s}, \"body\"]"),
            12 => ("Pull", $"[{(random.Next(2) == 0 ? $"\"{Guid.NewGuid()}\"" : s)}, \"body\", {random.Next(-5, version + 5)}]"),
            13 => ("SetSelection", $"[{s}, \"body\", {random.Next(int.MinValue, int.MaxValue)}, {random.Next(int.MinValue, int.MaxValue)}]"),
            14 => (Methods[random.Next(Methods.Length)], $"[{(random.Next(2) == 0 ? $"\"{Guid.NewGuid()}\"" : s)}, \"body\"]"),
            // Not JSON: the server drops the connection, as it must.
            15 => random.Next(20) == 0 ? ("Push", "[\"unterminated") : ("Pull", $"[{s}, \"body\", {v}]"),
            // The admin speaks for the real editor: a push of the right shape under someone else's client id.
            _ => Push(s, v, Update("the-real-editor", $"[[0, \"spoof\"], {length}]")),
        };
    }

    private static (string, string) Push(string story, string version, string updates) => ("Push", $"[{story}, \"body\", {version}, {updates}]");

    private static string Update(string clientId, string changes) => $"[{UpdateObject(clientId, changes)}]";

    private static string UpdateObject(string clientId, string changes) => $"{{\"clientId\": \"{clientId}\", \"changes\": {changes}}}";
}
