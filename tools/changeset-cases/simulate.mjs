// A seeded convergence simulation with the real @codemirror/state and @codemirror/collab: a server that takes pushes
// made against older versions, several clients (receiveUpdates/sendableUpdates) typing at random places, broadcasts
// delivered in varying groupings, pushes repeated before their broadcast came. Every client must end with the
// server's text.   node simulate.mjs [rounds] [clients] [server: rebase|sequential] [client: grouped|single] [tracked]
// With "tracked" (or "untracked", the same with clients that drop the server's tracking, which must be caught, or
// "strict", a server that refuses the deletion of an own suggestion accepted meanwhile, as LiveTexts does, and an
// editor that then puts its edits back as refused-push.js does) the
// sessions have suggestions and authorship too: clients in suggest mode (ClientApp/src/suggest-sync.js over
// tracked-text.js), a server that checks and records every update's tracking as LiveTexts does, and accepts and
// rejects it makes among the typing; every client must end with the server's text, suggestions and authorship.
// The editor's own receive step and the very packages it bundles, so one copy of @codemirror/state is in play:
// run `npm ci` in src/Newsroom.Web/ClientApp first (dotnet build of the web project does).
const clientApp = new URL("../../src/Newsroom.Web/ClientApp/", import.meta.url);
const { ChangeSet, EditorState } = await import(new URL("node_modules/@codemirror/state/dist/index.js", clientApp).href);
const { collab, getSyncedVersion, rebaseUpdates, receiveUpdates, sendableUpdates } =
  await import(new URL("node_modules/@codemirror/collab/dist/index.js", clientApp).href);
const { receiveOneByOne } = await import(new URL("src/receive.js", clientApp).href);
const { TrackedText } = await import(new URL("src/tracked-text.js", clientApp).href);
const { clientTracking, confirm, optimistic, sharedSuggestEffects, suggestSpec } = await import(new URL("src/suggest-sync.js", clientApp).href);
const { putBack, typedText } = await import(new URL("src/refused-push.js", clientApp).href);
import { seeded } from "./random.mjs";

let rng = seeded(1);
const random = () => rng.random(), int = (n) => rng.int(n), pick = (items) => rng.pick(items);
const pieces = ["مَرْحَبًا", "قال", "،", "a", "b", "c", "x", "yz", " ", "\n", "ا", "ّ"];
function text(max) {
  let result = "";
  for (let n = 1 + int(max); n > 0; n--) result += pick(pieces);
  return result;
}
function randomChanges(length) {
  const from = int(length + 1);
  const roll = random();
  const to = roll < 0.5 ? from : Math.min(length, from + 1 + int(4));
  return ChangeSet.of({ from, to, insert: roll > 0.8 && to > from ? "" : text(2) }, length);
}

/** Rewrites a push made against an older version to apply after `over`, as the server does. */
export const servers = {
  // @codemirror/collab's rebaseUpdates over everything since the push's version at once (composed).
  rebase: (updates, over) => rebaseUpdates(updates, over),
  // What the server does (Rebase.RebaseOneByOne): the same, one accepted update at a time.
  sequential: (updates, over) => over.reduce((ups, u) => rebaseUpdates(ups, [u]), updates),
};

/** How a client takes in a run of accepted updates. */
export const receivers = {
  // receiveUpdates over the whole run, as a broadcast batch or a pull hands it over.
  grouped: (state, updates) => state.update(receiveUpdates(state, updates)).state,
  // One receiveUpdates per update while anything is unconfirmed (all at once otherwise: nothing to map).
  // What the editor does (ClientApp/src/receive.js): one receiveUpdates per update while anything is unconfirmed.
  single: (state, updates) => receiveOneByOne(state, updates).at(-1).state,
};

