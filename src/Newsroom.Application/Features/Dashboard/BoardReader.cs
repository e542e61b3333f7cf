using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>A story on the board: what a glance across the newsroom needs, in the story's own direction.</summary>
public sealed record BoardCard(
    Guid Id,
    string Slug,
    string Headline,
    string Language,
    string Direction,
    string Desk,
    StoryState State,
    IReadOnlyList<BoardPerson> Byline,
    int Words,
    int? WordBudget,
    DateTimeOffset? Deadline,
    DateTimeOffset LastActivityAt,
    string? LastStep,
    string? LastBy,
    DateTimeOffset? PublishedAt,
    string? LegalHoldReason);

public sealed record BoardPerson(Guid Id, string DisplayName)
{
    /// <summary>"Layla Haddad" → "LH": what an avatar shows.</summary>
    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => w[0]));
}

public sealed record BoardColumn(StoryState State, string Title, IReadOnlyList<BoardCard> Cards);

public sealed record BreakingBanner(string Text, DateTimeOffset RaisedAt);

/// <summary>The newsroom's day so far, in the server's time zone: hour 0 is local midnight.</summary>
public sealed record DayCharts(
    IReadOnlyList<int> PublishedPerHour,
    TimeSpan? MedianTimeInReview,
    int ReviewsFinished,
    IReadOnlyList<int> WordsPerHour)
{
    public int Published => PublishedPerHour.Sum();

    public int WordsWritten => WordsPerHour.Sum();
}

public sealed record Board(
    IReadOnlyList<BoardColumn> Columns, IReadOnlyList<string> Desks, DayCharts Charts, BreakingBanner? Breaking,
    DateTimeOffset At);

/// <summary>
/// Reads the board for the newsroom page and the wall screen alike, so both always show the same thing. Who may read
/// it is the business of the request that asks (a signed-in person, or a display link).
/// </summary>
public sealed class BoardReader(IDbContextFactory<NewsroomDbContext> dbFactory, TimeProvider clock, WordCounts counts)
{
    /// <summary>The columns, left to right, as a story moves; published stories stay on the board for a day.</summary>
    public static readonly IReadOnlyList<(StoryState State, string Title)> Columns =
    [
        (StoryState.Draft, "Draft"),
        (StoryState.ChangesRequested, "Changes requested"),
        (StoryState.InReview, "In review"),
        (StoryState.Approved, "Approved"),
        (StoryState.Scheduled, "Scheduled"),
        (StoryState.Published, "Published"),
    ];

    private static readonly StoryState[] OnTheBoard =
    [
        StoryState.Draft, StoryState.ChangesRequested, StoryState.InReview, StoryState.Approved, StoryState.Scheduled,
        StoryState.Published, StoryState.Corrected,
    ];

    public DateTimeOffset StartOfToday()
    {
        var local = clock.GetLocalNow();
        return new DateTimeOffset(local.Date, local.Offset);
    }

    public async Task<Board> ReadAsync(string? desk, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var cards = await CardsAsync(db, desk, now.AddDays(-1), cancellationToken);
        var columns = Columns
            .Select(c => new BoardColumn(c.State, c.Title, cards
                .Where(card => ColumnOf(card.State) == c.State)
                .OrderBy(card => card.Deadline ?? DateTimeOffset.MaxValue)
                .ThenByDescending(card => card.LastActivityAt)
                .ToList()))
            .ToList();
        var desks = await db.Stories.AsNoTracking().Select(s => s.Desk).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        return new Board(columns, desks, await ChartsAsync(db, cancellationToken), await BreakingAsync(db, cancellationToken), now);
    }

    public static async Task<BreakingBanner?> BreakingAsync(NewsroomDbContext db, CancellationToken cancellationToken) =>
        await db.BreakingNews.AsNoTracking()
            .Where(b => b.ClearedAt == null)
            .Select(b => new BreakingBanner(b.Text, b.RaisedAt))
            .SingleOrDefaultAsync(cancellationToken);

    private static StoryState ColumnOf(StoryState state) => state == StoryState.Corrected ? StoryState.Published : state;

