using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>
/// The load tool's clients read each broadcast once for the whole process (<see cref="SharedUpdates"/>, and whole
/// messages with <see cref="SharedBroadcasts"/>): they must take in exactly what clients that parse every broadcast
/// themselves take in.
/// </summary>
public sealed class SharedParsingTests(WebFixture web) : WebTest(web)
{
    private static readonly string[] Tags = ["A", "ب", "C", "O"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Clients_sharing_parsed_broadcasts_converge_with_one_that_parses_its_own(bool wholeMessages)
    {
        using var layla = await Web.ClientForAsync("layla.haddad@newsroom.test", "Reporter-demo-1");
        using var created = await layla.PostAsJsonAsync("/api/stories", new
        {
            slug = $"shared-{Guid.NewGuid():N}", language = "ar", desk = "Local", headline = "مشترك", body = "بداية. ",
        });
        created.EnsureSuccessStatusCode();
        var storyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid();

        var sharing = new List<HubTextClient>();
        foreach (var tag in Tags[..3])
        {
            sharing.Add(await HubTextClient.JoinAsync(
                await Web.HubAsync(CollabHub.Path, "layla.haddad@newsroom.test", "Reporter-demo-1", wholeMessages ? SharedBroadcasts.UseFor : null),
                storyId, "body", $"shared-{tag}", shareParsing: true));
        }

        await using var own = await HubTextClient.JoinAsync(
            await Web.HubAsync(CollabHub.Path, "layla.haddad@newsroom.test", "Reporter-demo-1"), storyId, "body", "own");

        await HubTextClient.TypeAtOnceAsync(20, (sharing[0], Tags[0]), (sharing[1], Tags[1]), (sharing[2], Tags[2]), (own, Tags[3]));
        foreach (var client in sharing.Append(own))
        {
            await client.SettleAsync(TimeSpan.FromSeconds(30));
        }

        foreach (var client in sharing.Append(own))
        {
            await client.PullAsync();
        }

        Assert.All(sharing, client => Assert.Equal(own.Doc, client.Doc));
        Assert.All(Tags, tag => Assert.All(Enumerable.Range(0, 20), i =>
            Assert.Single(Regex.Matches(own.Doc, $@"\[{tag}{i}\]"))));
        Assert.Equal(80, own.Version);
        Assert.True(!wholeMessages || SharedBroadcasts.Reused > 0, "No broadcast was taken from another connection's parse.");
        foreach (var client in sharing)
        {
            await client.DisposeAsync();
        }
    }
}
