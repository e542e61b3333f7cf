import { receiveUpdates, sendableUpdates } from "@codemirror/collab";

// A batch of accepted updates (a broadcast or a pull, docs/protocol.md) as this editor takes them in: each update
// with its full tracking. An update names its author by position in the batch's authors; its id is the version it
// becomes and its time the batch's, unless it says otherwise.
export function readBatch(field, fromVersion, { at, authors, updates }) {
  return updates.map(({ clientId, changes, author, updateId, at: own, ...rest }, i) => ({
    clientId,
    changes,
    tracking: { updateId: updateId ?? `${field}-${fromVersion + i + 1}`, authorId: authors[author].id, authorName: authors[author].name, at: own ?? at, ...rest },
  }));
}

// Takes in accepted updates with one receiveUpdates each while anything is unconfirmed, as the server rebases pushes
// (Rebase.RebaseOneByOne): mapping over several at once can order insertions at one spot differently from mapping
// over them one by one, and then this editor would keep a text the server does not have. With nothing unconfirmed
// nothing is mapped, so they go in one transaction. Returns transactions that chain, for one dispatch.
// tools/changeset-cases/simulate.mjs runs seeded sessions through this very function.
export function receiveOneByOne(state, updates) {
  if (!sendableUpdates(state).length) return [receiveUpdates(state, updates)];
  const transactions = [];
  for (const update of updates) {
    const tr = receiveUpdates(state, [update]);
    transactions.push(tr);
    state = tr.state;
  }
  return transactions;
}
