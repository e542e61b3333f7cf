using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// Who wrote the story's live texts now, in words (<c>TrackedText.WordsByPerson</c>: each word goes to whoever wrote
/// most of it), most words first; the revision list shows it.
/// </summary>
public static class GetWordsByPerson
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<PersonWords>>;

    public sealed record PersonWords(string AuthorId, string Name, int Words);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, LiveTexts texts) : IRequestHandler<Query, IReadOnlyList<PersonWords>>
    {
        public async Task<IReadOnlyList<PersonWords>> Handle(Query query, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> fields;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                fields = await LiveFieldsOfStory.ReadAsync(db, query.StoryId, cancellationToken);
            }

            var words = new Dictionary<string, int>();
            var names = new Dictionary<string, string>();
            foreach (var field in fields)
            {
                var snapshot = await texts.TrackedAsync(query.StoryId, field, cancellationToken);
                foreach (var (author, count) in snapshot.Tracked.WordsByPerson())
                {
                    words[author] = words.GetValueOrDefault(author) + count;
                }

                foreach (var (id, name) in snapshot.People)
                {
                    names[id] = name;
                }
            }

            return [.. words.Select(w => new PersonWords(w.Key, names.GetValueOrDefault(w.Key, ""), w.Value))
                .OrderByDescending(p => p.Words).ThenBy(p => p.Name, StringComparer.Ordinal)];
        }
    }
}
