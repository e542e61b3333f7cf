// A line written mostly in the other script takes its direction: an English paragraph in an Arabic story (an author
// bio, a quoted statement) reads left to right, and the reverse. Mostly, not first: "Breaking: اندلع حريق…" is an
// Arabic line that opens with a Latin word. perLineTextDirection only *reads* each line's direction (for caret
// motion); this sets it. Lines with no letter keep the story's direction, so an empty line's caret stays put.
import { Decoration, ViewPlugin } from "@codemirror/view";
import { RangeSetBuilder } from "@codemirror/state";

const latinLetters = /[A-Za-z\u00C0-\u024F]/g;
const rtlLetters = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/g;
const lineDirs = { ltr: Decoration.line({ attributes: { dir: "ltr" } }), rtl: Decoration.line({ attributes: { dir: "rtl" } }) };

export function lineDirection(storyDir) {
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
