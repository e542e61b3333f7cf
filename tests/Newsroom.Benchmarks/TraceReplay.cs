using Newsroom.Domain.Collab;
using Newsroom.Testing;

namespace Newsroom.Benchmarks;

/// <summary>
/// A typing history as the server receives it: one <see cref="ChangeSet"/> per keystroke. Built once, outside the
/// measured code, as a push's JSON is parsed before the text model sees it.
/// </summary>
public sealed class TraceReplay
{
    public const int PushSize = 40;

    private TraceReplay(EditingTrace trace, IReadOnlyList<ChangeSet> edits, IReadOnlyList<(Update Colleague, IReadOnlyList<Update> Push)> pushes)
    {
        Trace = trace;
        Edits = edits;
        Pushes = pushes;
    }

    public EditingTrace Trace { get; }

    /// <summary>The keystrokes, each made against the text the one before it left.</summary>
    public IReadOnlyList<ChangeSet> Edits { get; }

    /// <summary>
    /// The same keystrokes from a writer who is never quite up to date: in pushes of <see cref="PushSize"/>, each made
    /// after the colleague's earlier one-character insertions at the top of the text but before the colleague's
    /// latest, which the server took first.
    /// </summary>
    public IReadOnlyList<(Update Colleague, IReadOnlyList<Update> Push)> Pushes { get; }

    /// <summary>What the rebase path ends with: one mark per push from the colleague, then the trace's own text.</summary>
    public string EndAfterRebase => new string('§', Pushes.Count) + Trace.EndContent;

    public static TraceReplay Load(string name)
    {
        var trace = EditingTrace.Load(name);
        var edits = new List<ChangeSet>(trace.Patches.Count);
        var pushes = new List<(Update, IReadOnlyList<Update>)>();
        var length = trace.StartContent.Length;
        List<Update>? push = null;
        foreach (var (pos, deleted, inserted) in trace.Patches)
        {
            if (push is null || push.Count == PushSize)
            {
                // The colleague has pushes.Count marks in the writer's copy, and one more is on its way.
                var marks = pushes.Count;
                push = [];
                pushes.Add((new Update("colleague", ChangeSet.Replace(marks + length, 0, 0, "§")), push));
            }

            var offset = pushes.Count - 1;
            edits.Add(ChangeSet.Replace(length, pos, pos + deleted, inserted));
            push.Add(new Update("writer", ChangeSet.Replace(offset + length, offset + pos, offset + pos + deleted, inserted)));
            length += inserted.Length - deleted;
        }

        return new TraceReplay(trace, edits, pushes);
    }

    /// <summary>Every keystroke applied in order to the live text, as the server holds it.</summary>
    public TextBuffer Apply()
    {
        var text = new TextBuffer(Trace.StartContent);
        foreach (var edit in Edits)
        {
            edit.ApplyTo(text);
        }

        return text;
    }

    /// <summary>
    /// The server's path for a push made against an older version: rebased over what was accepted since
    /// (rebaseUpdates), composed into one change, and applied.
    /// </summary>
    public TextBuffer Rebase()
    {
        var text = new TextBuffer(Trace.StartContent);
        foreach (var (colleague, push) in Pushes)
        {
            colleague.Changes.ApplyTo(text);
            var rebased = Domain.Collab.Rebase.RebaseUpdates(push, [colleague]);
            var combined = rebased[0].Changes;
            for (var i = 1; i < rebased.Count; i++)
            {
                combined = combined.Compose(rebased[i].Changes);
            }

            combined.ApplyTo(text);
        }

        return text;
    }
}
