//! The search index of one language, split so that a query downloads only what it needs.
//!
//! ```text
//! search/<lang>/root.json      small: chunk boundaries, counts, synonyms, popular articles,
//!                              and the interface strings of search
//! search/<lang>/terms/N.json   a range of the sorted term dictionary with each term's postings
//! search/<lang>/docs/N.json    title, URL, category, description of 64 articles
//! search/<lang>/text/N.json    plain text of 16 articles, for excerpts around a match
//! ```
//!
//! A query loads the root, the term chunks its words fall in (typo candidates share the first
//! two letters, so they sit in the same chunks), and the document groups of the results it
//! shows. Each posting carries a precomputed field-weighted, length-normalised weight and the
//! first position of the term, so the browser scores without the documents themselves.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::json;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::analyze::{analyze, analyze_word, words};
use super::SearchDocument;
use crate::output::FileSink;

/// Articles per `docs/N.json` group.
pub const DOC_GROUP: usize = 64;
/// Articles per `text/N.json` group.
pub const TEXT_GROUP: usize = 16;
/// Postings per term chunk before a new chunk starts.
const CHUNK_POSTINGS: usize = 6000;
/// Characters of each article's text kept for excerpts.
const TEXT_LIMIT: usize = 4000;
/// Positions of body words start here, so title words never look adjacent to body words.
const BODY_OFFSET: u32 = 1000;

/// The fields of an article are numbered in this order: title, tags, headings, description,
/// body (see `field_texts`).
const TITLE: usize = 0;
const BODY: usize = 4;
const FIELD_COUNT: usize = 5;

/// How much a word counts in each field, in the order above.
const FIELD_WEIGHTS: [f64; FIELD_COUNT] = [10.0, 6.0, 4.0, 3.0, 1.0];

/// One term in one document: its weight (times 100) and first position.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    weight: u32,
    position: u32,
}

/// Terms and written forms are shared between documents rather than copied into each.
type Shared = Arc<str>;

/// The analysed fields of one document, kept compact until every document is analysed and
/// the average field lengths (which weights need) are known.
struct AnalysedDoc {
    /// (term number in the batch's `terms`, count per field, first position). A number
    /// rather than the shared text makes an entry 20 bytes instead of 32; at 100,000
    /// articles these entries are most of what the index holds beyond the site itself.
    terms: Vec<(u32, [u16; FIELD_COUNT], u32)>,
    lengths: [u32; FIELD_COUNT],
}

/// The documents one worker analysed, numbered as in the language, and its terms.
struct Batch {
    docs: Vec<(usize, AnalysedDoc)>,
    terms: Vec<Shared>,
}

/// term -> lower-case word that gave it -> count, for "did you mean".
type Forms = FxHashMap<Shared, FxHashMap<Shared, u32>>;

/// A word as written, once a worker has analysed it.
struct KnownWord {
    /// The number of its term in the worker's `terms`.
    term: u32,
    /// Its lower-case spelling, one of the forms "did you mean" may show.
    form: Shared,
    /// How often the worker has met it; the forms are counted from this at the end.
    seen: u32,
}

/// What one worker thread remembers across the documents it analyses. A help center uses
/// a few thousand words many times over: folding and stemming each occurrence again, and
/// keying each document's counts by the term's text, was most of the index's build time.
/// So each written word is analysed once, and its term is known by a number.
#[derive(Default)]
struct Worker {
    /// Each written word, or `None` where it gives no term (a stop word).
    words: FxHashMap<String, Option<KnownWord>>,
    terms: Vec<Shared>,
    term_numbers: FxHashMap<Shared, u32>,
    /// For each term number, where the current document's entry for it is, plus one (0 for
    /// none yet). Reset after each document for the terms it touched.
    slot: Vec<u32>,
}

