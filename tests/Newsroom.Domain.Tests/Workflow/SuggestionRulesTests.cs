using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;

namespace Newsroom.Domain.Tests.Workflow;

/// <summary>What open suggestions and the suggest-only setting mean for the workflow.</summary>
public sealed class SuggestionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Layla = new(Guid.NewGuid(), "Layla", IsEditor: false);
    private static readonly Actor Samira = new(Guid.NewGuid(), "Samira", IsEditor: true);
    private static readonly StoryContext Clear = new(UnresolvedComments: 0, Now);

    private static Story Approved()
    {
        var story = Story.Create(new NewStory("night-buses", StoryLanguage.English, "Transport", "Night buses"), Layla.UserId, "Layla", Now).Story;
        story.SubmitForReview(Layla, Clear);
        story.Approve(Samira, Clear);
        return story;
    }

    [Fact]
    public void Publishing_is_refused_while_suggestions_are_open_with_their_count()
    {
        var story = Approved();

        var refusal = story.Check(StoryAction.Publish, Samira, Clear with { OpenSuggestions = 3 });

        Assert.Equal(("workflow.publish.open-suggestions", RefusalKind.Conflict), (refusal?.Code, refusal?.Kind));
        Assert.Equal([3], refusal!.Args);
        Assert.Throws<RefusedException>(() => story.Publish(Samira, Clear with { OpenSuggestions = 1 }));
        Assert.Null(story.Check(StoryAction.Publish, Samira, Clear));
    }

    [Fact]
    public void The_scheduler_keeps_a_story_with_open_suggestions_scheduled()
    {
        var story = Approved();
        story.SetEmbargo(Now.AddHours(1), Samira, Clear);
        story.Publish(Samira, Clear);

        Assert.Equal("workflow.publish.open-suggestions", story.CheckScheduledRelease(Now.AddHours(2), openSuggestions: 2)?.Code);
        Assert.Throws<RefusedException>(() => story.PublishScheduled(Guid.Empty, Now.AddHours(2), openSuggestions: 2));
        story.PublishScheduled(Guid.Empty, Now.AddHours(2));
        Assert.Equal(StoryState.Published, story.State);
    }

    [Fact]
    public void Only_an_editor_sets_suggest_only_and_it_applies_only_in_review()
    {
        var story = Story.Create(new NewStory("tram-fares", StoryLanguage.English, "Transport", "Tram fares"), Layla.UserId, "Layla", Now).Story;

        Assert.Equal("editors-only.suggest-only", Assert.Throws<RefusedException>(() => story.SetSuggestOnly(true, Layla, Clear)).Refusal.Code);
        story.SetSuggestOnly(true, Samira, Clear);
        Assert.False(SuggestOnly.Applies(story));
        story.SubmitForReview(Layla, Clear);
        Assert.True(SuggestOnly.Applies(story));
        story.RequestChanges(null, Samira, Clear);
        Assert.False(SuggestOnly.Applies(story));
    }
}
