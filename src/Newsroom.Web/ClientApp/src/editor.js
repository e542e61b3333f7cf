// The live editor: one CodeMirror 6 view per story field, kept in step through @codemirror/collab over the
// /hubs/collab SignalR hub (docs/protocol.md). This module is the session: the connection, reconnecting, and the
// status line. Each field's sync is live-field.js, its view editor-view.js; unsent edits are kept in the browser
// (kept-edits.js), so a dropped connection, a reload or a server restart loses nothing.
import { HubConnectionBuilder, HubConnectionState } from "@microsoft/signalr";
import { caretLabel } from "./carets.js";
import { installShortcuts } from "./shortcuts.js";
import { guardSignOut } from "./signout.js";
import { LiveField, retryFirst, retryMax } from "./live-field.js";
import { MeasureBar } from "./measure-bar.js";
import { PresenceBar } from "./presence.js";
import { reason, setPhrases, t } from "./phrases.js";
import { SuggestMode } from "./suggest-mode.js";
import { SuggestionPanel } from "./suggestion-panel.js";
import { AuthorshipLegend, setShowAuthors } from "./authorship.js";
import { setSuggesting } from "./suggestions.js";

const noticeMs = 30000; // how long the status line says what became of edits a refused push held

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
  constructor({ storyId, userId, dir, lang, readOnly, fields, status, presence, measure, wordBudget, locale, text,
    suggestToggle, authorsToggle, suggestions, legend }) {
    setPhrases(text);
    caretLabel((name) => t("{0} is here", name));
    this.numbers = new Intl.NumberFormat(locale ?? "en", { maximumFractionDigits: 0 });
    this.measure = new MeasureBar(measure, wordBudget, this.numbers);
    this.presence = new PresenceBar(presence);
    this.storyId = storyId;
    this.userId = userId;
    this.statusElement = status;
    this.fields = new Map();
    // Suggestions and authorship (suggestions.js, authorship.js): names of the people in a text's history, the
    // person's suggest mode, the panel of open suggestions, and the authors' colours with their legend.
    this.people = new Map();
    this.suggestMode = new SuggestMode(suggestToggle, userId, (on) => this.eachView((view) => view.dispatch({ effects: setSuggesting.of(on) })));
    this.panel = new SuggestionPanel(suggestions, {
      locale, readOnly, name: (id) => this.nameOf(id),
      decide: (field, id, accept) => this.decide("Decide", field, id, accept),
      decideAll: (accept) => { for (const field of this.fields.keys()) if (this.panel.byField.get(field)?.length) this.decide("DecideAll", field, accept, null); },
      setNote: (field, id, note) => this.invoke("SetNote", field, id, note),
      authorId: userId,
    });
    this.legend = new AuthorshipLegend(legend);
    this.authorsToggle = authorsToggle;
    this.showingAuthors = false;
    authorsToggle?.addEventListener("click", () => this.showAuthors(!this.showingAuthors));
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/collab")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(1000 * 2 ** ctx.previousRetryCount, 10000) })
      .build();
    this.connection.on("Updates", (storyId, field, fromVersion, batch) => {
      if (storyId === this.storyId) this.fields.get(field)?.receive(fromVersion, batch);
    });
    this.connection.on("Presence", (storyId, field, people) => {
      if (storyId === this.storyId) this.fields.get(field)?.setPeople(people.filter((p) => p.userId !== this.userId));
    });
    this.connection.on("SuggestOnly", (storyId, suggestOnly) => {
      if (storyId === this.storyId) this.suggestMode.setSuggestOnly(suggestOnly);
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
    const notice = this.notice && Date.now() < this.notice.until ? this.notice.text : null;
    this.statusElement.textContent = error || notice ? t("{0} · {1}", words, error || notice)
      : unsent ? t("{0} · unsaved changes: {1}", words, this.numbers.format(unsent)) : t("{0} · all changes saved", words);
  }

  /**
   * Says what became of the person's edits after a push refused for good (live-field.js recover), for noticeMs
   * whatever else the status line says meanwhile; `setAside`, the text that could not be kept, gets a Copy button.
   */
  tell(text, setAside) {
    this.notice = { text, until: Date.now() + noticeMs };
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.showStatus(), noticeMs + 10);
    this.showStatus();
    if (!setAside) return;
    this.copyButton ??= this.statusElement.insertAdjacentElement("afterend", document.createElement("button"));
    Object.assign(this.copyButton, { type: "button", className: "set-aside-copy", hidden: false, textContent: t("Copy what was not kept") });
    this.copyButton.onclick = () => navigator.clipboard.writeText(setAside).then(() => { this.copyButton.hidden = true; }, () => {});
  }

  /** What a Join answered beyond the text: the names of the people in its history, and whether only suggestions go. */
  joined({ people, suggestOnly }) {
    for (const [id, name] of Object.entries(people ?? {})) this.people.set(id, name);
    this.suggestMode.setSuggestOnly(!!suggestOnly);
  }

  nameOf(id) {
    return this.people.get(id) || (id ? t("Someone") : t("Before live editing"));
  }

  /** A field's shown suggestions and authorship changed: the panel and the legend follow. */
  trackedChanged(field, shown) {
    this.panel.update(field, shown);
    this.writers ??= new Map();
    this.writers.set(field, new Set(shown.authorship.map((r) => r.value)));
    if (this.showingAuthors) this.showLegend();
  }

  showAuthors(on) {
    this.showingAuthors = on;
    this.authorsToggle?.setAttribute("aria-pressed", String(on));
    this.eachView((view) => view.dispatch({ effects: setShowAuthors.of(on) }));
    if (on) this.showLegend(); else this.legend.show([], () => "");
  }

  showLegend() {
    const writers = new Set([...(this.writers ?? new Map()).values()].flatMap((set) => [...set]));
    this.legend.show(writers, (id) => this.nameOf(id));
  }

  async decide(method, field, ...args) {
    try {
      await this.invoke(method, field, ...args);
    } catch (e) {
      this.showStatus(reason(e));
    }
  }

  eachView(act) {
    for (const field of this.fields.values()) if (field.view) act(field.view);
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
