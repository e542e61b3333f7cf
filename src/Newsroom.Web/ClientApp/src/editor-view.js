// The CodeMirror view of one live field and the extensions it runs: collab (the sync itself is live-field.js),
// history, Markdown in the body, each line's direction, colleagues' carets, suggestions and authorship, and a
// listener that tells the field what changed.
import { EditorView, keymap, placeholder as placeholderText } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { collab } from "@codemirror/collab";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { focusTracking, peopleField } from "./carets.js";
import { lineDirection } from "./line-direction.js";
import { sharedSuggestEffects } from "./suggest-sync.js";
import { suggestions } from "./suggestions.js";
import { authorship } from "./authorship.js";

export function createEditorView(field, text, version) {
  return new EditorView({
    parent: field.spec.element,
    state: EditorState.create({
      doc: text,
      extensions: [
        collab({ startVersion: version, clientID: field.clientId, sharedEffects: sharedSuggestEffects }),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        EditorView.perLineTextDirection.of(true),
        lineDirection(field.dir),
        EditorState.readOnly.of(field.readOnly),
        EditorView.contentAttributes.of({ dir: field.dir, lang: field.lang, spellcheck: "true", "aria-label": field.spec.label }),
        placeholderText(field.spec.placeholder ?? ""),
        field.name === "body" ? markdown() : [],
        peopleField,
        suggestions(field.trackedSource),
        authorship(),
        focusTracking((focused) => focused ? field.sendSelection() : field.sendBlur()),
        EditorView.updateListener.of((update) => field.changed(update)),
      ],
    }),
  });
}
