import { receiveUpdates, sendableUpdates } from "@codemirror/collab";

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
