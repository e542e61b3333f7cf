using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Mediation;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Drafts.Live;
using Newsroom.Application.StoryStore;
using Newsroom.Domain;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// Accepts or rejects every open suggestion in all of the story's live texts, or every one by <c>SuggestedBy</c>, for
/// the HTTP API: field by field, each decision a live update every open editor sees, then one revision naming them
/// ("3 suggestions by Samira Nasser accepted by Layla Haddad").
/// </summary>
public static class SettleAllSuggestions
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Command(Guid StoryId, bool Accept, Guid? SuggestedBy = null) : ICommand<Result>, IStoryCommand;

    /// <summary>How many suggestions were decided, and each live text's version once they are in it.</summary>
    public sealed record Result(int Decided, IReadOnlyDictionary<string, int> Versions);

    public sealed class Handler(
        IDbContextFactory<NewsroomDbContext> dbFactory, LiveTexts texts, EditPermissions permissions, ICurrentUser user, StoryTransaction changes)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            await permissions.EnsureMayEditAsync(command.StoryId, user, cancellationToken);
            IReadOnlyList<string> fields;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                fields = await LiveFieldsOfStory.ReadAsync(db, command.StoryId, cancellationToken);
            }

            var suggestedBy = command.SuggestedBy?.ToString("D");
            var decided = 0;
            var suggesters = new List<string>();
            var versions = new Dictionary<string, int>();
            foreach (var field in fields)
            {
                var before = await texts.TrackedAsync(command.StoryId, field, cancellationToken);
                var open = before.Tracked.Suggestions.Where(s => suggestedBy is null || s.AuthorId == suggestedBy).ToList();
                if (open.Count == 0)
                {
                    continue;
                }

                suggesters.AddRange(open.Select(s => before.People.GetValueOrDefault(s.AuthorId, "?")));
                versions[field] = await texts.DecideAllAsync(
                    command.StoryId, field, command.Accept, suggestedBy, user.Id!.Value, user.Name, cancellationToken);
                decided += open.Count;
            }

            if (decided > 0)
            {
                var names = new NameList([.. suggesters.Distinct()]);
                await changes.ApplyAsync(command.StoryId,
                    (story, actor, context) => story.DecideSuggestions(decided, names, command.Accept, actor, context), cancellationToken);
            }

            return new Result(decided, versions);
        }
    }
}
