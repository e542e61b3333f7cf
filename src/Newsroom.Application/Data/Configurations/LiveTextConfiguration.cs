using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class LiveTextCheckpointConfiguration : IEntityTypeConfiguration<LiveTextCheckpoint>
{
    public void Configure(EntityTypeBuilder<LiveTextCheckpoint> builder)
    {
        builder.ToTable("live_texts");
        builder.HasKey(t => new { t.StoryId, t.Field });
        builder.Property(t => t.Field).HasMaxLength(16);
        builder.Property(t => t.Tracked).HasColumnType("jsonb");
        builder.HasOne<Story>().WithMany().HasForeignKey(t => t.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LiveTextUpdateConfiguration : IEntityTypeConfiguration<LiveTextUpdate>
{
    public void Configure(EntityTypeBuilder<LiveTextUpdate> builder)
    {
        // The key is the sequencer: two instances racing for the same next version cannot both insert it.
        builder.ToTable("live_text_updates");
        builder.HasKey(u => new { u.StoryId, u.Field, u.Version });
        builder.Property(u => u.Field).HasMaxLength(16);
        builder.Property(u => u.ClientId).HasMaxLength(PushLimits.MaxClientIdLength);
        builder.Property(u => u.Changes).HasColumnType("jsonb");
        builder.Property(u => u.Tracking).HasColumnType("jsonb");
        builder.HasOne<Story>().WithMany().HasForeignKey(u => u.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
