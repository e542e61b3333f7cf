using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// A port of @codemirror/collab's client side (<c>receiveUpdates</c>, <c>sendableUpdates</c>): a local copy of the
/// text, the version it is synced to, and the local updates not yet confirmed. The tests and the load tool type
/// through this exactly as a browser would.
/// </summary>
public sealed class CollabClient(string clientId, int version, string doc)
{
    public string ClientId { get; } = clientId;

    public int Version { get; private set; } = version;

    public string Doc { get; private set; } = doc;

    public IReadOnlyList<Update> Unconfirmed { get; private set; } = [];

    public void Edit(ChangeSet changes)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        Doc = changes.Apply(Doc);
        Unconfirmed = [.. Unconfirmed, new Update(ClientId, changes)];
    }

    /// <summary>
    /// Takes in updates the server accepted, confirming ours by client id and rebasing the rest, one update at a
    /// time as the server rebases pushes (<see cref="Rebase.ReceiveOneByOne"/>; the editor does the same).
    /// </summary>
    public void Receive(IReadOnlyList<Update> updates)
    {
        Version += updates.Count;
        var received = Rebase.ReceiveOneByOne(Unconfirmed, updates);
        Unconfirmed = received.Unconfirmed;
        if (received.Changes is not null)
        {
            Doc = received.Changes.Apply(Doc);
        }
    }
}
