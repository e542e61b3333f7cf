using System.Collections.Concurrent;
using Newsroom.Domain.Text;

namespace Newsroom.Application.Features.Dashboard;

/// <summary>
/// Word counts the board has made, kept under keys that change whenever the text does: a story's row version
/// (PostgreSQL's xmin, new with every save) and a revision's number (revisions never change). So a board read
/// counts only what was saved since the last one, and reads no other text, instead of every body on the board.
/// </summary>
public sealed class WordCounts
{
    // Far above a day's board (300 cards, a few thousand revisions); past it, start again rather than grow.
    private const int Limit = 20_000;

    private readonly ConcurrentDictionary<(Guid StoryId, uint Version), int> _stories = new();
    private readonly ConcurrentDictionary<(Guid StoryId, int Number), int> _revisions = new();
    private long _counted;

    /// <summary>How many texts have been counted since start: what a board read cost in texts read.</summary>
    public long TextsCounted => Interlocked.Read(ref _counted);

    public bool TryGetStory(Guid storyId, uint version, out int words) => _stories.TryGetValue((storyId, version), out words);

    public int CountStory(Guid storyId, uint version, string body) =>
        Keep(_stories, (storyId, version), TextMeasures.CountWords(body));

    public bool TryGetRevision(Guid storyId, int number, out int words) => _revisions.TryGetValue((storyId, number), out words);

    /// <summary>A revision's words as the day's chart counts them: headline, standfirst and body together.</summary>
    public int CountRevision(Guid storyId, int number, string headline, string standfirst, string body) =>
        Keep(_revisions, (storyId, number), TextMeasures.Measure([headline, standfirst, body]).Words);

    private int Keep<TKey>(ConcurrentDictionary<TKey, int> counts, TKey key, int words)
        where TKey : notnull
    {
        Interlocked.Increment(ref _counted);
        if (counts.Count >= Limit)
        {
            counts.Clear();
        }

        counts[key] = words;
        return words;
    }
}
