// A seeded convergence simulation with the real @codemirror/state and @codemirror/collab: a server that takes pushes
// made against older versions, several clients (receiveUpdates/sendableUpdates) typing at random places, broadcasts
// delivered in varying groupings, pushes repeated before their broadcast came. Every client must end with the
// server's text.   node simulate.mjs [rounds] [clients] [server: rebase|sequential] [client: grouped|single]
// The editor's own receive step and the very packages it bundles, so one copy of @codemirror/state is in play:
// run `npm ci` in src/Newsroom.Web/ClientApp first (dotnet build of the web project does).
const clientApp = new URL("../../src/Newsroom.Web/ClientApp/", import.meta.url);
const { ChangeSet, EditorState } = await import(new URL("node_modules/@codemirror/state/dist/index.js", clientApp).href);
const { collab, getSyncedVersion, rebaseUpdates, receiveUpdates, sendableUpdates } =
  await import(new URL("node_modules/@codemirror/collab/dist/index.js", clientApp).href);
const { receiveOneByOne } = await import(new URL("src/receive.js", clientApp).href);
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = +(process.argv[2] ?? 2000), clientCount = +(process.argv[3] ?? 4), server = process.argv[4] ?? "rebase", client = process.argv[5] ?? "grouped";
  let failed = 0, smallest = null;
  for (let s = 1; s <= rounds; s++) {
    for (const steps of clientCount > 10 ? [clientCount * 10] : [8, 12, 20, 40]) {
      let result;
      try {
        result = simulate(s, clientCount, steps, servers[server], receivers[client]);
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
  console.log(`${server} server, ${client} clients: ${failed} of ${rounds} seeds diverged with ${clientCount} clients`);
  if (smallest) console.log(JSON.stringify(smallest, null, 1));
  process.exitCode = failed ? 1 : 0;
}
