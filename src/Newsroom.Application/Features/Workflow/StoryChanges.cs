using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Newsroom.Application.Common;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Application.Features.Workflow;

/// <summary>The state of a story after a command changed it; <see cref="Version"/> is what the next write must quote.</summary>
public sealed record StoryChangeResult(Guid StoryId, StoryState State, int RevisionNumber, uint Version) : IStoryResult;

/// <summary>
/// The one way a command changes a story: load it, check the version the caller saw, let the domain make the change
/// (and refuse it with a reason), save the story with any revision in one transaction, then announce it.
/// Every workflow and draft use case goes through here, so none can forget a step.
/// </summary>
public sealed class StoryChanges(
    IDbContextFactory<NewsroomDbContext> dbFactory, ICurrentUser user, TimeProvider clock, IMediator mediator, LiveTexts liveTexts)
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
        var story = await db.Stories.SingleOrDefaultAsync(s => s.Id == storyId, cancellationToken)
            ?? throw new NotFoundException($"Story {storyId}");
        if (expectedVersion is { } expected && expected != story.Version)
        {
            throw new StaleVersionException($"“{story.Headline}”");
        }

        var from = story.State;
        var live = await CatchUpLiveTextsAsync(db, story, cancellationToken);
        var context = await ContextAsync(db, storyId, clock.GetUtcNow(), cancellationToken);
        var actor = Actor;
        var revision = await change(story, actor, context, db);
        if (revision is not null)
        {
            db.Revisions.Add(revision);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException
                                   || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // Someone saved between our read and our write: xmin caught it, or, when EF wrote our new revision
            // before the story's row, the revision number they took first did.
            throw new StaleVersionException($"“{story.Headline}”");
        }

        foreach (var (field, version) in live)
        {
            await liveTexts.MarkSavedAsync(story.Id, field, version, cancellationToken);
        }

        await mediator.Publish(
            new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from, actor.UserId, actor.Name), cancellationToken);
        return new StoryChangeResult(story.Id, story.State, story.LatestRevisionNumber, story.Version);
    }

    /// <summary>
    /// Fields being written live may be ahead of the story by a few seconds of typing: take the live text first, so a
    /// step's revision (and an approval) is of what people see.
    /// </summary>
    private async Task<List<(string Field, int Version)>> CatchUpLiveTextsAsync(
        NewsroomDbContext db, Story story, CancellationToken cancellationToken)
    {
        var fields = await db.LiveTexts.Where(t => t.StoryId == story.Id).Select(t => t.Field).ToListAsync(cancellationToken);
        var live = new List<(string, int)>(fields.Count);
        foreach (var field in fields)
        {
            var (version, text) = await liveTexts.JoinAsync(story.Id, field, cancellationToken);
            if (text != story.LiveField(field))
            {
                story.CatchUpLiveText(field, text);
            }

            live.Add((field, version));
        }

        return live;
    }

    /// <summary>What the rules need beyond the story itself.</summary>
    public static async Task<StoryContext> ContextAsync(
        NewsroomDbContext db, Guid storyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(await db.Comments.CountAsync(c => c.StoryId == storyId && c.ParentId == null && !c.IsResolved, cancellationToken), now);
}
