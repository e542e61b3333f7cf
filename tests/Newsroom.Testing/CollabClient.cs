using Newsroom.Domain.Collab;

namespace Newsroom.Testing;

/// <summary>
/// A port of @codemirror/collab's client side (<c>receiveUpdates</c>, <c>sendableUpdates</c>): a local copy of the
/// text, the version it is synced to, and the local updates not yet confirmed. The tests and the load tool type
/// through this exactly as a browser would.
/// </summary>
public sealed class CollabClient(string clientId, int version, string doc)
{
    private readonly TextBuffer _text = new(doc);

    public string ClientId { get; } = clientId;

    public int Version { get; private set; } = version;

    public string Doc => _text.ToString();

    public int Length => _text.Length;

    public IReadOnlyList<Update> Unconfirmed { get; private set; } = [];

    public void Edit(ChangeSet changes)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        changes.ApplyTo(_text);
        Unconfirmed = [.. Unconfirmed, new Update(ClientId, changes)];
    }

    /// <summary>Takes in updates the server accepted, confirming ours by client id and rebasing the rest.</summary>
    public void Receive(IReadOnlyList<Update> updates)
    {
        Version += updates.Count;
        if (Unconfirmed.Count == 0)
        {
            // Nothing of ours in flight: the text is the server's, so each update applies as it is (in place, with
            // nothing composed). A reader among hundreds of writers spends its time here.
            foreach (var update in updates)
            {
                update.Changes.ApplyTo(_text);
            }

            return;
        }

        ChangeSet? changes = null;
        var own = 0;
        foreach (var update in updates)
        {
            var ours = own < Unconfirmed.Count ? Unconfirmed[own] : null;
            if (ours is not null && ours.ClientId == update.ClientId)
            {
                if (changes is not null)
                {
                    changes = changes.Map(ours.Changes, before: true);
                }

                own++;
            }
            else
            {
                changes = changes is null ? update.Changes : changes.Compose(update.Changes);
            }
        }

        var unconfirmed = Unconfirmed.Skip(own).ToList();
        if (unconfirmed.Count > 0 && changes is not null)
        {
            for (var i = 0; i < unconfirmed.Count; i++)
            {
                var mapped = unconfirmed[i].Changes.Map(changes);
                changes = changes.Map(unconfirmed[i].Changes, before: true);
                unconfirmed[i] = unconfirmed[i] with { Changes = mapped };
            }
        }

        Unconfirmed = unconfirmed;
        changes?.ApplyTo(_text);
    }
}
