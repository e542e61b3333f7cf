using System.Globalization;
using System.Text.Json.Nodes;
using Newsroom.Domain.Stories;

namespace Newsroom.Domain;

/// <summary>
/// A <see cref="Message"/> as JSON, keeping each argument's type: a number is a count, a string is text, an array is a
/// list of interface words, and an object says what it holds (<c>{"state":…}</c>, <c>{"time":…}</c>,
/// <c>{"names":[…]}</c>, or a nested message <c>{"code":…,"args":[…]}</c>). Revisions and notifications store their
/// messages so, and the API shows the same shape beside the rendered text.
/// </summary>
public static class MessageJson
{
    public static JsonObject ToJson(Message message) => new()
    {
        ["code"] = message.Code,
        ["args"] = Args(message),
    };

    public static JsonArray Args(Message message) => new(message.Args.Select(Write).ToArray());

    public static string Serialize(Message message) => ToJson(message).ToJsonString();

    public static Message Deserialize(string json) => Read(JsonNode.Parse(json)!.AsObject());

    private static JsonNode? Write(object argument) => argument switch
    {
        int n => JsonValue.Create(n),
        string text => JsonValue.Create(text),
        StoryState state => new JsonObject { ["state"] = state.ToString() },
        DateTimeOffset at => new JsonObject { ["time"] = at.ToString("O", CultureInfo.InvariantCulture) },
        NameList names => new JsonObject { ["names"] = new JsonArray(names.People.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()) },
        Message nested => ToJson(nested),
        IEnumerable<string> words => new JsonArray(words.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        _ => throw new ArgumentException($"A message argument cannot be a {argument.GetType().Name}.", nameof(argument)),
    };

    private static Message Read(JsonObject json) =>
        new((string)json["code"]!, json["args"]?.AsArray().Select(ReadArgument).ToArray() ?? []);

    private static object ReadArgument(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<int>(out var n) => n,
        JsonValue value => value.GetValue<string>(),
        JsonArray words => words.Select(w => (string)w!).ToArray(),
        JsonObject o when o["state"] is { } state => Enum.Parse<StoryState>((string)state!),
        JsonObject o when o["time"] is { } time => DateTimeOffset.Parse((string)time!, CultureInfo.InvariantCulture),
        JsonObject o when o["names"] is JsonArray names => new NameList(names.Select(p => (string)p!).ToArray()),
        JsonObject o => Read(o),
        _ => throw new FormatException("A message argument is missing."),
    };
}
