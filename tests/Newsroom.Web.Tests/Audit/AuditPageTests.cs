using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Newsroom.Application.Features.Stories;
using Newsroom.Application.Features.Workflow;
using Newsroom.Domain;
using Newsroom.Testing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Audit;

/// <summary>
/// The audit log keeps a refusal as its code (the hash chain is over that), and the audit page puts it into the
/// page's language when it shows it.
/// </summary>
public sealed class AuditPageTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task A_refused_reason_reads_in_Arabic_on_the_audit_page_the_story_timeline_and_the_API_while_the_row_keeps_its_code_and_the_chain_holds()
    {
        var id = (await Web.SendAsAsync(DemoNewsroom.Layla, new CreateStory.Command("harbour-fire", "en", "Local", "Harbour fire"))).StoryId;
        await Assert.ThrowsAsync<RefusedException>(() => Web.SendAsAsync(DemoNewsroom.Samira, new Approve.Command(id)));
        using var editor = await Web.EditorAsync();
        editor.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dar%7Cuic%3Dar");

        var html = await editor.GetStringAsync("/audit");

        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("table.list tbody tr");
        var refused = rows.Single(r => r.QuerySelector("code")?.TextContent == "Approve");
        Assert.Equal("لا يمكن الاعتماد: القصة مسودة، وليست قيد المراجعة.", refused.QuerySelectorAll("td")[6].TextContent.Trim());
        var timeline = new HtmlParser().ParseDocument(await editor.GetStringAsync($"/stories/{id}"));
        Assert.Equal("لا يمكن الاعتماد: القصة مسودة، وليست قيد المراجعة.", timeline.QuerySelector(".timeline .why")?.TextContent.Trim());
        using var admin = await Web.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit?storyId={id}");
        request.Headers.AcceptLanguage.ParseAdd("ar");
        using var response = await admin.SendAsync(request);
        var stored = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Single(r => r.GetProperty("command").GetString() == "Approve");
        Assert.Equal("workflow.approve.state(Draft)", stored.GetProperty("reason").GetString());
        Assert.Equal("لا يمكن الاعتماد: القصة مسودة، وليست قيد المراجعة.", stored.GetProperty("reasonText").GetString());
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("intact").GetBoolean());
    }
}
