// A live text with its suggestions and authorship: a statement-for-statement port of
// Newsroom.Domain/Collab/TrackedText.cs (and TextRange.MapKept, Tracking.MapOver), over @codemirror/state's Text and
// ChangeSet. Read the C# for the rules and why they are these (docs/decisions/ADR-020). Whoever applies the same
// updates in the same order holds the same state: the server's log, and the editor's confirmed version of a text.
// tests/Newsroom.Web.Tests/ClientApp/TrackedTextParityTests runs seeded sessions through both and compares them, and
// tools/changeset-cases/simulate.mjs runs suggest-mode editors through this very file.
//
// Shapes (as on the wire, docs/protocol.md): an update is { clientId, changes: ChangeSet, tracking }, a tracking is
// { updateId, authorId, at, suggest, note, deletions: [[from, to], …], decision: { suggestionId, accept } | null,
//   noteFor: a suggestion id whose note becomes `note` (absent: none) },
// runs are [{ length, value }], a mark is { insertion, deletion } (suggestion ids or null).
import { ChangeSet, Text } from "@codemirror/state";
import { tokens } from "./text-measures.js";

export const Insertion = "Insertion";
export const Deletion = "Deletion";

const noMarks = Object.freeze({ insertion: null, deletion: null });
const sameMarks = (a, b) => a.insertion === b.insertion && a.deletion === b.deletion;
const same = (a, b) => a === b || (typeof a === "object" && a !== null && b !== null && sameMarks(a, b));

/** Runs of one value for `length` code units. */
function runsOf(length, value) { return length > 0 ? [{ length, value }] : []; }

function addRun(runs, length, value) {
  if (length === 0) return;
  const last = runs[runs.length - 1];
  if (last && same(last.value, value)) last.length += length;
  else runs.push({ length, value });
}

function runsFromValues(values) {
  const runs = [];
  for (const value of values) addRun(runs, 1, value);
  return runs;
}

function runValues(runs) {
  const values = [];
  for (const run of runs) for (let i = 0; i < run.length; i++) values.push(run.value);
  return values;
}

const runsLength = (runs) => runs.reduce((n, r) => n + r.length, 0);

/** RunList.Map: kept spans keep their values, deleted ones lose them, inserted text takes `inserted`. */
function mapRuns(runs, changes, inserted) {
  if (changes.length !== runsLength(runs)) {
    throw new RangeError(`Mapping values of ${runsLength(runs)} code units through a change of length ${changes.length}.`);
  }
  const result = [];
  let run = 0, offset = 0;
  const take = (len, keep) => {
    while (len > 0) {
      const n = Math.min(len, runs[run].length - offset);
      if (keep) addRun(result, n, runs[run].value);
      len -= n;
      offset += n;
      if (offset === runs[run].length) { run++; offset = 0; }
    }
  };
  const sections = changes.sections;
  for (let i = 0; i < sections.length; i += 2) {
    const len = sections[i], ins = sections[i + 1];
    take(len, ins < 0);
    if (ins > 0) addRun(result, ins, inserted);
  }
  return result;
}

// ChangeAlgebra.AddSection and AddInsert (@codemirror/state's addSection/addInsert, with the join Suggest needs).
function addSection(sections, len, ins, forceJoin = false) {
  if (len === 0 && ins <= 0) return;
  const last = sections.length - 2;
  if (last >= 0 && ins <= 0 && ins === sections[last + 1]) sections[last] += len;
  else if (last >= 0 && len === 0 && sections[last] === 0) sections[last + 1] += ins;
  else if (forceJoin) { sections[last] += len; sections[last + 1] += ins; }
  else sections.push(len, ins);
}

function addInsert(values, sections, value) {
  if (value.length === 0) return;
  const index = (sections.length - 2) >> 1;
  if (index < values.length) values[values.length - 1] += value;
  else {
    while (values.length < index) values.push("");
    values.push(value);
  }
}

const toText = (s) => Text.of(s.split(/\r\n?|\n/));

/** The change set of `sections` and `inserted` (ChangeSet.Create), through CodeMirror's own JSON form. */
function changeSet(sections, inserted) {
  const json = [];
  for (let i = 0; i < sections.length; i += 2) {
    const len = sections[i], ins = sections[i + 1];
    json.push(ins < 0 ? len : ins === 0 ? [len] : [len, ...inserted[i >> 1].split("\n")]);
  }
  return ChangeSet.fromJSON(json);
}

