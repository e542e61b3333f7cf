using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Features.Stories;

namespace Newsroom.Load;

public sealed record BoardResult(int Connections, int Changes, LatencySummary Latency, int Missed, double ServerCpuPercent, double ServerPeakMemoryMb)
{
    public bool Passed => Missed == 0;
}

/// <summary>
/// Many wall screens and board pages listening on /hubs/newsroom while an editor moves a story through the workflow
/// over the API: the time from sending the request to each screen hearing of the change.
/// </summary>
public static class BoardRun
{
    public static async Task<BoardResult> RunAsync(Rig rig, int connections, int changes, TextWriter log)
    {
        log.WriteLine($"{connections} board connections, {changes} workflow changes");
        var editor = Application.Data.DemoData.Accounts.First(a => a.Role == "Editor");
        using var api = await rig.EditorApiAsync();
        using var created = await api.PostAsJsonAsync("/api/stories",
            new CreateStory.Command($"board-{Guid.NewGuid():N}", "ar", "Politics", "المجلس يصوت على الميزانية", Body: "نص الخبر."));
        created.EnsureSuccessStatusCode();
        var story = (await created.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId;

        // The change each screen is waiting for, and when it was asked for.
        long sentAt = 0;
        var expected = "";
        var heard = new ConcurrentBag<double>();
        var received = 0;
        var hubs = new HubConnection[connections];
        using var connecting = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            await connecting.WaitAsync();
            try
            {
                var hub = await rig.ConnectAsync("/hubs/newsroom", editor.Email, editor.Password);
                hub.On<JsonElement>("StoryChanged", message =>
                {
                    if (message.GetProperty("storyId").GetGuid() == story && message.GetProperty("state").ToString() == Volatile.Read(ref expected))
                    {
                        heard.Add(Stopwatch.GetElapsedTime(Interlocked.Read(ref sentAt)).TotalMilliseconds);
                        Interlocked.Increment(ref received);
                    }
                });
                await hub.StartAsync();
                hubs[i] = hub;
            }
            finally
            {
                connecting.Release();
            }
        }));
        log.WriteLine($"  {connections} connected");

        await using var sampler = new ServerSampler(rig);
        var missed = 0;
        for (var change = 0; change < changes; change++)
        {
            // Submit, then send back: the story goes between InReview and ChangesRequested.
            var (path, state) = change % 2 == 0 ? ("submit", "InReview") : ("request-changes", "ChangesRequested");
            Volatile.Write(ref expected, state);
            Interlocked.Exchange(ref received, 0);
            Interlocked.Exchange(ref sentAt, Stopwatch.GetTimestamp());
            using var response = await api.PostAsJsonAsync($"/api/stories/{story}/{path}", new { note = "Load run" });
            response.EnsureSuccessStatusCode();
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref received) < connections && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            missed += connections - Volatile.Read(ref received);
            await Task.Delay(200);
        }

        var latency = LatencySummary.Of(heard);
        var result = new BoardResult(connections, changes, latency, missed, Math.Round(sampler.AverageCpuPercent, 1), Math.Round(sampler.PeakResidentBytes / 1048576.0, 1));
        log.WriteLine($"  p50 {latency.P50:N0} ms, p95 {latency.P95:N0} ms, p99 {latency.P99:N0} ms, max {latency.Max:N0} ms; missed {missed}");
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        return result;
    }
}
