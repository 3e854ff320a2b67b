// Excerpts for full results (the results page and window.helpbook.search): the text around
// the first matched word. Instant results show descriptions instead and never load this.
import { analyzeWord } from './analyze.js';

// Articles repeat the same few thousand words, so each word is analysed once per language and
// remembered; past the bound the memory starts afresh rather than growing with every text.
const WORDS_KEPT = 20000;
const analysed = new Map();

function termOf(word, lang) {
  let terms = analysed.get(lang);
  if (!terms) {
    terms = new Map();
    analysed.set(lang, terms);
  }
  let term = terms.get(word);
  if (term === undefined) {
    if (terms.size >= WORDS_KEPT) terms.clear();
    term = analyzeWord(word, lang);
    terms.set(word, term);
  }
  return term;
}

// A word is a run of letters, marks, digits and apostrophes. Testing that with a Unicode
// property regex costs a few hundred nanoseconds a word, most of an excerpt's time, so each
// UTF-16 unit is tested once and its answer kept (0 not yet known, 1 word, 2 not).
const WORD_CHAR = /^[\p{L}\p{M}\p{N}'’]$/u;
const unitIsWord = new Uint8Array(0x10000);

/** How many units the word character at `i` takes (2 for a surrogate pair), or 0 if none. */
function wordCharAt(text, i) {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  if (unitIsWord[unit] === 0) unitIsWord[unit] = WORD_CHAR.test(text[i]) ? 1 : 2;
  return unitIsWord[unit] === 1 ? 1 : 0;
}

/** Where the first word of `text` whose term is in `terms` starts, or -1. */
function firstMatch(text, lang, terms) {
  let i = 0;
  while (i < text.length) {
    const width = wordCharAt(text, i);
    if (width === 0) {
      i += 1;
      continue;
    }
    let end = i + width;
    while (end < text.length) {
      const next = wordCharAt(text, end);
      if (next === 0) break;
      end += next;
    }
    const term = termOf(text.slice(i, end), lang);
    if (term && terms.has(term)) return i;
    i = end;
  }
  return -1;
}

/**
 * About 160 characters of `text` around the first word whose term matched, or null when no
 * word matched. Words are analysed one by one only up to the first match.
 */
export function excerptAround(text, lang, terms, length = 160) {
  const at = firstMatch(text, lang, terms);
  if (at < 0) return null;
  const before = text.lastIndexOf(' ', Math.max(0, at - 50));
  let start = before < 0 ? 0 : before + 1;
  let end = Math.min(text.length, start + length);
  if (end === text.length) start = Math.max(0, end - length);
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  return `${prefix}${text.slice(start, end).trim()}${suffix}`;
}