/** A letter's Arabic diacritics (U+064B..U+065F, U+0670) and a low surrogate belong with the code unit before them. */
export function joinsPrevious(c) {
  const u = c.charCodeAt(0);
  return (u >= 0x064b && u <= 0x065f) || u === 0x0670 || (u >= 0xdc00 && u <= 0xdfff);
}

function later(a, b) { return Date.parse(a) > Date.parse(b); }

/**
 * TextRange.MapKept: where the code units of `ranges` ([[from, to], …]) are after `changes` (a ChangeDesc): deleted
 * ones drop out, and text inserted inside a range is left out of it.
 */
export function mapKept(ranges, changes) {
  if (!ranges.length || changes.empty) return ranges;
  const result = [];
  const add = (from, to) => {
    const last = result[result.length - 1];
    if (last && last[1] === from) last[1] = to; else result.push([from, to]);
  };
  const sections = changes.sections;
  for (const [rangeFrom, rangeTo] of ranges) {
    let posA = 0, posB = 0;
    for (let i = 0; i < sections.length && posA < rangeTo; i += 2) {
      const len = sections[i], ins = sections[i + 1];
      if (ins < 0) {
        const from = Math.max(posA, rangeFrom), to = Math.min(posA + len, rangeTo);
        if (to > from) add(posB + (from - posA), posB + (to - posA));
        posB += len;
      } else posB += ins;
      posA += len;
    }
  }
  return result;
}

/** Tracking.MapOver: the tracking once its update has been moved over `other` (the other change seen after it). */
export function mapTracking(tracking, other) {
  return !tracking?.deletions?.length ? tracking : { ...tracking, deletions: mapKept(tracking.deletions, other) };
}

export class TrackedText {
  constructor(doc, authorId) {
    this.doc = typeof doc === "string" ? toText(doc) : doc;
    this.authorship = runsOf(this.doc.length, authorId);
    this.marks = runsOf(this.doc.length, noMarks);
    this.info = new Map();
    this.expandAlways = false;
  }

  get text() { return this.doc.toString(); }

  clone() {
    const copy = new TrackedText(this.doc, "");
    copy.authorship = this.authorship.map((r) => ({ ...r }));
    copy.marks = this.marks.map((r) => ({ ...r }));
    copy.info = new Map(this.info);
    return copy;
  }

