using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Newsroom.Application.Collab;
using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// One person's editor on a shared text over a real SignalR connection, speaking /hubs/collab as the browser does:
/// join, edit locally, push unconfirmed updates, take in broadcasts (pulling when one arrives out of order).
/// </summary>
public sealed class HubTextClient : IAsyncDisposable
{
    private HubConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Guid _storyId;
    private readonly string _field;
    private readonly bool _shareParsing;
    private CollabClient _state = new("", 0, "");

    private HubTextClient(HubConnection connection, Guid storyId, string field, bool shareParsing)
    {
        _connection = connection;
        _storyId = storyId;
        _field = field;
        _shareParsing = shareParsing;
    }

    /// <summary>The local text; read under the client's lock, as broadcasts change it in place on other threads.</summary>
    public string Doc
    {
        get
        {
            _gate.Wait();
            try
            {
                return _state.Doc;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public int Version => _state.Version;

    /// <summary>
    /// <see cref="Version"/> and the text's length at that version (what is unconfirmed left out), read together: read
    /// apart, a broadcast taken in between pairs a version with a later length.
    /// </summary>
    public (int Version, int Length) Synced
    {
        get
        {
            _gate.Wait();
            try
            {
                return (_state.Version, _state.SyncedLength);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public bool HasUnconfirmed => _state.UnconfirmedCount > 0;

    /// <summary>A broadcast arrived ahead of this client's version; a pull will close the gap.</summary>
    public bool Behind { get; private set; }

    public HubConnection Connection => _connection;

    /// <summary>Called with each update from the server as this client takes it in (own ones included), in order.</summary>
    public Action<IReadOnlyList<Update>>? Received { get; set; }

    /// <summary>Called when a broadcast arrives ahead of this client's version (<see cref="Behind"/> becomes true).</summary>
    public Action? FellBehind { get; set; }

    public string ClientId => _state.ClientId;

    /// <summary>
    /// With <see cref="JoinTrackedAsync"/>: the text's suggestions and authorship at <see cref="Version"/>, moved by
    /// every accepted update as it arrives (the browser keeps the same confirmed replica). Read under no other call.
    /// </summary>
    public TrackedText? Confirmed { get; private set; }

    /// <summary>The display names Join gave, by author id, and every author name an update carried since.</summary>
    public Dictionary<string, string> People { get; } = [];

    /// <summary>This client's author id, which its own suggest-mode updates carry locally (the server fills in its own).</summary>
    public string AuthorId { get; private set; } = "";

    public Guid StoryId => _storyId;

    /// <remarks>
    /// With <c>shareParsing</c>, broadcasts are read as <see cref="SharedUpdates"/>, parsed once for all the clients of
    /// this process (the load tool's hundreds). Only where nothing else on the connection listens to <c>Updates</c>:
    /// SignalR binds a method's arguments to its first handler's types.
    /// </remarks>
    public static async Task<HubTextClient> JoinAsync(HubConnection connection, Guid storyId, string field, string clientId, bool shareParsing = false)
    {
        var client = new HubTextClient(connection, storyId, field, shareParsing);
        await client.StartAsync(clientId);
        return client;
    }

    /// <summary>
    /// Joins keeping the text's suggestions and authorship as the browser does (<see cref="Confirmed"/>), so the client
    /// can type in suggest mode (<see cref="SuggestAsync"/>). <paramref name="authorId"/> is the signed-in person's id.
    /// </summary>
    public static async Task<HubTextClient> JoinTrackedAsync(HubConnection connection, Guid storyId, string field, string clientId, Guid authorId)
    {
        var client = new HubTextClient(connection, storyId, field, shareParsing: false) { AuthorId = authorId.ToString("D") };
        var joined = await client.StartAsync(clientId);
        client.Confirmed = TrackedText.Restore(client._state.Doc, JsonSerializer.Deserialize<TrackedTextState>(joined.GetProperty("tracked"), JsonSerializerOptions.Web)!);
        foreach (var person in joined.GetProperty("people").EnumerateObject())
        {
            client.People[person.Name] = person.Value.GetString()!;
        }

        return client;
    }

    private async Task<JsonElement> StartAsync(string clientId)
    {
        Listen(_connection);
        if (_connection.State == HubConnectionState.Disconnected)
        {
            await _connection.StartAsync();
        }

        var joined = await _connection.InvokeAsync<JsonElement>("Join", _storyId, _field);
        _state = new CollabClient(
            clientId, joined.GetProperty("version").GetInt32(), joined.GetProperty("text").GetString()!, _shareParsing ? TextVersions.Of(_storyId, _field) : null);
        return joined;
    }

    /// <summary>
    /// Replaces a range of the local text (<paramref name="where"/>: from, to and the text to insert) in suggest mode, as
    /// the editor does: the update is made with <see cref="TrackedText.Suggest"/> on what this client shows (its
    /// confirmed state with its unconfirmed updates).
    /// </summary>
    public async Task SuggestAsync(Func<string, (int From, int To, string Insert)> where, string? note = null)
    {
        await _gate.WaitAsync();
        try
        {
            var shown = Confirmed!.Clone();
            foreach (var update in _state.Unconfirmed)
            {
                shown.Apply(update);
            }

            var (from, to, insert) = where(_state.Doc);
            var suggestion = shown.Suggest(ClientId, $"{ClientId}-{_state.Unconfirmed.Count}", AuthorId, DateTimeOffset.UtcNow, from, to, insert, note);
            _state.Edit(suggestion.Changes, suggestion.Tracking);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Picks up on a new connection (after the server went away) with everything this client holds: catches up,
    /// then resends what is unconfirmed. The server drops any update it already has by client id.
    /// </summary>
    public async Task ReconnectAsync(HubConnection connection)
    {
        _connection = connection;
        Listen(connection);
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("Join", _storyId, _field);
        await PullAsync();
    }

    /// <summary>Makes a local edit, as typing does: the text changes at once and the update waits to be sent.</summary>
    public Task EditAsync(Func<string, ChangeSet> edit) => EditInPlaceAsync(_ => edit(_state.Doc));

    /// <summary>
    /// <see cref="EditAsync"/> for an edit that reads only a little of the text (its length, a character or two):
    /// it is not copied, which with hundreds of simulated editors typing into a long text was a copy per keystroke.
    /// </summary>
    public async Task EditInPlaceAsync(Func<LocalText, ChangeSet> edit)
    {
        await _gate.WaitAsync();
        try
        {
            _state.Edit(edit(_state.Text));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends what is unconfirmed; the broadcast that follows confirms it.</summary>
    /// <returns>The pause in milliseconds the server asks for before the next push (its back-pressure); 0 for none.</returns>
    public async Task<int> PushAsync()
    {
        int version;
        object[] updates;
        await _gate.WaitAsync();
        try
        {
            if (_state.UnconfirmedCount == 0)
            {
                return 0;
            }

            version = _state.Version;
            // The server takes a bounded number per push; a long offline stretch goes in several.
            updates = _state.Unconfirmed.Take(PushLimits.MaxUpdatesPerPush)
                .Select(u => u.Tracking is { Suggest: true } tracking
                    ? (object)new
                    {
                        clientId = u.ClientId,
                        changes = u.Changes,
                        tracking = new { suggest = true, note = tracking.Note, deletions = tracking.Deletions?.Select(d => new[] { d.From, d.To }) },
                    }
                    : new { clientId = u.ClientId, changes = u.Changes })
                .ToArray();
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            var pushed = await _connection.InvokeAsync<JsonElement>("Push", _storyId, _field, version, updates);
            return pushed.TryGetProperty("pushAfterMs", out var pause) ? pause.GetInt32() : 0;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("too busy", StringComparison.Ordinal))
        {
            // As the browser does: the updates stay unconfirmed and go with the next push.
            return 0;
        }
    }

    /// <summary>Catches up with everything accepted after this client's version.</summary>
    /// <remarks>The lock is not held while waiting for the answer: broadcasts arriving meanwhile need it.</remarks>
    public async Task PullAsync()
    {
        var from = _state.Version;
        var pulled = await _connection.InvokeAsync<JsonElement>("Pull", _storyId, _field, from);
        var missed = Confirmed is not null ? ParseTracked(from, pulled) : Parse(pulled);
        await _gate.WaitAsync();
        try
        {
            Behind = !Apply(from, missed) && Behind;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Pushes and pulls until nothing is unconfirmed.</summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (HasUnconfirmed)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_state.ClientId} still has {_state.UnconfirmedCount} unconfirmed updates.");
            }

            await PushAsync();
            await PullAsync();
        }

        await PullAsync();
    }

    /// <summary>
    /// Each client appends " [{tag}{i}]" <paramref name="count"/> times, pushing each at once, all clients at the same
    /// time: pushes made against versions the others have already moved past. Each tag's marks appear once each in a
    /// converged text.
    /// </summary>
    public static Task TypeAtOnceAsync(int count, params (HubTextClient Client, string Tag)[] typists) =>
        Task.WhenAll(typists.Select(async typist =>
        {
            for (var i = 0; i < count; i++)
            {
                await typist.Client.EditAsync(doc => ChangeSet.Replace(doc.Length, doc.Length, doc.Length, $" [{typist.Tag}{i}]"));
                await typist.Client.PushAsync();
            }
        }));

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private void Listen(HubConnection connection)
    {
        if (_shareParsing)
        {
            connection.On<Guid, string, int, SharedUpdates>("Updates", (storyId, field, fromVersion, updates) =>
                OnUpdatesAsync(storyId, field, fromVersion, () => updates.Updates));
        }
        else
        {
            connection.On<Guid, string, int, JsonElement>("Updates", (storyId, field, fromVersion, updates) =>
                OnUpdatesAsync(storyId, field, fromVersion, () => Confirmed is not null ? ParseTracked(fromVersion, updates) : ParseShared(fromVersion, updates)));
        }
    }

    private async Task OnUpdatesAsync(Guid storyId, string field, int fromVersion, Func<IReadOnlyList<Update>> updates)
    {
        if (storyId != _storyId || field != _field)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            if (!Apply(fromVersion, updates()))
            {
                // A broadcast overtook an earlier one: never apply out of order; the next pull fetches the gap.
                // (Pulling from inside a SignalR handler would wait on the very loop that delivers its answer.)
                Behind = true;
                FellBehind?.Invoke();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes in updates starting at <paramref name="fromVersion"/>, skipping any already held; false on a gap.</summary>
    private bool Apply(int fromVersion, IReadOnlyList<Update> updates)
    {
        if (fromVersion > _state.Version)
        {
            return false;
        }

        var known = _state.Version - fromVersion;
        if (known < updates.Count)
        {
            var fresh = updates.Skip(known).ToList();
            _state.Receive(fresh);
            if (Confirmed is not null)
            {
                foreach (var update in fresh)
                {
                    Confirmed.Apply(update);
                }
            }

            Received?.Invoke(fresh);
        }

        return true;
    }

    /// <summary>The updates of a batch (docs/protocol.md), their change sets only.</summary>
    internal static List<Update> Parse(JsonElement batch) =>
        batch.GetProperty("updates").EnumerateArray()
            .Select(u => new Update(u.GetProperty("clientId").GetString()!, ChangeSet.FromJson(u.GetProperty("changes"))))
            .ToList();

    /// <summary>The updates of a batch from <paramref name="fromVersion"/> with their tracking, learning their authors' names.</summary>
    private List<Update> ParseTracked(int fromVersion, JsonElement batch)
    {
        var parsed = new List<Update>();
        foreach (var (update, authorName) in batch.Deserialize<UpdateBatch>(JsonSerializerOptions.Web)!.Read(_field, fromVersion))
        {
            lock (People)
            {
                People[update.Tracking!.AuthorId] = authorName;
            }

            parsed.Add(update);
        }

        return parsed;
    }

    // Every client of a text in this process receives the same broadcast; change sets are immutable, so the load
    // tool's hundreds of clients parse each one once. Keyed by what identifies a broadcast's content.
    private static readonly RecentCache<(Guid, string, int, int), List<Update>> Parsed = new();

    private List<Update> ParseShared(int fromVersion, JsonElement batch) =>
        Parsed.GetOrAdd((_storyId, _field, fromVersion, batch.GetProperty("updates").GetArrayLength()), () => Parse(batch));
}
