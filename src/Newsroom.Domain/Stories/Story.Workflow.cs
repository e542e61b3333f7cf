using Newsroom.Domain.Workflow;

namespace Newsroom.Domain.Stories;

/// <summary>
/// The editorial workflow. <see cref="Check"/> is the single source of every rule: the transitions enforce it and the
/// workspace asks it which buttons to enable and why the others are not.
/// </summary>
public sealed partial class Story
{
    public const int MaxNoteLength = 2_000;

    private static readonly StoryState[] Unpublished =
        [StoryState.Draft, StoryState.InReview, StoryState.ChangesRequested, StoryState.Approved, StoryState.Scheduled];

    /// <summary>Null when <paramref name="actor"/> may do <paramref name="action"/> now; otherwise why not.</summary>
    public Refusal? Check(StoryAction action, Actor actor, StoryContext context)
    {
        var onStory = actor.IsEditor || IsBylined(actor.UserId) || IsAssigned(actor.UserId);
        return action switch
        {
            StoryAction.Edit or StoryAction.SaveVersion or StoryAction.RestoreRevision => CheckEditing(State, onStory),
            StoryAction.SubmitForReview => !onStory
                ? NotYours("submit")
                : State is StoryState.Draft or StoryState.ChangesRequested or StoryState.Unpublished
                    ? null
                    : Conflict($"Can't submit for review: the story is {Describe(State)}."),
            StoryAction.RequestChanges => EditorOnly(actor, "request changes")
                ?? (State == StoryState.InReview ? null : Conflict($"Can't request changes: the story is {Describe(State)}, not in review.")),
            StoryAction.Approve => EditorOnly(actor, "approve stories")
                ?? OwnWork("approve", "approve it", actor, context)
                ?? (State == StoryState.InReview ? null : Conflict($"Can't approve: the story is {Describe(State)}, not in review.")),
            StoryAction.Publish => EditorOnly(actor, "publish") ?? PublishBlockers(context),
            StoryAction.Unpublish => EditorOnly(actor, "unpublish")
                ?? (State is StoryState.Published or StoryState.Corrected ? null : Conflict("Can't unpublish: the story is not published.")),
            StoryAction.Correct => EditorOnly(actor, "publish corrections")
                ?? OwnWork("publish a correction", "publish the correction", actor, context)
                ?? (State is StoryState.Published or StoryState.Corrected
                    ? LegalHold ? Conflict("Can't correct: the story is on legal hold.")
                    // Stories published before approvals were hashed have none to compare with.
                    : ApprovedTextHash is { } approved && approved != ReaderTextHash()
                        ? Conflict("Can't correct: the published text is not the text that was approved.")
                        : null
                    : Conflict("Can't correct: only a published story takes a correction; edit the draft instead.")),
            StoryAction.Spike => EditorOnly(actor, "spike stories")
                ?? (Unpublished.Contains(State) ? null : Conflict($"Can't spike: the story is {Describe(State)}; unpublish it instead.")),
            StoryAction.Restore => EditorOnly(actor, "restore spiked stories")
                ?? (State == StoryState.Spiked ? null : Conflict("Can't restore: the story is not spiked.")),
            StoryAction.Assign => EditorOnly(actor, "assign people"),
            StoryAction.SetByline => actor.IsEditor || IsBylined(actor.UserId)
                ? State is StoryState.Published or StoryState.Corrected && !actor.IsEditor
                    ? Conflict("Can't change the byline: the story is published; ask an editor.")
                    : null
                : new Refusal("Can't change the byline: only its authors and editors can.", IsPermission: true),
            StoryAction.SetLegalHold => EditorOnly(actor, "set a legal hold"),
            StoryAction.SetEmbargo => EditorOnly(actor, "set an embargo")
                ?? (State is StoryState.Published or StoryState.Corrected or StoryState.Spiked
                    ? Conflict($"Can't set an embargo: the story is {Describe(State)}.")
                    : null),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }

    /// <summary>
    /// The edit rule on its own, for the live editor's push path, which checks it on every push and so reads only
    /// the few columns it needs instead of loading the whole story.
    /// </summary>
    public static Refusal? CheckEditing(StoryState state, bool onStory) =>
        !onStory
            ? NotYours("edit")
            : state is StoryState.Published or StoryState.Corrected
                ? Conflict("Can't edit: the story is published; an editor can publish a correction.")
                : state == StoryState.Spiked
                    ? Conflict("Can't edit: the story is spiked; an editor can restore it first.")
                    : null;

    public IReadOnlyDictionary<StoryAction, Refusal?> CheckAll(Actor actor, StoryContext context) =>
        Enum.GetValues<StoryAction>().ToDictionary(a => a, a => Check(a, actor, context));

    public Revision Edit(StoryFields fields, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Edit, actor, context);
        ApplyFields(fields);
        Wrote(actor.UserId);
        return Changed($"Edited by {actor.Name}", actor.UserId, context.Now);
    }

