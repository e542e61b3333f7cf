using Bunit;
using Newsroom.Application.Features.Dashboard;
using Newsroom.Domain.Stories;
using Newsroom.Web.Components.Pages.Dashboard;
using Newsroom.Web.Realtime;

namespace Newsroom.Web.Tests.Components;

public sealed class BoardComponentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _bunit = new();

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
            .Add(c => c.Unit, "stories"));

        var bars = view.FindAll("rect.bar");
        Assert.Equal(24, bars.Count);
        Assert.Equal("09:00 – 4 stories", bars[9].QuerySelector("title")!.TextContent);
        Assert.Equal(2 * double.Parse(bars[10].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(bars[9].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture), 1);
        Assert.Equal("Published today: 09:00 4, 10:00 2", view.Find("svg").GetAttribute("aria-label"));
    }

    public void Dispose() => _bunit.Dispose();

    private static BoardCard Card(string language, string direction, int words, int budget, DateTimeOffset deadline) =>
        new(Guid.NewGuid(), "story", "عنوان", language, direction, "Local", StoryState.Draft,
            [new BoardPerson(Guid.NewGuid(), "Tom Becker")], words, budget, deadline, Now.AddMinutes(-5), "Create story by Tom Becker", null);
}
