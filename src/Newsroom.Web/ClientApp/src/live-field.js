// One story field kept in step with the server through @codemirror/collab (docs/protocol.md): opening it, pushing
// what was typed, taking in what others did, and saying where the caret is. The view's extensions are the editor's
// (editor-view.js); the session (editor.js) owns the connection.
import { ChangeSet } from "@codemirror/state";
import { getSyncedVersion, sendableUpdates } from "@codemirror/collab";
import { HubConnectionState } from "@microsoft/signalr";
import { readBatch, receiveOneByOne } from "./receive.js";
import { setPeople } from "./carets.js";
import { KeptEdits } from "./kept-edits.js";
import { createEditorView } from "./editor-view.js";
import { clientTracking, confirm, confirmedAt } from "./suggest-sync.js";
import { confirmedChanged, setSuggesting } from "./suggestions.js";
import { setShowAuthors } from "./authorship.js";
import { reason, t } from "./phrases.js";
import { putBack, remadeAsSuggestions, typedText } from "./refused-push.js";

const maxUpdatesPerPush = 200;      // the server's limits (docs/protocol.md): more go in several pushes
const maxInsertedPerPush = 200000;
const reopenBehind = 500;      // further behind than this, a field opens its text afresh instead of pulling (the
                               // server answers a pull of at most 5,000 updates: docs/protocol.md)
const pushDelay = 40;          // ms: gather a burst of keystrokes into one push
const retryFirst = 1000;       // ms: a push refused for now (saving paused, busy) is sent again after this, doubling up to
const retryMax = 10000;        // this while it is refused: the edits stay kept meanwhile
const maxPushPause = 2000;     // ms: the longest pause a busy server may ask for between pushes

export { retryFirst, retryMax };

export class LiveField {
  constructor(session, name, spec, { dir, lang, readOnly }) {
    this.session = session;
    this.name = name;
    this.spec = spec;
    this.dir = dir;
    this.lang = lang;
    this.readOnly = readOnly;
    this.kept = new KeptEdits(session.userId, session.storyId, name);
    this.newClient();
    // What the suggestions and authorship extensions read: the confirmed state, moved by accepted updates.
    const field = this;
    this.trackedSource = {
      get confirmed() { return field.confirmed; },
      get version() { return field.trackedVersion; },
      authorId: session.userId,
      name: (id) => session.nameOf(id),
      changed: (shown) => session.trackedChanged(field.name, shown),
      reject: (id) => session.decide("Decide", field.name, id, false),
    };
  }

  // A new id per editor view: two tabs of one person are two editors. Kept edits carry the id they were made with.
  newClient() {
    this.clientId = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  }

  // Too far behind to catch up by pulling (docs/protocol.md): open the text afresh, as a reload does. What is still
  // unconfirmed is kept first, under the old view's client id, and the fresh join sends it against its own version.
  async reopen() {
    if (this.reopening || !this.view) return;
    this.reopening = true;
    try {
      this.save();
      this.view.destroy();
      this.view = null;
      this.newClient();
      await this.join();
    } finally {
      this.reopening = false;
    }
  }

  tooFarBehind(version) {
    return this.view && version - getSyncedVersion(this.view.state) > reopenBehind;
  }

  unsentCount() {
    return this.view ? sendableUpdates(this.view.state).length : 0;
  }

  // Keeps the unconfirmed updates, with the version they are based on, until the server confirms them.
  save() {
    const updates = sendableUpdates(this.view.state);
    this.kept.save(this.clientId, getSyncedVersion(this.view.state), updates.map(pushed));
  }

