// The live editor: one CodeMirror 6 view per story field, kept in step through @codemirror/collab over the
// /hubs/collab SignalR hub (docs/protocol.md). Unsent edits live in localStorage until the server confirms them,
// so a dropped connection, a reload or a server restart loses nothing.
import { EditorView, Decoration, ViewPlugin, keymap, placeholder as placeholderText } from "@codemirror/view";
import { ChangeSet, EditorState, RangeSetBuilder } from "@codemirror/state";
import { collab, getSyncedVersion, sendableUpdates } from "@codemirror/collab";
import { receiveOneByOne } from "./receive.js";
import { caretLabel, focusTracking, peopleField, setPeople } from "./carets.js";
import { installShortcuts } from "./shortcuts.js";
import { guardSignOut } from "./signout.js";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { HubConnectionBuilder, HubConnectionState } from "@microsoft/signalr";
import { budgetStatus, measure } from "./text-measures.js";

const maxUpdatesPerPush = 200;      // the server's limits (docs/protocol.md): more go in several pushes
const maxInsertedPerPush = 200000;
const reopenBehind = 500;      // further behind than this, a field opens its text afresh instead of pulling (the
                               // server answers a pull of at most 5,000 updates: docs/protocol.md)
const pushDelay = 40;          // ms: gather a burst of keystrokes into one push
const retryFirst = 1000;       // ms: a refused push (saving paused, busy) is sent again after this, doubling up to
const retryMax = 10000;        // this while it is refused: the edits stay kept meanwhile
const maxPushPause = 2000;     // ms: the longest pause a busy server may ask for between pushes
const measureDelay = 150;      // ms: recount the body once typing pauses, not on every key

