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
                ? Refusal.Forbidden("workflow.submit.not-yours")
                : State is StoryState.Draft or StoryState.ChangesRequested or StoryState.Unpublished
                    ? null
                    : Refusal.Conflict("workflow.submit.state", State),
            StoryAction.RequestChanges => EditorOnly(actor, "request-changes")
                ?? (State == StoryState.InReview ? null : Refusal.Conflict("workflow.request-changes.state", State)),
            StoryAction.Approve => EditorOnly(actor, "approve")
                ?? OwnWork("approve", actor, context)
                ?? (State == StoryState.InReview ? null : Refusal.Conflict("workflow.approve.state", State)),
            StoryAction.Publish => EditorOnly(actor, "publish") ?? PublishBlockers(context),
            StoryAction.Unpublish => EditorOnly(actor, "unpublish")
                ?? (State is StoryState.Published or StoryState.Corrected ? null : Refusal.Conflict("workflow.unpublish.not-published")),
            StoryAction.Correct => EditorOnly(actor, "correct")
                ?? OwnWork("correct", actor, context)
                ?? (State is StoryState.Published or StoryState.Corrected
                    ? LegalHold ? Refusal.Conflict("workflow.correct.legal-hold")
                    // Stories published before approvals were hashed have none to compare with.
                    : ApprovedTextHash is { } approved && approved != ReaderTextHash()
                        ? Refusal.Conflict("workflow.correct.text-changed")
                        : null
                    : Refusal.Conflict("workflow.correct.not-published")),
            StoryAction.Spike => EditorOnly(actor, "spike")
                ?? (Unpublished.Contains(State) ? null : Refusal.Conflict("workflow.spike.state", State)),
            StoryAction.Restore => EditorOnly(actor, "restore")
                ?? (State == StoryState.Spiked ? null : Refusal.Conflict("workflow.restore.not-spiked")),
            StoryAction.Assign => EditorOnly(actor, "assign"),
            StoryAction.SetByline => actor.IsEditor || IsBylined(actor.UserId)
                ? State is StoryState.Published or StoryState.Corrected && !actor.IsEditor
                    ? Refusal.Conflict("workflow.byline.published")
                    : null
                : Refusal.Forbidden("workflow.byline.not-yours"),
            StoryAction.SetLegalHold => EditorOnly(actor, "legal-hold"),
            StoryAction.SetEmbargo => EditorOnly(actor, "embargo")
                ?? (State is StoryState.Published or StoryState.Corrected or StoryState.Spiked
                    ? Refusal.Conflict("workflow.embargo.state", State)
                    : null),
            StoryAction.SetSuggestOnly => EditorOnly(actor, "suggest-only")
                ?? (State is StoryState.Published or StoryState.Corrected or StoryState.Spiked
                    ? Refusal.Conflict("workflow.suggest-only.state", State)
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
            ? Refusal.Forbidden("workflow.edit.not-yours")
            : state is StoryState.Published or StoryState.Corrected
                ? Refusal.Conflict("workflow.edit.published")
                : state == StoryState.Spiked
                    ? Refusal.Conflict("workflow.edit.spiked")
                    : null;

    public IReadOnlyDictionary<StoryAction, Refusal?> CheckAll(Actor actor, StoryContext context) =>
        Enum.GetValues<StoryAction>().ToDictionary(a => a, a => Check(a, actor, context));

    public Revision Edit(StoryFields fields, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Edit, actor, context);
        ApplyFields(fields);
        Wrote(actor.UserId);
        return Changed(Message.Of("revision.edited", actor.Name), actor.UserId, context.Now);
    }

    /// <summary>
    /// Writes a field from the live editor. Who may type was checked push by push; this only records the result,
    /// as a revision named for the people who wrote it.
    /// </summary>
    public Revision ApplyLiveText(string field, string text, IReadOnlyCollection<string> authors, Guid by, DateTimeOffset now)
    {
        // Who wrote live text is read from its authorship (StoryContext.LiveWriters), so words removed since count no more.
        CatchUpLiveText(field, text);
        return Changed(Message.Of("revision.written-live", new NameList(authors.ToArray())), by, now);
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
                throw new RefusedException(Refusal.Invalid("story.live-field.unknown", field));
        }
    }

    public string LiveField(string field) => field switch
    {
        Collab.LiveFields.Headline => Headline,
        Collab.LiveFields.Standfirst => Standfirst,
        Collab.LiveFields.Body => Body,
        _ => throw new RefusedException(Refusal.Invalid("story.live-field.unknown", field)),
    };

    public Revision SaveVersion(string name, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SaveVersion, actor, context);
        return string.IsNullOrWhiteSpace(name)
            ? TakeRevision(Message.Of("revision.saved", actor.Name), actor.UserId, context.Now)
            : TakeRevision(name.Trim(), actor.UserId, context.Now);
    }

    /// <summary>Brings back an earlier revision's fields as a new revision; the history itself is never rewritten.</summary>
    public Revision RestoreRevision(Revision source, string reason, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.RestoreRevision, actor, context);
        if (source.StoryId != Id)
        {
            throw new RefusedException(Refusal.Invalid("story.revision.other-story"));
        }

        Wrote(actor.UserId);
        Headline = source.Headline;
        Standfirst = source.Standfirst;
        Body = source.Body;
        LeadImage = source.LeadImage;
        Tags = source.Tags.ToArray();
        return Changed(Message.Of("revision.restored", source.Number, actor.Name, reason.Trim()), actor.UserId, context.Now);
    }

    public Revision SubmitForReview(Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.SubmitForReview, StoryState.InReview, Message.Of("revision.submitted", actor.Name), actor, context);
        BylinedSinceSubmission = _bylines.Select(b => b.UserId).ToArray();
        return revision;
    }

    public Revision RequestChanges(string? note, Actor actor, StoryContext context) =>
        MoveTo(StoryAction.RequestChanges, StoryState.ChangesRequested,
            WithNote("revision.changes-requested", actor, note), actor, context);

    public Revision Approve(Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.Approve, StoryState.Approved, Message.Of("revision.approved", actor.Name), actor, context);
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
            return TakeRevision(Message.Of("revision.scheduled", actor.Name, embargo), actor.UserId, context.Now);
        }

        return GoLive(Message.Of("revision.published", actor.Name), actor.UserId, context.Now);
    }

    /// <summary>
    /// Null when the scheduler may publish this story now; otherwise why not. A held story stays Scheduled and goes live
    /// at the first tick after the hold is lifted, if its embargo has passed by then.
    /// </summary>
    public Refusal? CheckScheduledRelease(DateTimeOffset now, int openSuggestions = 0) =>
        State != StoryState.Scheduled || EmbargoUntil > now
            ? Refusal.Conflict("workflow.scheduled.not-due")
            : LegalHold
                ? Refusal.Conflict("workflow.publish.legal-hold")
                : ApprovedTextHash != ReaderTextHash()
                    ? Refusal.Conflict("workflow.publish.text-changed")
                    : openSuggestions > 0
                        ? Refusal.Conflict("workflow.publish.open-suggestions", openSuggestions)
                        : null;

    /// <summary>The embargo has passed: a scheduled story goes live by itself, unless something holds it back.</summary>
    public Revision PublishScheduled(Guid systemUserId, DateTimeOffset now, int openSuggestions = 0)
    {
        if (CheckScheduledRelease(now, openSuggestions) is { } refusal)
        {
            throw new RefusedException(refusal);
        }

        return GoLive(Message.Of("revision.published.embargo-lifted"), systemUserId, now);
    }

    public Revision Unpublish(string? note, Actor actor, StoryContext context) =>
        MoveTo(StoryAction.Unpublish, StoryState.Unpublished, WithNote("revision.unpublished", actor, note), actor, context);

    public Revision Correct(string note, StoryFields? fields, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Correct, actor, context);
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new RefusedException(Refusal.Invalid("workflow.correct.needs-note"));
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
        return TakeRevision(Message.Of("revision.corrected", actor.Name, note.Trim()), actor.UserId, context.Now);
    }

    public Revision Spike(string? note, Actor actor, StoryContext context)
    {
        var revision = MoveTo(StoryAction.Spike, StoryState.Spiked, WithNote("revision.spiked", actor, note), actor, context);
        ApprovedRevisionNumber = null;
        ApprovedTextHash = null;
        return revision;
    }

    public Revision Restore(Actor actor, StoryContext context) =>
        MoveTo(StoryAction.Restore, StoryState.Draft, Message.Of("revision.restored-from-spike", actor.Name), actor, context);

    public void Assign(IReadOnlyCollection<Guid> reporters, Guid? reviewer, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Assign, actor, context);
        if (reviewer is { } id && IsBylined(id))
        {
            throw new RefusedException(Refusal.Conflict("workflow.assign.bylined-reviewer"));
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
            throw new RefusedException(Refusal.Invalid("workflow.byline.empty"));
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
        NameList Names(IEnumerable<Guid> ids) => new(ids.Select(id => names.GetValueOrDefault(id, "?")).ToArray());
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        var name = (added.Count, removed.Count) switch
        {
            ( > 0, > 0) => Message.Of("revision.byline.added-removed", actor.Name, Names(added), Names(removed)),
            ( > 0, _) => Message.Of("revision.byline.added", actor.Name, Names(added)),
            (_, > 0) => Message.Of("revision.byline.removed", actor.Name, Names(removed)),
            _ => Message.Of("revision.byline.reordered", actor.Name, Names(after)),
        };

        if (State is StoryState.Published or StoryState.Corrected)
        {
            // Only an editor may change a published byline (Check), and readers see it at once: it is what stands now.
            ApprovedTextHash = ReaderTextHash();
        }

        return Changed(name, actor.UserId, context.Now);
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
            throw new RefusedException(Refusal.Invalid(onHold ? "legal-hold.needs-reason" : "legal-hold.lift-needs-reason"));
        }

        if (onHold == LegalHold)
        {
            throw new RefusedException(Refusal.Conflict(onHold ? "legal-hold.already-on" : "legal-hold.not-on"));
        }

        LegalHold = onHold;
        LegalHoldReason = onHold ? reason.Trim() : null;
        return TakeRevision(
            Message.Of(onHold ? "revision.legal-hold.on" : "revision.legal-hold.off", actor.Name, reason.Trim()),
            actor.UserId, context.Now);
    }

    public void SetEmbargo(DateTimeOffset? until, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SetEmbargo, actor, context);
        EmbargoUntil = until;
        UpdatedAt = context.Now;
    }

    /// <summary>
    /// Turns on or off that everyone's live edits become suggestions while the story is In review. Not a change to the
    /// text, so no revision: the audit row records who set it and when.
    /// </summary>
    public void SetSuggestOnly(bool on, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.SetSuggestOnly, actor, context);
        SuggestOnlyInReview = on;
        UpdatedAt = context.Now;
    }

    /// <summary>
    /// Names a decision on suggestions in the history ("Suggestion by Layla accepted by Omar"): the decision itself was
    /// a live change, already in the text; this revision records it under the decider's name. Who may decide is who may
    /// edit.
    /// </summary>
    public Revision DecideSuggestions(int count, NameList suggestedBy, bool accepted, Actor actor, StoryContext context)
    {
        Ensure(StoryAction.Edit, actor, context);
        return Changed(
            Message.Of(accepted ? "revision.suggestions-accepted" : "revision.suggestions-rejected", count, suggestedBy, actor.Name),
            actor.UserId, context.Now);
    }

    private void Ensure(StoryAction action, Actor actor, StoryContext context)
    {
        if (Check(action, actor, context) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
    }

    private Revision MoveTo(StoryAction action, StoryState to, Message name, Actor actor, StoryContext context)
    {
        Ensure(action, actor, context);
        State = to;
        return TakeRevision(name, actor.UserId, context.Now);
    }

    /// <summary>A change to the text: an approved or scheduled story goes back to review, since approval was of the old text.</summary>
    private Revision Changed(Message name, Guid by, DateTimeOffset now)
    {
        if (State is StoryState.Approved or StoryState.Scheduled)
        {
            State = StoryState.InReview;
            ApprovedRevisionNumber = null;
            ApprovedTextHash = null;
            name = Message.Of("revision.back-to-review", name);
        }

        return TakeRevision(name, by, now);
    }

    private Revision GoLive(Message name, Guid by, DateTimeOffset now)
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
            throw new RefusedException(Refusal.Conflict("story.needs-headline"));
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
            return State is StoryState.Published or StoryState.Corrected
                ? Refusal.Conflict("workflow.publish.already-published")
                : Refusal.Conflict("workflow.publish.not-approved", State);
        }

        // Whatever path changed the text after approval (and every path should have sent it back to review), what
        // goes out is exactly what was approved or nothing.
        if (ApprovedTextHash != ReaderTextHash())
        {
            return Refusal.Conflict("workflow.publish.text-changed");
        }

        // Open suggestions are text nobody has decided on yet: what would go out is not settled.
        if (context.OpenSuggestions > 0)
        {
            return Refusal.Conflict("workflow.publish.open-suggestions", context.OpenSuggestions);
        }

        return (context.UnresolvedComments, LegalHold) switch
        {
            ( > 0, true) => Refusal.Conflict("workflow.publish.unresolved-comments-legal-hold", context.UnresolvedComments),
            ( > 0, false) => Refusal.Conflict("workflow.publish.unresolved-comments", context.UnresolvedComments),
            (_, true) => Refusal.Conflict("workflow.publish.legal-hold"),
            _ => null,
        };
    }

    /// <summary>
    /// Nobody approves their own work: not while on the byline, not after having been on it at any time since the
    /// story was submitted (taking oneself off to approve does not work), and not after writing any of its text.
    /// </summary>
    private Refusal? OwnWork(string action, Actor actor, StoryContext context) =>
        IsBylined(actor.UserId)
            ? Refusal.Forbidden($"workflow.{action}.own-byline")
            : BylinedSinceSubmission.Contains(actor.UserId)
                ? Refusal.Forbidden($"workflow.{action}.bylined-since-submission")
                : WriterIds.Contains(actor.UserId) || context.WroteLive(actor.UserId)
                    ? Refusal.Forbidden($"workflow.{action}.wrote-text")
                    : null;

    private void Wrote(Guid userId)
    {
        if (!WriterIds.Contains(userId))
        {
            WriterIds = [.. WriterIds, userId];
        }
    }

    /// <summary>The code of every "only editors can" refusal starts so; the workspace shows few of them.</summary>
    public const string EditorsOnly = "editors-only.";

    private static Refusal? EditorOnly(Actor actor, string action) =>
        actor.IsEditor ? null : Refusal.Forbidden(EditorsOnly + action);

    /// <summary>A step's name, with the note the person gave as a second argument under its own code ("….note").</summary>
    private static Message WithNote(string code, Actor actor, string? note) =>
        string.IsNullOrWhiteSpace(note) ? Message.Of(code, actor.Name) : Message.Of(code + ".note", actor.Name, note.Trim());

    public static string Describe(StoryState state) => state switch
    {
        StoryState.InReview => "in review",
        StoryState.ChangesRequested => "waiting for changes",
        _ => state.ToString().ToLowerInvariant(),
    };
}
