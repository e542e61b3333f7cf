// The body's words, reading time and budget under the editor, counted as the server counts them (text-measures.js),
// once typing pauses rather than on every key.
import { budgetStatus, measure } from "./text-measures.js";
import { t } from "./phrases.js";

const measureDelay = 150; // ms

export class MeasureBar {
  constructor(element, wordBudget, numbers) {
    this.element = element;
    this.wordBudget = wordBudget;
    this.numbers = numbers;
  }

  schedule(text) {
    if (!this.element) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.show(text()), measureDelay);
  }

  show(text) {
    if (!this.element) return;
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
    this.element.replaceChildren(...spans);
    this.element.dataset.words = String(m.words);
    this.element.dataset.characters = String(m.characters);
    this.element.dataset.budgetStatus = budgetStatus(m.words, this.wordBudget);
  }
}
