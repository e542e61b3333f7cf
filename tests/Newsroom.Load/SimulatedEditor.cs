using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Load;

/// <summary>
/// One person typing in a shared text over a real SignalR connection, as the browser editor does: keystrokes change
/// the local text at once; every 40 ms, everything unconfirmed goes in one push, one push in flight at a time, and no
/// sooner than the server's back-pressure asks; broadcasts are rebased over what is still unconfirmed. Typing comes in
/// bursts, like people's. (The browser pushes 40 ms after the first unsent keystroke rather than on a tick: the same
/// longest wait, a longer average one.)
/// </summary>
/// <remarks>
/// The 40 ms tick only wakes an editor with something to do (a keystroke, a broadcast ahead of it, a lost
/// connection), at the tick it would have checked on: a thousand editors checking 25 times a second for nothing was
/// a tenth of the generator's CPU.
/// </remarks>
public sealed class SimulatedEditor(HubTextClient client, int index, int peers, LatencyTracker latency, Func<Task<HubTextClient>> reconnect)
{
    private const string English = "The council voted late on Tuesday to reopen the harbour road after three weeks of repairs. ";
    private const string Arabic = "صوّت المجلس مساء الثلاثاء على إعادة فتح طريق الميناء بعد ثلاثة أسابيع من أعمال الإصلاح. ";

    private const double Tick = 40;

    private readonly Random _random = new(index);
    // How many updates of each editor of the run this one has taken in, by the editor's index.
    private readonly int[] _seen = new int[latency.Editors];
    private int _caret = -1;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HubTextClient Client { get; private set; } = client;

    /// <summary>Keystrokes made.</summary>
    public int Edits { get; private set; }

    /// <summary>Own keystrokes the server has confirmed by broadcast, which it sends only after committing them.</summary>
    public int Confirmed { get; private set; }

    public int Pushes { get; private set; }

    /// <summary>Pushes the server answered with a pause before the next (its back-pressure).</summary>
    public int Paced { get; private set; }

    /// <summary>Other editors' keystrokes taken in: the generator's work grows with these.</summary>
    public long TakenIn { get; private set; }

    public int FailedCalls { get; private set; }

    public int Reconnects { get; private set; }

    public void Listen()
    {
        Client.Received = OnReceived;
        Client.FellBehind = Wake;
        Client.Connection.Closed += _ =>
        {
            Wake();
            return Task.CompletedTask;
        };
    }

    /// <summary>Types at <paramref name="rate"/> keystrokes a second on average until <paramref name="stop"/>.</summary>
    public async Task TypeAsync(double rate, CancellationToken stop)
    {
        var sample = index % 2 == 0 ? English : Arabic;
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            // A burst of a few keys about 110 ms apart, then a pause long enough to keep the average rate.
            var burst = 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 5);
            for (var k = 0; k < burst && !stop.IsCancellationRequested; k++)
            {
                var typed = sample[next++ % sample.Length];
                await Client.EditInPlaceAsync(doc => Keystroke(doc, typed));
                Wake();
                Edits++;
                latency.Edited(index, Edits, peers);
                await Delay(Math.Clamp(110 + ((_random.NextDouble() - 0.5) * 80), 40, 250), stop);
            }

            var pause = (burst / rate) - (burst * 0.11);
            await Delay(Math.Max(0.05, -Math.Log(1 - _random.NextDouble()) * pause) * 1000, stop);
        }
    }

    /// <summary>Pushes what is unconfirmed every 40 ms, pulls when a broadcast came out of order, reconnects when cut off.</summary>
    public async Task SyncAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await NextTickWithWorkAsync(stop);
            try
            {
                if (await EnsureConnectedAsync())
                {
                    continue;
                }

                if (Client.Behind)
                {
                    await Client.PullAsync();
                }

                if (Client.HasUnconfirmed)
                {
                    var pause = await Client.PushAsync();
                    Pushes++;
                    Paced += pause > 0 ? 1 : 0;
                    // As the browser: a busy text asks for a pause before the next push.
                    await Delay(pause, stop);
                }
            }
            catch (Exception e) when (IsFailedCall(e))
            {
                // As the browser: the edits stay unconfirmed and go with a later push. A call cut off by a dropped
                // connection ends as cancelled, also once the run is stopping, when an overloaded run's connections
                // drop most: a failed call either way, which the settling resends.
                FailedCalls++;
                await Delay(200, stop);
            }
        }
    }

    /// <summary>
    /// Waits for something to sync, then for the next tick counted from now: what a check every 40 ms would find,
    /// found without the checks that find nothing.
    /// </summary>
    private async Task NextTickWithWorkAsync(CancellationToken stop)
    {
        var ticksFrom = Now;
        var wake = Volatile.Read(ref _wake);
        if (!(Client.HasUnconfirmed || Client.Behind || Client.Connection.State != Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected))
        {
            try
            {
                await wake.Task.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                // Stopping is not an error.
            }
        }

        // Anything that woke the old signal is seen below; anything after the swap sets the new one.
        Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
        await Delay(Tick - (Stopwatch.GetElapsedTime(ticksFrom).TotalMilliseconds % Tick), stop);
    }

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>
    /// How a hub call fails when the connection, the server or the database goes away under it: refused, cut off
    /// (cancelled), timed out, or the connection broken. Anything else is a fault of the tool and stops the run.
    /// </summary>
    public static bool IsFailedCall(Exception e) =>
        e is HubException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException
            or System.Net.Http.HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidDataException;

    /// <summary>Connects again if the connection was lost; true if it had to.</summary>
    public async Task<bool> EnsureConnectedAsync()
    {
        if (Client.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected)
        {
            return false;
        }

        Client = await reconnect();
        Listen();
        Reconnects++;
        return true;
    }

    private ChangeSet Keystroke(LocalText doc, char typed)
    {
        if (_caret < 0 || _caret > doc.Length || _random.Next(40) == 0)
        {
            // Somewhere new: the start of a word, as people click.
            _caret = _random.Next(doc.Length + 1);
            while (_caret > 0 && _caret < doc.Length && doc[_caret - 1] != ' ')
            {
                _caret--;
            }
        }

        if (_random.Next(12) == 0 && _caret > 0 && !char.IsSurrogate(doc[_caret - 1]))
        {
            _caret--;
            return ChangeSet.Replace(doc.Length, _caret, _caret + 1, "");
        }

        var change = ChangeSet.Replace(doc.Length, _caret, _caret, typed.ToString());
        _caret++;
        return change;
    }

    private void OnReceived(IReadOnlyList<Update> updates)
    {
        foreach (var update in updates)
        {
            if (update.ClientId == Client.ClientId)
            {
                Confirmed++;
                continue;
            }

            TakenIn++;
            var editor = IndexOf(update.ClientId);
            var number = ++_seen[editor];
            latency.Received(editor, number);
        }
    }

    private static async Task Delay(double milliseconds, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping is not an error.
        }
    }

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>
    /// The client id of the run's editor <paramref name="index"/>: unique, saying which editor it is, and as long as
    /// the browser's (about 19 characters: every update carries it to every editor in the text).
    /// </summary>
    public static string ClientIdOf(int index) => $"{index}-{new string(Random.Shared.GetItems<char>(Base36, 14))}";

    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static int IndexOf(string clientId) =>
        int.Parse(clientId.AsSpan(0, clientId.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
}
