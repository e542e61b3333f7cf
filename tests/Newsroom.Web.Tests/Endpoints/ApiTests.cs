using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Domain.Auditing;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Endpoints;

public sealed class ApiTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task Health_reports_that_the_database_answers()
    {
        using var response = await Web.Anonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reporters_token_is_refused_where_an_editors_is_required_and_the_answer_says_why()
    {
        using var reporter = await Web.ReporterAsync();
        using var editor = await Web.EditorAsync();

        using var refused = await reporter.GetAsync("/api/audit");
        using var allowed = await editor.GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not allowed: GetAuditLog is for Editor or Admin; Tom Becker has none of those roles.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Signed_out_API_calls_get_401_not_a_sign_in_page()
    {
        using var response = await Web.Anonymous().GetAsync("/api/stories");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_story_gets_every_field_message_and_changes_nothing()
    {
        using var reporter = await Web.ReporterAsync();
        var storiesBefore = await CountStoriesAsync();

        using var response = await reporter.PostAsJsonAsync("/api/stories",
            new { slug = "Not a slug", language = "fr", desk = "", headline = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["desk", "headline", "language", "slug"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Language must be 'ar' (Arabic) or 'en' (English).", errors.GetProperty("language")[0].GetString());
        Assert.Equal(storiesBefore, await CountStoriesAsync());
        await using var db = Web.Database.CreateContext();
        Assert.Equal(AuditOutcome.Invalid, (await db.AuditLog.SingleAsync()).Outcome);
    }

    [Fact]
    public async Task A_malformed_body_is_a_bad_request_that_changes_nothing()
    {
        using var reporter = await Web.ReporterAsync();
        var storiesBefore = await CountStoriesAsync();

        using var response = await reporter.PostAsync("/api/stories",
            new StringContent("{\"slug\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(storiesBefore, await CountStoriesAsync());
    }

    [Fact]
    public async Task A_created_Arabic_story_is_at_its_location_and_reads_right_to_left()
    {
        using var reporter = await Web.ReporterAsync();

        using var created = await reporter.PostAsJsonAsync("/api/stories", new
        {
            slug = "harbour-fire",
            language = "ar",
            desk = "Local",
            headline = "حريق في الميناء",
            leadImageCredit = "gettyimages 2230342714",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var story = await reporter.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal("حريق في الميناء", story.GetProperty("headline").GetString());
        Assert.Equal("rtl", story.GetProperty("direction").GetString());
        Assert.Equal("Draft", story.GetProperty("state").GetString());
        Assert.Equal("Tom Becker", story.GetProperty("byline")[0].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task An_unknown_story_is_404()
    {
        using var reporter = await Web.ReporterAsync();

        using var response = await reporter.GetAsync($"/api/stories/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> CountStoriesAsync()
    {
        await using var db = Web.Database.CreateContext();
        return await db.Stories.CountAsync();
    }
}
