using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Newsroom.Domain;

namespace Newsroom.Application.Data.Configurations;

/// <summary>A <see cref="Message"/> stored as <c>jsonb</c> in the shape of <see cref="MessageJson"/>, its arguments' types kept.</summary>
internal static class MessageColumn
{
    private static readonly ValueConverter<Message?, string> Converter =
        new(m => MessageJson.Serialize(m!), json => MessageJson.Deserialize(json));

    // A record compares its argument list by reference; two messages are the same when they serialize the same.
    private static readonly ValueComparer<Message?> Comparer = new(
        (a, b) => a == null ? b == null : b != null && MessageJson.Serialize(a) == MessageJson.Serialize(b),
        m => m == null ? 0 : MessageJson.Serialize(m).GetHashCode(StringComparison.Ordinal),
        m => m);

    public static PropertyBuilder<Message?> AsMessage(this PropertyBuilder<Message?> property) =>
        property.HasConversion(Converter, Comparer).HasColumnType("jsonb");
}
