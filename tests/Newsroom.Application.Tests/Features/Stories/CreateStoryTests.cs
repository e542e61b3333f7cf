using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.StoryStore;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
using Newsroom.Testing;

namespace Newsroom.Application.Tests.Features.Stories;

public sealed class CreateStoryTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_reporter_opens_an_Arabic_draft_with_its_first_revision()
    {
        var layla = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");

        var created = await App.SendAsync(layla, new CreateStory.Command(
            "kremlin-call", "ar", "World", SeedArticle.Headline, Body: SeedArticle.Text,
            LeadImageCredit: SeedArticle.Credit, Tags: ["روسيا"]));

        var story = await App.SendAsync(layla, new GetStory.Query(created.StoryId));
        Assert.Equal(("ar", "rtl", StoryState.Draft, 1), (story.Language, story.Direction, story.State, story.RevisionNumber));
        Assert.Equal(SeedArticle.Text, story.Body);
        Assert.Equal("Layla Haddad", Assert.Single(story.Byline).DisplayName);
        await using var db = App.Database.CreateContext();
        Assert.Equal("revision.created(Layla Haddad)", (await db.Revisions.SingleAsync()).GeneratedName?.ToString());
    }

    [Fact]
    public async Task The_change_is_announced_after_it_is_saved()
    {
        var tom = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");

        var created = await App.SendAsync(tom, new CreateStory.Command("night-buses", "en", "Transport", "Night buses"));

        var announced = Assert.IsType<StoryChanged>(Assert.Single(App.Published));
        Assert.Equal(new StoryChanged(created.StoryId, "night-buses", "Night buses", StoryState.Draft), announced);
    }

    [Fact]
    public async Task A_taken_slug_is_refused_on_the_slug_field()
    {
        var tom = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");
        await App.SendAsync(tom, new CreateStory.Command("night-buses", "en", "Transport", "Night buses"));

        var failure = await Assert.ThrowsAsync<ValidationException>(() =>
            App.SendAsync(tom, new CreateStory.Command("night-buses", "en", "Transport", "Other")));

        var error = Assert.Single(failure.Errors);
        Assert.Equal(("Slug", "A story with the slug 'night-buses' already exists; choose another."), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public async Task Stories_are_listed_newest_first_and_filtered_by_desk()
    {
        var tom = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");
        await App.SendAsync(tom, new CreateStory.Command("first", "en", "Transport", "First"));
        await App.SendAsync(tom, new CreateStory.Command("second", "ar", "World", "ثانية"));

        var all = await App.SendAsync(tom, new ListStories.Query());
        var world = await App.SendAsync(tom, new ListStories.Query(Desk: "World"));

        Assert.Equal(["second", "first"], all.Select(s => s.Slug));
        Assert.Equal(("second", "rtl"), (Assert.Single(world).Slug, world[0].Direction));
    }
}
