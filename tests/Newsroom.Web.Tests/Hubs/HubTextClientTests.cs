using System.Net.Http.Json;
using System.Text.Json;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>The C# collab client the tests and the load tool type through.</summary>
public sealed class HubTextClientTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task Synced_is_the_version_with_the_length_at_it_leaving_out_what_is_unconfirmed()
    {
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        using var created = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = $"synced-{Guid.NewGuid():N}", language = "en", desk = "Local", headline = "Synced", body = "Start. ",
        });
        created.EnsureSuccessStatusCode();
        var storyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();
        await using var client = await HubTextClient.JoinAsync(
            await Web.HubAsync(CollabHub.Path, "layla.haddad@newsroom.test", "Reporter-demo-1"), storyId, "body", "synced");
        var (version, length) = (client.Version, client.Doc.Length);

        // The load tool's fuzz paired the version with the local length: with a keystroke unsent, "length - 1" was
        // the right length, and a push meant to be refused was taken.
        await client.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, "xy"));
        Assert.Equal((version, length), client.Synced);
        Assert.Equal(length + 2, client.Doc.Length);

        await client.SettleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((version + 1, length + 2), client.Synced);
    }
}
