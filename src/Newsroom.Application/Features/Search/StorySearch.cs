using System.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Stories;
using Npgsql;

namespace Newsroom.Application.Features.Search;

/// <summary>A piece of a search snippet; <see cref="Match"/> pieces are what the query found.</summary>
public sealed record SnippetPart(string Text, bool Match);

public sealed record SearchHit(
    Guid Id, string Slug, string Headline, string Language, string Direction, StoryState State, IReadOnlyList<SnippetPart> Snippet);

/// <summary>
/// PostgreSQL full-text search over stories (the generated <c>stories.search_vector</c>, GIN-indexed). Arabic text
/// and every query pass through <c>newsroom_fold_arabic</c> (ى→ي, no tatweel or harakat, و/ف before ال dropped)
/// before the built-in <c>arabic</c> configuration, so "المستشفى" finds "المستشفي" and "والسوق" finds "السوق".
/// A query is read both as Arabic and as English and either may match: people search in either language.
/// </summary>
/// <remarks>
/// Snippets come from ts_headline over the folded text, so a highlighted Arabic word may show ي where the story has
/// ى: the price of highlighting exactly what matched. Matches are marked with control characters and split into
/// parts here, so no HTML is ever built from story text.
/// </remarks>
public static class StorySearch
{
    public const int MaxQueryLength = 200;
    private const char Start = '\u0002';
    private const char Stop = '\u0003';

    /// <summary>At most this many hits per search: ranking is cheap, snippets are not.</summary>
    public const int MaxHits = 30;

    /// <summary>Snippets are cut from at most this much of a story's text, however long the story is.</summary>
    public const int MaxSnippetSource = 20_000;

    // The hits are ranked and cut to @limit first; only those get a ts_headline, over a bounded slice of the text,
    // so one search costs the same whether 3 stories match or 3,000.
    private const string Sql = """
        WITH q AS (
            SELECT websearch_to_tsquery('arabic'::regconfig, newsroom_fold_arabic(@text))
                || websearch_to_tsquery('english'::regconfig, @text) AS query),
        top AS (
            SELECT s.id, s.slug, s.headline, s.language, s.state,
                left(s.headline || E'\n' || s.standfirst || E'\n' || s.body, @source) AS source,
                ts_rank(s.search_vector, q.query) AS rank, s.updated_at
            FROM stories s, q
            WHERE s.search_vector @@ q.query AND (NOT @published_only OR s.state IN ('Published', 'Corrected') AND NOT s.legal_hold)
            ORDER BY rank DESC, s.updated_at DESC
            LIMIT @limit)
        SELECT top.id, top.slug, top.headline, top.language, top.state,
            ts_headline(
                CASE WHEN top.language = 'ar' THEN 'arabic'::regconfig ELSE 'english'::regconfig END,
                CASE WHEN top.language = 'ar' THEN newsroom_fold_arabic(top.source) ELSE top.source END,
                q.query, @options) AS snippet
        FROM top, q
        ORDER BY top.rank DESC, top.updated_at DESC
        """;

    // "Published only" is Story.IsPublic in SQL: live and not withheld by a legal hold.
    public static IRuleBuilderOptions<T, string> SearchText<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Type something to search for.").MaximumLength(MaxQueryLength);

    public static async Task<IReadOnlyList<SearchHit>> FindAsync(
        IDbContextFactory<NewsroomDbContext> dbFactory, string text, bool publishedOnly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("text", text.Trim().Replace(Start, ' ').Replace(Stop, ' '));
        command.Parameters.AddWithValue("options", $"StartSel={Start}, StopSel={Stop}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=\" … \"");
        command.Parameters.AddWithValue("published_only", publishedOnly);
        command.Parameters.AddWithValue("limit", MaxHits);
        command.Parameters.AddWithValue("source", MaxSnippetSource);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var language = StoryLanguages.Parse(reader.GetString(3));
            hits.Add(new SearchHit(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), language.Code(), language.DirAttribute(),
                Enum.Parse<StoryState>(reader.GetString(4)), Parts(reader.GetString(5))));
        }

        return hits;
    }

    /// <summary>"a \u0002b\u0003 c" → [a ][b: match][ c].</summary>
    internal static IReadOnlyList<SnippetPart> Parts(string marked)
    {
        var parts = new List<SnippetPart>();
        var position = 0;
        while (position < marked.Length)
        {
            var start = marked.IndexOf(Start, position);
            if (start < 0)
            {
                parts.Add(new SnippetPart(marked[position..], false));
                break;
            }

            if (start > position)
            {
                parts.Add(new SnippetPart(marked[position..start], false));
            }

            var stop = marked.IndexOf(Stop, start + 1);
            stop = stop < 0 ? marked.Length : stop;
            parts.Add(new SnippetPart(marked[(start + 1)..stop], true));
            position = stop + 1;
        }

        return parts;
    }
}
