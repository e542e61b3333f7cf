// Who is in the story and in which field, as avatars with initials in each person's colour.
import { t } from "./phrases.js";

export class PresenceBar {
  constructor(element) {
    this.element = element;
    this.peopleByField = new Map();
  }

  show(field, people) {
    this.peopleByField.set(field, people);
    if (!this.element) return;
    const byPerson = new Map();
    for (const [name, list] of this.peopleByField) {
      for (const p of list) {
        const entry = byPerson.get(p.userId) ?? { ...p, fields: [] };
        entry.fields.push(name);
        byPerson.set(p.userId, entry);
      }
    }
    this.element.replaceChildren(...[...byPerson.values()].map((p) => {
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
}