// The interface's words, in the page's language: LiveEditor.razor passes them (English keys, translated values).
let phrases = {};
function t(key, ...args) {
  return (phrases[key] ?? key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

/**
 * Opens the live editors for a story. `fields` maps a field name to { element, label, placeholder }; `text` holds the
 * interface's words; `locale` (with its numbering system, "ar-u-nu-arab") formats the counts in `measure`.
 */
export async function mount(options) {
  installShortcuts();
  const session = new LiveSession(options);
  session.unguardSignOut = guardSignOut(session, {
    sending: (n) => t("Sending {0} unsaved changes before signing out…", session.numbers.format(n)),
    ask: (n) => t("{0} changes are not saved yet. They stay in this browser and are sent the next time you open this story. Sign out anyway?", session.numbers.format(n)),
  });
  await session.start();
  return session;
}

class LiveSession {
  constructor({ storyId, userId, dir, lang, readOnly, fields, status, presence, measure, wordBudget, locale, text }) {
    phrases = text ?? {};
    caretLabel((name) => t("{0} is here", name));
    this.measureElement = measure;
    this.wordBudget = wordBudget;
    this.numbers = new Intl.NumberFormat(locale ?? "en", { maximumFractionDigits: 0 });
    this.storyId = storyId;
    this.userId = userId;
    this.statusElement = status;
    this.presenceElement = presence;
    this.peopleByField = new Map();
    this.fields = new Map();
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/collab")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * 2 ** ctx.previousRetryCount, 10000) })
      .build();
    this.connection.on("Updates", (storyId, field, fromVersion, updates) => {
      if (storyId === this.storyId) this.fields.get(field)?.receive(fromVersion, updates);
    });
    this.connection.on("Presence", (storyId, field, people) => {
      if (storyId === this.storyId) this.fields.get(field)?.setPeople(people.filter((p) => p.userId !== this.userId));
    });
    this.connection.onreconnecting(() => this.showStatus());
    this.connection.onreconnected(() => this.rejoin());
    this.connection.onclose(() => { this.showStatus(); setTimeout(() => this.restart(), 3000); });
    for (const [name, spec] of Object.entries(fields)) {
      this.fields.set(name, new LiveField(this, name, spec, { dir, lang, readOnly }));
    }
    window.addEventListener("online", () => this.restart());
  }

  async start() {
    try {
      await this.connection.start();
    } catch {
      this.showStatus();
      setTimeout(() => this.restart(), 3000);
      return;
    }
    await this.rejoin();
  }

  async restart() {
    if (this.disposed || this.connection.state !== HubConnectionState.Disconnected) return;
    await this.start();
  }

  // After any (re)connection: send what was kept, then open each text afresh. A field that could not open (saving
  // paused while the database is out of reach) is tried again after a pause that doubles up to retryMax.
  async rejoin() {
    clearTimeout(this.rejoinTimer);
    let failed = null;
    for (const field of this.fields.values()) {
      try { await field.join(); } catch (e) { failed = e; }
    }
    if (failed && !this.disposed && this.connection.state === HubConnectionState.Connected) {
      this.rejoinDelay = Math.min((this.rejoinDelay ?? retryFirst / 2) * 2, retryMax);
      this.rejoinTimer = setTimeout(() => this.rejoin(), this.rejoinDelay);
      this.showStatus(reason(failed));
      return;
    }
    this.rejoinDelay = null;
    this.showStatus();
  }

  unsentCount() {
    return [...this.fields.values()].reduce((n, f) => n + f.unsentCount(), 0);
  }

  // Pushes whatever is unsent now, without waiting for the next keystroke; true once the server has confirmed it all.
  async sendAll(waitMs) {
    const deadline = Date.now() + waitMs;
    while (this.unsentCount() > 0 && Date.now() < deadline) {
      for (const field of this.fields.values()) if (field.view) field.push();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.unsentCount() === 0;
  }

  showStatus(error) {
    const unsent = this.unsentCount();
    const state = this.connection.state === HubConnectionState.Connected ? "connected"
      : this.connection.state === HubConnectionState.Reconnecting || this.connection.state === HubConnectionState.Connecting ? "reconnecting"
      : "offline";
    const words = t({ connected: "Connected", reconnecting: "Reconnecting…", offline: "Offline" }[state]);
    this.statusElement.dataset.state = state;
    this.statusElement.dataset.unsent = String(unsent);
    this.statusElement.textContent = error ? t("{0} · {1}", words, error)
      : unsent ? t("{0} · unsaved changes: {1}", words, this.numbers.format(unsent)) : t("{0} · all changes saved", words);
  }

  // The body's words, reading time and budget, counted as the server counts them (text-measures.js).
  scheduleMeasure(text) {
    if (!this.measureElement) return;
    clearTimeout(this.measureTimer);
    this.measureTimer = setTimeout(() => this.showMeasure(text()), measureDelay);
  }

  showMeasure(text) {
    const m = measure(text);
    const n = (value) => this.numbers.format(value);
    const parts = [t("Words: {0}", n(m.words)), t("Reading time: {0} min", n(m.readingMinutes))];
    if (this.wordBudget) parts.push(t("Budget: {0} of {1}", n(m.words), n(this.wordBudget)));
    const spans = parts.map((part, i) => {
      const span = document.createElement("span");
      span.className = ["measure-words", "measure-reading", "measure-budget"][i];
      span.textContent = part;
      return span;
    });
    this.measureElement.replaceChildren(...spans);
    this.measureElement.dataset.words = String(m.words);
    this.measureElement.dataset.characters = String(m.characters);
    this.measureElement.dataset.budgetStatus = budgetStatus(m.words, this.wordBudget);
  }

  // Who is in the story and in which field, as avatars with initials in each person's colour.
  showPeople(field, people) {
    this.peopleByField.set(field, people);
    if (!this.presenceElement) return;
    const byPerson = new Map();
    for (const [name, list] of this.peopleByField) {
      for (const p of list) {
        const entry = byPerson.get(p.userId) ?? { ...p, fields: [] };
        entry.fields.push(name);
        byPerson.set(p.userId, entry);
      }
    }
    this.presenceElement.replaceChildren(...[...byPerson.values()].map((p) => {
      const avatar = document.createElement("span");
      avatar.className = "avatar";
      avatar.style.background = p.color;
      avatar.textContent = p.displayName.split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase();
      avatar.title = t("{0}: in the {1}", p.displayName, p.fields.map((f) => t(`field:${f}`)).join(t(", ")));
      avatar.setAttribute("aria-label", avatar.title);
      avatar.setAttribute("role", "img");
      return avatar;
    }));
  }

  invoke(method, ...args) {
    return this.connection.invoke(method, this.storyId, ...args);
  }

  dispose() {
    this.disposed = true;
    this.unguardSignOut?.();
    for (const field of this.fields.values()) field.view?.destroy();
    return this.connection.stop();
  }
}

// A line written mostly in the other script takes its direction: an English paragraph in an Arabic story (an author
// bio, a quoted statement) reads left to right, and the reverse. Mostly, not first: "Breaking: اندلع حريق…" is an
// Arabic line that opens with a Latin word. perLineTextDirection only *reads* each line's direction (for caret
// motion); this sets it. Lines with no letter keep the story's direction, so an empty line's caret stays put.
const latinLetters = /[A-Za-z\u00C0-\u024F]/g;
const rtlLetters = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/g;
const lineDirs = { ltr: Decoration.line({ attributes: { dir: "ltr" } }), rtl: Decoration.line({ attributes: { dir: "rtl" } }) };
function lineDirection(storyDir) {
  return ViewPlugin.fromClass(class {
    constructor(view) { this.decorations = this.build(view); }
    update(update) { if (update.docChanged || update.viewportChanged) this.decorations = this.build(update.view); }
    build(view) {
      const builder = new RangeSetBuilder();
      let last = -1;
      for (const { from, to } of view.visibleRanges) {
        for (let pos = from; pos <= to;) {
          const line = view.state.doc.lineAt(pos);
          if (line.from > last) {
            const latin = line.text.match(latinLetters)?.length ?? 0, rtl = line.text.match(rtlLetters)?.length ?? 0;
            const dir = latin === rtl ? null : latin > rtl ? "ltr" : "rtl";
            if (dir && dir !== storyDir) builder.add(line.from, line.from, lineDirs[dir]);
            last = line.from;
          }
          pos = line.to + 1;
        }
      }
      return builder.finish();
    }
  }, { decorations: (plugin) => plugin.decorations });
}

class LiveField {
  constructor(session, name, spec, { dir, lang, readOnly }) {
    this.session = session;
    this.name = name;
    this.spec = spec;
    this.dir = dir;
    this.lang = lang;
    this.readOnly = readOnly;
    // Kept edits belong to the person who made them: on a shared computer the next account to open the story must
    // never replay them under its own name, so the person's id is part of the key.
    this.prefix = `newsroom:pending:${session.userId}:${session.storyId}:${name}:`;
    this.newClient();
  }

  // A new id per editor view: two tabs of one person are two editors. Kept edits carry the id they were made with.
  newClient() {
    this.clientId = `${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    this.key = this.prefix + this.clientId;
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

  keptKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(this.prefix) && key !== this.key) keys.push(key);
    }
    return keys;
  }

  unsentCount() {
    return this.view ? sendableUpdates(this.view.state).length : 0;
  }

  // Keeps the unconfirmed updates, with the version they are based on, until the server confirms them.
  save() {
    const updates = sendableUpdates(this.view.state);
    if (!updates.length) { localStorage.removeItem(this.key); return; }
    localStorage.setItem(this.key, JSON.stringify({
      clientId: this.clientId,
      version: getSyncedVersion(this.view.state),
      updates: updates.map((u) => ({ clientId: u.clientID, changes: u.changes.toJSON() })),
    }));
  }

  async join() {
    if (this.view) {
      // Back after a dropped connection: keep this editor and everything typed in it. Catching up confirms what
      // the server already took (by client id); the rest is sent again.
      const joined = await this.session.invoke("Join", this.name);
      if (this.tooFarBehind(joined.version)) { await this.reopen(); return; }
      this.setPeople(joined.collaborators.filter((p) => p.userId !== this.session.userId));
      await this.pull();
      this.schedulePush();
      return;
    }
    // Edits kept by a page that was closed or reloaded go first, in one push each: they were all made against
    // their saved version. The server drops any it already has, by client id, so each lands exactly once.
    for (const key of this.keptKeys()) {
      let kept = null;
      try { kept = JSON.parse(localStorage.getItem(key) ?? "null"); } catch { kept = null; }
      if (!kept?.updates?.length) { localStorage.removeItem(key); continue; }
      try {
        await this.session.invoke("Push", this.name, kept.version, kept.updates);
        localStorage.removeItem(key);
      } catch (e) {
        // Left in storage; the text still opens so the person sees where things stand and why.
        this.session.showStatus(t("{0} kept changes could not be saved: {1}", this.session.numbers.format(kept.updates.length), reason(e)));
      }
    }
    const joined = await this.session.invoke("Join", this.name);
    this.mountView(joined.text, joined.version);
    this.setPeople(joined.collaborators.filter((p) => p.userId !== this.session.userId));
    await this.pull(); // anything accepted between reading the text and joining its broadcasts
  }

  mountView(text, version) {
    const field = this;
    this.view = new EditorView({
      parent: this.spec.element,
      state: EditorState.create({
        doc: text,
        extensions: [
          collab({ startVersion: version, clientID: this.clientId }),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          EditorView.perLineTextDirection.of(true),
          lineDirection(this.dir),
          EditorState.readOnly.of(this.readOnly),
          EditorView.contentAttributes.of({ dir: this.dir, lang: this.lang, spellcheck: "true", "aria-label": this.spec.label }),
          placeholderText(this.spec.placeholder ?? ""),
          this.name === "body" ? markdown() : [],
          peopleField,
          focusTracking((focused) => focused ? field.sendSelection() : field.sendBlur()),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              field.save(); field.schedulePush(); field.session.showStatus();
              if (field.name === "body") field.session.scheduleMeasure(() => update.state.doc.toString());
            }
            // Only the field with the focus says where the caret is: a remote edit moving it elsewhere is not news.
            if ((update.selectionSet || update.docChanged) && update.view.hasFocus) field.scheduleSelection();
          }),
        ],
      }),
    });
    this.spec.element.dataset.version = String(version);
    // For people and tests reading the text without the decorations (remote carets carry names).
    this.spec.element.liveText = () => this.view.state.doc.toString();
    if (this.name === "body") this.session.showMeasure(text);
    this.schedulePush();
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
      result = await this.session.invoke("Push", this.name, getSyncedVersion(this.view.state), firstPush(updates));
    } catch (e) {
      this.session.showStatus(reason(e));
      this.pushing = false;
      this.retryLater();
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

  // The hub says why a push was refused only in words, so every refused push is sent again after a pause: saving
  // paused (the database out of reach) and a busy text pass by themselves; one that stands (the story was published
  // meanwhile) costs a push every retryMax while its reason shows, and the edits stay kept either way.
  retryLater() {
    if (this.retryTimer) return;
    this.retryDelay = Math.min((this.retryDelay ?? retryFirst / 2) * 2, retryMax);
    this.retryTimer = setTimeout(() => { this.retryTimer = null; this.push(); }, this.retryDelay);
  }

  receive(fromVersion, updates) {
    if (!this.view) return;
    const version = getSyncedVersion(this.view.state);
    if (fromVersion - version > reopenBehind) { this.reopen(); return; }
    if (fromVersion > version) { this.pull(); return; } // a gap: never apply out of order
    const fresh = updates.slice(version - fromVersion);
    if (!fresh.length) return;
    const accepted = fresh.map((u) => ({ changes: ChangeSet.fromJSON(u.changes), clientID: u.clientId }));
    this.view.dispatch(receiveOneByOne(this.view.state, accepted));
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
        const updates = await this.session.invoke("Pull", this.name, version);
        if (!this.view) return;
        this.receive(version, updates);
      } while (this.pullAgain && this.view);
    } finally {
      this.pulling = false;
    }
  }

  setPeople(people) {
    this.view?.dispatch({ effects: setPeople.of(people) });
    this.session.showPeople(this.name, people);
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

// As many updates as one push may carry, by count and by inserted text.
function firstPush(updates) {
  const batch = [];
  let inserted = 0;
  for (const update of updates) {
    let size = 0;
    update.changes.iterChanges((_fa, _ta, _fb, _tb, text) => { size += text.length; });
    if (batch.length === maxUpdatesPerPush || (batch.length && inserted + size > maxInsertedPerPush)) break;
    batch.push({ clientId: update.clientID, changes: update.changes.toJSON() });
    inserted += size;
  }
  return batch;
}

// The hub prefixes refusals ("An unexpected error occurred invoking 'Push' on the server. HubException: …").
function reason(error) {
  const message = String(error?.message ?? error);
  const at = message.indexOf("HubException: ");
  return at >= 0 ? message.slice(at + "HubException: ".length) : t("Could not reach the server; your changes are kept and will be sent.");
}
