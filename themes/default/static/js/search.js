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
  root.chunks.forEach((range, i) => {
    if (compare(range[0], high) <= 0 && compare(range[1], low) >= 0) found.push(i);
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
  // A word being typed may be both the start of a term and one edit from it ("retur",
  // "return"); counted as both, it outscored words typed in full.
  const prefixed = new Set(variants.filter((v) => v.kind === 'prefix').map((v) => v.term));
  if (!exact && edits > 0) {
    const start = [...term].slice(0, 2).join('');
    const nearby = await chunks(lang, root, chunksFor(root, start, prefixEnd(start)));
    for (const chunk of nearby) {
      for (const [candidate, postings] of Object.entries(chunk.terms)) {
        if (!candidate.startsWith(start) || candidate === term || prefixed.has(candidate)) continue;
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

// Arrays with a slot per document of a language, kept between queries, so a query whose
// words reach every document allocates nothing per document. A slot is the current query's
// when its stamp in `seen` is the query's (stamps count queries; a float counts far enough).
// The loops over postings and documents are small functions of their own, called often, so
// the engine optimises them once rather than the whole of score() on the stack.
const scratches = new WeakMap();
const byScore = (a, b) => b.score - a.score || a.doc - b.doc;

/**
 * Scores every document the query's words reach and keeps the best `limit`: for each query
 * word, the best of its variants at each document, weighted by how many of the query's words
 * the document has and how close together they are.
 */
function score(root, queryTerms, variantsPerTerm, limit) {
  const total = queryTerms.length;
  const s = scratches.get(root) || { stamp: 0, reached: new Uint32Array(root.docs), arrays: [] };
  scratches.set(root, s);
  const array = (i) => (s.arrays[i] ||= new Float64Array(root.docs));
  // Variants of a word that share a group (the words of a synonym phrase, or a word found both
  // as a prefix and as a typo) add up before they compete with the others.
  let groups = 0;
  const sumSlots = variantsPerTerm.map((variants) => {
    const keys = variants.map((v) => v.group || v.term);
    const slots = new Map();
    return keys.map((k) => (keys.indexOf(k) === keys.lastIndexOf(k) ? -1 : slots.get(k) ?? slots.set(k, groups++).get(k)));
  });
  const best = queryTerms.map((_, t) => array(1 + 2 * t));
  const at = queryTerms.map((_, t) => array(2 + 2 * t));
  const sums = Array.from({ length: groups }, (_, g) => array(1 + 2 * total + g));
  const query = { docs: root.docs, seen: array(0), stamp: (s.stamp += 1), reached: s.reached, count: 0, zeroed: [...best, ...sums] };
  variantsPerTerm.forEach((variants, t) => variants.forEach((variant, v) => post(query, variant, best[t], at[t], sums[sumSlots[t][v]])));
  const ranking = { root, queryTerms, best, at, limit, few: limit > 0 && limit * 8 < query.count, kept: [] };
  for (let r = 0; r < query.count; r += 1) rank(ranking, query.reached[r]);
  return ranking.few ? ranking.kept : ranking.kept.sort(byScore).slice(0, limit);
}

/** Adds a variant's postings to its query word's best value at each document (or to its group's sum). */
function post(query, variant, best, at, sum) {
  const { postings } = variant;
  const df = postings.length / 3;
  const idf = Math.log(1 + (query.docs - df + 0.5) / (df + 0.5));
  const kind = KIND_FACTOR[variant.kind];
  const share = variant.share || 1;
  const { seen, stamp, zeroed } = query;
  for (let i = 0; i < postings.length; i += 3) {
    const doc = postings[i];
    if (seen[doc] !== stamp) {
      seen[doc] = stamp;
      query.reached[query.count++] = doc;
      for (let z = 0; z < zeroed.length; z += 1) zeroed[z][doc] = 0;
    }
    let value = idf * (postings[i + 1] / 100) * kind * share;
    if (sum) value = sum[doc] += value;
    if (value > best[doc]) {
      best[doc] = value;
      at[doc] = postings[i + 2];
    }
  }
}

/**
 * Scores a reached document: the best values of the query's words it has, weighted. With a
 * small limit only the best few are kept, in order, as documents are scored.
 */
function rank({ root, queryTerms, best, at, limit, few, kept }, doc) {
  let value = 0;
  let covered = 0;
  for (let t = 0; t < best.length; t += 1) {
    if (best[t][doc] > 0) {
      value += best[t][doc];
      covered += 1;
    }
  }
  const coverage = covered / best.length;
  value *= coverage * coverage;
  value *= proximityBonus(queryTerms, best, at, doc);
  if (root.popular.includes(doc)) value *= 1.1;
  let i = kept.length;
  while (few && i > 0 && (value > kept[i - 1].score || (value === kept[i - 1].score && doc < kept[i - 1].doc))) i -= 1;
  if (few && i >= limit) return;
  kept.splice(i, 0, { doc, score: value });
  if (few && kept.length > limit) kept.pop();
}

/** Words of the query found next to each other, in order, count more. */
function proximityBonus(queryTerms, best, at, doc) {
  let bonus = 1;
  for (let i = 1; i < queryTerms.length; i += 1) {
    if (!(best[i - 1][doc] > 0 && best[i][doc] > 0)) continue;
    const gap = at[i][doc] - at[i - 1][doc];
    if (gap === queryTerms[i].position - queryTerms[i - 1].position) bonus *= 1.5;
    else if (Math.abs(gap) <= 5) bonus *= 1.2;
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

// The excerpt code is asked for once, and again only if it failed to load.
let excerptCode = null;

/** Excerpts around the matched words; the code for them loads only when they are asked for. */
async function excerpts(lang, root, docs, terms) {
  const code = (excerptCode ||= import('./excerpt.js').catch(() => (excerptCode = null)));
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
  // Every index term the query stands for: a word of a result's title or text whose term is
  // one of them is a word that result matched.
  const terms = new Set(variantsPerTerm.flat().map((v) => v.term));
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