  async join() {
    if (this.view) {
      // Back after a dropped connection: keep this editor and everything typed in it. Catching up confirms what
      // the server already took (by client id); the rest is sent again.
      const joined = await this.session.invoke("Join", this.name);
      this.session.joined(joined);
      if (this.tooFarBehind(joined.version)) { await this.reopen(); return; }
      this.setPeople(joined.collaborators.filter((p) => p.userId !== this.session.userId));
      await this.pull();
      this.schedulePush();
      return;
    }
    // Edits kept by a page that was closed or reloaded go first, in one push each: they were all made against
    // their saved version. The server drops any it already has, by client id, so each lands exactly once.
    for (const key of this.kept.othersThan(this.clientId)) {
      const kept = this.kept.read(key);
      if (!kept) continue;
      try {
        const { refused } = await this.session.invoke("TryPush", this.name, kept.version, kept.updates);
        if (refused?.retry) { this.session.showStatus(t("{0} kept changes could not be saved: {1}", this.session.numbers.format(kept.updates.length), refused.message)); continue; }
        this.kept.forget(key);
        // Refused for good (ADR-027): sending them again would be refused again, so they are offered to copy instead.
        if (refused) this.session.tell(t("{0} Your unsaved edits could not be kept: copy them with the button beside this line.", refused.message), keptText(kept));
      } catch (e) {
        // Left in storage; the text still opens so the person sees where things stand and why.
        this.session.showStatus(t("{0} kept changes could not be saved: {1}", this.session.numbers.format(kept.updates.length), reason(e)));
      }
    }
    const joined = await this.session.invoke("Join", this.name);
    this.session.joined(joined);
    this.confirmed = confirmedAt(joined.text, joined.tracked);
    this.trackedVersion = 0;
    this.mountView(joined.text, joined.version);
    this.setPeople(joined.collaborators.filter((p) => p.userId !== this.session.userId));
    await this.pull(); // anything accepted between reading the text and joining its broadcasts
  }

  mountView(text, version) {
    this.view = createEditorView(this, text, version);
    this.view.dispatch({ effects: [setSuggesting.of(this.session.suggestMode.on), setShowAuthors.of(this.session.showingAuthors)] });
    this.spec.element.dataset.version = String(version);
    // For people and tests reading the text without the decorations (remote carets carry names).
    this.spec.element.liveText = () => this.view.state.doc.toString();
    if (this.name === "body") this.session.measure.show(text);
    this.schedulePush();
  }

  /** What the view reports after each transaction (editor-view.js). */
  changed(update) {
    if (update.docChanged || sendableUpdates(update.startState).length !== sendableUpdates(update.state).length) {
      this.save(); this.schedulePush(); this.session.showStatus();
    }
    if (update.docChanged) {
      if (this.name === "body") this.session.measure.schedule(() => update.state.doc.toString());
    }
    // Only the field with the focus says where the caret is: a remote edit moving it elsewhere is not news.
    if ((update.selectionSet || update.docChanged) && update.view.hasFocus) this.scheduleSelection();
  }

  schedulePush() {
    if (this.pushTimer || !this.view || !sendableUpdates(this.view.state).length) return;
    // A busy text asks for a pause before the next push (pushAfterMs, docs/protocol.md): keystrokes gather meanwhile.
    this.pushTimer = setTimeout(() => { this.pushTimer = null; this.push(); }, Math.max(pushDelay, this.pushPause || 0));
  }

  async push() {
    if (!this.view || this.pushing || this.session.connection.state !== HubConnectionState.Connected) return;
    const updates = sendableUpdates(this.view.state);
    if (!updates.length) return;
    this.pushing = true;
    let result;
    try {
      result = await this.session.invoke("TryPush", this.name, getSyncedVersion(this.view.state), firstPush(updates));
    } catch (e) {
      this.session.showStatus(reason(e));
      this.pushing = false;
      this.retryLater();
      return;
    }
    if (result.refused?.retry) {
      this.session.showStatus(result.refused.message);
      this.pushing = false;
      this.retryLater();
      return;
    }
    if (result.refused) {
      try { await this.recover(result.refused); } finally { this.pushing = false; }
      this.schedulePush();
      return;
    }
    this.pushing = false;
    this.retryDelay = null;
    this.pushPause = Math.min(Math.max(result.pushAfterMs || 0, 0), maxPushPause);
    // The broadcast that confirms our updates comes before this acknowledgement. If the server is still ahead (it
    // already had them all, so it broadcast nothing), catch up instead of sending them again.
    if (this.tooFarBehind(result.version)) { await this.reopen(); return; }
    if (this.view && result.version > getSyncedVersion(this.view.state)) await this.pull();
    this.schedulePush();
    this.session.showStatus();
  }

  // A push refused for now (saving paused while the database is out of reach, a busy text, the rate cap) or lost
  // with the connection is sent again after a pause, and the edits stay kept meanwhile.
  retryLater() {
    if (this.retryTimer) return;
    this.retryDelay = Math.min((this.retryDelay ?? retryFirst / 2) * 2, retryMax);
    this.retryTimer = setTimeout(() => { this.retryTimer = null; this.push(); }, this.retryDelay);
  }

