using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.StoryStore;

/// <summary>
/// The one way a command changes a story: lock and load it, check the version the caller saw, let the domain make
/// the change (and refuse it with a reason), save the story with any revision in one transaction, then announce it
/// once the command's audit row is written (<see cref="DeferredNotifications"/>). Every workflow, draft and revision
/// use case goes through here, so none can forget a step. It sits below the features that use it and depends on none.
/// </summary>
public sealed class StoryTransaction(
    IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator, ILiveTexts liveTexts,
    ILiveTracking tracking)
{
    public delegate Task<Revision?> Change(Story story, Actor actor, StoryContext context, NewsroomDbContext db);

    public Actor Actor => Actor.From(
        user.Id ?? throw new InvalidOperationException("A story change needs a signed-in user."), user.Name, user.IsInRole);

    public Task<StoryChangeResult> ApplyAsync(
        Guid storyId, Func<Story, Actor, StoryContext, Revision?> change, CancellationToken cancellationToken,
        uint? expectedVersion = null) =>
        ApplyAsync(storyId, (story, actor, context, _) => Task.FromResult(change(story, actor, context)), cancellationToken, expectedVersion);

    public async Task<StoryChangeResult> ApplyAsync(
        Guid storyId, Change change, CancellationToken cancellationToken, uint? expectedVersion = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The live texts are read before the story's row is locked, never while it is: a push holds its text's gate
        // while it waits for that lock. A push landing in between either finds the story as it was (and, if approved,
        // sends it back to review before this step reads it) or waits for this step to commit (ADR-008).
        var live = await ReadLiveTextsAsync(db, storyId, cancellationToken);
        var tracked = await tracking.ReadAsync(db, storyId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        _ = await db.LockStoryAsync(storyId, cancellationToken) ?? throw new RefusedException(Refusal.NotFound("not-found.story", storyId));
        var story = await db.Stories.SingleAsync(s => s.Id == storyId, cancellationToken);
        if (expectedVersion is { } expected && expected != story.Version)
        {
            throw new RefusedException(Refusal.Conflict(Refusals.Stale, story.Headline));
        }

        var from = story.State;
        foreach (var (field, _, text, _) in live)
        {
            if (text != story.LiveField(field))
            {
                story.CatchUpLiveText(field, text);
            }
        }

        var context = await ContextAsync(db, storyId, clock.GetUtcNow(), tracked, cancellationToken);
        var actor = Actor;
        var revision = await change(story, actor, context, db);
        if (revision is not null)
        {
            // Who wrote each live field as the revision holds it, so its diff can name each addition's writer.
            foreach (var (field, _, text, authorship) in live)
            {
                revision.KeepAuthorship(field, text, authorship);
            }

            db.Revisions.Add(revision);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsRevisionNumberTaken(e))
        {
            // Someone saved between our read and our write: xmin caught it, or their revision took our number first
            // (the insert runs before the version-checked update). Either way it is a stale save, not a failure.
            throw new RefusedException(Refusal.Conflict(Refusals.Stale, story.Headline));
        }

        foreach (var (field, version, _, _) in live)
        {
            await liveTexts.MarkSavedAsync(story.Id, field, version, cancellationToken);
        }

        await DeferredNotifications.PublishAsync(mediator,
            new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from, actor.UserId, actor.Name), cancellationToken);
        return new StoryChangeResult(story.Id, story.State, story.LatestRevisionNumber, story.Version);
    }

    /// <summary>
    /// Fields being written live may be ahead of the story by a few seconds of typing: the step takes the live text
    /// first, so its revision (and an approval) is of what people see.
    /// </summary>
    private async Task<List<(string Field, int Version, string Text, IReadOnlyList<Run<string>> Authorship)>> ReadLiveTextsAsync(
        NewsroomDbContext db, Guid storyId, CancellationToken cancellationToken)
    {
        var fields = await db.LiveTexts.Where(t => t.StoryId == storyId).Select(t => t.Field).ToListAsync(cancellationToken);
        var live = new List<(string, int, string, IReadOnlyList<Run<string>>)>(fields.Count);
        foreach (var field in fields)
        {
            var (version, text, authorship) = await liveTexts.ReadAsync(storyId, field, cancellationToken);
            live.Add((field, version, text, authorship));
        }

        return live;
    }

    private static bool IsRevisionNumberTaken(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ix_revisions_story_id_number" };

    /// <summary>What the rules need beyond the story itself.</summary>
    public static async Task<StoryContext> ContextAsync(
        NewsroomDbContext db, Guid storyId, DateTimeOffset now, LiveTrackingFacts live, CancellationToken cancellationToken) =>
        new(await db.Comments.CountAsync(c => c.StoryId == storyId && c.ParentId == null && !c.IsResolved, cancellationToken), now,
            // Who has words in the live texts now, from their authorship: nobody approves text they wrote.
            live.Writers, live.OpenSuggestions);
}
