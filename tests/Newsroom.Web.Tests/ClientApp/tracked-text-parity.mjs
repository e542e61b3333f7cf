// Runs the sessions TrackedTextParityTests sends on stdin through ClientApp/src/tracked-text.js and prints, per
// session, a snapshot after every step, in the shape the test builds from Domain/Collab/TrackedText. With "expand"
// as the first argument every update takes the expanded path, so the run-wise one is held to it too.
const clientApp = new URL("../../../src/Newsroom.Web/ClientApp/", import.meta.url);
const { ChangeSet } = await import(new URL("node_modules/@codemirror/state/dist/index.js", clientApp).href);
const { TrackedText } = await import(new URL("src/tracked-text.js", clientApp).href);

const expand = process.argv[2] === "expand";
let input = "";
for await (const chunk of process.stdin) input += chunk;

function snapshot(tracked, update) {
  return {
    text: tracked.text,
    changes: update ? update.changes.toJSON() : null,
    deletions: update?.tracking.deletions ?? null,
    suggestions: tracked.suggestions.map((s) => [s.id, s.kind, s.authorId, s.at, s.note ?? null, s.from, s.to]),
    authorship: tracked.authorship.map((r) => [r.length, r.value]),
    marks: tracked.marks.map((r) => [r.length, r.value.insertion, r.value.deletion]),
    words: [...tracked.wordsByPerson()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
}

const results = JSON.parse(input).map((session) => {
  let tracked = new TrackedText(session.start, session.firstAuthor);
  tracked.expandAlways = expand;
  return session.steps.map((step) => {
    let update = null;
    if (step.op === "edit") {
      const changes = ChangeSet.of({ from: step.from, to: step.to, insert: step.insert }, tracked.doc.length);
      update = TrackedText.edit("c", step.updateId, step.author, step.at, changes);
    } else if (step.op === "suggest") {
      update = tracked.suggest("c", step.updateId, step.author, step.at, step.from, step.to, step.insert, step.note);
    } else if (step.op === "decide") {
      const open = tracked.suggestions;
      if (open.length) update = tracked.decide("c", step.updateId, step.author, step.at, open[step.index % open.length].id, step.accept);
    } else if (step.op === "decideAll") {
      for (const u of tracked.decideAll("c", (n) => `${step.updateId}-${n}`, step.author, step.at, step.accept, step.by)) tracked.apply(u);
    } else if (step.op === "restore") {
      tracked = TrackedText.restore(tracked.doc, JSON.parse(JSON.stringify(tracked.state)));
      tracked.expandAlways = expand;
    }
    if (update) tracked.apply(update);
    return snapshot(tracked, update);
  });
});
console.log(JSON.stringify(results));