export function simulate(runSeed, clientCount, steps, rebase, receive) {
  rng = seeded(runSeed);
  const start = text(4);
  const log = [];
  let doc = EditorState.create({ doc: start }).doc;
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    id: "c" + i, queue: [], state: EditorState.create({ doc: start, extensions: [collab({ clientID: "c" + i })] }),
  }));
  const trace = [];
  const push = (c) => {
    const updates = sendableUpdates(c.state).map((u) => ({ clientID: u.clientID, changes: u.changes }));
    if (updates.length) c.queue.push({ version: getSyncedVersion(c.state), updates });
  };
  const serve = (c) => {
    const { version, updates } = c.queue.shift();
    const rebased = rebase(updates, log.slice(version));
    trace.push(`push ${c.id}@${version} ${JSON.stringify(updates.map((u) => u.changes.toJSON()))} -> ${JSON.stringify(rebased.map((u) => u.changes.toJSON()))}`);
    for (const u of rebased) { doc = u.changes.apply(doc); log.push({ clientID: u.clientID, changes: u.changes }); }
  };
  const deliver = (c, count) => {
    const version = getSyncedVersion(c.state);
    const updates = log.slice(version, version + count);
    if (!updates.length) return;
    trace.push(`deliver ${c.id} ${version}..${version + updates.length}`);
    c.state = receive(c.state, updates);
  };
  for (let step = 0; step < steps; step++) {
    const c = pick(clients), roll = random();
    if (roll < 0.4) {
      const changes = randomChanges(c.state.doc.length);
      trace.push(`edit ${c.id}@${getSyncedVersion(c.state)} ${JSON.stringify(changes.toJSON())}`);
      c.state = c.state.update({ changes }).state;
    } else if (roll < 0.6) push(c);
    else if (roll < 0.8) { if (c.queue.length) serve(c); }
    else deliver(c, pick([1, 1, 2, 3, Infinity]));
  }
  for (let round = 0; round < 100 && clients.some((c) => c.queue.length || sendableUpdates(c.state).length || getSyncedVersion(c.state) < log.length); round++) {
    for (const c of clients) while (c.queue.length) serve(c);
    for (const c of clients) deliver(c, Infinity);
    for (const c of clients) push(c);
  }
  const expected = doc.toString();
  const diverged = clients.filter((c) => c.state.doc.toString() !== expected);
  return { start, expected, diverged: diverged.map((c) => ({ id: c.id, doc: c.state.doc.toString() })), trace };
}

/** The state a replica holds beside its text, to compare. */
function trackedSnapshot(tracked) {
  return JSON.stringify({ text: tracked.text, suggestions: tracked.suggestions, authorship: tracked.authorship, marks: tracked.marks });
}

/**
 * The server's check of a suggest-mode update (docs/protocol.md), on the state it applies to: deletions sorted,
 * disjoint and inside the text it leaves, and nothing deleted but the pusher's own suggested insertions or, with
 * `ownText`, the pusher's own unmarked text: an own suggestion accepted while the deletion of it was on its way
 * (the client rebased the deletion over the acceptance before sending it). Returns why it is refused, or null.
 */
function refusal(server, update, authorId, ownText, suggestOnly) {
  const tracking = clientTracking(update);
  if (!tracking) return suggestOnly && deletes(update.changes) ? "suggest-only: a plain deletion" : null;
  const after = update.changes.newLength;
  let last = 0;
  for (const [from, to] of tracking.deletions) {
    if (from < last || to <= from || to > after) return `deletions ${JSON.stringify(tracking.deletions)} in ${after}`;
    last = to;
  }
  const marks = server.marks.flatMap((r) => Array(r.length).fill(r.value));
  const authors = server.authorship.flatMap((r) => Array(r.length).fill(r.value));
  const open = new Map(server.suggestions.map((s) => [s.id, s]));
  let bad = null;
  update.changes.iterChanges((fromA, toA) => {
    for (let i = fromA; i < toA && !bad; i++) {
      const suggested = open.get(marks[i].insertion)?.authorId === authorId;
      const written = ownText && marks[i].insertion === null && marks[i].deletion === null && authors[i] === authorId;
      if (!suggested && !written) bad = `deletes ${i} (${JSON.stringify(marks[i])}, by ${authors[i]}) of ${authorId}`;
    }
  });
  return bad;
}

/** The characters of `typed` that `kept` does not hold (each counted as often as it occurs): what a put-back lost. */
function missingFrom(kept, typed) {
  const count = new Map();
  for (const ch of kept) count.set(ch, (count.get(ch) ?? 0) + 1);
  let lost = "";
  for (const ch of typed.replace(/\n/g, "")) {
    if (count.get(ch)) count.set(ch, count.get(ch) - 1); else lost += ch;
  }
  return lost;
}

function deletes(changes) {
  let any = false;
  changes.iterChangedRanges((fromA, toA) => { if (toA > fromA) any = true; });
  return any;
}

/** The tracking the server gives an update: its own suggest tracking, or in a suggest-only story one that only inserts. */
function serverTracking(update, suggestOnly) {
  return clientTracking(update) ?? (suggestOnly && !update.changes.empty ? { suggest: true, note: null, deletions: null } : null);
}

/**
 * A seeded session with suggestions: clients typing, some in suggest mode, a server that rebases one accepted update
 * at a time, records each update's tracking and now and then accepts or rejects an open suggestion itself.
 */
