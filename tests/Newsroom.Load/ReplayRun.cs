using System.Diagnostics;
using System.Net.Http.Json;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Load;

/// <summary>
/// One client replaying a real typing history through the hub as fast as the server takes it: each push carries the
/// next <c>batch</c> keystrokes and goes as soon as the one before is confirmed, as an editor pushes what was typed
/// meanwhile. Edits a second is the hub's whole path for one text (parse, rebase, check, commit, broadcast).
/// </summary>
public static class ReplayRun
{
    public static async Task<bool> RunAsync(Rig rig, string traceName, int batch, TextWriter log)
    {
        var trace = EditingTrace.Load(traceName);
        using var api = await rig.EditorApiAsync();
        using var response = await api.PostAsJsonAsync("/api/stories",
            new CreateStory.Command($"replay-{Guid.NewGuid():N}", "en", "Local", $"Replay of {traceName}", Body: trace.StartContent));
        response.EnsureSuccessStatusCode();
        var story = (await response.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId;
        var editor = Application.Data.DemoData.Accounts.First(a => a.Role == "Editor");
        var (email, password) = (editor.Email, editor.Password);
        await using var client = await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", email, password), story, "body", "replay");

        // Woken by each broadcast the client takes in, rather than spinning on the generator's core.
        using var received = new SemaphoreSlim(0);
        client.Received = _ => received.Release();
        log.WriteLine($"Replaying {trace.Patches.Count:N0} edits of {traceName} through the hub, {batch} a push...");
        var (cpuBefore, _) = rig.ServerUsage();
        var toolCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var pushes = 0;
        for (var next = 0; next < trace.Patches.Count;)
        {
            for (var end = Math.Min(next + batch, trace.Patches.Count); next < end; next++)
            {
                var (pos, deleted, inserted) = trace.Patches[next];
                await client.EditAsync(doc => ChangeSet.Replace(doc.Length, pos, pos + deleted, inserted));
            }

            await client.PushAsync();
            pushes++;
            while (client.HasUnconfirmed)
            {
                if (!await received.WaitAsync(TimeSpan.FromSeconds(5)))
                {
                    // A broadcast that never came (or came out of order): fetch what was accepted.
                    await client.PullAsync();
                }
            }
        }

        clock.Stop();
        var cpu = rig.ServerUsage().Cpu - cpuBefore;
        var toolCpu = Process.GetCurrentProcess().TotalProcessorTime - toolCpuBefore;
        await using var reader = await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", email, password), story, "body", "reader");
        var same = reader.Doc == trace.EndContent;
        log.WriteLine($"  {trace.Patches.Count / clock.Elapsed.TotalSeconds:N0} edits/s ({clock.Elapsed.TotalSeconds:N1} s, {pushes:N0} pushes); " +
                      $"server CPU {cpu.TotalMilliseconds / trace.Patches.Count * 1000:N1} µs an edit ({cpu / clock.Elapsed:P0}), " +
                      $"generator CPU {toolCpu / clock.Elapsed:P0}; the server's text is the trace's end: {same}");
        return same;
    }
}
