// Client-side search over the split index the build writes to search/<lang>/ (see
// src/search/index.rs): the root first, then only the term chunks a query's words fall in and
// the document groups of the results shown. Public API: window.helpbook.search(query,
// { lang, limit }) resolves to [{ url, title, excerpt, category, score }], best first.
import { analyze, fold, words as splitWords } from './analyze.js';

const basePath = () => document.documentElement.dataset.basePath || '/';
const pageLang = () => document.documentElement.dataset.lang || document.documentElement.lang || 'en';

const cache = new Map();
function fetchJson(path) {
  if (!cache.has(path)) {
    const request = fetch(`${basePath()}${path}`).then((r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    });
    request.catch(() => cache.delete(path));
    cache.set(path, request);
  }
  return cache.get(path);
}

/** Loads the root of a language's index; the search box calls it on first focus. */
export const loadIndex = (lang = pageLang()) => fetchJson(`search/${lang}/root.json`);

/** A UTF-16 unit moved so that units compare in code point order: surrogates above the rest. */
const inCodePointOrder = (unit) => (unit >= 0xd800 ? (unit < 0xe000 ? unit + 0x2000 : unit - 0x800) : unit);

/** Code point order, the order the build sorts terms in; only the sign counts. */
function compare(a, b) {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return inCodePointOrder(x) - inCodePointOrder(y);
  }
  return a.length - b.length;
}

/** Chunks whose term range overlaps [low, high]. */
function chunksFor(root, low, high) {
  const found = [];
  root.chunks.forEach(([first, last], i) => {
    if (compare(first, high) <= 0 && compare(last, low) >= 0) found.push(i);
  });
  return found;
}

const prefixEnd = (prefix) => `${prefix}\u{10FFFF}`;

async function chunks(lang, root, indices) {
  return Promise.all(indices.map((i) => fetchJson(`search/${lang}/terms/${i}.json`)));
}

