using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Suggestions;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain.Stories;
using Newsroom.Domain.Workflow;
using Newsroom.Web.Components.Pages.Workflow;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Components;

/// <summary>
/// The workspace's workflow bar, rendered with what the real rules say for real accounts: which buttons are enabled,
/// and the reason beside each disabled one.
/// </summary>
public sealed class WorkflowActionsTests(WebFixture web) : WebTest(web), IDisposable
{
    private const string Layla = "layla.haddad@newsroom.test";
    private const string Tom = "tom.becker@newsroom.test";
    private const string Samira = "samira.nasser@newsroom.test";

    private readonly BunitContext _bunit = ComponentContext.New();

    [Fact]
    public async Task The_author_of_a_draft_can_submit_it_but_not_approve_or_publish_it()
    {
        var story = await Web.SendAsAsync(Layla, new GetStory.Query(await LaylasDraftAsync()));

        var bar = Render(story);

        Assert.False(Button(bar, StoryAction.SubmitForReview).HasAttribute("disabled"));
        Assert.True(Button(bar, StoryAction.Approve).HasAttribute("disabled"));
        Assert.Empty(bar.FindAll("#why-Approve"));
        Assert.Equal("Only editors can publish.", bar.Find("#why-Publish").TextContent);
    }

    [Fact]
    public async Task A_reporter_who_is_not_on_the_story_is_told_why_they_cannot_submit_it()
    {
        var story = await Web.SendAsAsync(Tom, new GetStory.Query(await LaylasDraftAsync()));

        var bar = Render(story);

        Assert.True(Button(bar, StoryAction.SubmitForReview).HasAttribute("disabled"));
        Assert.Equal("Can't submit: you are not on this story's byline or assigned to it.", bar.Find("#why-SubmitForReview").TextContent);
    }

    [Fact]
    public async Task In_Arabic_the_disabled_Publish_button_says_why_in_Arabic_with_the_count_in_its_plural_and_digits()
    {
        var id = await LaylasDraftAsync();
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new Approve.Command(id));
        foreach (var note in new[] { "Check the casualty figure.", "The caption names the wrong street.", "Source the quote." })
        {
            await Web.SendAsAsync(Samira, new AddComment.Command(id, note));
        }

        var story = await Web.SendAsAsync(Samira, new GetStory.Query(id));
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
            _bunit.Services.GetRequiredService<DisplayFormat>().ArabicIndicDigits = true;

            var bar = Render(story);

            Assert.True(Button(bar, StoryAction.Publish).HasAttribute("disabled"));
            Assert.Equal("لا يمكن النشر: هناك ٣ تعليقات لم تُحسم.", bar.Find("#why-Publish").TextContent);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }

    [Fact]
    public async Task An_editor_sees_publish_blocked_by_open_comments_with_the_count()
    {
        var id = await LaylasDraftAsync();
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new Approve.Command(id));
        await Web.SendAsAsync(Samira, new AddComment.Command(id, "Check the casualty figure."));
        await Web.SendAsAsync(Samira, new AddComment.Command(id, "The caption names the wrong street."));

        var bar = Render(await Web.SendAsAsync(Samira, new GetStory.Query(id)));

        var publish = Button(bar, StoryAction.Publish);
        Assert.True(publish.HasAttribute("disabled"));
        Assert.Equal("why-Publish", publish.GetAttribute("aria-describedby"));
        Assert.Equal("Can't publish: 2 unresolved comments.", bar.Find("#why-Publish").TextContent);
        Assert.False(Button(bar, StoryAction.Spike).HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_editor_sees_publish_blocked_by_open_suggestions_with_the_count_in_English_and_Arabic()
    {
        var id = await LaylasDraftAsync();
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(Samira, new SuggestChange.Command(id, "body", 0, 3, "Upd", "Fresher opening."));
        await Web.SendAsAsync("admin@newsroom.test", new Approve.Command(id));
        var story = await Web.SendAsAsync(Samira, new GetStory.Query(id));

        var bar = Render(story);
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string arabic;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ar");
            arabic = Render(story).Find("#why-Publish").TextContent;
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }

        Assert.Equal(StoryState.Approved, story.State);
        Assert.True(Button(bar, StoryAction.Publish).HasAttribute("disabled"));
        Assert.Equal("Can't publish: 2 open suggestions.", bar.Find("#why-Publish").TextContent);
        Assert.Equal("لا يمكن النشر: هناك اقتراحان لم يُحسما.", arabic);
    }

    [Fact]
    public async Task Pressing_an_enabled_button_asks_for_that_action_with_the_note()
    {
        var id = await LaylasDraftAsync();
        await Web.SendAsAsync(Layla, new SubmitForReview.Command(id));
        WorkflowRequest? asked = null;
        var story = await Web.SendAsAsync(Samira, new GetStory.Query(id));
        var bar = _bunit.Render<WorkflowActions>(p => p
            .Add(c => c.Story, story)
            .Add(c => c.OnAction, (WorkflowRequest r) => asked = r));

        bar.Find(".note input").Input("Needs a second source.");
        Button(bar, StoryAction.RequestChanges).Click();

        Assert.Equal(new WorkflowRequest(StoryAction.RequestChanges, "Needs a second source."), asked);
    }

    public void Dispose() => _bunit.Dispose();

    private async Task<Guid> LaylasDraftAsync() =>
        (await Web.SendAsAsync(Layla, new ListStories.Query(View: StoryView.Mine))).Single(s => s.State == StoryState.Draft).Id;

    private IRenderedComponent<WorkflowActions> Render(GetStory.StoryDetails story) =>
        _bunit.Render<WorkflowActions>(p => p.Add(c => c.Story, story));

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<WorkflowActions> bar, StoryAction action) =>
        bar.Find($"button[data-action={action}]");
}
