using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Application.Features.Comments;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Endpoints;

/// <summary>A refusal's problem details speak the language the client asks for.</summary>
public sealed class RefusalLanguageTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task A_refusal_from_the_API_is_in_Arabic_for_Accept_Language_ar_and_in_English_otherwise()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("court-case", "ar", "Local", "قضية المحكمة"))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new SetLegalHold.Command(id, true, "أمر قضائي"));
        using var editor = await Web.EditorAsync();

        var arabic = await PublishAsync(editor, id, "ar");
        var english = await PublishAsync(editor, id, "en");

        Assert.Equal((409, "لا يمكن النشر: القصة مجمَّدة قانونيًّا."), arabic);
        Assert.Equal((409, "Can't publish: the story is on legal hold."), english);
    }

    [Fact]
    public async Task A_refusal_with_a_count_takes_its_Arabic_plural_form_in_the_API()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("port-strike", "ar", "Local", "إضراب الميناء"))).StoryId;
        await Web.SendAsAsync(DemoNewsroom.Layla, new SubmitForReview.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(id));
        await Web.SendAsAsync(DemoNewsroom.Samira, new AddComment.Command(id, "Check the figure."));
        await Web.SendAsAsync(DemoNewsroom.Samira, new AddComment.Command(id, "Name the source."));
        using var editor = await Web.EditorAsync();

        var arabic = await PublishAsync(editor, id, "ar");
        var english = await PublishAsync(editor, id, "en");

        Assert.Equal((409, "لا يمكن النشر: هناك تعليقان لم يُحسما."), arabic);
        Assert.Equal((409, "Can't publish: 2 unresolved comments."), english);
    }

    private static async Task<(int Status, string? Detail)> PublishAsync(HttpClient client, Guid id, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stories/{id}/publish");
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, problem.GetProperty("detail").GetString());
    }
}
