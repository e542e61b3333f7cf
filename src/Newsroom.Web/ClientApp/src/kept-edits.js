// Unconfirmed edits kept in the browser's localStorage until the server confirms them, so a dropped connection, a
// reload or a server restart loses nothing. Kept edits belong to the person who made them: on a shared computer the
// next account to open the story must never replay them under its own name, so the person's id is part of the key.
// Each editor view has its own client id (two tabs of one person are two editors), and its kept edits carry it.
export class KeptEdits {
  constructor(userId, storyId, field) {
    this.prefix = `newsroom:pending:${userId}:${storyId}:${field}:`;
  }

  keyFor(clientId) { return this.prefix + clientId; }

  /** Keeps `updates` (made against `version`) for `clientId`, or forgets them when there are none. */
  save(clientId, version, updates) {
    const key = this.keyFor(clientId);
    if (!updates.length) { localStorage.removeItem(key); return; }
    localStorage.setItem(key, JSON.stringify({ clientId, version, updates }));
  }

  /** The keys of edits kept by other views (closed or reloaded pages) than `clientId`'s. */
  othersThan(clientId) {
    const own = this.keyFor(clientId), keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(this.prefix) && key !== own) keys.push(key);
    }
    return keys;
  }

  /** What a key holds, or null (and the key forgotten) when it holds nothing that can be sent. */
  read(key) {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(key) ?? "null"); } catch { kept = null; }
    if (!kept?.updates?.length) { localStorage.removeItem(key); return null; }
    return kept;
  }

  forget(key) { localStorage.removeItem(key); }
}
