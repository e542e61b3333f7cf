// The authorship extension of a live field: with authors shown, every passage is coloured in the colour of the
// person whose update inserted it (suggest-sync.js keeps who that is, as the server does), and hovering it names
// them. The legend under the editor (AuthorshipLegend) lists the names with their colours.
import { Decoration, EditorView, ViewPlugin } from "@codemirror/view";
import { StateEffect, StateField } from "@codemirror/state";
import { colourOf, shownState, trackedChange, trackedSource } from "./suggestions.js";
import { t } from "./phrases.js";

export const setShowAuthors = StateEffect.define();
const showAuthorsField = StateField.define({
  create: () => false,
  update: (on, tr) => tr.effects.reduce((value, e) => (e.is(setShowAuthors) ? e.value : value), on),
});

function decorationsOf(state) {
  if (!state.field(showAuthorsField)) return Decoration.none;
  const source = state.facet(trackedSource);
  let shown;
  try { shown = shownState(state); } catch { return Decoration.none; }
  const ranges = [];
  let pos = 0;
  for (const run of shown.authorship) {
    ranges.push(Decoration.mark({
      class: "written-by",
      attributes: { style: `--writer: ${colourOf(run.value)}`, title: t("Written by {0}", source.name(run.value)), "data-author": run.value },
    }).range(pos, pos + run.length));
    pos += run.length;
  }
  return Decoration.set(ranges, true);
}

const authorshipMarks = ViewPlugin.fromClass(class {
  constructor(view) { this.decorations = decorationsOf(view.state); }
  update(update) {
    if (trackedChange(update) || update.startState.field(showAuthorsField) !== update.state.field(showAuthorsField)) {
      this.decorations = decorationsOf(update.state);
    }
  }
}, { decorations: (plugin) => plugin.decorations });

export function authorship() {
  return [showAuthorsField, authorshipMarks, EditorView.editorAttributes.compute([showAuthorsField],
    (state) => (state.field(showAuthorsField) ? { class: "showing-authors" } : {}))];
}

/** The names and colours of everyone who wrote the story's texts, under the editor while authors are shown. */
export class AuthorshipLegend {
  constructor(element) { this.element = element; }

  show(writers, name) {
    if (!this.element) return;
    this.element.replaceChildren(...[...writers].map((id) => {
      const item = document.createElement("li");
      item.dataset.author = id;
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colourOf(id);
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, document.createTextNode(name(id)));
      return item;
    }));
  }
}
