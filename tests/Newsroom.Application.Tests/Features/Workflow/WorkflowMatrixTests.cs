using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Features.Drafts;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Application.StoryStore;
using Newsroom.Application.Tests.Infrastructure;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Tests.Features.Workflow;

/// <summary>
/// Every workflow command against the people who might send it, in the states that matter: what happens, what is
/// refused and why, and the audit row each attempt leaves.
/// </summary>
public sealed class WorkflowMatrixTests(ApplicationFixture app) : DatabaseTest(app)
{
    public enum Outcome
    {
        Moves,
        Forbidden,
        Conflict,
    }

    public sealed record Attempt(string Command, StoryState Given, string Actor, Outcome Outcome, StoryState Then, string? Reason = null)
    {
        public override string ToString() => $"{Command} on {Given} by {Actor} → {Outcome}";
    }

    public static TheoryData<Attempt> Attempts() =>
    [
        new("SubmitForReview", StoryState.Draft, "Layla", Outcome.Moves, StoryState.InReview),
        new("SubmitForReview", StoryState.Draft, "Samira", Outcome.Moves, StoryState.InReview),
        new("SubmitForReview", StoryState.Draft, "Tom", Outcome.Forbidden, StoryState.Draft, "workflow.submit.not-yours"),
        new("SubmitForReview", StoryState.InReview, "Layla", Outcome.Conflict, StoryState.InReview, "workflow.submit.state(InReview)"),
        new("SubmitForReview", StoryState.ChangesRequested, "Layla", Outcome.Moves, StoryState.InReview),
        new("RequestChanges", StoryState.InReview, "Samira", Outcome.Moves, StoryState.ChangesRequested),
        new("RequestChanges", StoryState.InReview, "Layla", Outcome.Forbidden, StoryState.InReview, "not-allowed.role(RequestChanges, [Editor | Admin], Layla Haddad)"),
        new("RequestChanges", StoryState.Draft, "Samira", Outcome.Conflict, StoryState.Draft, "workflow.request-changes.state(Draft)"),
        new("Approve", StoryState.InReview, "Samira", Outcome.Moves, StoryState.Approved),
        new("Approve", StoryState.InReview, "Nour", Outcome.Moves, StoryState.Approved),
        new("Approve", StoryState.InReview, "Layla", Outcome.Forbidden, StoryState.InReview, "not-allowed.role(Approve, [Editor | Admin], Layla Haddad)"),
        new("Approve", StoryState.Draft, "Samira", Outcome.Conflict, StoryState.Draft, "workflow.approve.state(Draft)"),
        new("Publish", StoryState.Approved, "Samira", Outcome.Moves, StoryState.Published),
        new("Publish", StoryState.Approved, "Layla", Outcome.Forbidden, StoryState.Approved, "not-allowed.role(Publish, [Editor | Admin], Layla Haddad)"),
        new("Publish", StoryState.InReview, "Samira", Outcome.Conflict, StoryState.InReview, "workflow.publish.not-approved(InReview)"),
        new("Publish", StoryState.Published, "Samira", Outcome.Conflict, StoryState.Published, "workflow.publish.already-published"),
        new("Unpublish", StoryState.Published, "Samira", Outcome.Moves, StoryState.Unpublished),
        new("Unpublish", StoryState.Draft, "Samira", Outcome.Conflict, StoryState.Draft, "workflow.unpublish.not-published"),
        new("Unpublish", StoryState.Published, "Layla", Outcome.Forbidden, StoryState.Published),
        new("Correct", StoryState.Published, "Samira", Outcome.Moves, StoryState.Corrected),
        new("Correct", StoryState.Corrected, "Samira", Outcome.Moves, StoryState.Corrected),
        new("Correct", StoryState.Approved, "Samira", Outcome.Conflict, StoryState.Approved, "workflow.correct.not-published"),
        new("Spike", StoryState.Draft, "Nour", Outcome.Moves, StoryState.Spiked),
        new("Spike", StoryState.Scheduled, "Samira", Outcome.Moves, StoryState.Spiked),
        new("Spike", StoryState.Published, "Samira", Outcome.Conflict, StoryState.Published, "workflow.spike.state(Published)"),
        new("Spike", StoryState.Draft, "Layla", Outcome.Forbidden, StoryState.Draft),
        new("RestoreSpikedStory", StoryState.Spiked, "Samira", Outcome.Moves, StoryState.Draft),
        new("RestoreSpikedStory", StoryState.Draft, "Samira", Outcome.Conflict, StoryState.Draft, "workflow.restore.not-spiked"),
        new("RestoreSpikedStory", StoryState.Spiked, "Layla", Outcome.Forbidden, StoryState.Spiked),
        new("UpdateStory", StoryState.Draft, "Layla", Outcome.Moves, StoryState.Draft),
        new("UpdateStory", StoryState.Draft, "Tom", Outcome.Forbidden, StoryState.Draft, "workflow.edit.not-yours"),
        new("UpdateStory", StoryState.Approved, "Layla", Outcome.Moves, StoryState.InReview),
        new("UpdateStory", StoryState.Scheduled, "Samira", Outcome.Moves, StoryState.InReview),
        new("UpdateStory", StoryState.Published, "Layla", Outcome.Conflict, StoryState.Published, "workflow.edit.published"),
        new("UpdateStory", StoryState.Spiked, "Samira", Outcome.Conflict, StoryState.Spiked, "workflow.edit.spiked"),
        new("UpdateStory", StoryState.Unpublished, "Layla", Outcome.Moves, StoryState.Unpublished),
        new("SaveVersion", StoryState.InReview, "Layla", Outcome.Moves, StoryState.InReview),
        new("SaveVersion", StoryState.InReview, "Tom", Outcome.Forbidden, StoryState.InReview),
        new("SetLegalHold", StoryState.Approved, "Samira", Outcome.Moves, StoryState.Approved),
        new("SetLegalHold", StoryState.Approved, "Layla", Outcome.Forbidden, StoryState.Approved),
    ];

