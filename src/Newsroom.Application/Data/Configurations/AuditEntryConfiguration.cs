using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Newsroom.Domain.Auditing;

namespace Newsroom.Application.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.StoryId);

        builder.Property(a => a.UserName).HasMaxLength(NewsroomUserConfiguration.MaxUserNameLength);
        builder.Property(a => a.Command).HasMaxLength(100);
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Reason).HasMaxLength(AuditEntry.MaxReasonLength);
        builder.Property(a => a.FromState).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.ToState).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Details).HasMaxLength(AuditEntry.MaxDetailsLength);
        builder.Property(a => a.PreviousHash).HasMaxLength(AuditEntry.HashLength);
        builder.Property(a => a.Hash).HasMaxLength(AuditEntry.HashLength);
        // Two rows can never follow the same row: the chain stays one line even if a writer skipped the lock.
        builder.HasIndex(a => a.PreviousHash).IsUnique();
    }
}