    /// <summary>
    /// Writes a field from the live editor. Who may type was checked push by push; this only records the result,
    /// as a revision named for the people who wrote it.
    /// </summary>
    public Revision ApplyLiveText(string field, string text, IReadOnlyCollection<string> authors, Guid by, DateTimeOffset now)
    {
        CatchUpLiveText(field, text);
        Wrote(by);
        return Changed($"Written live by {string.Join(", ", authors)}", by, now);
    }

    /// <summary>
    /// Brings a field up to the live text just before a workflow step, so the step's revision (and an approval) is
    /// of the text people actually see. No revision of its own: the step makes one.
    /// </summary>
    public void CatchUpLiveText(string field, string text)
    {
        switch (field)
        {
            case Collab.LiveFields.Headline:
                Headline = text;
                break;
            case Collab.LiveFields.Standfirst:
                Standfirst = text;
                break;
            case Collab.LiveFields.Body:
                Body = text;
                break;
            default:
                throw new DomainRuleException($"'{field}' is not a live field.");
        }
    }

    public string LiveField(string field) => field switch
    {
        Collab.LiveFields.Headline => Headline,
        Collab.LiveFields.Standfirst => Standfirst,
        Collab.LiveFields.Body => Body,
        _ => throw new DomainRuleException($"'{field}' is not a live field: use headline, standfirst or body."),
    };

