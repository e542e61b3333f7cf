// Signing out with edits the server has not confirmed yet: say so and send them first, then sign out. Only if they
// still cannot go (the connection is down) does the person choose; kept edits stay in this browser under their own
// name (editor.js keys them by person) and go out the next time they open the story.
export function guardSignOut(session, { sending, ask, waitMs = 5000 }) {
  const onSubmit = async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !new URL(form.action, location.href).pathname.endsWith("/account/logout")) return;
    const unsent = session.unsentCount();
    if (!unsent) return;
    event.preventDefault();
    session.showStatus(sending(unsent));
    if (await session.sendAll(waitMs) || window.confirm(ask(session.unsentCount()))) {
      form.submit(); // not requestSubmit: this listener must not see it again
    } else {
      session.showStatus();
    }
  };
  document.addEventListener("submit", onSubmit, true);
  return () => document.removeEventListener("submit", onSubmit, true);
}
