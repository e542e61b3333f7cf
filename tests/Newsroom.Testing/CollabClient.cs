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

    /// <summary>The local text where it lies, to read without copying it.</summary>
    public LocalText Text => new(_text);

    public IReadOnlyList<Update> Unconfirmed { get; private set; } = [];

    /// <summary>A local edit; <paramref name="tracking"/> for one made in suggest mode (which may mark text without changing it).</summary>
    public void Edit(ChangeSet changes, Tracking? tracking = null)
    {
        if (changes.IsEmpty && tracking is null)
        {
            return;
        }

        changes.ApplyTo(_text);
        Unconfirmed = [.. Unconfirmed, new Update(ClientId, changes, tracking)];
    }

    /// <summary>
    /// Takes in updates the server accepted, confirming ours by client id and rebasing the rest, one update at a
    /// time as the server rebases pushes (<see cref="Rebase.ReceiveOneByOne"/>; the editor does the same).
    /// </summary>
    public void Receive(IReadOnlyList<Update> updates)
    {
        Version += updates.Count;
        if (Unconfirmed.Count == 0)
        {
            // Nothing of ours in flight: the text is the server's, so each update applies as it is (in place, with
            // nothing composed or mapped). A reader among hundreds of writers spends its time here.
            foreach (var update in updates)
            {
                update.Changes.ApplyTo(_text);
            }

            return;
        }

        // Rebase.ReceiveOneByOne, applying each update's share as it comes instead of composing them into one change:
        // the same text (applying a composition is applying its parts in turn), without a change set the length of
        // the whole text per update, which made a load generator's editors take in every broadcast in O(editors²).
        // Our own updates coming back are only counted off (ReceiveUpdates maps nothing for them), not copied each.
        var unconfirmed = Unconfirmed;
        var confirmed = 0;
        foreach (var update in updates)
        {
            if (confirmed < unconfirmed.Count && unconfirmed[confirmed].ClientId == update.ClientId)
            {
                confirmed++;
            }
            else if (confirmed == unconfirmed.Count)
            {
                update.Changes.ApplyTo(_text);
            }
            else
            {
                var received = Rebase.ReceiveUpdates(confirmed == 0 ? unconfirmed : [.. unconfirmed.Skip(confirmed)], [update]);
                (unconfirmed, confirmed) = (received.Unconfirmed, 0);
                received.Changes?.ApplyTo(_text);
            }
        }

        Unconfirmed = confirmed == 0 ? unconfirmed : [.. unconfirmed.Skip(confirmed)];
    }
}

/// <summary>A look at a client's text without copying it: its length and its code units.</summary>
public readonly struct LocalText(TextBuffer text)
{
    public int Length => text.Length;

    public char this[int index] => text[index];
}
