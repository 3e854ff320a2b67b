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
use crate::output::{append_json, FileSink};

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
    /// articles these entries are most of what the index holds beyond the site itself, so
    /// each document's are allocated at their exact size.
    terms: Box<[Entry]>,
    lengths: [u32; FIELD_COUNT],
}

/// A term of a document: its number, its count in each field, its first position.
type Entry = (u32, [u16; FIELD_COUNT], u32);

/// The documents one worker analysed, numbered as in the language, its terms, and the
/// written forms it met.
struct Batch {
    docs: Vec<(usize, AnalysedDoc)>,
    terms: Vec<Shared>,
    forms: Vec<Form>,
}

/// A lower-case word as customers write it, the number of the term it gives, and how often
/// it was met: "did you mean" shows a term's most common form.
struct Form {
    term: u32,
    text: Shared,
    count: u32,
}

/// One term of the language with its postings, and the form "did you mean" shows for it
/// where that differs from the term.
struct TermEntry {
    term: Shared,
    postings: Vec<Posting>,
    form: Option<Shared>,
}

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
/// Words are borrowed from the documents, so meeting a new one costs no copy.
#[derive(Default)]
struct Worker<'a> {
    /// Each written word, or `None` where it gives no term (a stop word).
    words: FxHashMap<&'a str, Option<KnownWord>>,
    terms: Vec<Shared>,
    term_numbers: FxHashMap<Shared, u32>,
    /// For each term number, where the current document's entry for it is, plus one (0 for
    /// none yet). Reset after each document for the terms it touched.
    slot: Vec<u32>,
    /// The current document's entries, in the order first met; copied out at their exact
    /// size when the document is done.
    entries: Vec<Entry>,
}

impl<'a> Worker<'a> {
    /// The term number of `word`, counting the occurrence.
    fn term_of(&mut self, word: &'a str, lang: &str) -> Option<u32> {
        if let Some(known) = self.words.get_mut(word) {
            return known.as_mut().map(|k| {
                k.seen += 1;
                k.term
            });
        }
        let known = analyze_word(word, lang).map(|term| {
            let term = self.number(term);
            let lower = word.to_lowercase();
            // Most words are written as their term (every number, for one): those share it.
            let form = if *self.terms[term as usize] == *lower {
                self.terms[term as usize].clone()
            } else {
                Shared::from(lower)
            };
            KnownWord {
                term,
                form,
                seen: 1,
            }
        });
        let term = known.as_ref().map(|k| k.term);
        self.words.insert(word, known);
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

    /// The documents' batch: their entries, this worker's terms and the forms it met.
    fn into_batch(self, docs: Vec<(usize, AnalysedDoc)>) -> Batch {
        let forms = self
            .words
            .into_values()
            .flatten()
            .map(|known| Form {
                term: known.term,
                text: known.form,
                count: known.seen,
            })
            .collect();
        Batch {
            docs,
            terms: self.terms,
            forms,
        }
    }
}

/// The texts of each field, borrowed from the model. Tags and headings are a field of
/// several texts each, whose words are those of the texts joined with spaces.
fn field_texts<'d, 'a>(doc: &'d SearchDocument<'a>) -> [&'d [&'a str]; FIELD_COUNT] {
    [
        std::slice::from_ref(&doc.title),
        &doc.tags,
        &doc.headings,
        std::slice::from_ref(&doc.description),
        std::slice::from_ref(&doc.body),
    ]
}

