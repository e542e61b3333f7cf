using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Newsroom.Domain.Auditing;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Users;
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
}
