using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Newsroom.Domain;
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
        // Arabic has more plural forms than English ("code#two", "code#few"): each belongs to an English template.
        var stray = UiTextResources.Arabic.Keys.Except(UiTextResources.English.Keys)
            .Where(k => !(k.Split('#') is [var code, var form] && RefusalText.PluralForms.Contains(form) && UiTextResources.English.ContainsKey(code)))
            .ToList();

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
            // A refusal's key is its code: its placeholders are in the English template. A plural form for one or two
            // may write the number as a word ("تعليقان"), so it may leave its placeholder out, never add one.
            var english = UiTextResources.English.GetValueOrDefault(key) ?? UiTextResources.English[key.Split('#')[0]];
            var placeholders = Placeholders(key.Contains('{') ? key : english);
            var inArabic = Placeholders(arabic);
            if (key.Contains('#'))
            {
                Assert.True(!inArabic.Except(placeholders).Any(), $"'{key}' has a placeholder its English lacks: '{arabic}'");
            }
            else
            {
                Assert.Equal(placeholders, inArabic);
            }
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
    public void Every_refusal_the_workflow_can_raise_in_any_state_has_a_template_in_English_and_Arabic_and_renders_whole()
    {
        var refusals = new HashSet<Refusal>(RefusalComparer.Instance);
        foreach (var state in Enum.GetValues<StoryState>())
        {
            foreach (var held in new[] { false, true })
            {
                var story = StoryIn(state, held);
                foreach (var actor in new[] { Author, Outsider, Editor, BylinedEditor })
                {
                    // Counts that take every plural form: Arabic has one for 0, 1, 2, 3-10, 11-99 and the rest.
                    foreach (var comments in new[] { 0, 1, 2, 3, 11, 100, 1_500 })
                    {
                        var context = new StoryContext(comments, Now.AddDays(1), [Editor.UserId]);
                        refusals.UnionWith(story.CheckAll(actor, context).Values.OfType<Refusal>());
                        refusals.UnionWith(story.CheckAll(actor, context with { LiveWriters = [] }).Values.OfType<Refusal>());
                    }
                }

                if (story.CheckScheduledRelease(Now.AddDays(1)) is { } release)
                {
                    refusals.Add(release);
                }
            }
        }

        Assert.True(refusals.Count > 40, $"Only {refusals.Count} refusals found: the walk through the states is broken.");
        var problems = new List<string>();
        foreach (var refusal in refusals)
        {
            foreach (var (language, resources) in new[] { ("en", UiTextResources.English), ("ar", UiTextResources.Arabic) })
            {
                var text = RefusalText.Render(refusal, CultureInfo.GetCultureInfo(language));
                if (!resources.ContainsKey(refusal.Code) || text.Contains('{') || text.Contains(refusal.Code, StringComparison.Ordinal)
                    || (language == "ar" && !text.Any(c => c is >= '\u0600' and <= '\u06FF'))
                    || refusal.Args.OfType<int>().Any(n => n > 2 && !text.Contains(n.ToString("N0", CultureInfo.GetCultureInfo(language)), StringComparison.Ordinal)))
                {
                    problems.Add($"{refusal} in {language}: {text}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1, "لا يمكن النشر: هناك تعليق واحد لم يُحسم.")]
    [InlineData(2, "لا يمكن النشر: هناك تعليقان لم يُحسما.")]
    [InlineData(3, "لا يمكن النشر: هناك 3 تعليقات لم تُحسم.")]
    [InlineData(11, "لا يمكن النشر: هناك 11 تعليقًا لم يُحسم.")]
    [InlineData(100, "لا يمكن النشر: هناك 100 تعليق لم يُحسم.")]
    [InlineData(1500, "لا يمكن النشر: هناك 1٬500 تعليق لم يُحسم.")]
    public void A_count_takes_its_Arabic_plural_form(int comments, string expected)
    {
        var refusal = Refusal.Conflict("workflow.publish.unresolved-comments", comments);

        Assert.Equal(expected, RefusalText.Render(refusal, CultureInfo.GetCultureInfo("ar")));
        Assert.Equal(comments == 1 ? "Can't publish: 1 unresolved comment." : $"Can't publish: {comments:N0} unresolved comments.",
            RefusalText.Render(refusal, CultureInfo.GetCultureInfo("en")));
    }

    private static string[] Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Order().ToArray();

    /// <summary>Refusals are equal by code and arguments (the record compares its argument list by reference).</summary>
    private sealed class RefusalComparer : IEqualityComparer<Refusal>
    {
        public static readonly RefusalComparer Instance = new();

        public bool Equals(Refusal? x, Refusal? y) => x?.ToString() == y?.ToString();

        public int GetHashCode(Refusal obj) => obj.ToString().GetHashCode(StringComparison.Ordinal);
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