/// One pass over each field's words gives terms, counts and first positions.
fn analyse_doc<'a>(doc: &SearchDocument<'a>, lang: &str, worker: &mut Worker<'a>) -> AnalysedDoc {
    let mut entries = std::mem::take(&mut worker.entries);
    let mut lengths = [0; FIELD_COUNT];
    for (field, texts) in field_texts(doc).into_iter().enumerate() {
        let offset = if field == TITLE { 0 } else { BODY_OFFSET };
        let mut length = 0;
        let field_words = texts.iter().flat_map(|text| words(text));
        for (position, word) in field_words.enumerate() {
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
    let terms = entries.as_slice().into();
    entries.clear();
    worker.entries = entries;
    AnalysedDoc { terms, lengths }
}

/// Analyses every document in parallel. Each worker keeps its own words and terms; its
/// documents come back as one batch with its term table and the forms it met.
fn analyse_all(docs: &[SearchDocument<'_>], lang: &str) -> Vec<Batch> {
    docs.par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Worker::default()),
            |(mut analysed, mut worker), (i, doc)| {
                analysed.push((i, analyse_doc(doc, lang, &mut worker)));
                (analysed, worker)
            },
        )
        .map(|(docs, worker)| worker.into_batch(docs))
        .collect()
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
    let batches = analyse_all(docs, lang);
    let averages = average_lengths(batches.iter().flat_map(|b| &b.docs).map(|(_, d)| d));
    let mut dictionary = post(batches, &averages);
    dictionary.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    let chunks = term_chunks(&dictionary);
    chunks.par_iter().enumerate().try_for_each(|(i, chunk)| {
        let file = chunk_json(&dictionary[chunk.clone()])?;
        sink.put(format!("{base}/terms/{i}.json"), file)
    })?;
    let root = json!({
        "version": 1,
        "lang": lang,
        "docs": docs.len(),
        "docGroup": DOC_GROUP,
        "textGroup": TEXT_GROUP,
        "chunks": chunks
            .iter()
            .map(|c| json!([&*dictionary[c.start].term, &*dictionary[c.end - 1].term]))
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
                        d.category.as_ref(),
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
            // Room for the texts, their quotes and commas, and some escapes.
            let size = texts.iter().map(|t| t.len() + 16).sum::<usize>() + 64;
            put_json_sized(sink, format!("{base}/text/{i}.json"), &texts, size)
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

/// Each term with its postings and its form, in no particular order. Each batch's terms
/// are found in the dictionary once, not once per document, and each document's entries
/// are freed as soon as they are posted.
fn post(batches: Vec<Batch>, averages: &[f64; FIELD_COUNT]) -> Vec<TermEntry> {
    let mut dictionary: Vec<TermEntry> = Vec::new();
    let mut numbers: FxHashMap<Shared, u32> = FxHashMap::default();
    let mut forms: Vec<Form> = Vec::new();
    for batch in batches {
        let global: Vec<u32> = batch
            .terms
            .into_iter()
            .map(|term| {
                *numbers.entry(term.clone()).or_insert_with(|| {
                    dictionary.push(TermEntry {
                        term,
                        postings: Vec::new(),
                        form: None,
                    });
                    dictionary.len() as u32 - 1
                })
            })
            .collect();
        for (id, doc) in batch.docs {
            for &(term, counts, position) in &doc.terms {
                dictionary[global[term as usize] as usize]
                    .postings
                    .push(Posting {
                        doc: id as u32,
                        weight: weight(&counts, &doc.lengths, averages),
                        position,
                    });
            }
        }
        forms.extend(batch.forms.into_iter().map(|form| Form {
            term: global[form.term as usize],
            ..form
        }));
    }
    // Workers take documents in ranges, so lists are nearly always in document order
    // already; sorting makes sure of it, and costs one pass when they are.
    for entry in &mut dictionary {
        entry.postings.sort_unstable_by_key(|p| p.doc);
    }
    for (term, form) in most_common_forms(forms) {
        let entry = &mut dictionary[term as usize];
        if form != entry.term {
            entry.form = Some(form);
        }
    }
    dictionary
}

/// Each term's most common form, counted over all workers; of forms met equally often,
/// the first in code point order.
fn most_common_forms(mut forms: Vec<Form>) -> Vec<(u32, Shared)> {
    forms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term).then_with(|| a.text.cmp(&b.text)));
    let mut best: Vec<(u32, Shared)> = Vec::new();
    for same_term in forms.chunk_by(|a, b| a.term == b.term) {
        let mut chosen: Option<(&Shared, u32)> = None;
        for same_form in same_term.chunk_by(|a, b| a.text == b.text) {
            let count = same_form.iter().map(|f| f.count).sum();
            // Forms come in code point order, so only a strictly larger count wins.
            if chosen.is_none_or(|(_, most)| count > most) {
                chosen = Some((&same_form[0].text, count));
            }
        }
        if let Some((text, _)) = chosen {
            best.push((same_term[0].term, text.clone()));
        }
    }
    best
}

/// Consecutive ranges of the sorted dictionary, each under `CHUNK_POSTINGS` postings (a term
/// with more gets a chunk of its own).
fn term_chunks(dictionary: &[TermEntry]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, entry) in dictionary.iter().enumerate() {
        let list = &entry.postings;
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

/// One chunk of the dictionary as the browser reads it:
/// - `forms`: term -> the word people write for it, for "did you mean"; only where they
///   differ;
/// - `terms`: term -> [doc, weight, position, doc, weight, position, ...].
///
/// Written straight from the chunk's entries, which are sorted as the maps' keys must be.
/// The numbers, about three million at 10,000 articles, are written by hand: through serde,
/// each cost a hundred instructions, 3% of the build.
fn chunk_json(entries: &[TermEntry]) -> anyhow::Result<Vec<u8>> {
    let size: usize = entries
        .iter()
        .map(|e| 2 * e.term.len() + 24 * e.postings.len() + 16)
        .sum();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(b"{\"forms\":{");
    let forms = entries
        .iter()
        .filter_map(|e| Some((&e.term, e.form.as_ref()?)));
    for (i, (term, form)) in forms.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        append_json(&mut out, &**term)?;
        out.push(b':');
        append_json(&mut out, &**form)?;
    }
    out.extend_from_slice(b"},\"terms\":{");
    let mut number = itoa::Buffer::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        append_json(&mut out, &*entry.term)?;
        out.extend_from_slice(b":[");
        for (j, posting) in entry.postings.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(number.format(posting.doc).as_bytes());
            out.push(b',');
            out.extend_from_slice(number.format(posting.weight).as_bytes());
            out.push(b',');
            out.extend_from_slice(number.format(posting.position).as_bytes());
        }
        out.push(b']');
    }
    out.extend_from_slice(b"}}");
    Ok(out)
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
    put_json_sized(sink, path, value, 0)
}