    private async Task<List<BoardCard>> CardsAsync(
        NewsroomDbContext db, string? desk, DateTimeOffset publishedSince, CancellationToken cancellationToken)
    {
        var stories = db.Stories.AsNoTracking().Where(s => OnTheBoard.Contains(s.State)
            && (s.State != StoryState.Published && s.State != StoryState.Corrected || s.PublishedAt >= publishedSince));
        if (!string.IsNullOrWhiteSpace(desk))
        {
            stories = stories.Where(s => s.Desk == desk);
        }

        var rows = await stories
            .OrderByDescending(s => s.UpdatedAt)
            .Take(300)
            .Select(s => new
            {
                s.Id, s.Slug, s.Headline, s.Language, s.Desk, s.State, s.Version, s.WordBudget, s.Deadline, s.UpdatedAt,
                s.PublishedAt, s.LegalHoldReason,
                Byline = s.Bylines.OrderBy(b => b.Position).Select(b => b.UserId).ToList(),
                Last = db.AuditLog
                    .Where(a => a.StoryId == s.Id && a.Outcome == AuditOutcome.Succeeded)
                    .OrderByDescending(a => a.Id)
                    .Select(a => new { a.UserName, a.Command, a.At })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var people = await PeopleAsync(db, rows.SelectMany(r => r.Byline), cancellationToken);
        var words = new Dictionary<Guid, int>();
        foreach (var row in rows)
        {
            if (counts.TryGetStory(row.Id, row.Version, out var known))
            {
                words[row.Id] = known;
            }
        }

        // Only the bodies saved since the last read, under the version the row was read at (a save in between
        // gives a new version, counted next time).
        var unknown = rows.Where(r => !words.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        foreach (var body in await db.Stories.AsNoTracking().Where(s => unknown.Contains(s.Id))
            .Select(s => new { s.Id, s.Version, s.Body }).ToListAsync(cancellationToken))
        {
            words[body.Id] = counts.CountStory(body.Id, body.Version, body.Body);
        }

        return rows.Select(r => new BoardCard(
                r.Id, r.Slug, r.Headline, r.Language.Code(), r.Language.DirAttribute(), r.Desk, r.State,
                r.Byline.Where(people.ContainsKey).Select(id => people[id]).ToList(),
                words.GetValueOrDefault(r.Id), r.WordBudget, r.Deadline,
                r.Last is { } last && last.At > r.UpdatedAt ? last.At : r.UpdatedAt,
                r.Last is { } step ? Describe(step.Command) : null,
                r.Last?.UserName,
                r.PublishedAt,
                r.LegalHoldReason))
            .ToList();
    }

    internal static async Task<Dictionary<Guid, BoardPerson>> PeopleAsync(
        NewsroomDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new BoardPerson(u.Id, u.DisplayName), cancellationToken);
    }

    // "SubmitForReview" → "Submit for review": the audit log's command names as a person would say them, which are also
    // the interface's keys for them (the board card translates the step, not a sentence built here).
    private static string Describe(string command)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(command, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private async Task<DayCharts> ChartsAsync(NewsroomDbContext db, CancellationToken cancellationToken)
    {
        var dayStart = StartOfToday();
        var offset = dayStart.Offset;
        int HourOf(DateTimeOffset at) => Math.Clamp((int)(at.ToOffset(offset) - dayStart).TotalHours, 0, 23);

        var published = new int[24];
        var firstPublished = await db.Stories.AsNoTracking()
            .Where(s => s.FirstPublishedAt >= dayStart)
            .Select(s => s.FirstPublishedAt!.Value)
            .ToListAsync(cancellationToken);
        firstPublished.ForEach(at => published[HourOf(at)]++);

        var (median, reviews) = await MedianTimeInReviewAsync(db, dayStart, cancellationToken);
        return new DayCharts(published, median, reviews, await WordsPerHourAsync(db, dayStart, HourOf, cancellationToken));
    }

    /// <summary>
    /// A review is the time from a story entering review to leaving it (approved or sent back); reviews that ended
    /// today count, wherever they began. The audit log holds both moments.
    /// </summary>
    private static async Task<(TimeSpan? Median, int Count)> MedianTimeInReviewAsync(
        NewsroomDbContext db, DateTimeOffset dayStart, CancellationToken cancellationToken)
    {
        var endedToday = db.AuditLog.Where(a => a.At >= dayStart && a.Outcome == AuditOutcome.Succeeded
            && a.FromState == StoryState.InReview && a.ToState != StoryState.InReview);
        var moves = await db.AuditLog.AsNoTracking()
            .Where(a => a.Outcome == AuditOutcome.Succeeded && a.FromState != a.ToState
                && (a.FromState == StoryState.InReview || a.ToState == StoryState.InReview)
                && endedToday.Any(e => e.StoryId == a.StoryId))
            .OrderBy(a => a.Id)
            .Select(a => new { a.StoryId, a.At, a.ToState })
            .ToListAsync(cancellationToken);
        var durations = new List<TimeSpan>();
        foreach (var story in moves.GroupBy(m => m.StoryId))
        {
            DateTimeOffset? entered = null;
            foreach (var move in story)
            {
                if (move.ToState == StoryState.InReview)
                {
                    entered = move.At;
                }
                else if (entered is { } start)
                {
                    if (move.At >= dayStart)
                    {
                        durations.Add(move.At - start);
                    }

                    entered = null;
                }
            }
        }

        if (durations.Count == 0)
        {
            return (null, 0);
        }

        durations.Sort();
        var middle = durations.Count / 2;
        var median = durations.Count % 2 == 1 ? durations[middle] : (durations[middle - 1] + durations[middle]) / 2;
        return (median, durations.Count);
    }

    /// <summary>
    /// Words written: each revision saved today against the one before it (which may be from an earlier day), counting
    /// only what grew, so cutting a paragraph is not negative writing.
    /// </summary>
    private async Task<int[]> WordsPerHourAsync(
        NewsroomDbContext db, DateTimeOffset dayStart, Func<DateTimeOffset, int> hourOf, CancellationToken cancellationToken)
    {
        var today = await db.Revisions.AsNoTracking()
            .Where(r => r.CreatedAt >= dayStart)
            .Select(r => new { r.StoryId, r.Number, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var storyIds = today.Select(r => r.StoryId).Distinct().ToList();
        var before = await db.Revisions.AsNoTracking()
            .Where(r => storyIds.Contains(r.StoryId) && r.CreatedAt < dayStart
                && r.Number == db.Revisions.Where(x => x.StoryId == r.StoryId && x.CreatedAt < dayStart).Max(x => x.Number))
            .Select(r => new { r.StoryId, r.Number })
            .ToListAsync(cancellationToken);
        var wanted = today.Select(r => (r.StoryId, r.Number)).Concat(before.Select(r => (r.StoryId, r.Number))).ToList();
        var known = await RevisionWordsAsync(db, wanted, cancellationToken);
        var previousDay = before.ToDictionary(r => r.StoryId, r => known[(r.StoryId, r.Number)]);
        var words = new int[24];
        foreach (var story in today.GroupBy(r => r.StoryId))
        {
            var previous = previousDay.GetValueOrDefault(story.Key);
            foreach (var revision in story.OrderBy(r => r.Number))
            {
                var count = known[(revision.StoryId, revision.Number)];
                words[hourOf(revision.CreatedAt)] += Math.Max(0, count - previous);
                previous = count;
            }
        }

        return words;
    }

    /// <summary>Each revision's words, reading the text only of those not counted before.</summary>
    private async Task<Dictionary<(Guid StoryId, int Number), int>> RevisionWordsAsync(
        NewsroomDbContext db, IReadOnlyList<(Guid StoryId, int Number)> revisions, CancellationToken cancellationToken)
    {
        var words = new Dictionary<(Guid, int), int>();
        var unknown = new List<(Guid StoryId, int Number)>();
        foreach (var (storyId, number) in revisions)
        {
            if (counts.TryGetRevision(storyId, number, out var known))
            {
                words[(storyId, number)] = known;
            }
            else
            {
                unknown.Add((storyId, number));
            }
        }

        foreach (var story in unknown.GroupBy(r => r.StoryId))
        {
            var numbers = story.Select(r => r.Number).ToList();
            foreach (var revision in await db.Revisions.AsNoTracking()
                .Where(r => r.StoryId == story.Key && numbers.Contains(r.Number))
                .Select(r => new { r.StoryId, r.Number, r.Headline, r.Standfirst, r.Body })
                .ToListAsync(cancellationToken))
            {
                words[(revision.StoryId, revision.Number)] =
                    counts.CountRevision(revision.StoryId, revision.Number, revision.Headline, revision.Standfirst, revision.Body);
            }
        }

        return words;
    }
}