  // A refusal that stands (ADR-027): the same push would be refused for ever. Take in what the server has, open the
  // field afresh at that version as a new editor, and put back what the person typed where it can be kept
  // (refused-push.js); what cannot is offered to copy, and the status line says what happened.
  async recover(refused) {
    if (refused.code === "push.suggest-only") this.session.suggestMode.setSuggestOnly(true);
    await this.pull();
    if (!this.view) return;
    const old = this.view.state, version = getSyncedVersion(old), focused = this.view.hasFocus;
    this.kept.save(this.clientId, version, []);
    this.view.destroy();
    this.view = null;
    this.newClient();
    this.trackedVersion++;
    this.mountView(this.confirmed.text, version);
    const setAside = putBack(old, this.view.state, this.confirmed, this.session.userId, refused.code, (spec) => {
      this.view.dispatch(spec);
      return this.view.state;
    });
    this.view.dispatch({ selection: { anchor: Math.min(old.selection.main.head, this.view.state.doc.length) } });
    if (focused) this.view.focus();
    this.session.tell(remadeAsSuggestions.has(refused.code)
      ? t("{0} Your unsaved edits were made again as suggestions.", refused.message)
      : t("{0} Your unsaved edits could not be kept: copy them with the button beside this line.", refused.message), setAside);
  }

  receive(fromVersion, batch) {
    if (!this.view) return;
    const version = getSyncedVersion(this.view.state);
    if (fromVersion - version > reopenBehind) { this.reopen(); return; }
    if (fromVersion > version) { this.pull(); return; } // a gap: never apply out of order
    const fresh = readBatch(this.name, fromVersion, batch).slice(version - fromVersion);
    if (!fresh.length) return;
    const accepted = fresh.map((u) => ({ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientId, tracking: u.tracking ?? null }));
    // The confirmed state moves first, so what the extensions show next is this state with what is still unconfirmed.
    for (const u of accepted) if (u.tracking?.authorName) this.session.people.set(u.tracking.authorId, u.tracking.authorName);
    confirm(this.confirmed, accepted);
    this.trackedVersion++;
    this.view.dispatch(receiveOneByOne(this.view.state, accepted.map(({ changes, clientID }) => ({ changes, clientID }))));
    this.view.dispatch({ effects: confirmedChanged.of(null) });
    this.spec.element.dataset.version = String(getSyncedVersion(this.view.state));
    this.save();
    this.schedulePush();
    this.session.showStatus();
  }

  async pull() {
    if (!this.view) return;
    if (this.pulling) { this.pullAgain = true; return; }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        const version = getSyncedVersion(this.view.state);
        const batch = await this.session.invoke("Pull", this.name, version);
        if (!this.view) return;
        this.receive(version, batch);
      } while (this.pullAgain && this.view);
    } finally {
      this.pulling = false;
    }
  }

  setPeople(people) {
    this.view?.dispatch({ effects: setPeople.of(people) });
    this.session.presence.show(this.name, people);
  }

  scheduleSelection() {
    if (this.selectionTimer) return;
    this.selectionTimer = setTimeout(() => { this.selectionTimer = null; this.sendSelection(); }, 100);
  }

  sendSelection() {
    const { anchor, head } = this.view.state.selection.main;
    if (this.session.connection.state === HubConnectionState.Connected) {
      this.session.invoke("SetSelection", this.name, anchor, head).catch(() => {});
    }
  }

  sendBlur() {
    clearTimeout(this.selectionTimer);
    this.selectionTimer = null;
    if (this.session.connection.state === HubConnectionState.Connected) {
      this.session.invoke("Blur", this.name).catch(() => {});
    }
  }
}

// The text kept edits typed, for the person to copy when they cannot be sent.
function keptText(kept) {
  try { return typedText(kept.updates.map((u) => ChangeSet.fromJSON(u.changes))); } catch { return ""; }
}

// As many updates as one push may carry, by count and by inserted text.
function firstPush(updates) {
  const batch = [];
  let inserted = 0;
  for (const update of updates) {
    let size = 0;
    update.changes.iterChanges((_fa, _ta, _fb, _tb, text) => { size += text.length; });
    if (batch.length === maxUpdatesPerPush || (batch.length && inserted + size > maxInsertedPerPush)) break;
    batch.push(pushed(update));
    inserted += size;
  }
  return batch;
}

// An unconfirmed update as it is pushed and kept: a suggest-mode one with its tracking (docs/protocol.md).
function pushed(update) {
  const tracking = clientTracking(update);
  return tracking ? { clientId: update.clientID, changes: update.changes.toJSON(), tracking } : { clientId: update.clientID, changes: update.changes.toJSON() };
}
