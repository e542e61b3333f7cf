// Undo and redo of suggestions. CodeMirror's history replays an undo with no transaction filter, so suggest mode
// (suggestions.js) never sees it: without this, undoing a suggested insertion would send an ordinary deletion (refused
// in a suggest-only story), redoing it would put the text back as ordinary text, and a suggested deletion, which
// changes no text, would not be in the history at all. Each suggest-mode transaction leaves in the history what
// takes it back as a suggestion: removing its own suggested text is itself a suggest-mode update (deleting one's own
// suggested insertion leaves no mark), and the deletions it marked are taken back by rejecting them (a decision is
// the server's: hub Decide). Redo does the reverse: the text comes back suggested, the deletions marked again.
import { StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { invertedEffects } from "@codemirror/commands";
import { suggestEffect } from "./suggest-sync.js";
import { Deletion } from "./tracked-text.js";

/** Deletions marked by this editor to be taken back: [[from, to], …] in the text the transaction leaves. */
const unmarkEffect = StateEffect.define({
  map: (ranges, mapping) => ranges.map(([from, to]) => [mapping.mapPos(from, 1), mapping.mapPos(to, -1)]).filter(([from, to]) => from < to),
});

// History events take effects in the coordinates of the text they leave when replayed, which is the text before the
// transaction they take back: the ranges are moved back through its change. Taking back a deletion rejects the whole
// suggestion it belongs to (a decision has no smaller unit), so redoing it marks that whole range again.
function inverseWith(source, shownState) {
  return invertedEffects.of((tr) => {
    const suggested = tr.effects.filter((e) => e.is(suggestEffect));
    const unmarked = tr.effects.filter((e) => e.is(unmarkEffect));
    if (!suggested.length && !unmarked.length) return [];
    const back = tr.changes.invert(tr.startState.doc);
    const before = (ranges) => merged(ranges.map(([from, to]) => [back.mapPos(from, 1), back.mapPos(to, -1)]));
    const marked = before(suggested.flatMap((e) => e.value.deletions ?? []));
    const taken = before(unmarked.flatMap((e) => e.value));
    const remark = taken.length ? merged(ownDeletions(shownState(tr.startState), source.authorId, taken).map((s) => [s.from, s.to])) : [];
    const effects = [];
    if (tr.docChanged || remark.length) effects.push(suggestEffect.of({ suggest: true, note: null, deletions: remark }));
    if (marked.length) effects.push(unmarkEffect.of(marked));
    return effects;
  });
}

/** The person's own suggested deletions that touch any of the ranges, as the shown state names them. */
function ownDeletions(shown, authorId, ranges) {
  return shown.suggestions.filter((s) => s.kind === Deletion && s.authorId === authorId && ranges.some(([from, to]) => from < s.to && to > s.from));
}

/** Ranges in order, overlapping or touching ones joined, empty ones dropped: the form a suggestion's deletions take. */
function merged(ranges) {
  const result = [];
  for (const [from, to] of ranges.filter(([f, t]) => f < t).sort((a, b) => a[0] - b[0])) {
    const last = result[result.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to); else result.push([from, to]);
  }
  return result;
}

/**
 * Rejects this editor's own suggested deletions that an undo takes back. One not yet confirmed has no id the server
 * knows; it is taken back once it has (the history keeps the undo, so the person can press it again).
 */
function unmarkWith(source, shownState) {
  return EditorView.updateListener.of((update) => {
    const ranges = update.transactions.flatMap((tr) => tr.effects.filter((e) => e.is(unmarkEffect)).flatMap((e) => e.value));
    if (!ranges.length) return;
    for (const s of ownDeletions(shownState(update.state), source.authorId, ranges)) {
      if (!s.id.startsWith("local-")) source.reject(s.id);
    }
  });
}

/** The extension: suggestions.js adds it with its source and what the field shows. */
export function suggestUndo(source, shownState) {
  return [inverseWith(source, shownState), unmarkWith(source, shownState)];
}
