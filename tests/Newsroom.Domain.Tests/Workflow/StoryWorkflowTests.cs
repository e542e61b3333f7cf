using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Domain.Tests.Workflow;

public sealed class StoryWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Layla = new(Guid.NewGuid(), "Layla", IsEditor: false);
    private static readonly Actor Tom = new(Guid.NewGuid(), "Tom", IsEditor: false);
    private static readonly Actor Samira = new(Guid.NewGuid(), "Samira", IsEditor: true);
    private static readonly StoryContext Clear = new(UnresolvedComments: 0, Now);

    private static Story Draft() =>
        Story.Create(new NewStory("night-buses", StoryLanguage.English, "Transport", "Night buses"), Layla.UserId, "Layla", Now).Story;

    [Fact]
    public void A_reporter_who_is_not_on_the_story_may_do_nothing_to_it_and_each_refusal_says_why()
    {
        var story = Draft();

        var refusals = story.CheckAll(Tom, Clear);

        Assert.All(refusals, r => Assert.NotNull(r.Value));
        Assert.All(refusals.Values, r => Assert.Equal(RefusalKind.Forbidden, r!.Kind));
        Assert.Equal("editors-only.publish", refusals[StoryAction.Publish]!.Code);
    }

    [Fact]
    public void The_author_of_a_draft_may_edit_save_submit_and_share_the_byline_but_not_approve()
    {
        var allowed = Draft().CheckAll(Layla, Clear).Where(r => r.Value is null).Select(r => r.Key).Order();

        Assert.Equal(
            [StoryAction.Edit, StoryAction.SaveVersion, StoryAction.RestoreRevision, StoryAction.SubmitForReview, StoryAction.SetByline],
            allowed);
    }

    [Fact]
    public void A_full_run_from_draft_to_correction_numbers_its_revisions()
    {
        var story = Draft();

        story.SubmitForReview(Layla, Clear);
        story.Approve(Samira, Clear);
        story.Publish(Samira, Clear);
        var correction = story.Correct("Wrong route number.", null, Samira, Clear);

        Assert.Equal((StoryState.Corrected, 5), (story.State, correction.Number));
        Assert.Equal(Now, story.FirstPublishedAt);
        Assert.Equal("Wrong route number.", Assert.Single(story.Corrections).Note);
    }

    [Fact]
    public void Publishing_with_a_future_embargo_schedules_and_the_scheduler_publishes_after_it()
    {
        var story = Draft();
        story.SubmitForReview(Layla, Clear);
        story.Approve(Samira, Clear);
        story.SetEmbargo(Now.AddHours(2), Samira, Clear);

        story.Publish(Samira, Clear);
        Assert.Equal(StoryState.Scheduled, story.State);
        Assert.Throws<RefusedException>(() => story.PublishScheduled(Guid.Empty, Now.AddHours(1)));
        story.PublishScheduled(Guid.Empty, Now.AddHours(2));

        Assert.Equal((StoryState.Published, Now.AddHours(2)), (story.State, story.PublishedAt));
    }

    [Fact]
    public void A_legal_hold_needs_a_reason_and_blocks_publishing_the_scheduler_and_corrections_until_lifted()
    {
        var story = Draft();
        story.SubmitForReview(Layla, Clear);
        story.Approve(Samira, Clear);
        story.SetEmbargo(Now.AddHours(2), Samira, Clear);
        story.Publish(Samira, Clear);

        Assert.Equal("legal-hold.needs-reason",
            Assert.Throws<RefusedException>(() => story.SetLegalHold(true, "  ", Samira, Clear)).Refusal.Code);
        var held = story.SetLegalHold(true, "Injunction pending", Samira, Clear);
        Assert.Equal("revision.legal-hold.on(Samira, Injunction pending)", held.GeneratedName?.ToString());
        Assert.Equal("workflow.publish.legal-hold", story.CheckScheduledRelease(Now.AddHours(3))?.Code);
        Assert.Throws<RefusedException>(() => story.PublishScheduled(Guid.Empty, Now.AddHours(3)));
        Assert.Equal(StoryState.Scheduled, story.State);

        Assert.Throws<RefusedException>(() => story.SetLegalHold(false, null, Samira, Clear));
        var lifted = story.SetLegalHold(false, "Injunction refused", Samira, Clear);
        Assert.Equal(("revision.legal-hold.off(Samira, Injunction refused)", null), (lifted.GeneratedName?.ToString(), story.LegalHoldReason));
        story.PublishScheduled(Guid.Empty, Now.AddHours(3));
        Assert.Equal(StoryState.Published, story.State);

        story.SetLegalHold(true, "A second order", Samira, Clear);
        Assert.Equal("workflow.correct.legal-hold", story.Check(StoryAction.Correct, Samira, Clear)?.Code);
        Assert.Throws<RefusedException>(() => story.Correct("Wrong street.", null, Samira, Clear));
        Assert.False(Story.IsPublic.Compile()(story));
    }

    [Fact]
    public void An_approved_story_on_legal_hold_cannot_be_published()
    {
        var story = Draft();
        story.SubmitForReview(Layla, Clear);
        story.Approve(Samira, Clear);

        story.SetLegalHold(true, "Injunction pending", Samira, Clear);

        Assert.Equal("workflow.publish.legal-hold", story.Check(StoryAction.Publish, Samira, Clear)?.Code);
        Assert.Throws<RefusedException>(() => story.Publish(Samira, Clear));
        Assert.Equal(StoryState.Approved, story.State);
    }

    [Fact]
    public void An_approval_is_of_the_text_readers_will_see_and_nothing_else_goes_out()
    {
        var story = Draft();
        story.SubmitForReview(Layla, Clear);
        var before = story.ReaderTextHash();
        story.Approve(Samira, Clear);
        Assert.Equal((before, Samira.UserId), (story.ApprovedTextHash, story.ApprovedBy));

        // Text that reached the story without a step (a live text caught up just before publishing) is not what was approved.
        story.CatchUpLiveText(Domain.Collab.LiveFields.Body, "Unreviewed words.");

        Assert.Equal("workflow.publish.text-changed",
            story.Check(StoryAction.Publish, Samira, Clear)?.Code);
        Assert.Throws<RefusedException>(() => story.Publish(Samira, Clear));
        story.CatchUpLiveText(Domain.Collab.LiveFields.Body, "");
        story.Publish(Samira, Clear);
        Assert.Equal(StoryState.Published, story.State);
    }

    [Fact]
    public void The_reader_text_hash_covers_every_field_readers_see_and_where_its_text_stands()
    {
        var a = Draft();
        var b = Draft();
        var hashes = new HashSet<string> { a.ReaderTextHash() };

        b.CatchUpLiveText(Domain.Collab.LiveFields.Headline, "Night");
        b.CatchUpLiveText(Domain.Collab.LiveFields.Standfirst, " buses");
        hashes.Add(b.ReaderTextHash());
        b.Edit(new StoryFields("Transport", "Night buses", "", "", new LeadImage("https://img.example/x.jpg", null, null), [], null, null), Layla, Clear);
        hashes.Add(b.ReaderTextHash());
        b.Edit(new StoryFields("Transport", "Night buses", "", "", new LeadImage("https://img.example/x.jpg", "Caption", null), [], null, null), Layla, Clear);
        hashes.Add(b.ReaderTextHash());
        b.Edit(new StoryFields("Transport", "Night buses", "", "", new LeadImage("https://img.example/x.jpg", "Caption", "Credit"), [], null, null), Layla, Clear);
        hashes.Add(b.ReaderTextHash());

        Assert.Equal(5, hashes.Count);
        Assert.Equal(a.ReaderTextHash(), Draft().ReaderTextHash());
    }

    [Fact]
    public void Taking_oneself_off_the_byline_after_submitting_does_not_let_an_editor_approve_their_own_story()
    {
        var omar = new Actor(Guid.NewGuid(), "Omar", IsEditor: true);
        var names = new Dictionary<Guid, string> { [omar.UserId] = "Omar", [Layla.UserId] = "Layla" };
        var story = Story.Create(new NewStory("port-fire", StoryLanguage.English, "Local", "Port fire"), omar.UserId, "Omar", Now).Story;
        story.SubmitForReview(omar, Clear);

        var juggled = story.SetByline([Layla.UserId], names, omar, Clear);

        Assert.Equal("revision.byline.added-removed(Omar, Layla, Omar)", juggled?.GeneratedName?.ToString());
        var refusal = story.Check(StoryAction.Approve, omar, Clear);
        Assert.Equal(("workflow.approve.bylined-since-submission", RefusalKind.Forbidden),
            (refusal?.Code, refusal?.Kind));
        Assert.Null(story.Check(StoryAction.Approve, Samira, Clear));
    }

    [Fact]
    public void Whoever_wrote_part_of_the_text_by_form_or_live_may_not_approve_it()
    {
        var story = Draft();
        story.SubmitForReview(Layla, Clear);
        var omar = new Actor(Guid.NewGuid(), "Omar", IsEditor: true);

        story.Edit(new StoryFields("Transport", "Night buses return", "", "", LeadImage.None, [], null, null), Samira, Clear);

        Assert.Equal("workflow.approve.wrote-text",
            story.Check(StoryAction.Approve, Samira, Clear)?.Code);
        Assert.Equal("workflow.approve.wrote-text",
            story.Check(StoryAction.Approve, omar, Clear with { LiveWriters = [omar.UserId] })?.Code);
        Assert.Null(story.Check(StoryAction.Approve, omar, Clear));
    }

    [Fact]
    public void A_bylined_editor_may_not_publish_a_correction_of_their_own_story()
    {
        var omar = new Actor(Guid.NewGuid(), "Omar", IsEditor: true);
        var story = Story.Create(new NewStory("port-fire", StoryLanguage.English, "Local", "Port fire"), omar.UserId, "Omar", Now).Story;
        story.SubmitForReview(omar, Clear);
        story.Approve(Samira, Clear);
        story.Publish(Samira, Clear);

        var refusal = Assert.Throws<RefusedException>(() => story.Correct("Wrong street.", null, omar, Clear));

        Assert.Equal("workflow.correct.own-byline", refusal.Refusal.Code);
        story.Correct("Wrong street.", null, Samira, Clear);
        Assert.Equal(StoryState.Corrected, story.State);
    }
}
