using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class EditorialCommentConfiguration : IEntityTypeConfiguration<EditorialComment>
{
    public void Configure(EntityTypeBuilder<EditorialComment> builder)
    {
        builder.ToTable("editorial_comments");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.StoryId, c.CreatedAt });
        builder.HasOne<Story>().WithMany().HasForeignKey(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EditorialComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NewsroomUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Body).HasMaxLength(EditorialComment.MaxBodyLength);
        builder.Property(c => c.AnchorField).HasMaxLength(16);
        builder.Ignore(c => c.Anchor);
    }
}
