using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Newsroom.Application.Data;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Collab;
using Newsroom.Load;
using Newsroom.Testing;

namespace Newsroom.Performance.Tests.Load;

/// <summary>The load tool's simulated editor against the real app and PostgreSQL, where a run ends badly.</summary>
public sealed class SimulatedEditorTests
{
    private const string Field = "body";

    [Fact]
    public async Task A_push_cut_off_after_the_run_stopped_is_a_failed_call_and_settling_resends_it_once()
    {
        await using var rig = await Rig.StartAsync(TextWriter.Null);
        var story = await CreateStoryAsync(rig);
        var account = DemoData.Accounts.First(a => a.Role == "Editor");
        var client = await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", account.Email, account.Password), story, Field, "cut-off");
        var editor = new SimulatedEditor(client, 0, 0, new LatencyTracker(1), async () =>
        {
            await client.ReconnectAsync(await rig.ConnectAsync("/hubs/collab", account.Email, account.Password));
            return client;
        });
        editor.Listen();
        await client.EditAsync(doc => ChangeSet.Replace(doc.Length, 0, 0, "x"));

        // A saturated machine can leave the server silent for seconds; frozen, it holds the push in flight for sure.
        Signal("STOP", rig.App.Process);
        using var stop = new CancellationTokenSource();
        Task syncing;
        try
        {
            syncing = editor.SyncAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2));
            // The run ends, and then the connection goes, as an overloaded run's do: the push is cut off (cancelled).
            await stop.CancelAsync();
            await client.Connection.StopAsync();
        }
        finally
        {
            Signal("CONT", rig.App.Process);
        }

        await syncing;
        Assert.Equal(1, editor.FailedCalls);
        Assert.Equal(0, editor.Pushes);
        Assert.True(client.HasUnconfirmed);

        // Settling connects again and resends; the server, which took the first push once it could, keeps it once.
        Assert.True(await editor.EnsureConnectedAsync());
        await editor.Client.SettleAsync(TimeSpan.FromSeconds(60));
        var logged = await UpdateLog.ReadAsync(rig, story, Field);
        Assert.Equal(["cut-off"], logged.ClientIds);
        Assert.Equal(logged.Text, editor.Client.Doc);
        Assert.StartsWith("x", logged.Text, StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateStoryAsync(Rig rig)
    {
        using var api = await rig.EditorApiAsync();
        using var response = await api.PostAsJsonAsync("/api/stories",
            new CreateStory.Command($"cut-off-{Guid.NewGuid():N}", "en", "Local", "Cut off", Body: "Harbour road reopens.\n"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId;
    }

    private static void Signal(string signal, Process process)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
