using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Notifications;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain.Comments;
using Newsroom.Domain.Stories;
using Newsroom.Domain;

namespace Newsroom.Application.Tests.Features.Comments;

public sealed class CommentTests(ApplicationFixture app) : DatabaseTest(app)
{
    [Fact]
    public async Task A_thread_anchored_to_a_range_collects_replies_and_is_resolved_then_reopened()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.InReview);

        var thread = await staff.SendAsync(staff.Samira, new AddComment.Command(
            id, "مصدر ثانٍ؟", AnchorField: "body", AnchorFrom: 0, AnchorTo: 10));
        await staff.SendAsync(staff.Layla, new AddComment.Command(id, "Added the fire service quote.", ParentId: thread.CommentId));
        var resolved = await staff.SendAsync(staff.Layla, new SettleThread.Command(id, thread.CommentId, Resolved: true));
        var reopened = await staff.SendAsync(staff.Samira, new SettleThread.Command(id, thread.CommentId, Resolved: false));

        Assert.Equal((true, 0), (resolved.Resolved, resolved.UnresolvedThreads));
        Assert.Equal((false, 1), (reopened.Resolved, reopened.UnresolvedThreads));
        var shown = Assert.Single(await staff.SendAsync(staff.Layla, new ListComments.Query(id)));
        Assert.Equal(("body", 0, 10, 2), (shown.Comment.AnchorField, shown.Comment.AnchorFrom, shown.Comment.AnchorTo, shown.Comment.AnchorRevision));
        Assert.Equal("Layla Haddad", Assert.Single(shown.Replies).Author);
    }

    [Fact]
    public async Task An_anchor_past_the_end_of_the_field_is_refused_and_nothing_is_saved()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);

        var failure = await Assert.ThrowsAsync<ValidationException>(() => staff.SendAsync(staff.Samira,
            new AddComment.Command(id, "Too far", AnchorField: "headline", AnchorFrom: 2, AnchorTo: 500)));

        Assert.Contains("only 15 characters long", Assert.Single(failure.Errors).ErrorMessage, StringComparison.Ordinal);
        await using var db = App.Database.CreateContext();
        Assert.Equal(0, await db.Comments.CountAsync());
    }

    [Fact]
    public async Task A_reporter_who_is_not_on_the_story_cannot_resolve_someone_elses_thread()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.InReview);
        var thread = await staff.CommentAsync(id, staff.Samira);

        var refusal = await Assert.ThrowsAsync<RefusedException>(() =>
            staff.SendAsync(staff.Tom, new SettleThread.Command(id, thread.CommentId, Resolved: true)));

        Assert.Equal((RefusalKind.Forbidden, "comment.settle.not-yours"), (refusal.Refusal.Kind, refusal.Refusal.Code));
    }

    [Fact]
    public async Task A_mention_tells_the_person_and_their_bell_counts_it_until_read()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);

        var comment = await staff.SendAsync(staff.Samira, new AddComment.Command(id, "@tom.becker can you help @layla.haddad with the map?"));

        Assert.Equal(new[] { staff.Layla.Id, staff.Tom.Id }.Order(), comment.Mentioned.Order());
        var bell = await staff.SendAsync(staff.Tom, new GetMyNotifications.Query());
        Assert.Equal(1, bell.Unread);
        Assert.Equal((NotificationKind.Mentioned, "notification.mentioned(Samira Nasser, حريق في الميناء)"), (bell.Latest[0].Kind, bell.Latest[0].Message?.ToString()));
        Assert.Contains(App.Published, n => n is NotificationsCreated created && created.UserIds.Contains(staff.Tom.Id));

        Assert.Equal(1, await staff.SendAsync(staff.Tom, new MarkNotificationsRead.Command()));
        Assert.Equal(0, (await staff.SendAsync(staff.Tom, new GetMyNotifications.Query())).Unread);
        Assert.Equal(1, (await staff.SendAsync(staff.Layla, new GetMyNotifications.Query())).Unread);
    }

    [Fact]
    public async Task State_changes_and_assignments_notify_the_people_on_the_story_but_not_the_one_acting()
    {
        var staff = await Staff.OpenAsync(App);
        var id = await staff.StoryInAsync(StoryState.Draft);
        await staff.SendAsync(staff.Samira, new Newsroom.Application.Features.Workflow.AssignStory.Command(id, [staff.Tom.Id], staff.Omar.Id));

        await staff.SendAsync(staff.Layla, new Newsroom.Application.Features.Workflow.SubmitForReview.Command(id));

        var tom = await staff.SendAsync(staff.Tom, new GetMyNotifications.Query());
        Assert.Equal(
            ["notification.state-changed(حريق في الميناء, InReview, Layla Haddad)", "notification.assigned(Samira Nasser, حريق في الميناء)"],
            tom.Latest.Select(n => n.Message?.ToString()));
        Assert.Equal(2, (await staff.SendAsync(staff.Omar, new GetMyNotifications.Query())).Unread);
        Assert.Equal(0, (await staff.SendAsync(staff.Layla, new GetMyNotifications.Query())).Unread);
        var story = await staff.SendAsync(staff.Samira, new GetStory.Query(id));
        Assert.Equal("Tom Becker", Assert.Single(story.AssignedReporters).DisplayName);
    }
}
