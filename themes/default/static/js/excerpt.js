// Excerpts for full results (the results page and window.helpbook.search): the text around
// the first matched word. Instant results show descriptions instead and never load this.
import { analyzeWord } from './analyze.js';

/**
 * About 160 characters of `text` around the first word whose term matched, or null when no
 * word matched. Words are analysed one by one only up to the first match.
 */
export function excerptAround(text, lang, terms, length = 160) {
  let match = null;
  for (const word of text.matchAll(/[\p{L}\p{M}\p{N}'’]+/gu)) {
    const term = analyzeWord(word[0], lang);
    if (term && terms.has(term)) {
      match = word;
      break;
    }
  }
  if (!match) return null;
  const before = text.lastIndexOf(' ', Math.max(0, match.index - 50));
  let start = before < 0 ? 0 : before + 1;
  let end = Math.min(text.length, start + length);
  if (end === text.length) start = Math.max(0, end - length);
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  return `${prefix}${text.slice(start, end).trim()}${suffix}`;
}
