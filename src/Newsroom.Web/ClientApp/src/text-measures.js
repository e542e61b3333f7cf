// Words, characters and reading time, counted exactly as the server counts them: a line-for-line port of
// Newsroom.Domain/Text/WordTokenizer.cs and TextMeasures.cs (read those for the rules and why). The editor counts in
// the browser so the status bar follows every keystroke, offline too; tests/Newsroom.Web.Tests
// (TextMeasuresParityTests) runs this file in Node on the shared cases and the seed article and compares with C#.
//
// Like C#'s char, the scan classifies UTF-16 code units, so both sides split the same strings the same way.

export const arabicWordsPerMinute = 138;
export const otherWordsPerMinute = 228;
export const nearBudget = 0.9;
const tatweel = "\u0640";

const WORD = 0, SPACE = 1, PUNCTUATION = 2;
// char.IsWhiteSpace: U+0009–U+000D, U+0085 and the separators (Zs, Zl, Zp). JavaScript's \s differs (U+FEFF, no U+0085).
const space = /[\t\n\v\f\r\x85\p{Zs}\p{Zl}\p{Zp}]/u;
// Letters, marks, decimal digits and format characters: WordTokenizer.KindAt.
const wordChar = /[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Mn}\p{Mc}\p{Me}\p{Nd}\p{Cf}]/u;
const letter = /\p{L}/u;
const digit = /\p{Nd}/u;
const invisible = /[\p{Mn}\p{Mc}\p{Me}\p{Cf}]/u;
const graphemes = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("und", { granularity: "grapheme" }) : null;

function kindAt(text, i) {
  const c = text[i];
  if (space.test(c)) return SPACE;
  return wordChar.test(c) ? WORD : PUNCTUATION;
}

function isInnerApostrophe(text, i) {
  return (text[i] === "'" || text[i] === "\u2019") && i + 1 < text.length && letter.test(text[i + 1])
    && i > 0 && letter.test(text[i - 1]);
}

function hasLetterOrDigit(text, start, end) {
  for (let i = start; i < end; i++) {
    if (text[i] !== tatweel && (letter.test(text[i]) || digit.test(text[i]))) return true;
  }
  return false;
}

/**
 * The text cut into words, spaces and marks, as WordTokenizer.Tokenize does: { word, from, to } in code units, where
 * `word` says whether the token counts as a word.
 */
export function tokens(text) {
  const found = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const kind = kindAt(text, i);
    if (kind === PUNCTUATION) {
      const pair = /[\uD800-\uDBFF]/.test(text[i]) && i + 1 < text.length && /[\uDC00-\uDFFF]/.test(text[i + 1]);
      i += pair ? 2 : 1;
    } else {
      while (i < text.length && (kindAt(text, i) === kind || (kind === WORD && isInnerApostrophe(text, i)))) i++;
    }
    found.push({ word: kind === WORD && hasLetterOrDigit(text, start, i), from: start, to: i });
  }
  return found;
}

/** The words of a text, as strings. */
export function words(text) {
  return tokens(text).filter((t) => t.word).map((t) => text.slice(t.from, t.to));
}

export function isArabicScript(c) {
  const u = c.charCodeAt(0);
  return (u >= 0x0600 && u <= 0x06ff) || (u >= 0x0750 && u <= 0x077f) || (u >= 0x08a0 && u <= 0x08ff)
    || (u >= 0xfb50 && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfefc);
}

function isVisible(element) {
  for (const c of element.split("")) {
    if (c !== tatweel && !invisible.test(c)) return true;
  }
  return false;
}

function countCharacters(text) {
  let characters = 0, withoutSpaces = 0;
  const elements = graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text);
  for (const element of elements) {
    if (element === "\n" || element === "\r\n" || element === "\r" || !isVisible(element)) continue;
    characters++;
    if (!space.test(element[0])) withoutSpaces++;
  }
  return { characters, withoutSpaces };
}

/** { words, arabicWords, characters, charactersExcludingSpaces, readingSeconds, readingMinutes } */
export function measure(text) {
  if (!text) return { words: 0, arabicWords: 0, characters: 0, charactersExcludingSpaces: 0, readingSeconds: 0, readingMinutes: 0 };
  const all = words(text);
  const arabic = all.filter((w) => Array.prototype.some.call(w, isArabicScript)).length;
  const { characters, withoutSpaces } = countCharacters(text);
  const minutes = arabic / arabicWordsPerMinute + (all.length - arabic) / otherWordsPerMinute;
  const readingSeconds = Math.round(minutes * 60);
  return {
    words: all.length,
    arabicWords: arabic,
    characters,
    charactersExcludingSpaces: withoutSpaces,
    readingSeconds,
    readingMinutes: all.length === 0 ? 0 : Math.max(1, Math.round(readingSeconds / 60)),
  };
}

/** "none", "under", "near" or "over": TextMeasures.Budget. */
export function budgetStatus(wordCount, budget) {
  if (!budget || budget <= 0) return "none";
  if (wordCount > budget) return "over";
  return wordCount >= budget * nearBudget ? "near" : "under";
}