impl Worker {
    /// The term number of `word`, counting the occurrence.
    fn term_of(&mut self, word: &str, lang: &str) -> Option<u32> {
        if let Some(known) = self.words.get_mut(word) {
            return known.as_mut().map(|k| {
                k.seen += 1;
                k.term
            });
        }
        let known = analyze_word(word, lang).map(|term| KnownWord {
            term: self.number(term),
            form: Shared::from(word.to_lowercase()),
            seen: 1,
        });
        let term = known.as_ref().map(|k| k.term);
        self.words.insert(word.to_string(), known);
        term
    }

    fn number(&mut self, term: String) -> u32 {
        if let Some(&n) = self.term_numbers.get(term.as_str()) {
            return n;
        }
        let n = self.terms.len() as u32;
        let term = Shared::from(term);
        self.terms.push(term.clone());
        self.term_numbers.insert(term, n);
        self.slot.push(0);
        n
    }

    /// The spellings met for each of `terms` (this worker's, taken out of it), with how
    /// often each was met.
    fn into_forms_of(self, terms: &[Shared]) -> Forms {
        let mut forms = Forms::default();
        for known in self.words.into_values().flatten() {
            *forms
                .entry(terms[known.term as usize].clone())
                .or_default()
                .entry(known.form)
                .or_insert(0) += known.seen;
        }
        forms
    }
}

fn field_texts<'a>(doc: &SearchDocument<'a>) -> [std::borrow::Cow<'a, str>; FIELD_COUNT] {
    [
        doc.title.into(),
        doc.tags.join(" ").into(),
        doc.headings.join(" ").into(),
        doc.description.into(),
        doc.body.into(),
    ]
}

/// One pass over each field's words gives terms, counts and first positions.
fn analyse_doc(doc: &SearchDocument<'_>, lang: &str, worker: &mut Worker) -> AnalysedDoc {
    // (term number, count per field, first position), in the order first met.
    let mut entries: Vec<(u32, [u16; FIELD_COUNT], u32)> = Vec::new();
    let mut lengths = [0; FIELD_COUNT];
    for (field, text) in field_texts(doc).iter().enumerate() {
        let offset = if field == TITLE { 0 } else { BODY_OFFSET };
        let mut length = 0;
        for (position, word) in words(text).into_iter().enumerate() {
            let Some(term) = worker.term_of(word, lang) else {
                continue;
            };
            length += 1;
            let slot = &mut worker.slot[term as usize];
            if *slot == 0 {
                entries.push((term, [0; FIELD_COUNT], u32::MAX));
                *slot = entries.len() as u32;
            }
            let entry = &mut entries[*slot as usize - 1];
            entry.1[field] = entry.1[field].saturating_add(1);
            if field == TITLE || field == BODY {
                entry.2 = entry.2.min(position as u32 + offset);
            }
        }
        lengths[field] = length;
    }
    for (term, _, _) in &entries {
        worker.slot[*term as usize] = 0;
    }
    AnalysedDoc {
        terms: entries,
        lengths,
    }
}

/// Analyses every document in parallel. Each worker keeps its own words and terms; its
/// documents come back as one batch with its term table, and the forms of all workers are
/// merged.
fn analyse_all(docs: &[SearchDocument<'_>], lang: &str) -> (Vec<Batch>, Forms) {
    let (batches, forms): (Vec<Batch>, Vec<Forms>) = docs
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Worker::default()),
            |(mut analysed, mut worker), (i, doc)| {
                analysed.push((i, analyse_doc(doc, lang, &mut worker)));
                (analysed, worker)
            },
        )
        .map(|(docs, mut worker)| {
            let terms = std::mem::take(&mut worker.terms);
            let forms = worker.into_forms_of(&terms);
            (Batch { docs, terms }, forms)
        })
        .unzip();
    let forms = forms.into_iter().reduce(merge_forms).unwrap_or_default();
    (batches, forms)
}

fn merge_forms(a: Forms, b: Forms) -> Forms {
    let (mut into, from) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    for (term, words) in from {
        let counts = into.entry(term).or_default();
        for (word, n) in words {
            *counts.entry(word).or_insert(0) += n;
        }
    }
    into
}

