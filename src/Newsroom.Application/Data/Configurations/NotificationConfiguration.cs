using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).UseIdentityAlwaysColumn();
        // The bell asks "how many unread for me" on every page: keep that an index lookup.
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasOne<NewsroomUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Story>().WithMany().HasForeignKey(n => n.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
        builder.Property(n => n.Message).AsMessage();
    }
}
