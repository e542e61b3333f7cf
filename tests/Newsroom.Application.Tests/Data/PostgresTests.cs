using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Stories;
using Newsroom.Testing;
using Npgsql;

namespace Newsroom.Application.Tests.Data;

public sealed class PostgresTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task The_tests_talk_to_a_real_PostgreSQL_server()
    {
        await using var db = App.Database.CreateContext();
        var version = await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync();

        Assert.StartsWith("PostgreSQL ", version, StringComparison.Ordinal);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }

    [Fact]
    public async Task Every_migration_is_applied_and_the_model_matches_them()
    {
        await using var db = App.Database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Model.GetEntityTypes().Any(t => t.GetTableName()?.Any(char.IsUpper) == true),
            "table names are lower case");
        Assert.False(db.Database.HasPendingModelChanges(), "run dotnet ef migrations add: the model has changed");
    }

    [Fact]
    public async Task A_story_round_trips_every_field_including_Arabic_text_exactly()
    {
        var author = await App.CreateUserAsync(Domain.Users.Roles.Reporter, "Layla Haddad");
        var draft = new NewStory(
            "kremlin-call", StoryLanguage.Arabic, "World", SeedArticle.Headline,
            Standfirst: SeedArticle.Lines[4], Body: SeedArticle.Text,
            LeadImage: new LeadImage("https://images.example.org/call.jpg", "الكرملين", SeedArticle.Credit),
            Tags: ["روسيا", "الولايات المتحدة"], WordBudget: 900,
            Deadline: new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));
        var (story, revision) = Story.Create(draft, author.Id, author.DisplayName, DateTimeOffset.UtcNow);
        await using (var db = App.Database.CreateContext())
        {
            db.Stories.Add(story);
            db.Revisions.Add(revision);
            await db.SaveChangesAsync();
        }

        await using var read = App.Database.CreateContext();
        var loaded = await read.Stories.SingleAsync(s => s.Id == story.Id);
        Assert.Equal(SeedArticle.Text, loaded.Body);
        Assert.Equal(SeedArticle.Headline, loaded.Headline);
        Assert.Equal(StoryLanguage.Arabic, loaded.Language);
        Assert.Equal("gettyimages 2230342714", loaded.LeadImage.Credit);
        Assert.Equal(["روسيا", "الولايات المتحدة"], loaded.Tags);
        Assert.Equal([new Byline(author.Id, 0)], loaded.Bylines);
        Assert.NotEqual(0u, loaded.Version);
        var storedRevision = await read.Revisions.SingleAsync(r => r.StoryId == story.Id);
        Assert.Equal((1, SeedArticle.Text), (storedRevision.Number, storedRevision.Body));
    }

    [Fact]
    public async Task A_slug_is_unique_in_the_database_itself()
    {
        var author = await App.CreateUserAsync(Domain.Users.Roles.Reporter, "Tom Becker");
        await using var db = App.Database.CreateContext();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (story, _) = Story.Create(new NewStory("same-slug", StoryLanguage.English, "City", "Twice"), author.Id, "Tom", DateTimeOffset.UtcNow);
            db.Stories.Add(story);
        }

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(failure.InnerException).SqlState);
    }

    [Fact]
    public async Task Demo_data_seeds_four_accounts_and_an_Arabic_and_an_English_story_once()
    {
        await DatabaseInitializer.InitializeAsync(App.Services, seedDemoData: true);
        await DatabaseInitializer.InitializeAsync(App.Services, seedDemoData: true);

        await using var db = App.Database.CreateContext();
        Assert.Equal(DemoData.Accounts.Count, await db.Users.CountAsync());
        var languages = await db.Stories.Select(s => s.Language).ToListAsync();
        Assert.Equal([StoryLanguage.English, StoryLanguage.Arabic], languages.Order());
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).Distinct().ToListAsync();
        Assert.Equal(["Admin", "Editor", "Reporter"], roles.Order());
    }
}
