using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Data.Configurations;

/// <summary>
/// A revision's authorship stored as <c>jsonb</c>: <c>{"body": [{"length": 12, "value": "author id"}, …]}</c>, the
/// runs as the live text's checkpoint keeps them.
/// </summary>
internal static class AuthorshipColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ValueConverter<IReadOnlyDictionary<string, IReadOnlyList<Run<string>>>?, string> Converter = new(
        a => JsonSerializer.Serialize(a, Json),
        json => JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<Run<string>>>>(json, Json));

    // Kept once and never changed in place; two are the same when they serialize the same.
    private static readonly ValueComparer<IReadOnlyDictionary<string, IReadOnlyList<Run<string>>>?> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        a => JsonSerializer.Serialize(a, Json).GetHashCode(StringComparison.Ordinal),
        a => a);

    public static PropertyBuilder<IReadOnlyDictionary<string, IReadOnlyList<Run<string>>>?> AsAuthorship(
        this PropertyBuilder<IReadOnlyDictionary<string, IReadOnlyList<Run<string>>>?> property) =>
        property.HasConversion(Converter, Comparer).HasColumnType("jsonb");
}
