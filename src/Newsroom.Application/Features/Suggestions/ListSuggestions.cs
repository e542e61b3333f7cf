using MediatR;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Collab;
using Newsroom.Application.Common.Security;
using Newsroom.Application.Data;
using Newsroom.Domain.Collab;
using Newsroom.Domain.Users;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>
/// The open suggestions in a story's live texts, in field and text order, each with where it is now (UTF-16 positions
/// in the current live text) and the text it covers. Anyone on the staff may read along, as in the live editor.
/// </summary>
public static class ListSuggestions
{
    [AllowedRoles(Roles.Reporter, Roles.Editor, Roles.Admin)]
    public sealed record Query(Guid StoryId) : IRequest<IReadOnlyList<SuggestionView>>;

    public sealed record SuggestionView(
        string Field, string Id, SuggestionKind Kind, string AuthorId, string AuthorName, DateTimeOffset At, string? Note,
        int From, int To, string Text);

    public sealed class Handler(IDbContextFactory<NewsroomDbContext> dbFactory, LiveTexts texts)
        : IRequestHandler<Query, IReadOnlyList<SuggestionView>>
    {
        public async Task<IReadOnlyList<SuggestionView>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var fields = await LiveFieldsOfStory.ReadAsync(db, query.StoryId, cancellationToken);
            var found = new List<(string Field, Suggestion Suggestion, string Text)>();
            var names = new Dictionary<string, string>();
            foreach (var field in fields)
            {
                var snapshot = await texts.TrackedAsync(query.StoryId, field, cancellationToken);
                found.AddRange(snapshot.Tracked.Suggestions.Select(s =>
                    (field, s, snapshot.Text[s.Range.From..s.Range.To])));
                foreach (var (id, name) in snapshot.People)
                {
                    names[id] = name;
                }
            }

            return [.. found.Select(f => new SuggestionView(
                f.Field, f.Suggestion.Id, f.Suggestion.Kind, f.Suggestion.AuthorId, names.GetValueOrDefault(f.Suggestion.AuthorId, ""),
                f.Suggestion.At, f.Suggestion.Note, f.Suggestion.Range.From, f.Suggestion.Range.To, f.Text))];
        }
    }
}
