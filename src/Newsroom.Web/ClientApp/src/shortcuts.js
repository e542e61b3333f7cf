// The workspace's keyboard shortcuts and the help panel that lists them. `?` opens the panel (unless someone is typing
// it into a text), as does the panel's button; Escape closes it (a native <dialog>). The shortcuts press the page's
// own buttons, so they do exactly what a click does and are refused for the same reasons.
let installed = false;

function typing(target) {
  return target instanceof Element && (target.closest("input, textarea, select, [contenteditable=true]") !== null);
}

export function installShortcuts() {
  if (installed) return;
  installed = true;
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
      // A version needs a name: with none written yet, go to the name (Enter then saves); with one, save.
      const save = document.querySelector("[data-shortcut=save-version]");
      const name = save?.form?.querySelector("input");
      if (save) { e.preventDefault(); if (name && !name.value.trim()) name.focus(); else save.click(); }
    } else if (mod && e.altKey && e.code === "KeyS") {
      // Suggest mode on or off, as its button (which a suggest-only story locks).
      const suggest = document.querySelector("[data-shortcut=suggest-mode]");
      if (suggest) { e.preventDefault(); if (!suggest.disabled) suggest.click(); }
    } else if (mod && e.altKey && e.code === "KeyM") {
      const comment = document.getElementById("new-comment");
      if (comment) { e.preventDefault(); comment.focus(); }
    } else if (e.key === "?" && !mod && !typing(e.target)) {
      const help = document.getElementById("shortcut-help");
      if (help && !help.open) { e.preventDefault(); help.showModal(); }
    }
  });
  document.addEventListener("click", (e) => {
    if (!(e.target instanceof Element)) return;
    const help = document.getElementById("shortcut-help");
    if (e.target.closest("[data-opens=shortcut-help]")) help?.showModal();
    else if (e.target.closest("[data-closes=shortcut-help]")) help?.close();
  });
}
