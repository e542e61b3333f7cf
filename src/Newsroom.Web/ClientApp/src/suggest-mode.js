// Suggest mode, per person: a toggle button (and Ctrl+Alt+S, shortcuts.js), remembered in this browser for the
// person. A story that makes every edit a suggestion while it is in review (Join's suggestOnly, or the SuggestOnly
// message) forces it on and locks the button.
import { t } from "./phrases.js";

export class SuggestMode {
  constructor(button, userId, changed) {
    this.button = button;
    this.key = `newsroom:suggesting:${userId}`;
    this.changed = changed;
    this.chosen = localStorage.getItem(this.key) === "1";
    this.suggestOnly = false;
    button?.addEventListener("click", () => this.toggle());
    this.show();
  }

  get on() { return this.suggestOnly || this.chosen; }

  toggle() {
    if (this.suggestOnly) return;
    this.chosen = !this.chosen;
    if (this.chosen) localStorage.setItem(this.key, "1"); else localStorage.removeItem(this.key);
    this.show();
    this.changed(this.on);
  }

  setSuggestOnly(suggestOnly) {
    if (this.suggestOnly === suggestOnly) return;
    this.suggestOnly = suggestOnly;
    this.show();
    this.changed(this.on);
  }

  show() {
    if (!this.button) return;
    this.button.setAttribute("aria-pressed", String(this.on));
    this.button.disabled = this.suggestOnly;
    this.button.title = this.suggestOnly ? t("This story takes every edit as a suggestion while it is in review")
      : t("Suggest changes instead of making them (Ctrl+Alt+S)");
  }
}
