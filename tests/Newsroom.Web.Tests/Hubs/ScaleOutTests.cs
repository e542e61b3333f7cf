using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Domain.Collab;
using Newsroom.Testing;
using Newsroom.Web.Hubs;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Hubs;

/// <summary>Two app instances on one PostgreSQL and one redis-server, as production runs them.</summary>
public sealed class ScaleOutTests(WebFixture web) : WebTest(web)
{
    [Fact]
    public async Task An_edit_on_one_instance_reaches_a_client_of_the_other_and_concurrent_pushes_to_both_converge()
    {
        using var redis = await RedisServer.StartAsync();
        await using var first = Instance(redis);
        await using var second = Instance(redis);
        var storyId = await Web.SendAsAsync("layla.haddad@newsroom.test", new Application.Features.Stories.CreateStory.Command(
            $"scale-{Guid.NewGuid():N}", "ar", "Local", "حريق", Body: "بداية"));

        await using var layla = await HubTextClient.JoinAsync(await ConnectAsync(first, "layla.haddad@newsroom.test", "Reporter-demo-1"), storyId.StoryId, "body", "layla");
        await using var samira = await HubTextClient.JoinAsync(await ConnectAsync(second, "samira.nasser@newsroom.test", "Editor-demo-1"), storyId.StoryId, "body", "samira");
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        samira.Connection.On<Guid, string, int, JsonElement>("Updates", (_, _, _, _) => heard.TrySetResult());

        await layla.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, " من الأولى"));
        await layla.PushAsync();
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await HubTextClient.TypeAtOnceAsync(30, (layla, "L"), (samira, "S"));
        await layla.SettleAsync(TimeSpan.FromSeconds(20));
        await samira.SettleAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(layla.Doc, samira.Doc);
        Assert.StartsWith("بداية من الأولى", layla.Doc, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 30), i =>
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(layla.Doc, $@"\[L{i}\]"));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(layla.Doc, $@"\[S{i}\]"));
        });
        Assert.Equal(61, layla.Version);
    }

    private WebApplicationFactory<Program> Instance(RedisServer redis) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:Newsroom", Web.Database.ConnectionString)
            .UseSetting("ConnectionStrings:Redis", redis.ConnectionString)
            .UseSetting("Newsroom:SeedDemoData", "true")
            .UseSetting("Newsroom:SeedDemoStories", "false"));

    private static async Task<HubConnection> ConnectAsync(WebApplicationFactory<Program> instance, string email, string password)
    {
        using var login = await instance.CreateClient().PostAsJsonAsync("/api/identity/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        return TestHubs.Connect(instance.Server, CollabHub.Path, token);
    }
}
