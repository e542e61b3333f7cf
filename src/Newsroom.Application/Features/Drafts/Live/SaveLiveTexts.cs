using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Auditing;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.StoryStore;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Drafts.Live;

/// <summary>
/// Writes shared texts that have been idle for a moment back to their stories, each as a revision named for the
/// people who wrote it, and audited as such: who wrote, up to which version of the live text, which revision.
/// Sent by the host's timer as the System role.
/// </summary>
public static class SaveLiveTexts
{
    public static readonly TimeSpan IdlePause = TimeSpan.FromSeconds(5);

    [AllowedRoles(Roles.System)]
    public sealed record Command(TimeSpan? Idle = null) : IRequest<int>, IFrequentRequest;

    public sealed class Handler(
        LiveTexts texts, IDbContextFactory<NewsroomDbContext> dbFactory, AuditChain audit, ICurrentUser user, TimeProvider clock,
        IMediator mediator)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var saved = 0;
            foreach (var (storyId, field) in texts.IdleDirtyTexts(command.Idle ?? IdlePause))
            {
                if (await texts.TakeForSavingAsync(storyId, field, cancellationToken) is not { } live)
                {
                    continue;
                }

                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await db.LockStoryAsync(storyId, cancellationToken) is null)
                {
                    continue;
                }

                var story = await db.Stories.SingleAsync(s => s.Id == storyId, cancellationToken);

                var from = story.State;
                if (story.State is StoryState.Published or StoryState.Corrected or StoryState.Spiked)
                {
                    // A push that raced a publish must not change what readers see: it stays in the log only.
                    await texts.MarkSavedAsync(storyId, field, live.Version, cancellationToken);
                    continue;
                }

                if (story.LiveField(field) != live.Text)
                {
                    var before = new StorySnapshot(story.Id, story.State, story.LatestRevisionNumber);
                    var revision = story.ApplyLiveText(field, live.Text, live.Authors, live.LastAuthorId, clock.GetUtcNow());
                    revision.KeepAuthorship(field, live.Text, live.Authorship);
                    db.Revisions.Add(revision);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    var written = new JsonObject
                    {
                        ["field"] = field,
                        ["writers"] = new JsonArray([.. live.Authors.Select(a => JsonValue.Create(a))]),
                        ["lastWriter"] = live.LastAuthorId.ToString(),
                        ["liveVersion"] = live.Version,
                    };
                    await audit.AppendAsync(
                        AuditEntry.Record(clock.GetUtcNow(), user.Id, user.Name, RequestName.Of(typeof(Command)), AuditOutcome.Succeeded,
                            before: before, after: new StorySnapshot(story.Id, story.State, story.LatestRevisionNumber),
                            details: written.ToJsonString()),
                        CancellationToken.None);
                    await mediator.Publish(new StoryChanged(story.Id, story.Slug, story.Headline, story.State, from), cancellationToken);
                    saved++;
                }

                await texts.MarkSavedAsync(storyId, field, live.Version, cancellationToken);
            }

            return saved;
        }
    }
}
