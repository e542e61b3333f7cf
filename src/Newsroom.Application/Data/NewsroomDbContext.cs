using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Dashboard;
using Newsroom.Domain.Publishing;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Data;

/// <remarks>
/// Add a migration from the repository root:
/// <code>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project src/Newsroom.Application --output-dir Data/Migrations</code>
/// The design-time factory beside this class means no database and no web host are needed for that.
/// </remarks>
public sealed class NewsroomDbContext(DbContextOptions<NewsroomDbContext> options)
    : IdentityDbContext<NewsroomUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Story> Stories => Set<Story>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<EditorialComment> Comments => Set<EditorialComment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<LiveTextCheckpoint> LiveTexts => Set<LiveTextCheckpoint>();

    public DbSet<LiveTextUpdate> LiveTextUpdates => Set<LiveTextUpdate>();

    public DbSet<DisplayLink> DisplayLinks => Set<DisplayLink>();

    public DbSet<BreakingNews> BreakingNews => Set<BreakingNews>();

    public DbSet<ReaderComment> ReaderComments => Set<ReaderComment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity names its tables AspNet*; lower-case names keep hand-written SQL free of quotes.
        builder.Entity<NewsroomUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.ApplyConfigurationsFromAssembly(typeof(NewsroomDbContext).Assembly);
    }
}
