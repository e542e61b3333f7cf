using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Newsroom.Application.Common.Behaviors;

/// <summary>
/// What an audit row says a command was asked to do: every simple argument of the request (on or off, times, ids,
/// roles, reasons), and of its result, read off the types so no command can forget to declare them. Secrets
/// (anything named like a password or token) are left out, and long text is cut, since the story keeps its own text.
/// </summary>
internal static class AuditArguments
{
    private const int MaxTextLength = 300;
    private const int MaxListLength = 50;

    public static JsonObject? Describe(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var described = new JsonObject();
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || IsSecret(property.Name))
            {
                continue;
            }

            if (TrySimple(property.GetValue(value), out var node))
            {
                described[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = node;
            }
        }

        return described.Count > 0 ? described : null;
    }

    private static bool IsSecret(string name) =>
        name.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("Token", StringComparison.OrdinalIgnoreCase);

    /// <returns>False when the value is not a simple one (nested objects are not arguments that matter).</returns>
    internal static bool TrySimple(object? value, out JsonNode? node)
    {
        node = value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            int or long or short or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            Guid id => JsonValue.Create(id.ToString()),
            DateTimeOffset at => JsonValue.Create(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            TimeSpan span => JsonValue.Create(span.ToString("c", CultureInfo.InvariantCulture)),
            Enum e => JsonValue.Create(e.ToString()),
            string text => JsonValue.Create(text.Length > MaxTextLength ? $"{text[..MaxTextLength]}… ({text.Length} characters)" : text),
            IEnumerable list when list.Cast<object?>().ToList() is var items && items.All(i => i is Guid or string or int or Enum) =>
                new JsonArray([.. items.Take(MaxListLength).Select(i => TrySimple(i, out var item) ? item : null)]),
            _ => Unsupported,
        };
        if (ReferenceEquals(node, Unsupported))
        {
            node = null;
            return false;
        }

        return true;
    }

    private static readonly JsonNode Unsupported = new JsonObject();
}
