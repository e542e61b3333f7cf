// Where colleagues are in a shared text: a caret in their colour with their name, in the field that has their focus
// only (a page joins every field of a story; the server marks a field focused while its caret moves there, and
// Blur takes it away). The name sits above the caret, or below it on the first line, where above would be cut off
// by the top of the field.
import { Decoration, EditorView, ViewPlugin, WidgetType } from "@codemirror/view";
import { StateEffect, StateField } from "@codemirror/state";

let label = (name) => `${name} is here`;

/** Sets how a caret is named for screen readers, in the interface's language ("{0} is here"). */
export function caretLabel(format) { label = format; }

class CaretWidget extends WidgetType {
  constructor(person, below) { super(); this.person = person; this.below = below; }
  eq(other) {
    return other.person.userId === this.person.userId && other.person.displayName === this.person.displayName
      && other.person.color === this.person.color && other.below === this.below;
  }
  toDOM() {
    const caret = document.createElement("span");
    caret.className = "remote-caret";
    caret.style.borderColor = this.person.color;
    caret.setAttribute("aria-label", label(this.person.displayName));
    const name = document.createElement("span");
    name.className = this.below ? "remote-name below" : "remote-name";
    name.style.background = this.person.color;
    name.textContent = this.person.displayName;
    caret.appendChild(name);
    return caret;
  }
}

export const setPeople = StateEffect.define();

/** The people in this text, and the carets of those whose focus is here. */
export const peopleField = StateField.define({
  create: () => ({ people: [], decorations: Decoration.none }),
  update(value, tr) {
    let people = value.people;
    if (!tr.changes.empty) {
      // A colleague's position comes from their copy, which may be ahead of ours: clamp before mapping.
      const length = tr.startState.doc.length;
      people = people.map((p) => ({ ...p,
        anchor: tr.changes.mapPos(Math.min(p.anchor, length)), head: tr.changes.mapPos(Math.min(p.head, length)) }));
    }
    for (const effect of tr.effects) if (effect.is(setPeople)) people = effect.value;
    if (people === value.people) return value;
    return { people, decorations: decorationsFor(people, tr.state.doc) };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

export function decorationsFor(people, doc) {
  const length = doc.length, ranges = [];
  for (const person of people.filter((p) => p.focused)) {
    const anchor = Math.min(person.anchor, length), head = Math.min(person.head, length);
    if (anchor !== head) {
      ranges.push(Decoration.mark({ attributes: { style: `background-color: ${person.color}33` } })
        .range(Math.min(anchor, head), Math.max(anchor, head)));
    }
    const firstLine = doc.lineAt(head).number === 1;
    ranges.push(Decoration.widget({ widget: new CaretWidget(person, firstLine), side: 1 }).range(head));
  }
  return Decoration.set(ranges, true);
}

/** Calls `changed(true)` when the view takes the focus and `changed(false)` when it loses it. */
export function focusTracking(changed) {
  return ViewPlugin.fromClass(class {}, {
    eventHandlers: {
      focus: () => changed(true),
      blur: () => changed(false),
    },
  });
}
