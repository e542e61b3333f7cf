// The interface's words, in the page's language: LiveEditor.razor passes them (English keys, translated values), and
// every module of the editor puts its words through `t`.
let phrases = {};

export function setPhrases(text) { phrases = text ?? {}; }

/** The translation of `key`, with {0}, {1}… filled in from `args`. */
export function t(key, ...args) {
  return (phrases[key] ?? key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

// The hub prefixes refusals ("An unexpected error occurred invoking 'Push' on the server. HubException: …").
export function reason(error) {
  const message = String(error?.message ?? error);
  const at = message.indexOf("HubException: ");
  return at >= 0 ? message.slice(at + "HubException: ".length) : t("Could not reach the server; your changes are kept and will be sent.");
}