    public Revision SaveVersion(string name, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SaveVersion, actor, context);
        return TakeRevision(string.IsNullOrWhiteSpace(name) ? $"Saved by {actor.Name}" : name.Trim(), actor.UserId, context.Now);
    }

    /// <summary>Brings back an earlier revision's fields as a new revision; the history itself is never rewritten.</summary>
    public Revision RestoreRevision(Revision source, string reason, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.RestoreRevision, actor, context);
        if (source.StoryId != Id)
        {
            throw new DomainRuleException("That revision belongs to another story.");
        }

        Wrote(actor.UserId);
        Headline = source.Headline;
        Standfirst = source.Standfirst;
        Body = source.Body;
        LeadImage = source.LeadImage;
        Tags = source.Tags.ToArray();
        return Changed($"Restored revision {source.Number} by {actor.Name}: {reason.Trim()}", actor.UserId, context.Now);
    }

    public Revision SubmitForReview(Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.SubmitForReview, StoryState.InReview, $"Submitted for review by {actor.Name}", actor, context);
        BylinedSinceSubmission = _bylines.Select(b => b.UserId).ToArray();
        return revision;
    }

    public Revision RequestChanges(string? note, Actor actor, StoryContext context) =>
        MoveTo(StoryAction.RequestChanges, StoryState.ChangesRequested,
            WithNote($"Changes requested by {actor.Name}", note), actor, context);

    public Revision Approve(Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.Approve, StoryState.Approved, $"Approved by {actor.Name}", actor, context);
        ApprovedRevisionNumber = revision.Number;
        ApprovedTextHash = ReaderTextHash();
        ApprovedBy = actor.UserId;
        return revision;
    }

    /// <summary>Publishes now, or schedules the story when its embargo is still in the future.</summary>
    public Revision Publish(Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Publish, actor, context);
        if (EmbargoUntil is { } embargo && embargo > context.Now)
        {
            State = StoryState.Scheduled;
            return TakeRevision($"Scheduled by {actor.Name} for {embargo:u}", actor.UserId, context.Now);
        }

        return GoLive($"Published by {actor.Name}", actor.UserId, context.Now);
    }

    /// <summary>
    /// Null when the scheduler may publish this story now; otherwise why not. A held story stays Scheduled and goes live
    /// at the first tick after the hold is lifted, if its embargo has passed by then.
    /// </summary>
    public Refusal? CheckScheduledRelease(DateTimeOffset now) =>
        State != StoryState.Scheduled || EmbargoUntil > now
            ? Conflict("Only a scheduled story whose embargo has passed goes live by itself.")
            : LegalHold
                ? Conflict("Can't publish: the story is on legal hold.")
                : ApprovedTextHash != ReaderTextHash()
                    ? Conflict(TextChangedSinceApproval)
                    : null;

    /// <summary>The embargo has passed: a scheduled story goes live by itself, unless something holds it back.</summary>
    public Revision PublishScheduled(Guid systemUserId, DateTimeOffset now)
    {
        if (CheckScheduledRelease(now) is { } refusal)
        {
            throw new WorkflowException(refusal.Reason);
        }

        return GoLive("Published when the embargo lifted", systemUserId, now);
    }

    public Revision Unpublish(string? note, Actor actor, StoryContext context) =>
        MoveTo(StoryAction.Unpublish, StoryState.Unpublished, WithNote($"Unpublished by {actor.Name}", note), actor, context);

    public Revision Correct(string note, StoryFields? fields, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Correct, actor, context);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new WorkflowException("A correction needs a note that readers will see.");
        }

        if (fields is not null)
        {
            ApplyFields(fields);
            Wrote(actor.UserId);
        }

        _corrections.Add(new StoryCorrection(context.Now, note.Trim(), actor.UserId));
        // The correcting editor vouches for the corrected text as an approver does for the first.
        ApprovedTextHash = ReaderTextHash();
        ApprovedBy = actor.UserId;
        State = StoryState.Corrected;
        PublishedAt = context.Now;
        return TakeRevision($"Corrected by {actor.Name}: {note.Trim()}", actor.UserId, context.Now);
    }

    public Revision Spike(string? note, Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.Spike, StoryState.Spiked, WithNote($"Spiked by {actor.Name}", note), actor, context);
        ApprovedRevisionNumber = null;
        ApprovedTextHash = null;
        return revision;
    }

    public Revision Restore(Actor actor, StoryContext context) =>
        MoveTo(StoryAction.Restore, StoryState.Draft, $"Restored from the spike by {actor.Name}", actor, context);

    public void Assign(IReadOnlyCollection<Guid> reporters, Guid? reviewer, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Assign, actor, context);
        if (reviewer is { } id && IsBylined(id))
        {
            throw new WorkflowException("Can't assign that reviewer: they are on the byline, and nobody reviews their own story.");
        }

        AssignedReporterIds = reporters.Distinct().ToArray();
        ReviewerId = reviewer;
        UpdatedAt = context.Now;
    }

    /// <summary>
    /// Credits the story to these authors, in this order, as a revision naming who was added and removed (null when
    /// nothing changed). The byline is part of what readers see, so an approved story goes back to review; and
    /// everyone added stays disqualified from approving until the next submission.
    /// </summary>
    public Revision? SetByline(IReadOnlyList<Guid> authors, IReadOnlyDictionary<Guid, string> names, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SetByline, actor, context);
        if (authors.Count == 0)
        {
            throw new WorkflowException("A byline needs at least one author.");
        }

        var before = _bylines.OrderBy(b => b.Position).Select(b => b.UserId).ToList();
        var after = authors.Distinct().ToList();
        if (before.SequenceEqual(after))
        {
            return null;
        }

        _bylines.Clear();
        _bylines.AddRange(after.Select((id, position) => new Byline(id, position)));
        BylinedSinceSubmission = BylinedSinceSubmission.Union(after).ToArray();
        string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, "?")));
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        var changes = new List<string>();
        if (added.Count > 0)
        {
            changes.Add($"added {Names(added)}");
        }

        if (removed.Count > 0)
        {
            changes.Add($"removed {Names(removed)}");
        }

        if (changes.Count == 0)
        {
            changes.Add($"now {Names(after)}");
        }

        if (State is StoryState.Published or StoryState.Corrected)
        {
            // Only an editor may change a published byline (Check), and readers see it at once: it is what stands now.
            ApprovedTextHash = ReaderTextHash();
        }

        return Changed($"Byline changed by {actor.Name}: {string.Join("; ", changes)}", actor.UserId, context.Now);
    }

    /// <summary>
    /// Puts the story on legal hold or lifts it, always with a reason, as a named revision so the history says who and
    /// why. While held, nothing reaches readers: no publishing (by hand or by the scheduler), no correction, and a story
    /// already out is withheld from every public surface (<see cref="IsPublic"/>).
    /// </summary>
    public Revision SetLegalHold(bool onHold, string? reason, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SetLegalHold, actor, context);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new WorkflowException(onHold
                ? "A legal hold needs a reason."
                : "Lifting a legal hold needs a reason.");
        }

        if (onHold == LegalHold)
        {
            throw new WorkflowException(onHold ? "The story is already on legal hold." : "The story is not on legal hold.");
        }

        LegalHold = onHold;
        LegalHoldReason = onHold ? reason.Trim() : null;
        return TakeRevision(
            onHold ? $"Put on legal hold by {actor.Name}: {reason.Trim()}" : $"Legal hold lifted by {actor.Name}: {reason.Trim()}",
            actor.UserId, context.Now);
    }

    public void SetEmbargo(DateTimeOffset? until, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SetEmbargo, actor, context);
        EmbargoUntil = until;
        UpdatedAt = context.Now;
    }

    private void Ensure(StoryAction action, Actor actor, StoryContext context)
    {
        if (Check(action, actor, context) is { } refusal)
        {
            throw refusal.IsPermission ? new StoryPermissionException(refusal.Reason) : new WorkflowException(refusal.Reason);
        }
    }

    private Revision MoveTo(StoryAction action, StoryState to, string name, Actor actor, StoryContext context)
    {
        Ensure(action, actor, context);
        State = to;
        return TakeRevision(name, actor.UserId, context.Now);
    }

    /// <summary>A change to the text: an approved or scheduled story goes back to review, since approval was of the old text.</summary>
    private Revision Changed(string name, Guid by, DateTimeOffset now)
    {
        if (State is StoryState.Approved or StoryState.Scheduled)
        {
            State = StoryState.InReview;
            ApprovedRevisionNumber = null;
            ApprovedTextHash = null;
            name += " (back to review: approval was of an earlier revision)";
        }

        return TakeRevision(name, by, now);
    }

    private Revision GoLive(string name, Guid by, DateTimeOffset now)
    {
        State = StoryState.Published;
        PublishedAt = now;
        FirstPublishedAt ??= now;
        return TakeRevision(name, by, now);
    }

    private void ApplyFields(StoryFields fields)
    {
        if (string.IsNullOrWhiteSpace(fields.Headline))
        {
            throw new DomainRuleException("A story needs a headline.");
        }

        Desk = fields.Desk.Trim();
        Headline = fields.Headline.Trim();
        Standfirst = fields.Standfirst.Trim();
        Body = fields.Body;
        LeadImage = fields.LeadImage;
        Tags = NormalizeTags(fields.Tags);
        WordBudget = fields.WordBudget;
        Deadline = fields.Deadline;
    }

    private Refusal? PublishBlockers(StoryContext context)
    {
        if (State != StoryState.Approved)
        {
            return Conflict(State is StoryState.Published or StoryState.Corrected
                ? "Can't publish: the story is already published."
                : $"Can't publish: the story is {Describe(State)}; it must be approved first.");
        }

        // Whatever path changed the text after approval (and every path should have sent it back to review), what
        // goes out is exactly what was approved or nothing.
        if (ApprovedTextHash != ReaderTextHash())
        {
            return Conflict(TextChangedSinceApproval);
        }

        var blockers = new List<string>();
        if (context.UnresolvedComments > 0)
        {
            blockers.Add(context.UnresolvedComments == 1 ? "1 unresolved comment" : $"{context.UnresolvedComments} unresolved comments");
        }

        if (LegalHold)
        {
            blockers.Add("the story is on legal hold");
        }

        return blockers.Count == 0 ? null : Conflict($"Can't publish: {string.Join("; ", blockers)}.");
    }

    private const string TextChangedSinceApproval =
        "Can't publish: the text is not the text that was approved; it must be reviewed and approved again.";

    /// <summary>
    /// Nobody approves their own work: not while on the byline, not after having been on it at any time since the
    /// story was submitted (taking oneself off to approve does not work), and not after writing any of its text.
    /// </summary>
    private Refusal? OwnWork(string verb, string task, Actor actor, StoryContext context) =>
        IsBylined(actor.UserId)
            ? new Refusal($"Can't {verb}: you are on this story's byline; another editor must {task}.", IsPermission: true)
            : BylinedSinceSubmission.Contains(actor.UserId)
                ? new Refusal($"Can't {verb}: you were on this story's byline since it was submitted; another editor must {task}.", IsPermission: true)
                : WriterIds.Contains(actor.UserId) || context.WroteLive(actor.UserId)
                    ? new Refusal($"Can't {verb}: you wrote part of this text; another editor must {task}.", IsPermission: true)
                    : null;

    private void Wrote(Guid userId)
    {
        if (!WriterIds.Contains(userId))
        {
            WriterIds = [.. WriterIds, userId];
        }
    }

    private static Refusal NotYours(string verb) =>
        new($"Can't {verb}: you are not on this story's byline or assigned to it.", IsPermission: true);

    private static Refusal? EditorOnly(Actor actor, string what) =>
        actor.IsEditor ? null : new Refusal($"Only editors can {what}.", IsPermission: true);

    private static Refusal Conflict(string reason) => new(reason, IsPermission: false);

    private static string WithNote(string name, string? note) =>
        string.IsNullOrWhiteSpace(note) ? name : $"{name}: {note.Trim()}";

    public static string Describe(StoryState state) => state switch
    {
        StoryState.InReview => "in review",
        StoryState.ChangesRequested => "waiting for changes",
        _ => state.ToString().ToLowerInvariant(),
    };
}
