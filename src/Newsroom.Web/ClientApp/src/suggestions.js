// The suggestions extension of a live field: suggested insertions underlined and deletions struck through in the
// suggester's colour, and suggest mode, which turns the person's own typing, deleting and pasting into suggestions.
// The state shown is the confirmed one (kept by the field, moved by accepted updates: suggest-sync.js) with the
// unconfirmed local updates on top, so the marks follow every keystroke before the server has confirmed it.
import { Decoration, EditorView, ViewPlugin } from "@codemirror/view";
import { EditorState, Facet, StateEffect, StateField, Transaction } from "@codemirror/state";
import { optimistic, suggestEffect, suggestSpec } from "./suggest-sync.js";
import { suggestUndo } from "./suggest-undo.js";
import { t } from "./phrases.js";

/**
 * Where the extension reads what it shows: `confirmed` (a TrackedText, moved in place by accepted updates),
 * `version` (counted up whenever it moves), `authorId`, `name(authorId)`, and `changed(shown)`, called with what is
 * shown whenever it changes (the panel and the legend listen), and `reject(suggestionId)`, which asks the server to
 * reject one of the person's own suggestions (an undo in suggest mode: suggest-undo.js).
 */
export const trackedSource = Facet.define({ combine: (values) => values[0] });

/** Suggest mode on or off (the person's choice, or forced by a suggest-only story). */
export const setSuggesting = StateEffect.define();
export const suggestingField = StateField.define({
  create: () => false,
  update: (on, tr) => tr.effects.reduce((value, e) => (e.is(setSuggesting) ? e.value : value), on),
});

/** Tells the extension that the confirmed state was replaced or moved (after Join, or accepted updates). */
export const confirmedChanged = StateEffect.define();

/** A person's colour, the same on every page: a hue from their id. */
export function colourOf(authorId) {
  let hash = 0;
  for (const c of authorId ?? "") hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return `hsl(${((hash % 360) + 360) % 360} 70% 38%)`;
}

const shownCache = new WeakMap();

/**
 * What the field shows now: the confirmed state with this editor's unconfirmed updates on top (worked out once per
 * editor state and confirmed state: the marks, the authorship colours and the panel all read it).
 */
export function shownState(state) {
  const source = state.facet(trackedSource);
  const cached = shownCache.get(state);
  if (cached?.confirmed === source.confirmed && cached.version === source.version) return cached.shown;
  const shown = optimistic(source.confirmed, state, source.authorId);
  shownCache.set(state, { confirmed: source.confirmed, version: source.version, shown });
  return shown;
}

// In suggest mode a change the person makes becomes TrackedText.Suggest's change with its tracking. Changes from the
// server (remote), ones that already are suggestions, and several ranges at once (left as they are typed: the
// server refuses an ordinary deletion in a suggest-only story) pass through.
const suggestFilter = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.annotation(Transaction.remote) || !tr.startState.field(suggestingField)
    || tr.effects.some((e) => e.is(suggestEffect))) return tr;
  const ranges = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => ranges.push({ fromA, toA, insert: inserted.toString() }));
  if (ranges.length !== 1) return tr;
  const { fromA, toA, insert } = ranges[0];
  const spec = suggestSpec(shownState(tr.startState), tr.startState.facet(trackedSource).authorId, fromA, toA, insert);
  // Deleting forwards, the caret goes past what was marked, so the next Delete marks what follows.
  if (!insert && tr.isUserEvent("delete.forward")) spec.selection = { anchor: spec.changes.mapPos(toA, 1) };
  return { ...spec, scrollIntoView: true, userEvent: userEventOf(tr) };
});

function userEventOf(tr) {
  for (const event of ["input.paste", "input.drop", "input.type", "input", "delete.backward", "delete.forward", "delete", "undo", "redo"]) {
    if (tr.isUserEvent(event)) return event;
  }
  return undefined;
}

function decorationsOf(shown, source) {
  const ranges = [];
  const info = new Map(shown.suggestions.map((s) => [s.id, s]));
  let pos = 0;
  for (const run of shown.marks) {
    const { insertion, deletion } = run.value;
    const id = deletion ?? insertion;
    if (id !== null) {
      const s = info.get(id);
      const who = source.name(s.authorId);
      ranges.push(Decoration.mark({
        class: deletion !== null ? "suggested-deletion" : "suggested-insertion",
        attributes: {
          style: `--suggester: ${colourOf(s.authorId)}`,
          title: deletion !== null ? t("{0} suggests deleting this", who) : t("{0} suggests adding this", who),
          "data-suggestion": id,
        },
      }).range(pos, pos + run.length));
    }
    pos += run.length;
  }
  return Decoration.set(ranges, true);
}

/**
 * Whether a view update changes what is shown: the text, the confirmed state, or a suggestion that only marks text
 * (a suggested deletion changes no text, yet is an update to send).
 */
export function trackedChange(update) {
  return update.docChanged || update.transactions.some((tr) => tr.effects.some((e) => e.is(suggestEffect) || e.is(confirmedChanged)));
}

const suggestionMarks = ViewPlugin.fromClass(class {
  constructor(view) { this.decorations = this.build(view.state); }
  update(update) {
    if (trackedChange(update)) this.decorations = this.build(update.state);
  }
  build(state) {
    const source = state.facet(trackedSource);
    let shown;
    try {
      shown = shownState(state);
    } catch {
      return Decoration.none; // the confirmed state is being replaced (a reopen): the next update shows it
    }
    source.changed?.(shown);
    return decorationsOf(shown, source);
  }
}, { decorations: (plugin) => plugin.decorations });

/** The extension: give it the field's source (see trackedSource). */
export function suggestions(source) {
  return [trackedSource.of(source), suggestingField, suggestFilter, suggestionMarks, suggestUndo(source, shownState)];
}