  /** TrackedTextState: what a checkpoint stores and Join hands over. */
  get state() {
    return {
      authorship: this.authorship.map((r) => ({ ...r })),
      marks: this.marks.map((r) => ({ length: r.length, value: { ...r.value } })),
      suggestions: [...this.info.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((id) => ({ id, ...this.info.get(id) })),
    };
  }

  /** A replica of `doc` with a stored state, refusing a state that does not fit the text. */
  static restore(doc, state) {
    const restored = new TrackedText(doc, "");
    const authorship = state.authorship.map((r) => ({ length: r.length, value: r.value }));
    const marks = state.marks.map((r) => ({ length: r.length, value: { insertion: r.value?.insertion ?? null, deletion: r.value?.deletion ?? null } }));
    const length = restored.doc.length;
    if (runsLength(authorship) !== length || runsLength(marks) !== length || authorship.some((r) => r.length <= 0) || marks.some((r) => r.length <= 0)) {
      throw new Error(`The stored authorship (${runsLength(authorship)}) and marks (${runsLength(marks)}) do not cover a text of ${length} code units.`);
    }
    restored.authorship = authorship;
    restored.marks = marks;
    for (const s of state.suggestions) restored.info.set(s.id, { kind: s.kind, authorId: s.authorId, at: s.at, note: s.note ?? null });
    const unknown = marks.flatMap((r) => [r.value.insertion, r.value.deletion]).find((id) => id !== null && !restored.info.has(id));
    if (unknown !== undefined) throw new Error(`The stored marks name suggestion '${unknown}', which the state does not hold.`);
    return restored;
  }

  /** The open suggestions in text order: { id, kind, authorId, at, note, from, to }. */
  get suggestions() {
    const found = new Map();
    let pos = 0;
    for (const run of this.marks) {
      for (const id of [run.value.insertion, run.value.deletion]) {
        if (id === null) continue;
        const range = found.get(id);
        if (range) range.to = pos + run.length;
        else found.set(id, { from: pos, to: pos + run.length });
      }
      pos += run.length;
    }
    return [...found].map(([id, range]) => ({ id, ...this.info.get(id), ...range }));
  }

  /** Words by the person who wrote most of each word's code units (the first of them on a tie). */
  wordsByPerson() {
    const authors = runValues(this.authorship);
    const counts = new Map();
    for (const token of tokens(this.text)) {
      if (!token.word) continue;
      const tally = new Map();
      for (let i = token.from; i < token.to; i++) tally.set(authors[i], (tally.get(authors[i]) ?? 0) + 1);
      let author = null, most = 0;
      for (const [who, n] of tally) if (n > most) { author = who; most = n; }
      counts.set(author, (counts.get(author) ?? 0) + 1);
    }
    return counts;
  }

  /** An ordinary edit: text inserted is the author's and unmarked, text deleted goes with its marks. */
  static edit(clientId, updateId, authorId, at, changes) {
    return { clientId, changes, tracking: { updateId, authorId, at, suggest: false, note: null, deletions: null, decision: null } };
  }

  /**
   * Replacing [from, to) with `insert` in suggest mode, as the update to send (TrackedText.Suggest): the new text
   * becomes a suggested insertion before the range, the range's text a suggested deletion, except the author's own
   * suggested insertions, which are simply removed; widened to whole letters and surrogate pairs.
   */
  suggest(clientId, updateId, authorId, at, from, to, insert, note = null) {
    const length = this.doc.length;
    if (from < 0 || to < from || to > length) {
      throw new RangeError(`Invalid suggestion range ${from} to ${to} (in a text of length ${length}).`);
    }
    const text = this.text;
    const marks = runValues(this.marks);
    const own = (i) => marks[i].insertion !== null && this.info.get(marks[i].insertion).authorId === authorId;

    [from, to, insert] = this.widen(text, from, to, insert, own);
    let at0 = from;
    const inside = insert.length > 0 && at0 > 0 && at0 < length ? marks[at0 - 1].deletion : null;
    if (inside !== null && marks[at0].deletion === inside) {
      while (at0 > 0 && marks[at0 - 1].deletion === inside) at0--;
    }

    const sections = [], inserted = [];
    addSection(sections, at0, -1);
    addSection(sections, 0, insert.length);
    addInsert(inserted, sections, insert);
    addSection(sections, from - at0, -1);
    let joining = insert.length > 0 && at0 === from;
    for (let i = from; i < to; i++) {
      joining &&= own(i);
      addSection(sections, 1, own(i) ? 0 : -1, joining);
    }
    addSection(sections, length - to, -1);
    const changes = changeSet(sections, inserted);

    const deletions = [];
    for (let i = from; i < to; i++) {
      if (own(i)) continue;
      const pos = changes.mapPos(i, 1);
      const last = deletions[deletions.length - 1];
      if (last && last[1] === pos) last[1] = pos + 1; else deletions.push([pos, pos + 1]);
    }
    return { clientId, changes, tracking: { updateId, authorId, at, suggest: true, note, deletions, decision: null } };
  }

  /** The update that accepts or rejects a suggestion, or null when there is no such suggestion. */
  decide(clientId, updateId, authorId, at, suggestionId, accept) {
    const suggestion = this.suggestions.find((s) => s.id === suggestionId);
    if (!suggestion) return null;
    const removesText = suggestion.kind === Insertion ? !accept : accept;
    const changes = removesText
      ? ChangeSet.of({ from: suggestion.from, to: suggestion.to, insert: "" }, this.doc.length)
      : ChangeSet.empty(this.doc.length);
    return { clientId, changes, tracking: { updateId, authorId, at, suggest: false, note: null, deletions: null, decision: { suggestionId, accept } } };
  }

  /** The updates deciding every open suggestion (or every one by `suggestedBy`), each on the text the ones before leave. */
  decideAll(clientId, updateId, authorId, at, accept, suggestedBy = null) {
    const replica = this.clone();
    const updates = [];
    for (const s of this.suggestions.filter((x) => suggestedBy === null || x.authorId === suggestedBy)) {
      const update = replica.decide(clientId, updateId(updates.length), authorId, at, s.id, accept);
      if (update) { replica.apply(update); updates.push(update); }
    }
    return updates;
  }

  /** Applies an update, moving authorship and marks through its change and then taking in its tracking. */
  apply(update) {
    const tracking = update.tracking ?? { updateId: "", authorId: "", at: null };
    const changes = update.changes;
    const doc = changes.apply(this.doc);
    // A note changes no text and no mark, only what is kept of its suggestion.
    if (tracking.noteFor && this.info.has(tracking.noteFor)) this.info.set(tracking.noteFor, { ...this.info.get(tracking.noteFor), note: tracking.note ?? null });
    if (!tracking.suggest && !tracking.deletions?.length && !tracking.decision && !this.expandAlways) {
      // Typing is almost always ordinary and away from any suggestion: moving the runs is then the whole work.
      const mapped = mapRuns(this.marks, changes, noMarks);
      if (needsNoNormalizing(changes, doc, mapped)) {
        this.doc = doc;
        this.marks = mapped;
        this.authorship = mapRuns(this.authorship, changes, tracking.authorId);
        this.forgetAbsent();
        return;
      }
    }

    const before = runValues(this.marks);
    const length = doc.length;
    const marks = new Array(length).fill(noMarks);
    const isNew = new Array(length).fill(false);
    let posA = 0, posB = 0;
    const sections = changes.sections;
    for (let i = 0; i < sections.length; i += 2) {
      const len = sections[i], ins = sections[i + 1];
      if (ins < 0) {
        for (let k = 0; k < len; k++) marks[posB + k] = before[posA + k];
        posB += len;
      } else {
        isNew.fill(true, posB, posB + ins);
        posB += ins;
      }
      posA += len;
    }

    let fresh = 0;
    const register = (kind) => {
      const id = `${tracking.updateId}.${fresh++}`;
      this.info.set(id, { kind, authorId: tracking.authorId, at: tracking.at, note: tracking.note ?? null });
      return id;
    };

    if (tracking.suggest) this.markInsertions(marks, isNew, tracking, register);
    for (const range of tracking.deletions ?? []) this.markDeletion(marks, range, register);

    const decision = tracking.decision;
    if (decision && this.info.delete(decision.suggestionId)) {
      for (let i = 0; i < length; i++) {
        const m = marks[i];
        if (m.insertion === decision.suggestionId || m.deletion === decision.suggestionId) {
          marks[i] = { insertion: m.insertion === decision.suggestionId ? null : m.insertion, deletion: m.deletion === decision.suggestionId ? null : m.deletion };
        }
      }
    }

    this.doc = doc;
    this.authorship = mapRuns(this.authorship, changes, tracking.authorId);
    this.normalize(doc.toString(), marks, register);
    this.marks = runsFromValues(marks);
    this.forgetAbsent();
  }

  forgetAbsent() {
    if (this.info.size === 0) return;
    const present = new Set(this.marks.flatMap((r) => [r.value.insertion, r.value.deletion]).filter((id) => id !== null));
    for (const id of [...this.info.keys()]) if (!present.has(id)) this.info.delete(id);
  }

  widen(text, from, to, insert, own) {
    let start = from, end = to;
    // Diacritics typed after a letter belong to that letter.
    if (insert.length > 0 && joinsPrevious(insert[0]) && start > 0) start--;
    while (start > 0 && start < text.length && joinsPrevious(text[start])) start--;
    while (end < text.length && joinsPrevious(text[end])) end++;
    // The author's own suggestion is extended in place; anyone else's letter is replaced whole.
    let needed = false;
    for (let i = start; i < from && !needed; i++) needed = !own(i);
    for (let i = to; i < end && !needed; i++) needed = !own(i);
    return !needed ? [from, to, insert]
      : from < to ? [start, end, insert]
      : [start, end, text.slice(start, from) + insert + text.slice(to, end)];
  }

  /** New code units extend the author's suggested insertion they touch (before, else after) or become a new one. */
  markInsertions(marks, isNew, tracking, register) {
    const authorId = tracking.authorId;
    const ownAt = (i) => {
      if (i < 0 || i >= marks.length) return null;
      const { insertion, deletion } = marks[i];
      return insertion !== null && deletion === null && this.info.get(insertion).authorId === authorId ? insertion : null;
    };
    for (let start = 0; start < marks.length; start++) {
      if (!isNew[start]) continue;
      let end = start;
      while (end < marks.length && isNew[end]) end++;
      let id = ownAt(start - 1) ?? ownAt(end);
      if (id === null) id = register(Insertion);
      else if (later(tracking.at, this.info.get(id).at)) {
        // An extended suggestion is as recent as its latest keystroke, as in Overleaf (pickTimestamp).
        this.info.set(id, { ...this.info.get(id), at: tracking.at });
      }
      const value = { insertion: id, deletion: null };
      marks.fill(value, start, end);
      start = end;
    }
  }

  /** Marks a range as a suggested deletion; the deletions it overlaps or touches merge into it under the first id. */
  markDeletion(marks, range, register) {
    const from = Math.min(Math.max(range[0], 0), marks.length), to = Math.min(Math.max(range[1], from), marks.length);
    if (to === from) return;
    const mine = [];
    for (let i = Math.max(0, from - 1); i < Math.min(marks.length, to + 1); i++) {
      const existing = marks[i].deletion;
      if (existing !== null && !mine.includes(existing)) mine.push(existing);
    }
    let id = register(Deletion);
    if (mine.length > 0) {
      this.info.set(mine[0], this.info.get(id));
      this.info.delete(id);
      id = mine[0];
    }
    for (let i = 0; i < marks.length; i++) {
      if ((i >= from && i < to) || (marks[i].deletion !== null && mine.includes(marks[i].deletion))) {
        marks[i] = { insertion: marks[i].insertion, deletion: id };
      }
    }
  }

  /** A diacritic or low surrogate takes the marks before it; a suggestion left in pieces gets a new id per later piece. */
  normalize(text, marks, register) {
    for (let i = 1; i < marks.length; i++) if (joinsPrevious(text[i])) marks[i] = marks[i - 1];
    const seen = new Set();
    for (let i = 0; i < marks.length; i++) {
      const ins = marks[i].insertion;
      if (ins !== null && (i === 0 || marks[i - 1].insertion !== ins)) {
        if (seen.has(ins)) {
          const renamed = this.copy(ins, register);
          for (let j = i; j < marks.length && marks[j].insertion === ins; j++) marks[j] = { insertion: renamed, deletion: marks[j].deletion };
        } else seen.add(ins);
      }
      const del = marks[i].deletion;
      if (del !== null && (i === 0 || marks[i - 1].deletion !== del)) {
        if (seen.has(del)) {
          const renamed = this.copy(del, register);
          for (let j = i; j < marks.length && marks[j].deletion === del; j++) marks[j] = { insertion: marks[j].insertion, deletion: renamed };
        } else seen.add(del);
      }
    }
  }

  copy(id, register) {
    const info = this.info.get(id);
    const copy = register(info.kind);
    this.info.set(copy, info);
    return copy;
  }
}

/** Whether marks moved run by run are already what the expanded path would make (TrackedText.NeedsNoNormalizing). */
function needsNoNormalizing(changes, doc, marks) {
  let posB = 0;
  const sections = changes.sections, length = doc.length;
  const charAt = (k) => doc.sliceString(k, k + 1);
  for (let i = 0; i < sections.length; i += 2) {
    const len = sections[i], ins = sections[i + 1];
    if (ins < 0) { posB += len; continue; }
    const start = posB, end = posB + ins;
    for (let k = Math.max(start, 1); k <= end && k < length; k++) if (joinsPrevious(charAt(k))) return false;
    if (ins > 0 && start > 0 && end < length) {
      const left = markAt(marks, start - 1), right = markAt(marks, end);
      if ((left.insertion !== null && left.insertion === right.insertion) || (left.deletion !== null && left.deletion === right.deletion)) return false;
    }
    posB = end;
  }
  return true;
}

function markAt(marks, pos) {
  for (const run of marks) {
    if (pos < run.length) return run.value;
    pos -= run.length;
  }
  throw new RangeError("pos");
}
