using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> builder)
    {
        builder.ToTable("stories");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.State);

        builder.Property(s => s.Slug).HasMaxLength(Story.MaxSlugLength);
        builder.Property(s => s.Language)
            .HasConversion(l => l.Code(), code => StoryLanguages.Parse(code))
            .HasMaxLength(8);
        builder.Property(s => s.Desk).HasMaxLength(Story.MaxDeskLength);
        builder.Property(s => s.Headline).HasMaxLength(Story.MaxHeadlineLength);
        builder.Property(s => s.Standfirst).HasMaxLength(Story.MaxStandfirstLength);
        builder.Property(s => s.Body).HasMaxLength(Story.MaxBodyLength);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Tags);
        builder.Property(s => s.Version).IsRowVersion();

        builder.ComplexProperty(s => s.LeadImage, image =>
        {
            image.Property(i => i.Url).HasColumnName("lead_image_url").HasMaxLength(2_000);
            image.Property(i => i.Caption).HasColumnName("lead_image_caption").HasMaxLength(1_000);
            image.Property(i => i.Credit).HasColumnName("lead_image_credit").HasMaxLength(200);
        });

        builder.OwnsMany(s => s.Bylines, byline =>
        {
            byline.ToTable("story_bylines");
            byline.WithOwner().HasForeignKey("StoryId");
            byline.HasKey("StoryId", nameof(Byline.UserId));
            byline.HasOne<NewsroomUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(s => s.Bylines).HasField("_bylines");

        builder.Property(s => s.AssignedReporterIds);
        builder.HasIndex(s => s.ReviewerId);
        // Corrections are only ever read with their story: one JSON column, no join.
        builder.OwnsMany(s => s.Corrections, correction => correction.ToJson());
        builder.Navigation(s => s.Corrections).HasField("_corrections");
    }
}
