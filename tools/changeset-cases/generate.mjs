// Generates randomized cases with the real @codemirror/state and @codemirror/collab, so the C# port in
// src/Newsroom.Domain/Collab can be checked against the library the browser runs. Deterministic: a fixed seed.
//   npm ci && npm run generate
import { writeFileSync } from "node:fs";
import { ChangeSet, EditorState } from "@codemirror/state";
import { collab, getSyncedVersion, rebaseUpdates, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import { seeded } from "./random.mjs";

const { random, int, pick } = seeded(20261124);

// Arabic with diacritics and tatweel, English, emoji (surrogate pairs), line breaks, Latin runs inside Arabic.
const pieces = ["مَرْحَبًا", "الســلام", "قال", "،", "؟", "gettyimages 2230342714", "The", "council", " ", " ", "\n",
  "😀", "👩🏽‍💻", "e", "ا", "ّ", "news", "٣٤٠", "—", "\t"];
function text(max) {
  let result = "";
  for (let n = int(max + 1); n > 0; n--) result += pick(pieces);
  return result;
}

// Editors never split a surrogate pair, and the server refuses lone surrogates, so positions land between characters.
function boundary(doc, pos) {
  const code = doc.charCodeAt(pos - 1);
  return pos > 0 && pos < doc.length && code >= 0xd800 && code <= 0xdbff ? pos + 1 : pos;
}

function randomChanges(doc) {
  const specs = [], length = doc.length;
  for (let n = 1 + int(3); n > 0; n--) {
    const from = boundary(doc, int(length + 1));
    const to = boundary(doc, Math.min(length, from + (random() < 0.4 ? 0 : int(8))));
    specs.push({ from, to, insert: random() < 0.3 ? "" : text(3) });
  }
  return ChangeSet.of(specs, length);
}

const assocs = [-1, 1];
const modes = [0, 1, 2, 3];
const cases = { apply: [], compose: [], map: [], mapPos: [], rebase: [], rebaseOneByOne: [], receiveOneByOne: [] };

for (let i = 0; i < 300; i++) {
  const doc = text(12);
  const a = randomChanges(doc);
  const afterA = a.apply(EditorState.create({ doc }).doc).toString();
  cases.apply.push({ doc, changes: a.toJSON(), result: afterA });

  const b = randomChanges(afterA);
  const composed = a.compose(b);
  cases.compose.push({ doc, a: a.toJSON(), b: b.toJSON(), composed: composed.toJSON(),
    result: composed.apply(EditorState.create({ doc }).doc).toString() });

  const c = randomChanges(doc);
  const aOverC = a.map(c), aOverCBefore = a.map(c, true);
  cases.map.push({ doc, a: a.toJSON(), b: c.toJSON(), mapped: aOverC.toJSON(), mappedBefore: aOverCBefore.toJSON(),
    converged: c.compose(aOverC).apply(EditorState.create({ doc }).doc).toString() });

  const positions = [];
  for (let n = 0; n < 6; n++) {
    const pos = int(doc.length + 1), assoc = pick(assocs), mode = pick(modes);
    positions.push([pos, assoc, mode, a.mapPos(pos, assoc, mode)]);
  }
  cases.mapPos.push({ changes: a.toJSON(), positions });
}

// A small collaborative session run through the real collab extension: each push the server rebases is a case.
for (let session = 0; session < 40; session++) {
  const start = text(10);
  const server = { doc: EditorState.create({ doc: start }).doc, updates: [] };
  const clients = ["ana", "bo", "chen"].map((id) => ({ state: EditorState.create({ doc: start, extensions: [collab({ clientID: id })] }) }));
  for (let step = 0; step < 60; step++) {
    const client = pick(clients);
    const roll = random();
    if (roll < 0.5) {
      client.state = client.state.update({ changes: randomChanges(client.state.doc.toString()) }).state;
    } else if (roll < 0.8) {
      const version = getSyncedVersion(client.state);
      const sent = sendableUpdates(client.state).map((u) => ({ clientID: u.clientID, changes: u.changes }));
      if (!sent.length) continue;
      const over = server.updates.slice(version);
      const rebased = rebaseUpdates(sent, over);
      cases.rebase.push({
        over: over.map((u) => ({ clientId: u.clientID, changes: u.changes.toJSON() })),
        updates: sent.map((u) => ({ clientId: u.clientID, changes: u.changes.toJSON() })),
        rebased: rebased.map((u) => ({ clientId: u.clientID, changes: u.changes.toJSON() })),
      });
      for (const u of rebased) {
        server.doc = u.changes.apply(server.doc);
        server.updates.push(u);
      }
    } else {
      const version = getSyncedVersion(client.state);
      client.state = client.state.update(receiveUpdates(client.state, server.updates.slice(version))).state;
    }
  }
}

// Sessions as the app runs them: the server rebases a push over each accepted update in turn, and a client with
// unconfirmed updates takes in one update per receiveUpdates (ClientApp/src/receive.js), in runs of varying length.
// Each push and each run taken in is a case; the clients must end with the server's text.
const json = (updates) => updates.map((u) => ({ clientId: u.clientID, changes: u.changes.toJSON() }));
for (let session = 0; session < 60; session++) {
  const start = text(6);
  const server = { doc: EditorState.create({ doc: start }).doc, updates: [] };
  const clients = ["ana", "bo", "chen", "dina"].map((id) => ({ state: EditorState.create({ doc: start, extensions: [collab({ clientID: id })] }) }));
  const receive = (client, count) => {
    const version = getSyncedVersion(client.state);
    const run = server.updates.slice(version, version + count);
    if (!run.length) return;
    const unconfirmed = sendableUpdates(client.state), before = client.state.doc.toString();
    client.state = unconfirmed.length
      ? run.reduce((state, u) => state.update(receiveUpdates(state, [u])).state, client.state)
      : client.state.update(receiveUpdates(client.state, run)).state;
    cases.receiveOneByOne.push({ doc: before, unconfirmed: json(unconfirmed), updates: json(run),
      result: client.state.doc.toString(), remaining: json(sendableUpdates(client.state)) });
  };
  for (let step = 0; step < 40; step++) {
    const client = pick(clients);
    const roll = random();
    if (roll < 0.45) {
      client.state = client.state.update({ changes: randomChanges(client.state.doc.toString()) }).state;
    } else if (roll < 0.7) {
      const version = getSyncedVersion(client.state);
      const sent = sendableUpdates(client.state).map((u) => ({ clientID: u.clientID, changes: u.changes }));
      if (!sent.length) continue;
      const over = server.updates.slice(version);
      const rebased = over.reduce((updates, u) => rebaseUpdates(updates, [u]), sent);
      cases.rebaseOneByOne.push({ over: json(over), updates: json(sent), rebased: json(rebased) });
      for (const u of rebased) {
        server.doc = u.changes.apply(server.doc);
        server.updates.push(u);
      }
    } else {
      receive(client, pick([1, 2, 3, Infinity]));
    }
  }
  for (const client of clients) {
    receive(client, Infinity);
    // Edits never pushed are not in the server's text; a client with nothing pending must hold exactly that text.
    if (!sendableUpdates(client.state).length && client.state.doc.toString() !== server.doc.toString()) {
      throw new Error(`session ${session}: ${client.state.doc} != ${server.doc}`);
    }
  }
}

writeFileSync(process.argv[2], JSON.stringify(cases));
console.log(Object.entries(cases).map(([k, v]) => `${k}: ${v.length}`).join(", "));
