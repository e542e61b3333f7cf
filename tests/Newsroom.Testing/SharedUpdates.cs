using System.Text.Json;
using System.Text.Json.Serialization;
using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// The updates of one <c>Updates</c> broadcast as a client in this process takes them in. Every client of a text
/// receives the same bytes; the load tool runs hundreds of clients, and parsing each broadcast into a JSON document
/// per client was most of what remained of its CPU once taking the updates in was cheap. So each client only reads
/// the broadcast's tokens to fingerprint them, and the first to meet that content parses it (change sets are
/// immutable: all share the result). <see cref="HubTextClient.JoinAsync"/> reads broadcasts so when asked to.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class SharedUpdates(IReadOnlyList<Update> updates)
{
    private static readonly RecentCache<(ulong Hash, long Bytes), IReadOnlyList<Update>> Parsed = new();

    public IReadOnlyList<Update> Updates { get; } = updates;

    /// <summary>
    /// Reads a broadcast's updates: the fingerprint (FNV-1a over every token's kind and bytes, and their total length)
    /// names the content, not where it came from, so identical content parses to identical updates either way.
    /// </summary>
    public sealed class Converter : JsonConverter<SharedUpdates>
    {
        public override SharedUpdates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A broadcast's updates are a batch object.");
            }

            // A copy of the reader is a second cursor over the same bytes: parsing starts from it only when needed.
            var start = reader;
            var depth = reader.CurrentDepth;
            var hash = 14695981039346656037UL;
            var bytes = 0L;
            do
            {
                hash = (hash ^ (byte)reader.TokenType) * 1099511628211UL;
                if (reader.HasValueSequence)
                {
                    foreach (var segment in reader.ValueSequence)
                    {
                        hash = Mix(hash, segment.Span);
                        bytes += segment.Length;
                    }
                }
                else
                {
                    hash = Mix(hash, reader.ValueSpan);
                    bytes += reader.ValueSpan.Length;
                }
            }
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth));

            if (Parsed.TryGetValue((hash, bytes), out var updates))
            {
                return new SharedUpdates(updates);
            }

            updates = HubTextClient.Parse(JsonElement.ParseValue(ref start));
            Parsed.Set((hash, bytes), updates);
            return new SharedUpdates(updates);
        }

        public override void Write(Utf8JsonWriter writer, SharedUpdates value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Broadcasts are only received.");

        private static ulong Mix(ulong hash, ReadOnlySpan<byte> span)
        {
            foreach (var b in span)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            return hash;
        }
    }
}
