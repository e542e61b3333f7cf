using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Publishing;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class ReaderCommentConfiguration : IEntityTypeConfiguration<ReaderComment>
{
    public void Configure(EntityTypeBuilder<ReaderComment> builder)
    {
        builder.ToTable("reader_comments");
        builder.HasKey(c => c.Id);
        builder.HasOne<Story>().WithMany().HasForeignKey(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.AuthorName).HasMaxLength(ReaderComment.MaxNameLength);
        builder.Property(c => c.Email).HasMaxLength(ReaderComment.MaxEmailLength);
        builder.Property(c => c.Body).HasMaxLength(ReaderComment.MaxBodyLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        // The article shows its approved comments; the moderation page lists what is held.
        builder.HasIndex(c => new { c.StoryId, c.Status });
        builder.HasIndex(c => c.Status);
    }
}
