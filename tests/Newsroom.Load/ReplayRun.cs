using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Newsroom.Application.Features.Stories;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Load;

public sealed record ReplayResult(
    string Trace, int Edits, int Batch, int Pushes, double Seconds, double EditsPerSecond, double ServerCpuPercent,
    double ServerCpuUsPerEdit, double ToolCpuPercent, string TextSha256, bool MatchesTrace, bool Converged,
    bool DatabaseMatches, int Lost, int Duplicated)
{
    public bool Passed => MatchesTrace && Converged && DatabaseMatches && Lost == 0 && Duplicated == 0;

    /// <summary>How a text is named in the report: SHA-256 of its UTF-16 code units, lower-case hex.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.Unicode.GetBytes(text)));
}

/// <summary>
/// One client replaying a real typing history through the hub as fast as the server takes it: each push carries the
/// next <c>batch</c> keystrokes and goes as soon as the one before is confirmed, as an editor pushes what was typed
/// meanwhile. Edits a second is the hub's whole path for one text (parse, rebase, check, commit, broadcast). With
/// <c>edits</c>, only that many of the trace's first keystrokes. The end is checked three ways: a new reader's text is
/// the trace's text at that point, the replaying client holds the same, and so does the database's update log, in
/// which every keystroke is exactly once.
/// </summary>
public static class ReplayRun
{
    private const string Field = "body";

    public static async Task<ReplayResult> RunAsync(Rig rig, string traceName, int batch, int? edits, TextWriter log)
    {
        var trace = EditingTrace.Load(traceName);
        var count = Math.Min(edits ?? trace.Patches.Count, trace.Patches.Count);
        using var api = await rig.EditorApiAsync();
        using var response = await api.PostAsJsonAsync("/api/stories",
            new CreateStory.Command($"replay-{Guid.NewGuid():N}", "en", "Local", $"Replay of {traceName}", Body: trace.StartContent));
        response.EnsureSuccessStatusCode();
        var story = (await response.Content.ReadFromJsonAsync<CreateStory.Result>())!.StoryId;
        var editor = Application.Data.DemoData.Accounts.First(a => a.Role == "Editor");
        var (email, password) = (editor.Email, editor.Password);
        await using var client = await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", email, password), story, Field, "replay");

        // Woken by each broadcast the client takes in, rather than spinning on the generator's core.
        using var received = new SemaphoreSlim(0);
        client.Received = _ => received.Release();
        log.WriteLine($"Replaying {count:N0} of the {trace.Patches.Count:N0} edits of {traceName} through the hub, {batch} a push...");
        var (cpuBefore, _) = rig.ServerUsage();
        var toolCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var pushes = 0;
        for (var next = 0; next < count;)
        {
            for (var end = Math.Min(next + batch, count); next < end; next++)
            {
                var (pos, deleted, inserted) = trace.Patches[next];
                await client.EditInPlaceAsync(doc => ChangeSet.Replace(doc.Length, pos, pos + deleted, inserted));
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
        await using var reader = await HubTextClient.JoinAsync(await rig.ConnectAsync("/hubs/collab", email, password), story, Field, "reader");
        var logged = await UpdateLog.ReadAsync(rig, story, Field);
        var inLog = logged.ClientIds.Count(c => c == "replay");
        var result = new ReplayResult(
            traceName, count, batch, pushes, Math.Round(clock.Elapsed.TotalSeconds, 2), Math.Round(count / clock.Elapsed.TotalSeconds),
            Math.Round(cpu / clock.Elapsed * 100, 1), Math.Round(cpu.TotalMilliseconds / count * 1000, 1), Math.Round(toolCpu / clock.Elapsed * 100, 1),
            ReplayResult.Sha256(reader.Doc), reader.Doc == trace.TextAfter(count), client.Doc == reader.Doc, logged.Text == reader.Doc,
            Math.Max(0, count - inLog), Math.Max(0, inLog - count));
        log.WriteLine($"  {result.EditsPerSecond:N0} edits/s ({result.Seconds:N1} s, {pushes:N0} pushes); " +
                      $"server CPU {result.ServerCpuUsPerEdit:N1} µs an edit ({result.ServerCpuPercent:N0}%), generator CPU {result.ToolCpuPercent:N0}%; " +
                      $"the server's text is the trace's at that point: {result.MatchesTrace}; the client's and the log's the same: {result.Converged && result.DatabaseMatches}; " +
                      $"lost {result.Lost}, taken twice {result.Duplicated}");
        return result;
    }
}
