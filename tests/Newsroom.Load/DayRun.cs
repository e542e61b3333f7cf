using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Newsroom.Application.Data;

namespace Newsroom.Load;

/// <summary>What the server held once a wave of typing had gone idle.</summary>
public sealed record DayWave(int Wave, int StoriesTyped, int EditsTyped, bool TypingPassed, int HeldAfterTyping, double SecondsToLetGo, int LiveTexts, long LogRows, double ManagedMb, double WorkingSetMb);

public sealed record DayResult(
    int StoriesPerWave, int EditorsPerStory, double SecondsPerWave, int KeepUpdates, int CompactEvery, double ForgetAfterSeconds,
    double ManagedMbBefore, IReadOnlyList<DayWave> Waves)
{
    /// <summary>The most log rows the texts may hold: each keeps at most this many behind its checkpoint, its writers' newest rows beside them.</summary>
    public long LogRowsAllowed => (long)Waves.Count * StoriesPerWave * (KeepUpdates + CompactEvery + EditorsPerStory);

    /// <summary>The last wave's managed heap against the first's: what a day of typing left behind in memory.</summary>
    public double ManagedGrowthMb => Waves.Count > 0 ? Math.Round(Waves[^1].ManagedMb - Waves[0].ManagedMb, 1) : 0;

    /// <remarks>
    /// Bounded: every wave's typing converged with nothing lost; once idle, every text left memory; the log holds no
    /// more than its checkpoints keep; and the heap after the last wave is within a tenth (and 2 MB) of the heap after
    /// the first, however many waves came between.
    /// </remarks>
    public bool Passed => Waves.Count > 0 && Waves.All(w => w.TypingPassed && w.LiveTexts == 0)
                          && Waves[^1].LogRows <= LogRowsAllowed
                          && ManagedGrowthMb <= Waves[0].ManagedMb / 10 + 2;
}

/// <summary>
/// A long newsroom day, compressed: wave after wave of editors type into new stories, then leave them. After each wave
/// the server is left alone until every text has been saved, compacted behind its checkpoint and let go of, and its
/// live texts, update log and memory (after a full collection) are read. Memory that grows with the day, not with
/// what is open, shows as a heap that climbs from wave to wave.
/// </summary>
public static class DayRun
{
    /// <summary>The app's settings for a day: compaction and letting go within a wave's pause rather than ten minutes.</summary>
    public static IReadOnlyDictionary<string, string> Settings(int keepUpdates, int compactEvery, double forgetAfterSeconds) => new Dictionary<string, string>
    {
        ["LiveEditing__KeepUpdates"] = $"{keepUpdates}",
        ["LiveEditing__CompactEvery"] = $"{compactEvery}",
        ["LiveEditing__ForgetAfterSeconds"] = $"{forgetAfterSeconds}",
    };

    // A text is saved once nobody has typed in it for a few seconds, then compacted and let go of on the timer's ticks.
    private static readonly TimeSpan LetGoWithin = TimeSpan.FromMinutes(2);

    public static async Task<DayResult> RunAsync(Rig rig, int waves, int stories, int editorsPerStory, TimeSpan typing, int keep, int compactEvery, double forgetAfterSeconds, TextWriter log)
    {
        await rig.StartAgainAsync(Settings(keep, compactEvery, forgetAfterSeconds));
        log.WriteLine($"A day in {waves} waves: each {stories} new stories, {editorsPerStory} editors in each for {typing.TotalSeconds:N0} s, then left alone (keep {keep} updates, compact every {compactEvery}, let go after {forgetAfterSeconds} s idle)");
        var admin = DemoData.Accounts.First(a => a.Role == "Admin");
        using var api = new HttpClient { BaseAddress = rig.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await rig.TokenAsync(admin.Email, admin.Password));
        var before = await AppDiagnostics.ReadAsync(api, collect: true);
        var results = new List<DayWave>();
        int storiesTyped = 0, editsTyped = 0;
        for (var wave = 1; wave <= waves; wave++)
        {
            var run = await EditorsRun.RunAsync(rig, new EditorsOptions(stories * editorsPerStory, stories, 5, typing, QuietWithinSeconds: 0), log);
            (storiesTyped, editsTyped) = (storiesTyped + stories, editsTyped + run.Edits);

            // Typed into a moment ago, none is saved yet: this wave's texts are all still held.
            var typed = (await AppDiagnostics.ReadAsync(api, collect: false)).LiveTexts;
            var idle = System.Diagnostics.Stopwatch.StartNew();
            while ((await AppDiagnostics.ReadAsync(api, collect: false)).LiveTexts > 0 && idle.Elapsed < LetGoWithin)
            {
                await Task.Delay(500);
            }

            var held = await AppDiagnostics.ReadAsync(api, collect: true);
            var result = new DayWave(wave, storiesTyped, editsTyped, run.Passed, typed, Math.Round(idle.Elapsed.TotalSeconds, 1), held.LiveTexts,
                await LogRowsAsync(rig), Megabytes(held.ManagedBytes), Megabytes(held.WorkingSetBytes));
            log.WriteLine($"  wave {wave}: {storiesTyped:N0} stories and {editsTyped:N0} edits so far; {typed} texts held as the typing ended, after {result.SecondsToLetGo:N1} s idle " +
                          $"{result.LiveTexts} texts held, {result.LogRows:N0} log rows, {result.ManagedMb:N1} MB managed, {result.WorkingSetMb:N0} MB working set");
            results.Add(result);
        }

        var day = new DayResult(stories, editorsPerStory, typing.TotalSeconds, keep, compactEvery, forgetAfterSeconds, Megabytes(before.ManagedBytes), results);
        log.WriteLine($"  the heap grew {day.ManagedGrowthMb:N1} MB from the first wave to the last; log rows {results[^1].LogRows:N0} (at most {day.LogRowsAllowed:N0}): {(day.Passed ? "bounded" : "NOT BOUNDED")}");
        return day;
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024), 1);

    private static async Task<long> LogRowsAsync(Rig rig)
    {
        var options = new DbContextOptionsBuilder<NewsroomDbContext>();
        DataRegistration.Configure(options, rig.ConnectionString);
        await using var db = new NewsroomDbContext(options.Options);
        return await db.LiveTextUpdates.LongCountAsync();
    }
}
