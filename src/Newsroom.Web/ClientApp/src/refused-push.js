// What a field does with a push the server refused for good (a refusal that stands: PushResult.refused with retry
// false, docs/protocol.md; ADR-027). Sending the same updates again would be refused again, so the field opens afresh
// at its confirmed state and puts back what the person typed where it can be kept:
// - refused because the story now takes every edit as a suggestion (push.suggest-only), or because a suggest-mode
//   removal met text that is no longer the person's own suggestion (push.suggestion-deletes-text: someone accepted
//   it meanwhile), each unconfirmed update that deletes text is made again as a suggestion on the state as it is now
//   (TrackedText.Suggest: the text is marked for deletion, an own suggestion still open is removed), and the others
//   go back as they were;
// - refused for any other reason (the story was published, the text would be too long, …), nothing can go back:
//   the text typed is set aside for the person to copy.
// No DOM here: the field (live-field.js) and tools/changeset-cases/simulate.mjs both run it.
import { ChangeSet, Transaction } from "@codemirror/state";
import { sendableUpdates } from "@codemirror/collab";
import { mapTracking } from "./tracked-text.js";
import { clientTracking, optimistic, suggestEffect, suggestSpec } from "./suggest-sync.js";

/** The codes after which the person's edits are made again as suggestions instead of set aside. */
export const remadeAsSuggestions = new Set(["push.suggest-only", "push.suggestion-deletes-text"]);

/**
 * Puts back `old`'s unconfirmed updates after a standing refusal `code`, on `fresh`, a state opened afresh at the same
 * synced version: `apply(spec)` dispatches a transaction on it and returns the state it leaves. `confirmed` is the confirmed
 * TrackedText at that version, `authorId` the person. Returns what was set aside: the text typed that could not be
 * put back ("" when everything was).
 */
export function putBack(old, fresh, confirmed, authorId, code, apply) {
  const unconfirmed = sendableUpdates(old);
  if (!remadeAsSuggestions.has(code)) return typedText(unconfirmed.map((u) => u.changes));
  let state = fresh, doc = confirmed.doc;
  // `drop` takes the text as the unconfirmed updates left it to the text as put back: empty while every update goes
  // back as it was, and moved by each one made again differently, so the updates after it still land where typed.
  let drop = ChangeSet.empty(doc.length);
  for (const update of unconfirmed) {
    const tracking = clientTracking(update);
    const mapped = update.changes.map(drop);
    const next = update.changes.apply(doc);
    if (deletes(update.changes) && (tracking || code === "push.suggest-only")) {
      const ranges = rangesOf(mapped), before = state.doc;
      let made = ChangeSet.empty(mapped.length);
      for (const range of [...ranges].reverse()) {
        let spec;
        try {
          spec = suggestSpec(optimistic(confirmed, state, authorId), authorId, range.fromA, range.toA, range.insert, tracking?.note ?? null);
        } catch {
          continue; // a change no suggestion can make now (it would split a character): that part is dropped
        }
        state = apply(spec);
        made = made.compose(spec.changes);
      }
      drop = keptBeside(ranges, made, before, drop.map(update.changes, true))
        ?? update.changes.invert(doc).compose(drop).compose(made);
    } else {
      const after = drop.map(update.changes, true);
      state = apply({
        changes: mapped,
        effects: tracking ? [suggestEffect.of(mapTracking(tracking, after))] : [],
        // As typed, not turned into a suggestion again by suggest mode (suggestions.js leaves remote changes alone).
        annotations: Transaction.remote.of(true),
      });
      drop = after;
    }
    doc = next;
  }
  return "";
}

/**
 * `drop` after a one-range update [from, to) → text made again as a suggestion (`made`, on `before`): the text as the
 * update left it, with what the suggestion keeps of [from, to) back after the new text (and, when the new text went
 * before a marked deletion just ahead of it, that deletion moved after it). `after` is the drop had the update gone
 * back as it was. Positions inside the new text stay where they were, so a later update typed in it lands in it.
 * Null when the suggestion took another shape (several ranges): then the caller's composition, which maps such
 * positions to the new text's edge, is used.
 */
function keptBeside(ranges, made, before, after) {
  if (ranges.length !== 1) return null;
  const { fromA: from, toA: to, insert } = ranges[0];
  let at = from, kept = "", placed = insert ? null : from;
  for (const part of rangesOf(made)) {
    if (part.insert) {
      if (placed !== null || part.insert !== insert || part.fromA > from || (part.fromA < from && part.toA > part.fromA)) return null;
      placed = part.fromA;
    }
    if (part.toA > part.fromA) { // an own suggested insertion removed
      if (part.fromA < at || part.toA > to) return null;
      kept += before.sliceString(at, part.fromA);
      at = part.toA;
    }
  }
  if (placed === null) return null;
  kept += before.sliceString(at, to);
  const moved = before.sliceString(placed, from), back = [];
  if (placed < from) back.push({ from: placed, to: from });
  if (moved + kept) back.push({ from: from + insert.length, insert: moved + kept });
  return back.length ? after.compose(ChangeSet.of(back, after.newLength)) : after;
}

function deletes(changes) {
  let any = false;
  changes.iterChangedRanges((fromA, toA) => { if (toA > fromA) any = true; });
  return any;
}

function rangesOf(changes) {
  const ranges = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => ranges.push({ fromA, toA, insert: inserted.toString() }));
  return ranges;
}

/** What consecutive changes typed, to offer when they cannot be kept: the text their composition inserts, one run a line. */
export function typedText(changes) {
  if (!changes.length) return "";
  const all = changes.reduce((a, b) => a.compose(b));
  return rangesOf(all).map((r) => r.insert).filter((s) => s.length).join("\n");
}
