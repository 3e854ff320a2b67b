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

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::json;

use rayon::prelude::*;

use super::analyze::{analyze, analyze_word, words};
use super::SearchDocument;
use crate::output::OutputFile;

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

/// How much a word counts in each field.
const FIELDS: [(Field, f64); 5] = [
    (Field::Title, 10.0),
    (Field::Tags, 6.0),
    (Field::Headings, 4.0),
    (Field::Description, 3.0),
    (Field::Body, 1.0),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Title,
    Tags,
    Headings,
    Description,
    Body,
}

/// One term in one document: its weight (times 100) and first position.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    weight: u32,
    position: u32,
}

/// The analysed fields of one document.
struct AnalysedDoc {
    /// term -> (per-field counts, first position)
    terms: HashMap<String, (HashMap<Field, u32>, u32)>,
    lengths: HashMap<Field, u32>,
    /// term -> the words (lower case) that gave it, with counts, for "did you mean".
    forms: HashMap<String, HashMap<String, u32>>,
}

fn field_text(doc: &SearchDocument, field: Field) -> String {
    match field {
        Field::Title => doc.title.clone(),
        Field::Tags => doc.tags.join(" "),
        Field::Headings => doc.headings.join(" "),
        Field::Description => doc.description.clone(),
        Field::Body => doc.body.clone(),
    }
}

/// One pass over each field's words gives terms, counts, first positions and written forms.
fn analyse_doc(doc: &SearchDocument, lang: &str) -> AnalysedDoc {
    let mut analysed = AnalysedDoc {
        terms: HashMap::new(),
        lengths: HashMap::new(),
        forms: HashMap::new(),
    };
    for (field, _) in FIELDS {
        let text = field_text(doc, field);
        let offset = if field == Field::Title {
            0
        } else {
            BODY_OFFSET
        };
        let mut length = 0;
        for (position, word) in words(&text).into_iter().enumerate() {
            let Some(term) = analyze_word(word, lang) else {
                continue;
            };
            length += 1;
            // Every spelling counts, the stem's own too, so the commonest one is shown.
            let lower = word.to_lowercase();
            *analysed
                .forms
                .entry(term.clone())
                .or_default()
                .entry(lower)
                .or_insert(0) += 1;
            let entry = analysed
                .terms
                .entry(term)
                .or_insert_with(|| (HashMap::new(), u32::MAX));
            *entry.0.entry(field).or_insert(0) += 1;
            if field == Field::Title || field == Field::Body {
                entry.1 = entry.1.min(position as u32 + offset);
            }
        }
        analysed.lengths.insert(field, length);
    }
    analysed
}

/// BM25-style saturation per field, summed with the field weights.
fn weight(
    counts: &HashMap<Field, u32>,
    lengths: &HashMap<Field, u32>,
    averages: &HashMap<Field, f64>,
) -> u32 {
    let mut total = 0.0;
    for (field, boost) in FIELDS {
        let Some(&tf) = counts.get(&field) else {
            continue;
        };
        let tf = f64::from(tf);
        let length = f64::from(*lengths.get(&field).unwrap_or(&0));
        let average = averages.get(&field).copied().unwrap_or(1.0).max(1.0);
        total += boost * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average));
    }
    (total * 100.0).round() as u32
}

