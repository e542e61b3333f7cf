using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MediatR;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Revisions;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Tests.Features.Workflow;

public sealed class WorkflowRuleTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task Nobody_approves_a_story_they_are_bylined_on()
    {
        var newsroom = await Staff.OpenAsync(App);
        var omarsStory = await newsroom.StoryInAsync(StoryState.InReview, author: newsroom.Omar);

        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Omar, new Approve.Command(omarsStory)));
        var approved = await newsroom.SendAsync(newsroom.Samira, new Approve.Command(omarsStory));

        Assert.Equal("workflow.approve.own-byline", refusal.Refusal.Code);
        Assert.Equal(StoryState.Approved, approved.State);
    }

    [Fact]
    public async Task Byline_juggling_does_not_let_an_editor_approve_their_own_story_and_the_history_shows_the_byline_before_and_after()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.InReview, author: newsroom.Omar);

        await newsroom.SendAsync(newsroom.Omar, new SetByline.Command(id, [newsroom.Layla.Id]));
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Omar, new Approve.Command(id)));
        await newsroom.SendAsync(newsroom.Samira, new Approve.Command(id));
        await newsroom.SendAsync(newsroom.Samira, new Publish.Command(id));
        await newsroom.SendAsync(newsroom.Samira, new SetByline.Command(id, [newsroom.Layla.Id, newsroom.Omar.Id]));
        var correction = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Omar, new Correct.Command(id, "Our own reporter had the street wrong.", Body: "Rewritten by its author.")));

        Assert.Equal("workflow.approve.bylined-since-submission", refusal.Refusal.Code);
        Assert.Equal("workflow.correct.own-byline", correction.Refusal.Code);
        var names = (await newsroom.SendAsync(newsroom.Samira, new ListRevisions.Query(id))).Select(r => r.GeneratedName?.ToString()).ToList();
        Assert.Contains("revision.byline.added-removed(Omar Khalil, Layla Haddad, Omar Khalil)", names);
        Assert.Contains("revision.byline.added(Samira Nasser, Omar Khalil)", names);
        await using var db = App.Database.CreateContext();
        var refused = await db.AuditLog.Where(a => a.StoryId == id && a.Outcome == Domain.Auditing.AuditOutcome.Refused)
            .OrderBy(a => a.Id).Select(a => new { a.Command, a.UserName }).ToListAsync();
        Assert.Equal([new { Command = "Approve", UserName = "Omar Khalil" }, new { Command = "Correct", UserName = "Omar Khalil" }], refused);
    }

    [Fact]
    public async Task An_editor_who_rewrote_the_text_may_not_approve_it()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.InReview);
        var story = await newsroom.SendAsync(newsroom.Samira, new GetStory.Query(id));

        await newsroom.SendAsync(newsroom.Samira, new UpdateStory.Command(id, story.Version, story.Desk, story.Headline, story.Standfirst, "نص أعاد المحرر كتابته."));
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira, new Approve.Command(id)));

        Assert.Equal("workflow.approve.wrote-text", refusal.Refusal.Code);
        Assert.Equal(StoryState.Approved, (await newsroom.SendAsync(newsroom.Omar, new Approve.Command(id))).State);
    }

    [Fact]
    public async Task A_story_change_is_announced_only_after_its_audit_row_is_written()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Draft);
        App.AuditAtAnnouncement.Clear();

        await newsroom.SendAsync(newsroom.Layla, new SubmitForReview.Command(id));
        await newsroom.SendAsync(newsroom.Samira, new Approve.Command(id));

        Assert.Equal([(id, (string?)"SubmitForReview"), (id, "Approve")], App.AuditAtAnnouncement.Where(a => a.StoryId == id));
    }

    [Fact]
    public async Task Unresolved_comments_and_a_legal_hold_block_publishing_with_the_reasons()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);
        var first = await newsroom.CommentAsync(id, newsroom.Samira, "Who is the second source?");
        await newsroom.CommentAsync(id, newsroom.Omar, "The photo credit is missing.");
        await newsroom.SendAsync(newsroom.Samira, new SetLegalHold.Command(id, true, "A court order names the witness."));

        var blocked = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira, new Publish.Command(id)));
        var shown = await newsroom.SendAsync(newsroom.Samira, new GetStory.Query(id));

        Assert.Equal("workflow.publish.unresolved-comments-legal-hold(2)", blocked.Refusal.ToString());
        var publish = Assert.Single(shown.Actions, a => a.Action == StoryAction.Publish);
        Assert.False(publish.Allowed);
        Assert.Equal(blocked.Refusal.ToString(), publish.Reason?.ToString());

        await newsroom.SendAsync(newsroom.Samira, new SettleThread.Command(id, first.CommentId, Resolved: true));
        await newsroom.SendAsync(newsroom.Samira, new SetLegalHold.Command(id, false, "The order was lifted."));
        var stillOne = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira, new Publish.Command(id)));
        Assert.Equal("workflow.publish.unresolved-comments(1)", stillOne.Refusal.ToString());
    }

    [Fact]
    public async Task Approval_is_of_a_revision_so_an_edit_after_it_sends_the_story_back_to_review()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);
        var approved = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal(approved.RevisionNumber, approved.ApprovedRevisionNumber);

        await newsroom.SendAsync(newsroom.Layla, new UpdateStory.Command(
            id, approved.Version, approved.Desk, "حريق كبير في الميناء", approved.Standfirst, approved.Body));

        var edited = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal(StoryState.InReview, edited.State);
        Assert.Null(edited.ApprovedRevisionNumber);
        var latest = (await newsroom.SendAsync(newsroom.Layla, new ListRevisions.Query(id)))[0];
        Assert.Equal("revision.back-to-review(revision.edited(Layla Haddad))", latest.GeneratedName?.ToString());
    }

    [Theory]
    [InlineData("form")]
    [InlineData("restore")]
    [InlineData("byline")]
    public async Task A_change_through_any_path_after_approval_sends_the_story_back_to_review_with_a_revision_an_audit_row_and_word_to_the_approver(string path)
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);
        var approved = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));

        _ = path switch
        {
            "form" => await newsroom.SendAsync(newsroom.Layla, new UpdateStory.Command(
                id, approved.Version, approved.Desk, approved.Headline, approved.Standfirst, approved.Body + " وأكثر")),
            "restore" => await newsroom.SendAsync(newsroom.Layla, new RestoreRevision.Command(id, 1, "The first draft read better.")),
            _ => await newsroom.SendAsync(newsroom.Layla, new SetByline.Command(id, [newsroom.Layla.Id, newsroom.Tom.Id])),
        };

        var after = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal((StoryState.InReview, (int?)null), (after.State, after.ApprovedRevisionNumber));
        var latest = (await newsroom.SendAsync(newsroom.Layla, new ListRevisions.Query(id)))[0];
        Assert.Equal("revision.back-to-review", latest.GeneratedName?.Code);
        await using var db = App.Database.CreateContext();
        var audit = await db.AuditLog.Where(a => a.StoryId == id).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("Layla Haddad", StoryState.Approved, StoryState.InReview), (audit.UserName, audit.FromState, audit.ToState));
        var bell = await newsroom.SendAsync(newsroom.Samira, new Newsroom.Application.Features.Notifications.GetMyNotifications.Query());
        Assert.Contains(bell.Latest, n => n.Message?.ToString() == $"notification.state-changed({approved.Headline}, InReview, Layla Haddad)");
        var refused = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Samira, new Publish.Command(id)));
        Assert.Equal("workflow.publish.not-approved(InReview)", refused.Refusal.ToString());
    }

    [Fact]
    public async Task Every_workflow_step_is_a_revision_named_after_it()
    {
        var newsroom = await Staff.OpenAsync(App);

        var id = await newsroom.StoryInAsync(StoryState.Corrected);

        var names = (await newsroom.SendAsync(newsroom.Layla, new ListRevisions.Query(id))).Select(r => r.GeneratedName?.ToString()).Reverse();
        Assert.Equal(
            [
                "revision.created(Layla Haddad)",
                "revision.submitted(Layla Haddad)",
                "revision.approved(Samira Nasser)",
                "revision.published(Samira Nasser)",
                "revision.corrected(Samira Nasser, An earlier version gave the wrong street.)",
            ],
            names);
        var story = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal("An earlier version gave the wrong street.", Assert.Single(story.Corrections).Note);
    }

    [Fact]
    public async Task A_save_based_on_a_stale_version_is_refused_and_the_newer_text_stays()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Draft);
        var loaded = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));

        await newsroom.SendAsync(newsroom.Samira, new UpdateStory.Command(id, loaded.Version, loaded.Desk, "عنوان المحررة", loaded.Standfirst, loaded.Body));
        var stale = await Assert.ThrowsAsync<RefusedException>(() =>
            newsroom.SendAsync(newsroom.Layla, new UpdateStory.Command(id, loaded.Version, loaded.Desk, "عنوان المراسلة", loaded.Standfirst, loaded.Body)));

        Assert.Equal(Refusals.Stale, stale.Refusal.Code);
        Assert.Equal("عنوان المحررة", (await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id))).Headline);
    }

    [Fact]
    public async Task Two_saves_racing_on_one_version_never_both_land()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Draft);
        var loaded = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));

        var results = await Task.WhenAll(
            Attempt(newsroom.Layla, "first"), Attempt(newsroom.Samira, "second"), Attempt(newsroom.Omar, "third"));

        Assert.Equal(1, results.Count(ok => ok));
        Assert.Equal(2, (await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id))).RevisionNumber);

        async Task<bool> Attempt(TestUser who, string headline)
        {
            try
            {
                await newsroom.SendAsync(who, new UpdateStory.Command(id, loaded.Version, loaded.Desk, headline, loaded.Standfirst, loaded.Body));
                return true;
            }
            catch (RefusedException e) when (Refusals.IsStale(e))
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task A_story_with_a_future_embargo_is_scheduled_and_goes_live_when_it_lifts()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);
        await newsroom.SendAsync(newsroom.Samira, new SetEmbargo.Command(id, DateTimeOffset.UtcNow.AddSeconds(1)));

        var scheduled = await newsroom.SendAsync(newsroom.Samira, new Publish.Command(id));
        Assert.Equal(StoryState.Scheduled, scheduled.State);
        Assert.Equal(0, await SendAsSchedulerAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, await SendAsSchedulerAsync());

        var live = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal(StoryState.Published, live.State);
        await using var db = App.Database.CreateContext();
        var audit = await db.AuditLog.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("PublishScheduled", StoryState.Scheduled, StoryState.Published), (audit.Command, audit.FromState, audit.ToState));
    }

    [Fact]
    public async Task A_held_scheduled_story_stays_scheduled_past_its_embargo_and_goes_out_at_the_next_tick_after_the_hold_is_lifted()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);
        await newsroom.SendAsync(newsroom.Samira, new SetEmbargo.Command(id, DateTimeOffset.UtcNow.AddSeconds(1)));
        await newsroom.SendAsync(newsroom.Samira, new Publish.Command(id));
        await newsroom.SendAsync(newsroom.Samira, new SetLegalHold.Command(id, true, "Court order pending"));

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(0, await SendAsSchedulerAsync());
        var held = await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id));
        Assert.Equal((StoryState.Scheduled, "Court order pending"), (held.State, held.LegalHoldReason));
        var card = (await newsroom.SendAsync(newsroom.Samira, new Newsroom.Application.Features.Dashboard.GetNewsroomBoard.Query()))
            .Columns.SelectMany(c => c.Cards).Single(c => c.Id == id);
        Assert.Equal((StoryState.Scheduled, "Court order pending"), (card.State, card.LegalHoldReason));

        await newsroom.SendAsync(newsroom.Omar, new SetLegalHold.Command(id, false, "The order was refused"));
        Assert.Equal(1, await SendAsSchedulerAsync());

        Assert.Equal(StoryState.Published, (await newsroom.SendAsync(newsroom.Layla, new GetStory.Query(id))).State);
        await using var db = App.Database.CreateContext();
        var holds = await db.AuditLog.Where(a => a.StoryId == id && a.Command == "SetLegalHold").OrderBy(a => a.Id)
            .Select(a => new { a.UserName, a.Reason }).ToListAsync();
        Assert.Equal([new { UserName = "Samira Nasser", Reason = (string?)"Court order pending" }, new { UserName = "Omar Khalil", Reason = (string?)"The order was refused" }], holds);
        var names = (await newsroom.SendAsync(newsroom.Layla, new ListRevisions.Query(id))).Select(r => r.GeneratedName?.ToString()).ToList();
        Assert.Contains("revision.legal-hold.on(Samira Nasser, Court order pending)", names);
        Assert.Contains("revision.legal-hold.off(Omar Khalil, The order was refused)", names);
    }

    [Fact]
    public async Task A_legal_hold_without_a_reason_is_refused()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            newsroom.SendAsync(newsroom.Samira, new SetLegalHold.Command(id, true, " ")));

        Assert.Equal("Say why: a legal hold is put on and lifted with a reason.", Assert.Single(refusal.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Only_the_scheduler_may_publish_due_stories()
    {
        var newsroom = await Staff.OpenAsync(App);

        var refusal = await Assert.ThrowsAsync<RefusedException>(() => newsroom.SendAsync(newsroom.Nour, new PublishDueStories.Command()));

        Assert.StartsWith("not-allowed.role(PublishDueStories, [System]", refusal.Refusal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embargo_in_the_past_is_refused()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Approved);

        var failure = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            newsroom.SendAsync(newsroom.Samira, new SetEmbargo.Command(id, DateTimeOffset.UtcNow.AddMinutes(-5))));

        Assert.Equal("An embargo must end in the future; clear it to publish without one.", Assert.Single(failure.Errors).ErrorMessage);
    }

    [Fact]
    public async Task An_assigned_reporter_may_work_on_the_story_and_the_reviewer_must_be_an_editor()
    {
        var newsroom = await Staff.OpenAsync(App);
        var id = await newsroom.StoryInAsync(StoryState.Draft);

        var badReviewer = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            newsroom.SendAsync(newsroom.Samira, new AssignStory.Command(id, [newsroom.Tom.Id], newsroom.Tom.Id)));
        await newsroom.SendAsync(newsroom.Samira, new AssignStory.Command(id, [newsroom.Tom.Id], newsroom.Omar.Id));
        var submitted = await newsroom.SendAsync(newsroom.Tom, new SubmitForReview.Command(id));

        Assert.Equal("The reviewer must be an account with the Editor or Admin role.", Assert.Single(badReviewer.Errors).ErrorMessage);
        Assert.Equal(StoryState.InReview, submitted.State);
        var queue = await newsroom.SendAsync(newsroom.Omar, new ListStories.Query(View: StoryView.ReviewQueue));
        var tomsStories = await newsroom.SendAsync(newsroom.Tom, new ListStories.Query(View: StoryView.Mine));
        Assert.Equal(id, Assert.Single(queue).Id);
        Assert.Equal(id, Assert.Single(tomsStories).Id);
        Assert.Empty(await newsroom.SendAsync(newsroom.Samira, new ListStories.Query(View: StoryView.ReviewQueue)));
    }

    [Fact]
    public async Task An_author_shares_the_byline_and_the_co_author_may_then_work_on_the_story()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);

        var outsider = await Assert.ThrowsAsync<RefusedException>(() =>
            staff.SendAsync(staff.Tom, new SetByline.Command(id, [staff.Tom.Id])));
        await staff.SendAsync(staff.Layla, new SetByline.Command(id, [staff.Layla.Id, staff.Tom.Id]));
        var submitted = await staff.SendAsync(staff.Tom, new SubmitForReview.Command(id));

        Assert.Equal("workflow.byline.not-yours", outsider.Refusal.Code);
        Assert.Equal(StoryState.InReview, submitted.State);
        var story = await staff.SendAsync(staff.Samira, new GetStory.Query(id));
        Assert.Equal(["Layla Haddad", "Tom Becker"], story.Byline.Select(p => p.DisplayName));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => staff.SendAsync(staff.Layla, new SetByline.Command(id, [])));
    }

    private async Task<int> SendAsSchedulerAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, Guid.Empty.ToString()), new Claim(ClaimTypes.Role, Roles.System)], "system"));
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PublishDueStories.Command());
    }
}
