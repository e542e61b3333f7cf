using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Behaviors;
using Newsroom.Application.Features.Audit;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Users;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Tests.Common;

public sealed class PipelineBehaviorTests(ApplicationFixture app) : DatabaseTest(app)
{
    private static CreateStory.Command ValidStory(string slug = "harbour-fire") =>
        new(slug, "en", "City", "Fire at the harbour", Body: "Crews were called at dawn.");

    [Fact]
    public async Task Validation_failure_carries_every_field_message_and_changes_nothing()
    {
        var reporter = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");

        var failure = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(reporter,
            new CreateStory.Command("Not A Slug", "fr", "", "", LeadImageUrl: "javascript:alert(1)", WordBudget: 0)));

        Assert.Equal(
            ["Desk", "Headline", "Language", "LeadImageUrl", "Slug", "WordBudget"],
            failure.Errors.Select(e => e.PropertyName).Distinct().Order());
        Assert.Contains(failure.Errors, e => e.ErrorMessage.Contains("'ar' (Arabic) or 'en'", StringComparison.Ordinal));
        await AssertNoStoriesAsync();
    }

    [Fact]
    public async Task A_refused_sender_is_told_why_and_nothing_changes()
    {
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");

        var refusal = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(admin, ValidStory()));

        Assert.Equal("not-allowed.role(CreateStory, [Reporter | Editor], Nour Admin)", refusal.Refusal.ToString());
        await AssertNoStoriesAsync();
    }

    [Fact]
    public async Task An_anonymous_sender_is_told_to_sign_in()
    {
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(null, new ListStories.Query()));

        Assert.Equal("not-allowed.sign-in(ListStories)", refusal.Refusal.ToString());
    }

    [Fact]
    public async Task Authorization_runs_before_validation_so_outsiders_learn_nothing_about_the_fields()
    {
        var reporter = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");

        await Assert.ThrowsAsync<RefusedException>(() =>
            App.SendAsync(reporter, new CreateUser.Command("not-an-email", "", "Nobody", "")));
    }

    [Fact]
    public async Task Logging_records_each_command_with_its_sender_reads_at_debug_and_each_refusal_as_a_warning()
    {
        var reporter = await App.CreateUserAsync(Roles.Reporter, "Tom Becker");

        await App.SendAsync(reporter, ValidStory());
        await App.SendAsync(reporter, new ListStories.Query());
        await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(reporter, new GetAuditLog.Query()));

        var lines = App.Logs.Lines.Where(l => l.Category.StartsWith(typeof(LoggingBehavior<,>).FullName![..^2], StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Message.StartsWith("CreateStory by Tom Becker handled in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Debug && l.Message.StartsWith("ListStories by Tom Becker handled in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("GetAuditLog by Tom Becker refused: not-allowed.role(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_save_is_a_refused_conflict_in_the_audit_and_a_warning_in_the_log_never_a_failure()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Draft);
        var loaded = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        await newsroom.SendAsync(newsroom.Layla, new UpdateStory.Command(id, loaded.Version, loaded.Desk, "First save", loaded.Standfirst, loaded.Body));
        App.Logs.Clear();

        var stale = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira,
            new UpdateStory.Command(id, loaded.Version, loaded.Desk, "Second save", loaded.Standfirst, loaded.Body)));

        Assert.Equal(RefusalKind.Conflict, Refusals.KindOf(stale));
        await using var db = App.Database.CreateContext();
        var audit = await db.AuditLog.Where(a => a.StoryId == id).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("UpdateStory", AuditOutcome.Refused), (audit.Command, audit.Outcome));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Level >= LogLevel.Error);
        Assert.Contains(App.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("UpdateStory by Samira Nasser refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_refusal_type_has_one_kind_and_failures_have_none()
    {
        Assert.Equal(RefusalKind.Invalid, Refusals.KindOf(new ValidationException("x")));
        Assert.Equal(RefusalKind.Forbidden, Refusals.KindOf(new RefusedException(Refusal.Forbidden("x"))));
        Assert.Equal(RefusalKind.Conflict, Refusals.KindOf(new RefusedException(Refusal.Conflict("x"))));
        Assert.Equal(RefusalKind.Invalid, Refusals.KindOf(new RefusedException(Refusal.Invalid("x"))));
        Assert.Equal(RefusalKind.NotFound, Refusals.KindOf(new RefusedException(Refusal.NotFound("x"))));
        Assert.Null(Refusals.KindOf(new InvalidOperationException("x")));
    }

    [Fact]
    public async Task Every_command_is_audited_whether_it_succeeds_is_refused_or_is_invalid()
    {
        var reporter = await App.CreateUserAsync(Roles.Reporter, "Layla Haddad");
        var admin = await App.CreateUserAsync(Roles.Admin, "Nour Admin");

        var created = await App.SendAsync(reporter, ValidStory());
        await Assert.ThrowsAsync<RefusedException>(() => App.SendAsync(admin, ValidStory("another-story")));
        await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(reporter, ValidStory()));

        await using var db = App.Database.CreateContext();
        var rows = await db.AuditLog.OrderBy(a => a.Id).ToListAsync();
        Assert.Collection(rows,
            ok =>
            {
                Assert.Equal(("CreateStory", AuditOutcome.Succeeded, "Layla Haddad"), (ok.Command, ok.Outcome, ok.UserName));
                Assert.Equal(created.StoryId, ok.StoryId);
                Assert.Null(ok.FromState);
                Assert.Equal(Domain.Stories.StoryState.Draft, ok.ToState);
                Assert.Equal(1, ok.RevisionNumber);
            },
            refused =>
            {
                Assert.Equal((AuditOutcome.Refused, "Nour Admin"), (refused.Outcome, refused.UserName));
                Assert.Contains("not-allowed.role(CreateStory, [Reporter | Editor]", refused.Reason, StringComparison.Ordinal);
            },
            invalid =>
            {
                Assert.Equal(AuditOutcome.Invalid, invalid.Outcome);
                Assert.Contains("already exists", invalid.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task Queries_are_not_audited()
    {
        var editor = await App.CreateUserAsync(Roles.Editor, "Samira Nasser");

        await App.SendAsync(editor, new ListStories.Query());
        var log = await App.SendAsync(editor, new GetAuditLog.Query());

        Assert.Empty(log);
    }

    private async Task AssertNoStoriesAsync()
    {
        await using var db = App.Database.CreateContext();
        Assert.Equal(0, await db.Stories.CountAsync());
        Assert.Equal(0, await db.Revisions.CountAsync());
    }
}