/// Builds every file of the language's index.
pub fn build(
    lang: &str,
    docs: &[SearchDocument],
    synonyms: &[Vec<String>],
    ui_strings: &serde_json::Value,
) -> Vec<OutputFile> {
    let analysed: Vec<AnalysedDoc> = docs.par_iter().map(|d| analyse_doc(d, lang)).collect();
    let mut forms: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for doc in &analysed {
        for (term, words) in &doc.forms {
            let counts = forms.entry(term.clone()).or_default();
            for (word, n) in words {
                *counts.entry(word.clone()).or_insert(0) += n;
            }
        }
    }
    let averages = average_lengths(&analysed);
    let mut postings: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    // Documents are visited in order, so each list is already sorted by document.
    for (id, doc) in analysed.iter().enumerate() {
        for (term, (counts, position)) in &doc.terms {
            postings.entry(term.clone()).or_default().push(Posting {
                doc: id as u32,
                weight: weight(counts, &doc.lengths, &averages),
                position: *position,
            });
        }
    }
    let base = format!("search/{lang}");
    let mut files = Vec::new();
    let chunks = term_chunks(&postings);
    for (i, chunk) in chunks.iter().enumerate() {
        files.push(json_file(
            format!("{base}/terms/{i}.json"),
            &chunk_json(chunk, &postings, &forms),
        ));
    }
    for (i, group) in docs.chunks(DOC_GROUP).enumerate() {
        let rows: Vec<_> = group
            .iter()
            .map(|d| {
                json!([
                    d.url,
                    d.title,
                    d.category,
                    d.description,
                    u8::from(d.promoted)
                ])
            })
            .collect();
        files.push(json_file(format!("{base}/docs/{i}.json"), &json!(rows)));
    }
    for (i, group) in docs.chunks(TEXT_GROUP).enumerate() {
        let texts: Vec<String> = group
            .iter()
            .map(|d| truncate(&d.body, TEXT_LIMIT))
            .collect();
        files.push(json_file(format!("{base}/text/{i}.json"), &json!(texts)));
    }
    let root = json!({
        "version": 1,
        "lang": lang,
        "docs": docs.len(),
        "docGroup": DOC_GROUP,
        "textGroup": TEXT_GROUP,
        "chunks": chunks.iter().map(|c| json!([c.first(), c.last()])).collect::<Vec<_>>(),
        "synonyms": synonym_map(lang, synonyms),
        "popular": popular(docs),
        "strings": ui_strings,
    });
    files.push(json_file(format!("{base}/root.json"), &root));
    files
}

fn average_lengths(docs: &[AnalysedDoc]) -> HashMap<Field, f64> {
    FIELDS
        .iter()
        .map(|(field, _)| {
            let sum: u32 = docs
                .iter()
                .map(|d| d.lengths.get(field).copied().unwrap_or(0))
                .sum();
            (*field, f64::from(sum) / docs.len().max(1) as f64)
        })
        .collect()
}

/// Consecutive ranges of the sorted dictionary, each under `CHUNK_POSTINGS` postings (a term
/// with more gets a chunk of its own).
fn term_chunks(postings: &BTreeMap<String, Vec<Posting>>) -> Vec<Vec<String>> {
    let mut chunks = vec![Vec::new()];
    let mut size = 0;
    for (term, list) in postings {
        if size + list.len() > CHUNK_POSTINGS && size > 0 {
            chunks.push(Vec::new());
            size = 0;
        }
        size += list.len();
        chunks
            .last_mut()
            .expect("there is always a chunk")
            .push(term.clone());
    }
    chunks.retain(|c| !c.is_empty());
    chunks
}

/// `{ "terms": { term: [doc, weight, position, ...] }, "forms": { term: word } }`; `forms` gives
/// the word people write for a stem, for "did you mean".
fn chunk_json(
    chunk: &[String],
    postings: &BTreeMap<String, Vec<Posting>>,
    forms: &HashMap<String, HashMap<String, u32>>,
) -> serde_json::Value {
    let mut terms = serde_json::Map::new();
    let mut shown = serde_json::Map::new();
    for term in chunk {
        let flat: Vec<u32> = postings[term]
            .iter()
            .flat_map(|p| [p.doc, p.weight, p.position])
            .collect();
        terms.insert(term.clone(), json!(flat));
        if let Some(form) = most_common_form(forms.get(term)) {
            if &form != term {
                shown.insert(term.clone(), json!(form));
            }
        }
    }
    json!({ "terms": terms, "forms": shown })
}

fn most_common_form(forms: Option<&HashMap<String, u32>>) -> Option<String> {
    forms?
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(form, _)| form.clone())
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
fn popular(docs: &[SearchDocument]) -> Vec<usize> {
    docs.iter()
        .enumerate()
        .filter(|(_, d)| d.promoted)
        .map(|(i, _)| i)
        .take(5)
        .collect()
}

fn truncate(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => text[..end].to_string(),
        None => text.to_string(),
    }
}

fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: serde_json::to_vec(value).expect("index values always serialize"),
    }
}
