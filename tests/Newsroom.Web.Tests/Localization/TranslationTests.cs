using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
using Newsroom.Domain.Workflow;
using Newsroom.Web.Components.Pages.Stories;
using Newsroom.Web.Components.Pages.Workflow;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Localization;

[Collection(WebCollection.Name)]
public sealed class TranslationTests(WebFixture web)
{
    [Fact]
    public void Every_English_key_has_an_Arabic_translation_and_no_Arabic_key_is_stray()
    {
        var untranslated = UiTextResources.English.Keys.Where(k => string.IsNullOrWhiteSpace(UiTextResources.Arabic.GetValueOrDefault(k))).ToList();
        var stray = UiTextResources.Arabic.Keys.Except(UiTextResources.English.Keys).ToList();

        Assert.Empty(untranslated);
        Assert.Empty(stray);
    }

    [Fact]
    public void Arabic_translations_are_Arabic_and_keep_their_placeholders()
    {
        // Only text with words in it needs Arabic letters: "{0} → {1}" turns its arrow, "(Markdown)" is a name.
        foreach (var (key, arabic) in UiTextResources.Arabic.Where(p => p.Key.Any(char.IsAsciiLetter) && p.Key != "(Markdown)"))
        {
            Assert.True(arabic.Any(c => c is >= '\u0600' and <= '\u06FF'), $"'{key}' is not translated: '{arabic}'");
            var placeholders = System.Text.RegularExpressions.Regex.Matches(key, @"\{\d\}").Select(m => m.Value).Order();
            Assert.Equal(placeholders, System.Text.RegularExpressions.Regex.Matches(arabic, @"\{\d\}").Select(m => m.Value).Order());
        }
    }

    [Fact]
    public void Every_key_the_components_use_is_in_the_English_resources()
    {
        var used = UiTextResources.KeysUsed();

        Assert.True(used.Count > 150, $"Only {used.Count} keys found: the scan of the components is broken.");
        Assert.Empty(used.Where(u => !UiTextResources.English.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}"));
    }

    [Fact]
    public void Every_word_the_components_look_up_by_value_has_a_key_states_roles_outcomes_buttons_views_fields()
    {
        var looked = Enum.GetValues<StoryState>().Select(Story.Describe)
            .Concat(Roles.All)
            .Concat(Enum.GetNames<AuditOutcome>())
            .Concat(WorkflowActions.Buttons.Select(WorkflowActions.Label))
            .Concat(StoryList.Views.Select(v => v.Label))
            .Concat(Newsroom.Domain.Comments.EditorialComment.Fields.Select(f => $"field:{f}"));

        Assert.DoesNotContain(looked, k => !UiTextResources.English.ContainsKey(k));
    }

    [Fact]
    public void Every_refusal_the_workflow_can_raise_in_any_state_without_a_count_has_Arabic_text()
    {
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var state in Enum.GetValues<StoryState>())
        {
            foreach (var held in new[] { false, true })
            {
                var story = StoryIn(state, held);
                foreach (var actor in new[] { Author, Outsider, Editor, BylinedEditor })
                {
                    // Not 2 or more comments: "Can't publish: 2 unresolved comments" is a sentence with a number in it,
                    // which a resource key cannot carry; it waits for refusals made of a code and arguments.
                    foreach (var comments in new[] { 0, 1 })
                    {
                        var context = new StoryContext(comments, Now.AddDays(1), [Editor.UserId]);
                        reasons.UnionWith(story.CheckAll(actor, context).Values.OfType<Refusal>().Select(r => r.Reason));
                        reasons.UnionWith(story.CheckAll(actor, context with { LiveWriters = [] }).Values.OfType<Refusal>().Select(r => r.Reason));
                    }
                }

                if (story.CheckScheduledRelease(Now.AddDays(1)) is { } release)
                {
                    reasons.Add(release.Reason);
                }
            }
        }

        Assert.True(reasons.Count > 30, $"Only {reasons.Count} refusals found: the walk through the states is broken.");
        var untranslated = reasons.Where(r => string.IsNullOrWhiteSpace(UiTextResources.Arabic.GetValueOrDefault(r))).ToList();
        Assert.True(untranslated.Count == 0, string.Join("\n", untranslated));
    }

    [Fact]
    public void The_app_finds_the_Arabic_resources_at_run_time()
    {
        var text = web.Factory.Services.GetRequiredService<IStringLocalizer<UiText>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
            Assert.Equal("تسجيل الدخول", text["Sign in"].Value);
            Assert.DoesNotContain(UiTextResources.English.Keys, k => text[k].ResourceNotFound);
            Assert.Equal("أدخل كلمة المرور.", ValidationText.EnterPassword);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Author = new(Guid.NewGuid(), "Layla", IsEditor: false);
    private static readonly Actor Outsider = new(Guid.NewGuid(), "Tom", IsEditor: false);
    private static readonly Actor Editor = new(Guid.NewGuid(), "Samira", IsEditor: true);
    private static readonly Actor BylinedEditor = new(Guid.NewGuid(), "Omar", IsEditor: true);

    /// <summary>A story taken to <paramref name="state"/> through the domain's own transitions, as people would.</summary>
    private static Story StoryIn(StoryState state, bool held)
    {
        var clear = new StoryContext(0, Now);
        var story = Story.Create(new Domain.Stories.NewStory("s", StoryLanguage.English, "Local", "Headline"), Author.UserId, "Layla", Now).Story;
        story.SetByline([Author.UserId, BylinedEditor.UserId], new Dictionary<Guid, string>(), Author, clear);
        void Approved()
        {
            story.SubmitForReview(Author, clear);
            story.Approve(Editor, clear);
        }

        switch (state)
        {
            case StoryState.InReview:
                story.SubmitForReview(Author, clear);
                break;
            case StoryState.ChangesRequested:
                story.SubmitForReview(Author, clear);
                story.RequestChanges(null, Editor, clear);
                break;
            case StoryState.Approved:
                Approved();
                break;
            case StoryState.Scheduled:
                Approved();
                story.SetEmbargo(Now.AddHours(1), Editor, clear);
                story.Publish(Editor, clear);
                break;
            case StoryState.Published or StoryState.Corrected or StoryState.Unpublished:
                Approved();
                story.Publish(Editor, clear);
                if (state == StoryState.Corrected)
                {
                    story.Correct("Fixed.", null, Editor, clear);
                }
                else if (state == StoryState.Unpublished)
                {
                    story.Unpublish(null, Editor, clear);
                }

                break;
            case StoryState.Spiked:
                story.Spike(null, Editor, clear);
                break;
        }

        if (held)
        {
            story.SetLegalHold(true, "Court order", Editor, clear);
        }

        Assert.Equal(state, story.State);
        return story;
    }
}
