using Newsroom.Domain.Collab;

namespace Newsroom.Domain.Stories;

/// <summary>An immutable snapshot of every field of a story, numbered from 1 within the story.</summary>
public sealed class Revision
{
    private Revision()
    {
    }

    public Guid Id { get; private set; }
    public Guid StoryId { get; private set; }
    public int Number { get; private set; }
    /// <summary>
    /// The name a person gave the revision; for a generated one, its <see cref="GeneratedName"/> in code form (for logs
    /// and SQL), and for one generated before names were messages, the English sentence it was given.
    /// </summary>
    public string Name { get; private set; } = "";

    /// <summary>A name the workflow gave ("revision.approved" by whom), rendered in the reader's language; null when a person named it.</summary>
    public Message? GeneratedName { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public StoryState State { get; private set; }
    public string Headline { get; private set; } = "";
    public string Standfirst { get; private set; } = "";
    public string Body { get; private set; } = "";
    public LeadImage LeadImage { get; private set; } = LeadImage.None;
    public string[] Tags { get; private set; } = [];

    /// <summary>
    /// Who wrote each code unit of the revision's live fields when it was made (field → runs of length and author id,
    /// as the live text's tracked state held them); null for a revision made before this was kept, or with no live field.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Run<string>>>? Authorship { get; private set; }

    /// <summary>
    /// Keeps the authorship of a live field, if the revision holds exactly that text (a step that changed the field
    /// after the live text was read, such as a restore, keeps none for it: its text is not what the runs describe).
    /// </summary>
    public void KeepAuthorship(string field, string text, IReadOnlyList<Run<string>> runs)
    {
        if (FieldText(field) != text || runs.Sum(r => r.Length) != text.Length)
        {
            return;
        }

        var kept = Authorship is null ? new Dictionary<string, IReadOnlyList<Run<string>>>() : new Dictionary<string, IReadOnlyList<Run<string>>>(Authorship);
        kept[field] = [.. runs];
        Authorship = kept;
    }

    /// <summary>A text field by its live name (<see cref="LiveFields"/>); null for a field that is not text.</summary>
    public string? FieldText(string field) => field switch
    {
        LiveFields.Headline => Headline,
        LiveFields.Standfirst => Standfirst,
        LiveFields.Body => Body,
        _ => null,
    };

    public const int MaxNameLength = 200;

    internal static Revision Snapshot(Story story, int number, string name, Message? generated, Guid by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        StoryId = story.Id,
        Number = number,
        Name = name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "…",
        GeneratedName = generated,
        CreatedBy = by,
        CreatedAt = at,
        State = story.State,
        Headline = story.Headline,
        Standfirst = story.Standfirst,
        Body = story.Body,
        LeadImage = story.LeadImage,
        Tags = story.Tags.ToArray(),
    };
}
