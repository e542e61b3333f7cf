using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Audit;

/// <summary>The audit log says what each command was asked to do, and a row changed afterwards is found.</summary>
public sealed class AuditChainTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task Rows_record_hold_embargo_byline_and_role_changes_with_before_and_after()
    {
        var storyId = await NewStoryAsync();
        using var editor = await Web.EditorAsync();
        using var admin = await Web.AdminAsync();
        var tom = await Web.UserIdAsync("tom.becker@newsroom.test");
        var layla = await Web.UserIdAsync("layla.haddad@newsroom.test");

        (await editor.PutAsJsonAsync($"/api/stories/{storyId}/legal-hold", new { onHold = true, reason = "A court order is being read." })).EnsureSuccessStatusCode();
        (await editor.PutAsJsonAsync($"/api/stories/{storyId}/embargo", new { until = "2030-01-02T08:00:00Z" })).EnsureSuccessStatusCode();
        (await editor.PutAsJsonAsync($"/api/stories/{storyId}/byline", new { authorIds = new[] { tom } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/users/{tom}/role", new { role = "Editor" })).EnsureSuccessStatusCode();

        var rows = await DetailsByCommandAsync();
        var hold = rows["SetLegalHold"];
        Assert.True(hold.GetProperty("arguments").GetProperty("onHold").GetBoolean());
        Assert.False(hold.GetProperty("changed").GetProperty("legalHold").GetProperty("before").GetBoolean());
        Assert.True(hold.GetProperty("changed").GetProperty("legalHold").GetProperty("after").GetBoolean());
        Assert.Equal("A court order is being read.", hold.GetProperty("arguments").GetProperty("reason").GetString());
        Assert.Equal("2030-01-02T08:00:00.0000000Z", rows["SetEmbargo"].GetProperty("changed").GetProperty("embargoUntil").GetProperty("after").GetString());
        var byline = rows["SetByline"].GetProperty("changed").GetProperty("byline");
        Assert.Equal([layla.ToString()], byline.GetProperty("before").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([tom.ToString()], byline.GetProperty("after").EnumerateArray().Select(e => e.GetString()));
        var role = rows["ChangeRole"];
        Assert.Equal("Editor", role.GetProperty("arguments").GetProperty("role").GetString());
        Assert.Equal("Reporter", role.GetProperty("result").GetProperty("previousRole").GetString());
    }

    [Fact]
    public async Task Secrets_never_reach_the_audit_log()
    {
        using var admin = await Web.AdminAsync();
        using var reset = await admin.PostAsync($"/api/users/{await Web.UserIdAsync("tom.becker@newsroom.test")}/password-reset", null);
        var url = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resetUrl").GetString()!;
        using var tom = await Web.ReporterAsync();
        (await tom.PutAsJsonAsync("/api/users/me/password", new { currentPassword = "Reporter-demo-2", newPassword = "Toms-new-password-12" })).EnsureSuccessStatusCode();

        await using var db = Web.Database.CreateContext();
        var logged = string.Join("\n", await db.AuditLog.Select(a => a.Details ?? "").ToListAsync());
        Assert.DoesNotContain(Uri.UnescapeDataString(url.Split("token=")[1]), logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Toms-new-password-12", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Reporter-demo-2", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_first_row_changed_with_SQL_and_the_row_after_one_deleted()
    {
        var storyId = await NewStoryAsync();
        using var editor = await Web.EditorAsync();
        foreach (var onHold in new[] { true, false, true, false })
        {
            (await editor.PutAsJsonAsync($"/api/stories/{storyId}/legal-hold", new { onHold, reason = "The lawyers asked." })).EnsureSuccessStatusCode();
        }

        using var admin = await Web.AdminAsync();
        var intact = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(intact.GetProperty("intact").GetBoolean());
        await using var db = Web.Database.CreateContext();
        var ids = await db.AuditLog.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(ids.Count, intact.GetProperty("rowsChecked").GetInt64());

        // Someone with the database quietly turns "hold on" into "hold off" in the third row.
        await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET details = replace(details, 'true', 'false') WHERE id = {ids[2]}");
        var changed = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.False(changed.GetProperty("intact").GetBoolean());
        Assert.Equal(ids[2], changed.GetProperty("firstMismatchId").GetInt64());
        Assert.Contains("changed after it was written", changed.GetProperty("problem").GetString(), StringComparison.Ordinal);

        // Removing that row instead: the row after it no longer follows the one before.
        await db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE id = {ids[2]}");
        var removed = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.Equal(ids[3], removed.GetProperty("firstMismatchId").GetInt64());
        Assert.Contains("does not follow the row before it", removed.GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_verify_the_chain()
    {
        using var editor = await Web.EditorAsync();

        using var response = await editor.GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_API_pages_through_the_log_newest_first_without_gaps_or_repeats()
    {
        var storyId = await NewStoryAsync();
        using var editor = await Web.EditorAsync();
        for (var i = 0; i < 5; i++)
        {
            (await editor.PutAsJsonAsync($"/api/stories/{storyId}/legal-hold", new { onHold = i % 2 == 0, reason = $"Step {i}" })).EnsureSuccessStatusCode();
        }

        var seen = new List<long>();
        long? before = null;
        while (true)
        {
            var page = await editor.GetFromJsonAsync<JsonElement[]>($"/api/audit?take=2{(before is { } b ? $"&before={b}" : "")}");
            if (page!.Length == 0)
            {
                break;
            }

            seen.AddRange(page.Select(r => r.GetProperty("id").GetInt64()));
            before = seen[^1];
        }

        await using var db = Web.Database.CreateContext();
        Assert.Equal(await db.AuditLog.OrderByDescending(a => a.Id).Select(a => a.Id).ToListAsync(), seen);
    }

    private async Task<Dictionary<string, JsonElement>> DetailsByCommandAsync()
    {
        await using var db = Web.Database.CreateContext();
        var rows = await db.AuditLog.Where(a => a.Details != null).OrderBy(a => a.Id).Select(a => new { a.Command, a.Details }).ToListAsync();
        var byCommand = new Dictionary<string, JsonElement>();
        foreach (var row in rows)
        {
            byCommand[row.Command] = JsonDocument.Parse(row.Details!).RootElement;
        }

        return byCommand;
    }

    private Task<Guid> NewStoryAsync() => Web.NewStoryAsync("layla.haddad@newsroom.test", "Reporter-demo-1", "Harbour fire");
}