export function simulateTracked(runSeed, clientCount, steps, { dropTracking = false, strict = false, refused = { count: 0, byCode: {} } } = {}) {
  rng = seeded(runSeed);
  const start = text(4);
  const log = [];
  const server = new TrackedText(start, "p0");
  const stamp = () => new Date(Date.UTC(2026, 10, 29, 10, 0, log.length)).toISOString();
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    id: "c" + i, author: "p" + i, queue: [], suggesting: random() < 0.6, confirmed: new TrackedText(start, "p0"),
    state: EditorState.create({ doc: start, extensions: [collab({ clientID: "c" + i, sharedEffects: sharedSuggestEffects })] }),
  }));
  const trace = [], problems = [];
  // With the strict check the story also turns suggest-only and back now and then (SetSuggestOnly): every editor
  // hears it at once and suggests, and a plain deletion already on its way is refused push.suggest-only.
  let suggestOnly = false;
  const check = (c) => {
    const shown = optimistic(c.confirmed, c.state, c.author);
    if (shown.text !== c.state.doc.toString()) problems.push(`${c.id} shows ${JSON.stringify(shown.text)} over ${JSON.stringify(c.state.doc.toString())}`);
  };
  // Clients get each tracking as the wire carries it: fields at their defaults (false, null) left out.
  const onTheWire = (tracking) => tracking && Object.fromEntries(Object.entries(tracking).filter(([, v]) => v !== null && v !== false));
  const commit = (clientID, changes, tracking) => {
    server.apply({ changes, tracking });
    log.push({ clientID, changes, tracking: onTheWire(tracking) });
  };
  const push = (c) => {
    const updates = sendableUpdates(c.state).map((u) => ({ clientID: u.clientID, changes: u.changes, effects: u.effects }));
    if (updates.length) c.queue.push({ version: getSyncedVersion(c.state), updates });
  };
  const serve = (c) => {
    const { version, updates } = c.queue.shift();
    const rebased = servers.sequential(updates, log.slice(version));
    // A push is refused whole: each update is checked on the state the ones before it leave.
    const scratch = server.clone();
    for (const u of rebased) {
      const why = refusal(scratch, u, c.author, !strict, suggestOnly);
      if (why) {
        // What the editor does with a refusal that stands (ClientApp/src/refused-push.js, ADR-027): it takes in
        // what the server has, opens the text afresh as a new client at that version and puts back its unconfirmed
        // edits, each removal made again as a suggestion on the state as it is now, so nothing is resent as it was.
        trace.push(`refused ${c.id}@${version}: ${why}`);
        refused.count++;
        c.queue = [];
        deliver(c, Infinity);
        const old = c.state;
        c.clientID = `${c.id}.${refused.count}`;
        c.state = EditorState.create({ doc: c.confirmed.doc, extensions: [collab({ startVersion: getSyncedVersion(old), clientID: c.clientID, sharedEffects: sharedSuggestEffects })] });
        const code = why.startsWith("deletes") ? "push.suggestion-deletes-text" : why.startsWith("suggest-only") ? "push.suggest-only" : "push.suggestion-range";
        refused.byCode[code] = (refused.byCode[code] ?? 0) + 1;
        putBack(old, c.state, c.confirmed, c.author, code,
          (spec) => (c.state = c.state.update(spec).state));
        const lost = missingFrom(typedText(sendableUpdates(c.state).map((u) => u.changes)), typedText(sendableUpdates(old).map((u) => u.changes)));
        if (lost) problems.push(`${c.id} lost ${JSON.stringify(lost)} of what it typed when putting back after ${code}`);
        trace.push(`put back ${c.id}: ${sendableUpdates(c.state).map((p) => JSON.stringify(p.changes.toJSON())).join(" ")}`);
        check(c);
        return;
      }
      const mine = serverTracking(u, suggestOnly);
      scratch.apply({ changes: u.changes, tracking: { updateId: `check-${rebased.indexOf(u)}`, authorId: c.author, at: stamp(), suggest: !!mine, deletions: mine?.deletions ?? null } });
    }
    for (const u of rebased) {
      const mine = serverTracking(u, suggestOnly);
      trace.push(`push ${c.id}@${version} ${JSON.stringify(u.changes.toJSON())} ${JSON.stringify(mine)}`);
      commit(u.clientID, u.changes, {
        updateId: `body-${log.length + 1}`, authorId: c.author, at: stamp(), suggest: !!mine, note: mine?.note ?? null,
        deletions: mine?.deletions ?? null, decision: null,
      });
    }
  };
  const decide = () => {
    const open = server.suggestions;
    if (!open.length) return;
    const accept = random() < 0.5, updateId = () => `body-${log.length + 1}`;
    const decisions = random() < 0.15
      ? server.decideAll("server", updateId, "editor", stamp(), accept, random() < 0.5 ? null : pick(clients).author).slice(0, 1)
      : [server.decide("server", updateId(), "editor", stamp(), pick(open).id, accept)];
    for (const d of decisions) {
      trace.push(`decide ${JSON.stringify(d.tracking.decision)} ${JSON.stringify(d.changes.toJSON())}`);
      commit("server", d.changes, d.tracking);
    }
  };
  const deliver = (c, count) => {
    const version = getSyncedVersion(c.state);
    const updates = log.slice(version, version + count);
    if (!updates.length) return;
    trace.push(`deliver ${c.id} ${version}..${version + updates.length}`);
    c.state = receiveOneByOne(c.state, updates.map(({ clientID, changes }) => ({ clientID, changes }))).at(-1).state;
    confirm(c.confirmed, updates.map((u) => ({ changes: u.changes, tracking: dropTracking ? null : u.tracking })));
    check(c);
  };
  for (let step = 0; step < steps; step++) {
    const c = pick(clients), roll = random();
    if (roll < 0.4) {
      const length = c.state.doc.length, from = int(length + 1), to = random() < 0.5 ? from : Math.min(length, from + 1 + int(4));
      const insert = random() > 0.8 && to > from ? "" : text(2);
      const suggesting = c.suggesting || suggestOnly;
      const spec = suggesting
        ? suggestSpec(optimistic(c.confirmed, c.state, c.author), c.author, from, to, insert, random() < 0.2 ? `note ${step}` : null)
        : { changes: ChangeSet.of({ from, to, insert }, length) };
      trace.push(`${suggesting ? "suggest" : "edit"} ${c.id}@${getSyncedVersion(c.state)} ${JSON.stringify(spec.changes.toJSON())}`);
      c.state = c.state.update(spec).state;
      check(c);
    } else if (roll < 0.5) push(c);
    else if (roll < 0.65) { if (c.queue.length) serve(c); }
    else if (roll < 0.7) decide();
    else if (strict && roll < 0.705) { suggestOnly = !suggestOnly; trace.push(`suggest-only ${suggestOnly}`); }
    else if (roll < 0.72) c.suggesting = !c.suggesting;
    else deliver(c, pick([1, 1, 2, 3, Infinity]));
  }
  for (let round = 0; round < 100 && clients.some((c) => c.queue.length || sendableUpdates(c.state).length || getSyncedVersion(c.state) < log.length); round++) {
    for (const c of clients) while (c.queue.length) serve(c);
    for (const c of clients) deliver(c, Infinity);
    for (const c of clients) push(c);
  }
  const expected = trackedSnapshot(server);
  const diverged = clients.filter((c) => c.state.doc.toString() !== server.text || trackedSnapshot(c.confirmed) !== expected);
  return {
    start, expected: server.text,
    diverged: [...problems.map((problem) => ({ problem })), ...diverged.map((c) => ({ id: c.id, doc: c.state.doc.toString(), tracked: trackedSnapshot(c.confirmed), server: expected }))],
    trace,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = +(process.argv[2] ?? 2000), clientCount = +(process.argv[3] ?? 4), server = process.argv[4] ?? "rebase", client = process.argv[5] ?? "grouped";
  const tracked = process.argv[6], dropTracking = tracked === "untracked", strict = tracked === "strict";
  let failed = 0, smallest = null;
  const refused = { count: 0, byCode: {} };
  for (let s = 1; s <= rounds; s++) {
    for (const steps of clientCount > 10 ? [clientCount * 10] : [8, 12, 20, 40]) {
      let result;
      try {
        result = tracked ? simulateTracked(s, clientCount, steps, { dropTracking, strict, refused })
          : simulate(s, clientCount, steps, servers[server], receivers[client]);
      } catch (e) { // a client whose text already differs in length cannot take the next update
        result = { diverged: [{ error: e.message }], trace: { length: Infinity } };
      }
      if (result.diverged.length) {
        failed++;
        if (!smallest || result.trace.length < smallest.trace.length) smallest = { seed: s, steps, ...result };
        break;
      }
    }
  }
  console.log(`${server} server, ${client} clients${tracked ? `, ${tracked}` : ""}: ${failed} of ${rounds} seeds diverged with ${clientCount} clients`
    + (tracked ? ` (${refused.count} pushes refused and put back${Object.entries(refused.byCode).map(([code, n]) => `, ${n} ${code}`).join("")})` : ""));
  if (smallest) console.log(JSON.stringify(smallest, null, 1));
  process.exitCode = failed ? 1 : 0;
}
