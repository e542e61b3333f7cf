using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Newsroom.Domain.Stories;

/// <summary>A story from first draft to publication. Its rules live here; handlers only coordinate.</summary>
public sealed partial class Story
{
    public const int MaxSlugLength = 120;
    public const int MaxDeskLength = 60;
    public const int MaxHeadlineLength = 300;
    public const int MaxStandfirstLength = 1_000;
    // Long-reads run to 10,000 words; the limit stops runaway pastes, not journalism.
    public const int MaxBodyLength = 200_000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MaxWordBudget = 20_000;

    private readonly List<Byline> _bylines = [];
    private readonly List<StoryCorrection> _corrections = [];

    private Story()
    {
    }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public StoryLanguage Language { get; private set; }
    public string Desk { get; private set; } = "";
    public string Headline { get; private set; } = "";
    public string Standfirst { get; private set; } = "";
    public string Body { get; private set; } = "";
    public LeadImage LeadImage { get; private set; } = LeadImage.None;
    public IReadOnlyList<Byline> Bylines => _bylines;
    public string[] Tags { get; private set; } = [];
    public int? WordBudget { get; private set; }
    public DateTimeOffset? Deadline { get; private set; }
    public DateTimeOffset? EmbargoUntil { get; private set; }
    public bool LegalHold { get; private set; }

    /// <summary>
    /// An editor's setting: while the story is In review, everyone's live edits become suggestions for the writers
    /// to accept or reject (<see cref="SuggestOnly.Applies(Story)"/>).
    /// </summary>
    public bool SuggestOnlyInReview { get; private set; }

    /// <summary>Why the story is on legal hold (the lawyers' words for the newsroom); null when it is not.</summary>
    public string? LegalHoldReason { get; private set; }

    /// <summary>
    /// What readers may see: published or corrected, and not withheld by a legal hold. Every public surface (article
    /// page, feeds, reader search, lists) filters with this one expression, so a hold cannot be forgotten by one of them.
    /// </summary>
    public static readonly Expression<Func<Story, bool>> IsPublic =
        s => (s.State == StoryState.Published || s.State == StoryState.Corrected) && !s.LegalHold;
    public StoryState State { get; private set; }
    public int LatestRevisionNumber { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid[] AssignedReporterIds { get; private set; } = [];

    /// <summary>Everyone on the byline at any moment since the story was last submitted for review (or created).</summary>
    public Guid[] BylinedSinceSubmission { get; private set; } = [];

    /// <summary>Everyone who changed the story's text by a form, a restore or a correction (live typing is in the update log).</summary>
    public Guid[] WriterIds { get; private set; } = [];
    public Guid? ReviewerId { get; private set; }

    /// <summary>Approval is of one revision: the number approved, cleared by any later change.</summary>
    public int? ApprovedRevisionNumber { get; private set; }

    /// <summary>
    /// <see cref="ReaderTextHash"/> of the text as approved (or as last corrected): what may go out. Cleared by any later
    /// change; Publish, the scheduler and Correct compare it with the text they are about to release.
    /// </summary>
    public string? ApprovedTextHash { get; private set; }

    /// <summary>Who approved (or corrected) the story last; kept when the approval lapses, so they can be told.</summary>
    public Guid? ApprovedBy { get; private set; }

    public DateTimeOffset? FirstPublishedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public IReadOnlyList<StoryCorrection> Corrections => _corrections;

    /// <summary>Row version (PostgreSQL xmin): two people saving the same story never silently overwrite each other.</summary>
    public uint Version { get; private set; }

    public static bool IsValidSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && SlugPattern().IsMatch(slug);

    /// <summary>Opens a new draft bylined to its author, with revision 1 as the starting point.</summary>
    public static (Story Story, Revision FirstRevision) Create(
        NewStory draft, Guid authorId, string authorName, DateTimeOffset now)
    {
        if (!IsValidSlug(draft.Slug))
        {
            throw new RefusedException(Refusal.Conflict("story.slug.invalid", draft.Slug));
        }

        if (string.IsNullOrWhiteSpace(draft.Desk))
        {
            throw new RefusedException(Refusal.Conflict("story.needs-desk"));
        }

        if (string.IsNullOrWhiteSpace(draft.Headline))
        {
            throw new RefusedException(Refusal.Conflict("story.needs-headline"));
        }

        var story = new Story
        {
            Id = Guid.CreateVersion7(now),
            Slug = draft.Slug,
            Language = draft.Language,
            Desk = draft.Desk.Trim(),
            Headline = draft.Headline.Trim(),
            Standfirst = draft.Standfirst?.Trim() ?? "",
            Body = draft.Body ?? "",
            LeadImage = draft.LeadImage ?? LeadImage.None,
            Tags = NormalizeTags(draft.Tags),
            WordBudget = draft.WordBudget,
            Deadline = draft.Deadline,
            State = StoryState.Draft,
            CreatedBy = authorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        story._bylines.Add(new Byline(authorId, 0));
        story.BylinedSinceSubmission = [authorId];
        story.WriterIds = [authorId];
        var revision = story.TakeRevision(Message.Of("revision.created", authorName), authorId, now);
        return (story, revision);
    }

    public bool IsBylined(Guid userId) => _bylines.Exists(b => b.UserId == userId);

    public bool IsAssigned(Guid userId) => AssignedReporterIds.Contains(userId) || ReviewerId == userId;

    /// <summary>Snapshots every field as the next numbered revision, under the name a person gave it.</summary>
    public Revision TakeRevision(string name, Guid by, DateTimeOffset at) => Snapshot(name, null, by, at);

    /// <summary>Snapshots every field as the next numbered revision, named by the workflow in the reader's language.</summary>
    public Revision TakeRevision(Message name, Guid by, DateTimeOffset at) => Snapshot(name.ToString(), name, by, at);

    private Revision Snapshot(string name, Message? generated, Guid by, DateTimeOffset at)
    {
        LatestRevisionNumber++;
        UpdatedAt = at;
        return Revision.Snapshot(this, LatestRevisionNumber, name, generated, by, at);
    }

    /// <summary>
    /// SHA-256 of everything readers see: headline, standfirst, body, lead image, caption, credit and byline. Each part
    /// is length-prefixed, so moving text from one field to the next changes the hash.
    /// </summary>
    public string ReaderTextHash()
    {
        var text = new StringBuilder();
        foreach (var part in new[] { Headline, Standfirst, Body, LeadImage.Url ?? "", LeadImage.Caption ?? "", LeadImage.Credit ?? "" }
                     .Concat(_bylines.OrderBy(b => b.Position).Select(b => b.UserId.ToString("N"))))
        {
            text.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string[] NormalizeTags(IEnumerable<string>? tags) =>
        tags is null
            ? []
            : tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

/// <summary>What a reporter supplies to open a story.</summary>
public sealed record NewStory(
    string Slug,
    StoryLanguage Language,
    string Desk,
    string Headline,
    string? Standfirst = null,
    string? Body = null,
    LeadImage? LeadImage = null,
    IReadOnlyList<string>? Tags = null,
    int? WordBudget = null,
    DateTimeOffset? Deadline = null);

/// <summary>An author on the story's byline, in the order they are credited.</summary>
public sealed record Byline(Guid UserId, int Position);

/// <summary>The picture at the top of the story and its credit line (e.g. "gettyimages 2230342714").</summary>
public sealed record LeadImage(string? Url, string? Caption, string? Credit)
{
    public static LeadImage None { get; } = new(null, null, null);
}