    [Theory]
    [MemberData(nameof(Attempts))]
    public async Task A_command_moves_the_story_or_is_refused_with_its_reason_and_is_audited_either_way(Attempt c)
    {
        var newsroom = await Staff.OpenAsync(App);
        var storyId = await newsroom.StoryInAsync(c.Given);
        var auditBefore = await LastAuditIdAsync();

        var attempt = () => SendAsync(newsroom, c.Command, storyId, newsroom[c.Actor]);

        switch (c.Outcome)
        {
            case Outcome.Moves:
                await attempt();
                break;
            case Outcome.Forbidden:
                var forbidden = await Assert.ThrowsAnyAsync<Exception>(attempt);
                Assert.True(forbidden is RefusedException { Refusal.Kind: RefusalKind.Forbidden }, forbidden.GetType().Name);
                if (c.Reason is not null)
                {
                    // A refusal is compared by its code and arguments, never by its wording.
                    Assert.Equal(c.Reason, ((RefusedException)forbidden).Refusal.ToString());
                }

                break;
            case Outcome.Conflict:
                var conflict = await Assert.ThrowsAsync<RefusedException>(attempt);
                Assert.Equal(c.Reason, conflict.Refusal.ToString());
                break;
        }

        var story = await App.SendAsync(newsroom.Samira, new GetStory.Query(storyId));
        Assert.Equal(c.Then, story.State);

        await using var db = App.Database.CreateContext();
        var row = await db.AuditLog.Where(a => a.Id > auditBefore).OrderBy(a => a.Id).LastAsync();
        Assert.Equal(c.Command, row.Command);
        Assert.Equal(newsroom[c.Actor].DisplayName, row.UserName);
        Assert.Equal(storyId, row.StoryId);
        Assert.Equal(c.Given, row.FromState);
        Assert.Equal(c.Outcome == Outcome.Moves ? AuditOutcome.Succeeded : AuditOutcome.Refused, row.Outcome);
        Assert.Equal(c.Then, row.ToState);
        Assert.Equal(story.RevisionNumber, row.RevisionNumber);
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = App.Database.CreateContext();
        return await db.AuditLog.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    private static async Task SendAsync(Staff newsroom, string command, Guid id, TestUser actor)
    {
        var story = await newsroom.SendAsync(newsroom.Samira, new GetStory.Query(id));
        IRequest<StoryChangeResult> request = command switch
        {
            "SubmitForReview" => new SubmitForReview.Command(id),
            "RequestChanges" => new RequestChanges.Command(id, "Needs a second source."),
            "Approve" => new Approve.Command(id),
            "Publish" => new Publish.Command(id),
            "Unpublish" => new Unpublish.Command(id, "Legal asked us to."),
            "Correct" => new Correct.Command(id, "An earlier version misspelt the minister's name."),
            "Spike" => new Spike.Command(id, "Overtaken by events."),
            "RestoreSpikedStory" => new RestoreSpikedStory.Command(id),
            "UpdateStory" => new UpdateStory.Command(id, story.Version, story.Desk, story.Headline + " (محدث)", story.Standfirst, story.Body),
            "SaveVersion" => new SaveVersion.Command(id, "Before the legal read"),
            "SetLegalHold" => new SetLegalHold.Command(id, true, "A court order names the witness."),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
        await newsroom.SendAsync(actor, request);
    }
}
