using System.Text.Json;
using System.Text.Json.Serialization;

namespace Newsroom.Domain.Collab;

/// <summary>
/// A <see cref="ChangeSet"/> in JSON is exactly CodeMirror's <c>ChangeSet.toJSON()</c>, wherever it is serialized:
/// written by <see cref="ChangeSet.WriteJson"/>, read by <see cref="ChangeSet.FromJson"/> (a malformed one is a
/// <see cref="JsonException"/> saying what was wrong).
/// </summary>
public sealed class ChangeSetJsonConverter : JsonConverter<ChangeSet>
{
    public override ChangeSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = JsonElement.ParseValue(ref reader);
        try
        {
            return ChangeSet.FromJson(json);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ChangeSet value, JsonSerializerOptions options) => value.WriteJson(writer);
}
