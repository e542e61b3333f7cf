using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Newsroom.Domain;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Comments;
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
                        refusals.UnionWith(story.CheckAll(actor, context with { LiveWriters = [], UnresolvedComments = 0, OpenSuggestions = comments })
                            .Values.OfType<Refusal>());
                    }
                }

                foreach (var open in new[] { 0, 1, 2, 3, 11, 100 })
                {
                    if (story.CheckScheduledRelease(Now.AddDays(1), open) is { } release)
                    {
                        refusals.Add(release);
                    }
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

    [Fact]
    public void Every_revision_name_and_notification_has_a_template_in_English_and_Arabic_and_renders_whole()
    {
        // Every name the workflow gives a revision, reached through the domain's own methods in every state.
        var names = new List<Message>();
        foreach (var state in Enum.GetValues<StoryState>())
        {
            foreach (var held in new[] { false, true })
            {
                StoryIn(state, held, names);
            }
        }

        var clear = new StoryContext(0, Now);
        var fields = new StoryFields("Local", "Headline", "", "Body", LeadImage.None, [], null, null);
        var story = StoryIn(StoryState.Draft, held: false, names);
        var first = Kept(names, story.Edit(fields, Author, clear));
        Kept(names, story.ApplyLiveText("body", "Typed live", ["Layla", "Omar"], Author.UserId, Now));
        foreach (var (count, accepted) in new[] { (1, true), (2, false), (3, true), (11, false), (100, true), (1, false) })
        {
            Kept(names, story.DecideSuggestions(count, new NameList(count == 1 ? ["Omar"] : ["Omar", "سمير"]), accepted, Author, clear));
        }

        Assert.Null(story.SaveVersion("Before the rewrite", Author, clear).GeneratedName);
        Kept(names, story.SaveVersion("", Author, clear));
        Kept(names, story.RestoreRevision(first, "The edit lost the quote.", Author, clear));
        var byline = new Dictionary<Guid, string> { [Author.UserId] = "Layla", [Outsider.UserId] = "Tom", [BylinedEditor.UserId] = "Omar" };
        Kept(names, story.SetByline([Author.UserId, BylinedEditor.UserId, Outsider.UserId], byline, Author, clear));
        Kept(names, story.SetByline([Author.UserId, BylinedEditor.UserId], byline, Author, clear));
        Kept(names, story.SetByline([BylinedEditor.UserId, Author.UserId], byline, Author, clear));
        Kept(names, story.SetByline([Author.UserId, Outsider.UserId], byline, Author, clear));
        Kept(names, story.SubmitForReview(Author, clear));
        Kept(names, story.RequestChanges("Add the fire service's statement.", Editor, clear));
        Kept(names, story.SubmitForReview(Author, clear));
        Kept(names, story.Approve(Editor, clear));
        Kept(names, story.Edit(fields with { Body = "Changed after approval" }, Author, clear));
        Kept(names, story.Approve(Editor, clear));
        story.SetEmbargo(Now.AddHours(1), Editor, clear);
        Kept(names, story.Publish(Editor, clear));
        Kept(names, story.PublishScheduled(Guid.Empty, Now.AddHours(2)));
        Kept(names, story.Unpublish("Legal asked.", Editor, clear));
        Kept(names, StoryIn(StoryState.Draft, held: false).Spike("Not running.", Editor, clear));

        // Every notification, for every state a story can move to, from a person and from the newsroom's timer.
        var notifications = Enum.GetValues<StoryState>()
            .SelectMany(state => new[] { Notification.StateChanged("Fire at the port", state, "Layla"), Notification.StateChanged("Fire at the port", state, null) })
            .Append(Notification.Assigned("Samira", "Fire at the port"))
            .Append(Notification.Mentioned("Samira", "حريق في الميناء"))
            .ToList();

        var messages = names.Concat(notifications).ToList();
        var reached = messages.SelectMany(Nested).Select(m => m.Code).ToHashSet();
        // A plural form ("code#one") is reached through its code.
        var templates = UiTextResources.English.Keys.Where(k => k.StartsWith("revision.", StringComparison.Ordinal) || k.StartsWith("notification.", StringComparison.Ordinal))
            .Select(k => k.Split('#')[0]).Distinct().ToList();
        Assert.True(templates.Count > 25, $"Only {templates.Count} templates found: the scan of the resources is broken.");
        Assert.Equal(templates.Order(), templates.Where(reached.Contains).Order());
        var problems = new List<string>();
        foreach (var message in messages)
        {
            foreach (var language in new[] { "en", "ar" })
            {
                var culture = CultureInfo.GetCultureInfo(language);
                var text = RefusalText.Render(message, culture);
                var people = message.Args.SelectMany(a => a switch { NameList list => list.People, string name => [name], _ => [] });
                if (Nested(message).Any(m => !(language == "en" ? UiTextResources.English : UiTextResources.Arabic).ContainsKey(m.Code))
                    || text.Contains('{') || Nested(message).Any(m => text.Contains(m.Code, StringComparison.Ordinal))
                    || (language == "ar" && !text.Any(c => c is >= '\u0600' and <= '\u06FF'))
                    || people.Any(p => !text.Contains(p, StringComparison.Ordinal))
                    || message.Args.OfType<StoryState>().Any(state => text.Contains(state.ToString(), StringComparison.Ordinal) && state.ToString() != Story.Describe(state))
                    || message.Args.OfType<DateTimeOffset>().Any(at => !text.Contains(at.ToLocalTime().ToString("g", culture), StringComparison.Ordinal)))
                {
                    problems.Add($"{message} in {language}: {text}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_generated_revision_name_reads_in_Arabic_with_the_people_and_notes_as_they_were_written()
    {
        var ar = CultureInfo.GetCultureInfo("ar");
        var backToReview = Message.Of("revision.back-to-review", Message.Of("revision.written-live", new NameList(["Layla Haddad", "عمر خليل"])));
        var scheduled = Message.Of("revision.scheduled", "Samira", new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));

        Assert.Equal("كتبها مباشرةً Layla Haddad، عمر خليل (عادت إلى المراجعة: كانت الموافقة على مراجعة سابقة)", RefusalText.Render(backToReview, ar));
        Assert.Equal("Written live by Layla Haddad, عمر خليل (back to review: approval was of an earlier revision)", RefusalText.Render(backToReview, CultureInfo.GetCultureInfo("en")));
        Assert.Equal($"جدولها Samira للنشر في {new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero).ToLocalTime().ToString("g", ar)}", RefusalText.Render(scheduled, ar));
        Assert.Equal("«حريق» الآن قيد المراجعة (Layla).", RefusalText.Render(Notification.StateChanged("حريق", StoryState.InReview, "Layla"), ar));
    }

    [Theory]
    [InlineData("not-allowed.role(Approve, [Editor | Admin], Tom Reed)", "en", "Not allowed: Approve is for Editor or Admin; Tom Reed has none of those roles.")]
    [InlineData("workflow.publish.unresolved-comments(2)", "ar", "لا يمكن النشر: هناك تعليقان لم يُحسما.")]
    [InlineData("workflow.submit.state(Approved)", "ar", null)]
    [InlineData("Court order pending", "ar", "Court order pending")]
    [InlineData("workflow.publish.legal-hold", "ar", "لا يمكن النشر: القصة مجمَّدة قانونيًّا.")]
    [InlineData("unknown.code(1)", "en", "unknown.code(1)")]
    public void A_reason_the_audit_log_stored_in_code_form_reads_in_the_page_language(string stored, string language, string? expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var text = RefusalText.AuditReason(stored, AuditOutcome.Refused, culture);

        if (expected is null)
        {
            // The state is written as the interface names it, never as the enum's name.
            Assert.Equal(RefusalText.Render(Refusal.Conflict("workflow.submit.state", StoryState.Approved), culture), text);
            Assert.DoesNotContain("Approved", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, text);
        }
    }

    [Fact]
    public void A_reason_typed_for_a_step_that_went_through_is_shown_as_written_even_when_it_reads_like_a_code()
    {
        Assert.Equal("workflow.publish.legal-hold", RefusalText.AuditReason("workflow.publish.legal-hold", AuditOutcome.Succeeded, CultureInfo.GetCultureInfo("ar")));
    }

    private static IEnumerable<Message> Nested(Message message) =>
        message.Args.OfType<Message>().SelectMany(Nested).Prepend(message);

    private static Revision Kept(List<Message> names, Revision? revision)
    {
        Assert.NotNull(revision);
        names.Add(Assert.IsType<Message>(revision.GeneratedName));
        return revision;
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
    private static Story StoryIn(StoryState state, bool held, List<Message>? names = null)
    {
        var clear = new StoryContext(0, Now);
        var (story, created) = Story.Create(new Domain.Stories.NewStory("s", StoryLanguage.English, "Local", "Headline"), Author.UserId, "Layla", Now);
        void Named(Revision? revision)
        {
            if (names is not null && revision?.GeneratedName is { } name)
            {
                names.Add(name);
            }
        }

        Named(created);
        Named(story.SetByline([Author.UserId, BylinedEditor.UserId], new Dictionary<Guid, string>(), Author, clear));
        void Approved()
        {
            Named(story.SubmitForReview(Author, clear));
            Named(story.Approve(Editor, clear));
        }

        switch (state)
        {
            case StoryState.InReview:
                Named(story.SubmitForReview(Author, clear));
                break;
            case StoryState.ChangesRequested:
                Named(story.SubmitForReview(Author, clear));
                Named(story.RequestChanges(null, Editor, clear));
                break;
            case StoryState.Approved:
                Approved();
                break;
            case StoryState.Scheduled:
                Approved();
                story.SetEmbargo(Now.AddHours(1), Editor, clear);
                Named(story.Publish(Editor, clear));
                break;
            case StoryState.Published or StoryState.Corrected or StoryState.Unpublished:
                Approved();
                Named(story.Publish(Editor, clear));
                if (state == StoryState.Corrected)
                {
                    Named(story.Correct("Fixed.", null, Editor, clear));
                }
                else if (state == StoryState.Unpublished)
                {
                    Named(story.Unpublish(null, Editor, clear));
                }

                break;
            case StoryState.Spiked:
                Named(story.Spike(null, Editor, clear));
                Named(story.Restore(Editor, clear));
                Named(story.Spike(null, Editor, clear));
                break;
        }

        if (held)
        {
            Named(story.SetLegalHold(true, "Court order", Editor, clear));
            if (names is not null)
            {
                Named(story.SetLegalHold(false, "Order refused", Editor, clear));
                Named(story.SetLegalHold(true, "Court order", Editor, clear));
            }
        }

        Assert.Equal(state, story.State);
        return story;
    }
}
