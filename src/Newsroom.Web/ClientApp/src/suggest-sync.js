// Suggestions and authorship kept in step with the server (docs/protocol.md, "Suggestions and authorship"), with no
// DOM: the editor's suggestions extension (suggestions.js) and tools/changeset-cases/simulate.mjs both run on it.
//
// The confirmed state is a TrackedText (tracked-text.js) moved by the accepted updates, in order, with the tracking
// the server gave each: it is the server's state at the synced version. What the editor shows is that state with
// the unconfirmed local updates applied on top (`optimistic`). A suggest-mode update carries its client tracking
// ({ suggest, note, deletions }) as a state effect that @codemirror/collab shares and maps when it rebases the
// update over accepted ones (StateEffect.mapEffects with the other change seen after the update: Tracking.MapOver,
// exactly as the server moves it).
import { StateEffect } from "@codemirror/state";
import { sendableUpdates } from "@codemirror/collab";
import { TrackedText, mapTracking } from "./tracked-text.js";

/** A local update made in suggest mode: its deletions are positions in the text the update leaves. */
export const suggestEffect = StateEffect.define({ map: (tracking, mapping) => mapTracking(tracking, mapping) });

/** collab's `sharedEffects`: the suggest tracking goes with its update, through rebases and to the server. */
export const sharedSuggestEffects = (tr) => tr.effects.filter((e) => e.is(suggestEffect));

/** The client tracking an unconfirmed update is pushed with ({ suggest, note, deletions }), or null for an ordinary edit. */
export function clientTracking(update) {
  const effect = update.effects?.find((e) => e.is(suggestEffect));
  return effect ? { suggest: true, note: effect.value.note ?? null, deletions: effect.value.deletions } : null;
}

/** The confirmed state of a text opened at a version: Join's `tracked`, or all of it by nobody for a server without it. */
export function confirmedAt(text, tracked) {
  return tracked ? TrackedText.restore(text, tracked) : new TrackedText(text, "");
}

/** Moves the confirmed state by accepted updates ({ changes: ChangeSet, tracking }), in order. */
export function confirm(confirmed, accepted) {
  for (const update of accepted) confirmed.apply({ changes: update.changes, tracking: update.tracking ?? null });
  return confirmed;
}

/**
 * The confirmed state with `state`'s unconfirmed updates applied as `authorId` would have them: what the editor
 * shows. Local suggestions are named after their place in the queue until the server names them.
 */
export function optimistic(confirmed, state, authorId, at = new Date().toISOString()) {
  const unconfirmed = sendableUpdates(state);
  if (!unconfirmed.length) return confirmed;
  const shown = confirmed.clone();
  unconfirmed.forEach((update, i) => {
    const tracking = clientTracking(update);
    shown.apply({ changes: update.changes, tracking: {
      updateId: `local-${i}`, authorId, at, suggest: !!tracking, note: tracking?.note ?? null, deletions: tracking?.deletions ?? null, decision: null,
    } });
  });
  return shown;
}

/**
 * The transaction spec for replacing [from, to) with `insert` in suggest mode, made on what the editor shows: the
 * change TrackedText.Suggest makes of it (the new text placed before the range, the range marked rather than
 * removed) and its tracking as an effect. The caret goes after the new text.
 */
export function suggestSpec(shown, authorId, from, to, insert, note = null) {
  const update = shown.suggest("", "local", authorId, new Date().toISOString(), from, to, insert, note);
  const { deletions } = update.tracking;
  const spec = { changes: update.changes, effects: suggestEffect.of({ suggest: true, note, deletions }) };
  // The new text sits before the marked range (or at the start of a deletion it fell inside): the caret goes after
  // it, or, for a pure deletion, to the side the person deleted towards.
  let end = null;
  update.changes.iterChanges((_fa, _ta, _fb, toB, inserted) => { if (inserted.length) end = toB; });
  spec.selection = { anchor: end ?? update.changes.mapPos(from, -1) };
  return spec;
}