/// `put_json` into a buffer of `capacity` bytes to start with: growing one copies what it
/// holds, and the text groups are 64 KB each.
fn put_json_sized(
    sink: &dyn FileSink,
    path: String,
    value: &impl Serialize,
    capacity: usize,
) -> anyhow::Result<()> {
    let mut bytes = Vec::with_capacity(capacity);
    append_json(&mut bytes, value).expect("index values always serialize");
    sink.put(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MemorySink;

    fn doc<'a>(body: &'a str, tags: Vec<&'a str>) -> SearchDocument<'a> {
        SearchDocument {
            url: "/en/a/",
            title: "Help",
            body,
            tags,
            ..SearchDocument::default()
        }
    }

    /// The `forms` of the language's only term chunk.
    fn forms_of(docs: &[SearchDocument<'_>]) -> serde_json::Value {
        let sink = MemorySink::default();
        build("en", docs, &[], &json!({}), &sink).unwrap();
        let files = sink.into_files();
        let chunk: serde_json::Value =
            serde_json::from_slice(&files["search/en/terms/0.json"]).unwrap();
        chunk["forms"].clone()
    }

    #[test]
    fn a_term_shows_the_form_written_most_often_over_all_documents() {
        let docs: Vec<_> = [
            "Shipping shipped shipped refunded refund",
            "shipping shipped refunds refund",
        ]
        .into_iter()
        .cycle()
        .take(300)
        .map(|body| doc(body, vec![]))
        .collect();
        // "ship": shipped 450 times, shipping 300 (in two spellings); "refund": the term
        // itself 300 times, which needs no entry.
        assert_eq!(forms_of(&docs), json!({ "ship": "shipped" }));
    }

    #[test]
    fn forms_met_equally_often_give_the_first_in_code_point_order() {
        let docs = [
            doc("refunds refunded", vec![]),
            doc("Refunded refunds", vec![]),
        ];
        assert_eq!(forms_of(&docs), json!({ "refund": "refunded" }));
    }

    #[test]
    fn a_chunk_lists_each_terms_postings_flat_in_document_order() {
        let docs = [
            SearchDocument {
                title: "Refunds",
                ..doc("", vec![])
            },
            doc("Card refund", vec![]),
        ];
        let sink = MemorySink::default();
        build("en", &docs, &[], &json!({}), &sink).unwrap();
        let files = sink.into_files();
        let chunk: serde_json::Value =
            serde_json::from_slice(&files["search/en/terms/0.json"]).unwrap();
        let refund: Vec<u64> = serde_json::from_value(chunk["terms"]["refund"].clone()).unwrap();
        // [doc, weight, position] per document: the title starts at 0, the body at 1000.
        assert_eq!(refund.len(), 6, "{refund:?}");
        assert_eq!((refund[0], refund[2]), (0, 0));
        assert_eq!((refund[3], refund[5]), (1, BODY_OFFSET as u64 + 1));
        assert!(
            refund[1] > refund[4],
            "a title word weighs more: {refund:?}"
        );
        let terms: Vec<&String> = chunk["terms"].as_object().unwrap().keys().collect();
        assert_eq!(terms, ["card", "help", "refund"]);
    }

    #[test]
    fn tags_count_as_one_field_of_all_their_words() {
        let document = doc("", vec!["gift cards", "card"]);
        let mut worker = Worker::default();
        let analysed = analyse_doc(&document, "en", &mut worker);
        assert_eq!(analysed.lengths[1], 3);
        let card = worker.term_numbers["card"];
        let entry = analysed.terms.iter().find(|e| e.0 == card).unwrap();
        assert_eq!(entry.1, [0, 2, 0, 0, 0]);
    }
}
