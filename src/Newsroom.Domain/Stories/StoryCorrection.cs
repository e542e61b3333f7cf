namespace Newsroom.Domain.Stories;

/// <summary>A visible correction note on a published story ("An earlier version gave the wrong date.").</summary>
public sealed record StoryCorrection(DateTimeOffset At, string Note, Guid By);

/// <summary>The fields a person edits by hand. Slug and language are fixed when the story is opened.</summary>
public sealed record StoryFields(
    string Desk,
    string Headline,
    string Standfirst,
    string Body,
    LeadImage LeadImage,
    IReadOnlyList<string> Tags,
    int? WordBudget,
    DateTimeOffset? Deadline);
