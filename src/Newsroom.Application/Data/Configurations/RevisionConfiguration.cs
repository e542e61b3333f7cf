using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data.Configurations;

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.ToTable("revisions");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.StoryId, r.Number }).IsUnique();
        builder.HasOne<Story>().WithMany().HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(r => r.Name).HasMaxLength(Revision.MaxNameLength);
        builder.Property(r => r.GeneratedName).AsMessage();
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Headline).HasMaxLength(Story.MaxHeadlineLength);
        builder.Property(r => r.Standfirst).HasMaxLength(Story.MaxStandfirstLength);
        builder.Property(r => r.Body).HasMaxLength(Story.MaxBodyLength);
        builder.Property(r => r.Tags);
        builder.Property(r => r.Authorship).AsAuthorship();
        builder.ComplexProperty(r => r.LeadImage, image =>
        {
            image.Property(i => i.Url).HasColumnName("lead_image_url").HasMaxLength(2_000);
            image.Property(i => i.Caption).HasColumnName("lead_image_caption").HasMaxLength(1_000);
            image.Property(i => i.Credit).HasColumnName("lead_image_credit").HasMaxLength(200);
        });
    }
}
