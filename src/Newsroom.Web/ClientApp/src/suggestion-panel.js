// The side panel that lists a story's open suggestions (every field's), each with its author, time, note and text and
// Accept / Reject buttons, and Accept all / Reject all. Deciding is the server's (hub Decide and DecideAll): the
// decision comes back as an update everyone's editor takes in, which removes the suggestion from every list. The author
// of a suggestion can add or change its note in a small form (hub SetNote); it too comes back as an update.
import { colourOf } from "./suggestions.js";
import { Deletion } from "./tracked-text.js";
import { reason, t } from "./phrases.js";

const renderDelay = 50; // ms: a burst of keystrokes redraws the list once

export class SuggestionPanel {
  constructor(element, { locale, name, decide, decideAll, setNote, authorId, readOnly }) {
    this.element = element;
    this.name = name;
    this.decide = decide;
    this.decideAll = decideAll;
    this.setNote = setNote;
    this.authorId = authorId;
    // The note being written ({ id, field, value, error, busy }): the list waits while it is open, so the form keeps
    // its text and focus, and is drawn again when it closes.
    this.editing = null;
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
    if (this.editing) return;
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
    if (s.authorId === this.authorId && !this.readOnly && !pending) {
      item.append(this.button(s.note ? t("Edit the note") : t("Add a note"), "note", () => this.openNote(item, s)));
    }
    const label = (verb) => t(verb, this.name(s.authorId), s.text);
    item.append(
      this.button(t("Accept"), "accept", () => this.decide(s.field, s.id, true), label("Accept the suggestion by {0}: {1}"), pending),
      this.button(t("Reject"), "reject", () => this.decide(s.field, s.id, false), label("Reject the suggestion by {0}: {1}"), pending));
    return item;
  }

  /** Opens the note form in the suggestion's item, with its note so far. */
  openNote(item, s) {
    this.editing = { id: s.id, field: s.field };
    const form = document.createElement("form");
    form.className = "note-form";
    const label = document.createElement("label");
    label.textContent = t("Note on your suggestion");
    const text = document.createElement("textarea");
    text.rows = 2;
    text.dir = "auto";
    text.value = s.note ?? "";
    label.append(text);
    const error = document.createElement("p");
    error.className = "error";
    error.setAttribute("role", "alert");
    const save = document.createElement("button");
    save.type = "submit";
    save.textContent = t("Save the note");
    const cancel = this.button(t("Cancel"), "cancel-note", () => this.closeNote());
    form.append(label, save, cancel, error);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      save.disabled = true;
      error.textContent = "";
      try {
        await this.setNote(s.field, s.id, text.value);
        this.closeNote();
      } catch (failure) {
        // Refused (too long, no longer open, not the author's): the reason, in the page's language, beside the form.
        error.textContent = reason(failure);
        save.disabled = false;
        text.focus();
      }
    });
    item.querySelector("button[data-action=note]")?.remove();
    item.append(form);
    text.focus();
  }

  closeNote() {
    this.editing = null;
    this.render();
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
