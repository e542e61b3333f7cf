using Bunit;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Domain.Stories;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Web.Components.Pages.Dashboard;
using Newsroom.Web.Localization;
using Newsroom.Web.Realtime;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Components;

public sealed class BoardComponentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _bunit = ComponentContext.New();

    [Fact]
    public void A_card_shows_its_headline_in_its_direction_who_is_editing_and_turns_red_over_budget_and_deadline()
    {
        var card = Card("ar", "rtl", words: 450, budget: 400, deadline: Now.AddMinutes(-20));

        var view = _bunit.Render<StoryCard>(p => p
            .Add(c => c.Card, card)
            .Add(c => c.Now, Now)
            .Add(c => c.Editing, [new Collaborator(Guid.NewGuid(), "Layla Haddad", "#c2185b", 0, 0)]));

        Assert.Equal(("ar", "rtl"), (view.Find("h3").GetAttribute("lang"), view.Find("h3").GetAttribute("dir")));
        Assert.Equal("450 / 400 words", view.Find(".words.over").TextContent.Trim());
        Assert.Equal("Overdue by 20 min", view.Find(".deadline.overdue").TextContent);
        Assert.Equal("Layla Haddad is editing", view.Find(".editing-now .avatar").GetAttribute("title"));
        Assert.Equal("LH", view.Find(".editing-now .avatar").TextContent);
    }

    [Fact]
    public void A_card_within_budget_and_time_is_not_flagged()
    {
        var view = _bunit.Render<StoryCard>(p => p
            .Add(c => c.Card, Card("en", "ltr", words: 120, budget: 400, deadline: Now.AddHours(2).AddMinutes(15)))
            .Add(c => c.Now, Now));

        Assert.Empty(view.FindAll(".over, .overdue, .editing-now"));
        Assert.Equal("Due in 2 h 15 min", view.Find(".deadline").TextContent);
    }

    [Fact]
    public void A_chart_draws_one_bar_per_hour_scaled_to_the_busiest()
    {
        var perHour = new int[24];
        perHour[9] = 4;
        perHour[10] = 2;

        var view = _bunit.Render<BarChart>(p => p
            .Add(c => c.Title, "Published today")
            .Add(c => c.Values, perHour)
            .Add(c => c.Unit, "{0} stories"));

        var bars = view.FindAll("rect.bar");
        Assert.Equal(24, bars.Count);
        Assert.Equal("09:00 – 4 stories", bars[9].QuerySelector("title")!.TextContent);
        Assert.Equal(2 * double.Parse(bars[10].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(bars[9].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture), 1);
        Assert.Equal("Published today: 09:00 4 stories, 10:00 2 stories", view.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void In_Arabic_a_card_says_its_words_deadline_and_last_step_in_Arabic_with_the_chosen_digits()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
            _bunit.Services.GetRequiredService<DisplayFormat>().ArabicIndicDigits = true;

            var view = _bunit.Render<StoryCard>(p => p
                .Add(c => c.Card, Card("ar", "rtl", words: 450, budget: 400, deadline: Now.AddHours(-3).AddMinutes(-5)))
                .Add(c => c.Now, Now));

            Assert.Equal("٤٥٠ / ٤٠٠ كلمة", view.Find(".words.over").TextContent.Trim());
            Assert.Equal("تجاوز الموعد النهائي بـ٣ س ٥ د", view.Find(".deadline.overdue").TextContent);
            Assert.Equal("قبل ٥ د", view.Find(".activity time").TextContent);
            Assert.Contains("إنشاء خبر بواسطة", view.Find(".activity").TextContent, StringComparison.Ordinal);
            Assert.Equal("ltr", view.Find(".activity bdi").GetAttribute("dir"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    public void Dispose() => _bunit.Dispose();

    private static BoardCard Card(string language, string direction, int words, int budget, DateTimeOffset deadline) =>
        new(Guid.NewGuid(), "story", "عنوان", language, direction, "Local", StoryState.Draft,
            [new BoardPerson(Guid.NewGuid(), "Tom Becker")], words, budget, deadline, Now.AddMinutes(-5), "Create story", "Tom Becker", null, null);
}