/// BM25-style saturation per field, summed with the field weights.
fn weight(
    counts: &[u16; FIELD_COUNT],
    lengths: &[u32; FIELD_COUNT],
    averages: &[f64; FIELD_COUNT],
) -> u32 {
    let mut total = 0.0;
    for field in 0..FIELD_COUNT {
        if counts[field] == 0 {
            continue;
        }
        let tf = f64::from(counts[field]);
        let length = f64::from(lengths[field]);
        let average = averages[field].max(1.0);
        total += FIELD_WEIGHTS[field] * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average));
    }
    (total * 100.0).round() as u32
}

/// Builds every file of the language's index into `sink`, each as soon as it is made, so
/// the texts of a large language are not held twice.
pub fn build(
    lang: &str,
    docs: &[SearchDocument<'_>],
    synonyms: &[Vec<String>],
    ui_strings: &serde_json::Value,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let base = format!("search/{lang}");
    write_document_groups(&base, docs, sink)?;
    let (batches, forms) = analyse_all(docs, lang);
    let averages = average_lengths(batches.iter().flat_map(|b| &b.docs).map(|(_, d)| d));
    let mut dictionary = post(batches, &averages);
    dictionary.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chunks = term_chunks(&dictionary);
    chunks.par_iter().enumerate().try_for_each(|(i, chunk)| {
        let file = chunk_json(&dictionary[chunk.clone()], &forms);
        put_json(sink, format!("{base}/terms/{i}.json"), &file)
    })?;
    let root = json!({
        "version": 1,
        "lang": lang,
        "docs": docs.len(),
        "docGroup": DOC_GROUP,
        "textGroup": TEXT_GROUP,
        "chunks": chunks
            .iter()
            .map(|c| json!([&*dictionary[c.start].0, &*dictionary[c.end - 1].0]))
            .collect::<Vec<_>>(),
        "synonyms": synonym_map(lang, synonyms),
        "popular": popular(docs),
        "strings": ui_strings,
    });
    put_json(sink, format!("{base}/root.json"), &root)
}

/// `docs/N.json` (what a result shows) and `text/N.json` (text for excerpts).
fn write_document_groups(
    base: &str,
    docs: &[SearchDocument<'_>],
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    docs.par_chunks(DOC_GROUP)
        .enumerate()
        .try_for_each(|(i, group)| {
            let rows: Vec<_> = group
                .iter()
                .map(|d| {
                    (
                        d.url,
                        d.title,
                        d.category,
                        d.description,
                        u8::from(d.promoted),
                    )
                })
                .collect();
            put_json(sink, format!("{base}/docs/{i}.json"), &rows)
        })?;
    docs.par_chunks(TEXT_GROUP)
        .enumerate()
        .try_for_each(|(i, group)| {
            let texts: Vec<&str> = group.iter().map(|d| truncate(d.body, TEXT_LIMIT)).collect();
            put_json(sink, format!("{base}/text/{i}.json"), &texts)
        })
}

fn average_lengths<'a>(docs: impl Iterator<Item = &'a AnalysedDoc>) -> [f64; FIELD_COUNT] {
    let mut sums = [0u64; FIELD_COUNT];
    let mut count = 0usize;
    for doc in docs {
        for (sum, length) in sums.iter_mut().zip(doc.lengths) {
            *sum += u64::from(length);
        }
        count += 1;
    }
    sums.map(|sum| sum as f64 / count.max(1) as f64)
}

/// Each term with its postings, in no particular order. Each batch's terms are found in
/// the dictionary once, not once per document, and each document's entries are freed as
/// soon as they are posted.
fn post(batches: Vec<Batch>, averages: &[f64; FIELD_COUNT]) -> Vec<(Shared, Vec<Posting>)> {
    let mut dictionary: Vec<(Shared, Vec<Posting>)> = Vec::new();
    let mut numbers: FxHashMap<Shared, u32> = FxHashMap::default();
    for batch in batches {
        let global: Vec<u32> = batch
            .terms
            .into_iter()
            .map(|term| {
                *numbers.entry(term.clone()).or_insert_with(|| {
                    dictionary.push((term, Vec::new()));
                    dictionary.len() as u32 - 1
                })
            })
            .collect();
        for (id, doc) in batch.docs {
            for (term, counts, position) in doc.terms {
                dictionary[global[term as usize] as usize].1.push(Posting {
                    doc: id as u32,
                    weight: weight(&counts, &doc.lengths, averages),
                    position,
                });
            }
        }
    }
    // Workers take documents in ranges, so lists are nearly always in document order
    // already; sorting makes sure of it, and costs one pass when they are.
    for (_, list) in &mut dictionary {
        list.sort_unstable_by_key(|p| p.doc);
    }
    dictionary
}

/// Consecutive ranges of the sorted dictionary, each under `CHUNK_POSTINGS` postings (a term
/// with more gets a chunk of its own).
fn term_chunks(dictionary: &[(Shared, Vec<Posting>)]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (_, list)) in dictionary.iter().enumerate() {
        if size + list.len() > CHUNK_POSTINGS && size > 0 {
            chunks.push(start..i);
            start = i;
            size = 0;
        }
        size += list.len();
    }
    if start < dictionary.len() {
        chunks.push(start..dictionary.len());
    }
    chunks
}