/** Edit distance with transpositions, giving up beyond `max`. */
export function editDistance(a, b, max) {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous2 = null;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (previous2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[y.length];
}

/** Typos allowed in a word: none under 4 letters, one up to 7, two beyond. */
export function allowedEdits(term) {
  const length = [...term].length;
  if (length < 4) return 0;
  return length <= 7 ? 1 : 2;
}

const KIND_FACTOR = { exact: 1, synonym: 0.9, prefix: 0.75, typo: 0.55 };

/** The index terms one query word stands for, each with how it matched. */
async function variantsOf(lang, root, term, typed, isLast, prefixSearch) {
  const variants = [];
  const exactChunks = await chunks(lang, root, chunksFor(root, term, term));
  const exact = exactChunks.find((c) => c.terms[term]);
  if (exact) variants.push({ term, kind: 'exact', postings: exact.terms[term] });
  // A synonym may be a phrase: its words share one group, and a document needs all of them
  // for the full weight.
  for (const [group, synonym] of (root.synonyms[term] || []).entries()) {
    const words = synonym.split(' ');
    for (const word of words) {
      const found = (await chunks(lang, root, chunksFor(root, word, word))).find((c) => c.terms[word]);
      if (found) variants.push({ term: word, kind: 'synonym', postings: found.terms[word], group: `s${group}`, share: 1 / words.length });
    }
  }
  if (isLast && prefixSearch) {
    const prefixChunks = await chunks(lang, root, chunksFor(root, term, prefixEnd(term)));
    let count = 0;
    for (const chunk of prefixChunks) {
      for (const [candidate, postings] of Object.entries(chunk.terms)) {
        if (candidate !== term && candidate.startsWith(term) && count < 40) {
          variants.push({ term: candidate, kind: 'prefix', postings });
          count += 1;
        }
      }
    }
  }
  // Typos are measured on the word as typed against the words as written ("trackign" is
  // one swap from "tracking"), and on the stems, whichever is closer.
  const edits = allowedEdits(typed);
  if (!exact && edits > 0) {
    const start = [...term].slice(0, 2).join('');
    const nearby = await chunks(lang, root, chunksFor(root, start, prefixEnd(start)));
    for (const chunk of nearby) {
      for (const [candidate, postings] of Object.entries(chunk.terms)) {
        if (!candidate.startsWith(start) || candidate === term) continue;
        const form = chunk.forms[candidate];
        const close = editDistance(term, candidate, edits) <= edits
          || (form !== undefined && editDistance(typed, fold(form, lang), edits) <= edits);
        if (close) {
          variants.push({ term: candidate, kind: 'typo', postings, form: chunk.forms[candidate] || candidate });
        }
      }
    }
  }
  return variants;
}

/**
 * Slots of one query's scoring, one per document of a language, kept between queries: a
 * query that reaches every document of a 10,000-article site then allocates nothing per
 * document. A slot belongs to the current query when its `seen` stamp equals `stamp`.
 */
const scratches = new WeakMap();

function scratchFor(root, termCount, sumCount) {
  let s = scratches.get(root);
  if (!s) {
    s = { stamp: 0, seen: new Uint32Array(root.docs), reached: new Uint32Array(root.docs), best: [], at: [], sums: [] };
    s.popular = new Set(root.popular);
    scratches.set(root, s);
  }
  while (s.best.length < termCount) {
    s.best.push(new Float64Array(root.docs));
    s.at.push(new Uint32Array(root.docs));
  }
  while (s.sums.length < sumCount) s.sums.push(new Float64Array(root.docs));
  s.stamp += 1;
  if (s.stamp === 0xffffffff) {
    s.seen.fill(0);
    s.stamp = 1;
  }
  return s;
}

/**
 * The variants that share a group with another (the words of a synonym phrase, or a word
 * that is both a prefix completion and a typo correction): their values add up before they
 * compete with the other variants. Returns a sum slot per variant, -1 for those alone.
 */
function sumSlots(variantsPerTerm) {
  let next = 0;
  const slots = variantsPerTerm.map((variants) => {
    const counts = new Map();
    for (const v of variants) counts.set(v.group || v.term, (counts.get(v.group || v.term) || 0) + 1);
    const numbered = new Map();
    return variants.map((v) => {
      const key = v.group || v.term;
      if (counts.get(key) < 2) return -1;
      if (!numbered.has(key)) numbered.set(key, next++);
      return numbered.get(key);
    });
  });
  return { slots, count: next };
}

/**
 * Scores every document the query's words reach and keeps the best `limit`: for each query
 * word, the best of its variants (summed within a group) at each document, weighted by how
 * many of the query's words the document has and how close together they are.
 */
function score(root, queryTerms, variantsPerTerm, limit) {
  const { slots, count } = sumSlots(variantsPerTerm);
  const total = queryTerms.length;
  const s = scratchFor(root, total, count);
  const { seen, reached, best, at, sums, stamp } = s;
  let reachedCount = 0;
  variantsPerTerm.forEach((variants, index) => {
    const bestHere = best[index];
    const atHere = at[index];
    variants.forEach((variant, v) => {
      const { postings } = variant;
      const df = postings.length / 3;
      const idf = Math.log(1 + (root.docs - df + 0.5) / (df + 0.5));
      const kind = KIND_FACTOR[variant.kind];
      const share = variant.share || 1;
      const sum = slots[index][v] < 0 ? null : sums[slots[index][v]];
      for (let i = 0; i < postings.length; i += 3) {
        const doc = postings[i];
        if (seen[doc] !== stamp) {
          seen[doc] = stamp;
          reached[reachedCount++] = doc;
          for (let t = 0; t < total; t += 1) best[t][doc] = 0;
          for (let g = 0; g < count; g += 1) sums[g][doc] = 0;
        }
        let grouped = idf * (postings[i + 1] / 100) * kind * share;
        if (sum) {
          grouped += sum[doc];
          sum[doc] = grouped;
        }
        if (grouped > bestHere[doc]) {
          bestHere[doc] = grouped;
          atHere[doc] = postings[i + 2];
        }
      }
    });
  });
  const top = new TopDocs(limit, reachedCount);
  for (let r = 0; r < reachedCount; r += 1) {
    const doc = reached[r];
    let value = 0;
    let covered = 0;
    for (let t = 0; t < total; t += 1) {
      if (best[t][doc] > 0) {
        value += best[t][doc];
        covered += 1;
      }
    }
    const coverage = covered / total;
    value *= coverage * coverage;
    value *= proximityBonus(queryTerms, best, at, doc);
    if (s.popular.has(doc)) value *= 1.1;
    top.offer(doc, value);
  }
  return top.ranked().map((r) => ({ ...r, terms: matchedTerms(variantsPerTerm, r.doc) }));
}

/**
 * The best documents, by score and then by id. With a small limit only the best few are
 * kept in order as documents are offered; otherwise everything is sorted at the end.
 */
class TopDocs {
  constructor(limit, candidates) {
    this.limit = limit;
    this.bounded = Number.isInteger(limit) && limit > 0 && limit * 8 < candidates;
    this.kept = [];
  }

  offer(doc, score) {
    const { kept } = this;
    if (!this.bounded) {
      kept.push({ doc, score });
      return;
    }
    if (kept.length === this.limit && !TopDocs.before(score, doc, kept[kept.length - 1])) return;
    let i = kept.length;
    while (i > 0 && TopDocs.before(score, doc, kept[i - 1])) i -= 1;
    kept.splice(i, 0, { doc, score });
    if (kept.length > this.limit) kept.pop();
  }

  ranked() {
    return this.bounded ? this.kept : this.kept.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, this.limit);
  }

  static before(score, doc, other) {
    return score > other.score || (score === other.score && doc < other.doc);
  }
}

