using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Dashboard;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class DisplayLinkConfiguration : IEntityTypeConfiguration<DisplayLink>
{
    public void Configure(EntityTypeBuilder<DisplayLink> builder)
    {
        builder.ToTable("display_links");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(DisplayLink.MaxNameLength);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.Desk).HasMaxLength(Story.MaxDeskLength);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasOne<NewsroomUser>().WithMany().HasForeignKey(l => l.CreatedBy).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BreakingNewsConfiguration : IEntityTypeConfiguration<BreakingNews>
{
    public void Configure(EntityTypeBuilder<BreakingNews> builder)
    {
        builder.ToTable("breaking_news");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Text).HasMaxLength(BreakingNews.MaxTextLength);
        // At most one banner is up: the database enforces it, whatever two editors do at once.
        builder.HasIndex(b => b.ClearedAt).IsUnique().AreNullsDistinct(false).HasFilter("cleared_at IS NULL");
    }
}