/// One chunk of the dictionary as the browser reads it.
#[derive(Serialize)]
struct ChunkFile<'a> {
    /// term -> the word people write for it, for "did you mean"; only where they differ.
    forms: BTreeMap<&'a str, &'a str>,
    /// term -> [doc, weight, position, doc, weight, position, ...]
    terms: BTreeMap<&'a str, Vec<u32>>,
}

fn chunk_json<'a>(chunk: &'a [(Shared, Vec<Posting>)], forms: &'a Forms) -> ChunkFile<'a> {
    let mut file = ChunkFile {
        terms: BTreeMap::new(),
        forms: BTreeMap::new(),
    };
    for (term, postings) in chunk {
        let flat: Vec<u32> = postings
            .iter()
            .flat_map(|p| [p.doc, p.weight, p.position])
            .collect();
        file.terms.insert(term, flat);
        if let Some(form) = most_common_form(forms.get(term)) {
            if form != &**term {
                file.forms.insert(term, form);
            }
        }
    }
    file
}

fn most_common_form(forms: Option<&FxHashMap<Shared, u32>>) -> Option<&str> {
    forms?
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(form, _)| &**form)
}

/// Each analysed term of a group leads to the other terms of its group.
fn synonym_map(lang: &str, groups: &[Vec<String>]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for group in groups {
        let phrases: Vec<String> = group
            .iter()
            .map(|phrase| {
                analyze(phrase, lang)
                    .into_iter()
                    .map(|t| t.term)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|p| !p.is_empty())
            .collect();
        for phrase in &phrases {
            let others = phrases.iter().filter(|p| *p != phrase).cloned();
            let entry = map.entry(phrase.clone()).or_default();
            entry.extend(others);
            entry.sort();
            entry.dedup();
        }
    }
    map
}

/// Promoted articles first, for the no-results state.
fn popular(docs: &[SearchDocument<'_>]) -> Vec<usize> {
    docs.iter()
        .enumerate()
        .filter(|(_, d)| d.promoted)
        .map(|(i, _)| i)
        .take(5)
        .collect()
}

fn truncate(text: &str, limit: usize) -> &str {
    // No character is shorter than a byte, so a short text needs no counting.
    if text.len() <= limit {
        return text;
    }
    match text.char_indices().nth(limit) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

fn put_json(sink: &dyn FileSink, path: String, value: &impl Serialize) -> anyhow::Result<()> {
    sink.put(
        path,
        serde_json::to_vec(value).expect("index values always serialize"),
    )
}