/** Whether `doc` is in a posting list; lists are sorted by document (the build writes them so). */
function posted(postings, doc) {
  let low = 0;
  let high = postings.length / 3 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = postings[middle * 3];
    if (found === doc) return true;
    if (found < doc) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The index terms of a query that a document has, for excerpts and highlighting. */
function matchedTerms(variantsPerTerm, doc) {
  const terms = new Set();
  for (const variants of variantsPerTerm) {
    for (const variant of variants) if (posted(variant.postings, doc)) terms.add(variant.term);
  }
  return terms;
}

/** Words of the query found next to each other, in order, count more. */
function proximityBonus(queryTerms, best, at, doc) {
  let bonus = 1;
  for (let i = 1; i < queryTerms.length; i += 1) {
    if (!(best[i - 1][doc] > 0 && best[i][doc] > 0)) continue;
    const a = at[i - 1][doc];
    const b = at[i][doc];
    const queryGap = queryTerms[i].position - queryTerms[i - 1].position;
    if (b - a === queryGap) bonus *= 1.5;
    else if (Math.abs(b - a) <= 5) bonus *= 1.2;
  }
  return bonus;
}

async function documents(lang, root, ids) {
  const groups = await Promise.all([...new Set(ids.map((id) => Math.floor(id / root.docGroup)))]
    .map(async (g) => [g, await fetchJson(`search/${lang}/docs/${g}.json`)]));
  const byGroup = new Map(groups);
  return ids.map((id) => {
    const [url, title, category, description, promoted] = byGroup.get(Math.floor(id / root.docGroup))[id % root.docGroup];
    return { id, url, title, category, description, promoted: Boolean(promoted) };
  });
}

let excerptCode = null;

/** The excerpt code, loaded with the first full results and asked for again if it failed. */
function excerptModule() {
  excerptCode ||= import('./excerpt.js').catch(() => {
    excerptCode = null;
    return null;
  });
  return excerptCode;
}

/** Excerpts around the matched words; the code for them loads only when they are asked for. */
async function excerpts(lang, root, docs, terms) {
  const code = excerptModule();
  const groups = new Map();
  for (const doc of docs) {
    const g = Math.floor(doc.id / root.textGroup);
    if (!groups.has(g)) groups.set(g, fetchJson(`search/${lang}/text/${g}.json`));
  }
  // Without the excerpt code, results keep their descriptions.
  const excerptAround = (await code)?.excerptAround ?? (() => null);
  return Promise.all(docs.map(async (doc) => {
    const texts = await groups.get(Math.floor(doc.id / root.textGroup));
    return excerptAround(texts[doc.id % root.textGroup] || '', lang, terms) || doc.description;
  }));
}

/**
 * The full answer to a query: results, the corrected query when typos found what the typed
 * words did not, and the popular articles for when nothing matched.
 */
export async function searchDetailed(query, { lang = pageLang(), limit = 10, withExcerpts = true } = {}) {
  const root = await loadIndex(lang);
  const queryTerms = analyze(query, lang);
  if (!queryTerms.length) return { results: [], didYouMean: null, terms: new Set() };
  const prefixSearch = !/\s$/.test(query);
  const typedWords = splitWords(query);
  const variantsPerTerm = await Promise.all(queryTerms.map((t, i) =>
    variantsOf(lang, root, t.term, fold(typedWords[t.position] || t.term, lang), i === queryTerms.length - 1, prefixSearch)));
  const ranked = score(root, queryTerms, variantsPerTerm, limit);
  const found = await documents(lang, root, ranked.map((r) => r.doc));
  const terms = new Set(ranked.flatMap((r) => [...r.terms]));
  const texts = withExcerpts ? await excerpts(lang, root, found, terms) : found.map((d) => d.description);
  const results = found.map((doc, i) => ({
    url: doc.url, title: doc.title, excerpt: texts[i], category: doc.category, score: Math.round(ranked[i].score * 1000) / 1000,
  }));
  return { results, didYouMean: correction(query, queryTerms, variantsPerTerm), terms };
}

/** The query with each word that only typo correction matched replaced by its correction. */
function correction(query, queryTerms, variantsPerTerm) {
  let corrected = false;
  const words = splitWords(query);
  variantsPerTerm.forEach((variants, i) => {
    if (variants.some((v) => v.kind !== 'typo')) return;
    const typo = variants.find((v) => v.kind === 'typo');
    if (!typo) return;
    const position = queryTerms[i].position;
    if (words[position] !== undefined) {
      words[position] = typo.form;
      corrected = true;
    }
  });
  return corrected ? words.join(' ') : null;
}

/** The public API: results only, best first. */
export async function search(query, options = {}) {
  return (await searchDetailed(query, options)).results;
}

/** Popular articles of a language, for the no-results state. */
export async function popularArticles(lang = pageLang()) {
  const root = await loadIndex(lang);
  return documents(lang, root, root.popular);
}

window.helpbook = Object.assign(window.helpbook || {}, { search });

export { enhanceSearch } from './search-ui.js';
