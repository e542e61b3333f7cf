// The side panel that lists a story's open suggestions (every field's), each with its author, time, note and text and
// Accept / Reject buttons, and Accept all / Reject all. Deciding is the server's (hub Decide and DecideAll): the
// decision comes back as an update everyone's editor takes in, which removes the suggestion from every list.
import { colourOf } from "./suggestions.js";
import { Deletion } from "./tracked-text.js";
import { t } from "./phrases.js";

const renderDelay = 50; // ms: a burst of keystrokes redraws the list once

export class SuggestionPanel {
  constructor(element, { locale, name, decide, decideAll, readOnly }) {
    this.element = element;
    this.name = name;
    this.decide = decide;
    this.decideAll = decideAll;
    this.readOnly = readOnly;
    this.times = new Intl.DateTimeFormat(locale ?? "en", { dateStyle: "short", timeStyle: "short" });
    this.byField = new Map();
  }

  /** What a field shows now (suggestions.js calls this through the field's source). */
  update(field, shown) {
    this.byField.set(field, shown.suggestions.map((s) => ({ ...s, field, text: shown.doc.sliceString(s.from, s.to) })));
    if (!this.element || this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.render(); }, renderDelay);
  }

  open() { return [...this.byField.values()].flat(); }

  render() {
    const open = this.open();
    this.element.dataset.count = String(open.length);
    const heading = document.createElement("h2");
    heading.textContent = t("Suggestions ({0})", open.length);
    const parts = [heading];
    if (open.length === 0) {
      const none = document.createElement("p");
      none.className = "hint";
      none.textContent = t("No open suggestions.");
      parts.push(none);
    } else {
      const all = document.createElement("div");
      all.className = "decide-all";
      all.append(this.button(t("Accept all"), "accept-all", () => this.decideAll(true)),
        this.button(t("Reject all"), "reject-all", () => this.decideAll(false)));
      const list = document.createElement("ol");
      list.append(...open.map((s) => this.item(s)));
      parts.push(all, list);
    }
    this.element.replaceChildren(...parts);
  }

  item(s) {
    const item = document.createElement("li");
    item.dataset.suggestion = s.id;
    item.dataset.field = s.field;
    item.style.setProperty("--suggester", colourOf(s.authorId));
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = this.name(s.authorId);
    const when = document.createElement("time");
    when.dateTime = s.at;
    when.textContent = s.at ? this.times.format(new Date(s.at)) : "";
    const what = document.createElement("p");
    what.className = s.kind === Deletion ? "what deletion" : "what insertion";
    const quoted = document.createElement(s.kind === Deletion ? "del" : "ins");
    quoted.textContent = s.text;
    what.append(`${s.kind === Deletion ? t("Delete:") : t("Add:")} `, quoted, ` · ${t(`field:${s.field}`)}`);
    item.append(who, " ", when, what);
    if (s.note) {
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = s.note;
      item.append(note);
    }
    // One of this editor's own, not yet confirmed, has no id the server knows: it can be decided once it has.
    const pending = s.id.startsWith("local-");
    const label = (verb) => t(verb, this.name(s.authorId), s.text);
    item.append(
      this.button(t("Accept"), "accept", () => this.decide(s.field, s.id, true), label("Accept the suggestion by {0}: {1}"), pending),
      this.button(t("Reject"), "reject", () => this.decide(s.field, s.id, false), label("Reject the suggestion by {0}: {1}"), pending));
    return item;
  }

  button(text, action, click, label, pending = false) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.dataset.action = action;
    if (label) button.setAttribute("aria-label", label);
    button.disabled = this.readOnly || pending;
    button.addEventListener("click", click);
    return button;
  }
}
