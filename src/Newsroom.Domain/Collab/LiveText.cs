namespace Newsroom.Domain.Collab;

/// <summary>The three story fields people write together.</summary>
public static class LiveFields
{
    public const string Headline = "headline";
    public const string Standfirst = "standfirst";
    public const string Body = "body";

    public static IReadOnlyList<string> All { get; } = [Headline, Standfirst, Body];

    public static bool IsKnown(string? field) => field is Headline or Standfirst or Body;

    /// <summary>How long the field's text may grow.</summary>
    public static int MaxLength(string field) => field switch
    {
        Headline => Stories.Story.MaxHeadlineLength,
        Standfirst => Stories.Story.MaxStandfirstLength,
        _ => Stories.Story.MaxBodyLength,
    };
}

/// <summary>
/// A checkpoint of a shared text: its content at <see cref="BaseVersion"/>. The update log holds every accepted
/// update after it, so the text at any later version is this plus those.
/// </summary>
public sealed class LiveTextCheckpoint
{
    private LiveTextCheckpoint()
    {
    }

    public Guid StoryId { get; private set; }
    public string Field { get; private set; } = "";
    public int BaseVersion { get; private set; }
    public string BaseText { get; private set; } = "";

    /// <summary>
    /// The suggestions and authorship at <see cref="BaseVersion"/> (a <see cref="TrackedTextState"/> as JSON); null:
    /// all of <see cref="BaseText"/> is by the story's first author, unmarked.
    /// </summary>
    public string? Tracked { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static LiveTextCheckpoint Start(Guid storyId, string field, string text, DateTimeOffset now) =>
        new() { StoryId = storyId, Field = field, BaseVersion = 0, BaseText = text, UpdatedAt = now };

    /// <summary>
    /// The checkpoint moves forward to <paramref name="version"/>, whose text is <paramref name="text"/> and whose
    /// suggestions and authorship are <paramref name="tracked"/>; never back.
    /// </summary>
    public void MoveTo(int version, string text, string tracked, DateTimeOffset now)
    {
        if (version <= BaseVersion)
        {
            throw new InvalidOperationException($"A checkpoint moves forward only: it is at {BaseVersion}, not past {version}.");
        }

        BaseVersion = version;
        BaseText = text;
        Tracked = tracked;
        UpdatedAt = now;
    }
}

/// <summary>One accepted update in the log: the <see cref="Version"/>-th change to the text.</summary>
public sealed class LiveTextUpdate
{
    private LiveTextUpdate()
    {
    }

    public Guid StoryId { get; private set; }
    public string Field { get; private set; } = "";
    public int Version { get; private set; }
    public string ClientId { get; private set; } = "";

    /// <summary>Exactly <c>ChangeSet.toJSON()</c>, as text.</summary>
    public string Changes { get; private set; } = "";

    public Guid UserId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>What the update means for suggestions and authorship, as JSON; null in rows from before they were kept.</summary>
    public string? Tracking { get; private set; }
}

/// <summary>What the server checks of every push before it touches the text.</summary>
public static class PushLimits
{
    // Editors send at most 200 at a time; a page coming back with kept edits sends them in one push.
    public const int MaxUpdatesPerPush = 1_000;
    public const int MaxClientIdLength = 64;
    // Large enough for a whole body pasted at once (Story.MaxBodyLength); a push is one hub message.
    public const int MaxInsertedPerPush = 200_000;

    // A suggestion's note says why in a sentence or two, as a comment would.
    public const int MaxNoteLength = 1_000;

    // A pull answers at most this many updates, so one answer stays bounded however long the text has been edited; a
    // client further behind opens the text afresh (Join: the text as it is now). The browser does so already at 500.
    public const int MaxPullUpdates = 5_000;

    /// <summary>Null when the text may be inserted; otherwise why not.</summary>
    public static Refusal? CheckInserted(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return Refusal.Conflict("push.lone-high-surrogate", i);
            }

            if (char.IsLowSurrogate(text[i]))
            {
                return Refusal.Conflict("push.lone-low-surrogate", i);
            }
        }

        return null;
    }

    /// <summary>Null when no change boundary splits a surrogate pair of <paramref name="doc"/>; otherwise why.</summary>
    public static Refusal? CheckBoundaries(ChangeSet changes, TextBuffer doc)
    {
        var pos = 0;
        for (var i = 0; i < changes.Sections.Length; i += 2)
        {
            var len = changes.Sections[i];
            if (changes.Sections[i + 1] >= 0 && (SplitsPair(doc, pos) || SplitsPair(doc, pos + len)))
            {
                return Refusal.Conflict("push.split-character", pos);
            }

            pos += len;
        }

        return null;
    }

    /// <summary>
    /// Null when a suggest-mode update may go in; otherwise why not. Its marked deletions lie inside the text it
    /// leaves, sorted and apart, and the only text its change deletes is <paramref name="authorId"/>'s own suggested
    /// insertions: in suggest mode anything else is marked, never removed. With <paramref name="deletesNothing"/>
    /// (a story that makes every edit a suggestion, whose editor is not in suggest mode) it may delete nothing.
    /// </summary>
    public static Refusal? CheckSuggestion(TrackedText text, ChangeSet changes, IReadOnlyList<TextRange> deletions, string authorId, bool deletesNothing = false)
    {
        var previousEnd = 0;
        foreach (var range in deletions)
        {
            if (range.From < previousEnd || range.To <= range.From || range.To > changes.NewLength)
            {
                return Refusal.Conflict("push.suggestion-range", range.From, range.To, changes.NewLength);
            }

            previousEnd = range.To;
        }

        var pos = 0;
        for (var i = 0; i < changes.Sections.Length; i += 2)
        {
            var len = changes.Sections[i];
            if (changes.Sections[i + 1] >= 0 && len > 0)
            {
                if (deletesNothing)
                {
                    return Refusal.Conflict("push.suggest-only");
                }

                if (!text.IsSuggestedBy(pos, pos + len, authorId))
                {
                    return Refusal.Conflict("push.suggestion-deletes-text", pos);
                }
            }

            pos += len;
        }

        return null;
    }

    /// <summary>Null when no marked range's end splits a surrogate pair of <paramref name="doc"/> (the text the update leaves); otherwise why.</summary>
    public static Refusal? CheckBoundaries(IReadOnlyList<TextRange> ranges, TextBuffer doc)
    {
        foreach (var range in ranges)
        {
            if (SplitsPair(doc, range.From) || SplitsPair(doc, range.To))
            {
                return Refusal.Conflict("push.split-character", SplitsPair(doc, range.From) ? range.From : range.To);
            }
        }

        return null;
    }

    private static bool SplitsPair(TextBuffer doc, int pos) =>
        pos > 0 && pos < doc.Length && char.IsHighSurrogate(doc[pos - 1]) && char.IsLowSurrogate(doc[pos]);
}
