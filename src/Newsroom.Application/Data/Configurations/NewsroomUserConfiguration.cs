using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Newsroom.Application.Data.Configurations;

internal sealed class NewsroomUserConfiguration : IEntityTypeConfiguration<NewsroomUser>
{
    public const int MaxUserNameLength = 256;

    public void Configure(EntityTypeBuilder<NewsroomUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(NewsroomUser.MaxDisplayNameLength);
        builder.Property(u => u.Bio).HasMaxLength(NewsroomUser.MaxBioLength);
        builder.Property(u => u.InterfaceCulture).HasMaxLength(10);
        builder.Property(u => u.PasswordResetHash).HasMaxLength(64);
    }
}
