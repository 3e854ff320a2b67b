//! The articles of a language for other search tools.
//!
//! `articles.jsonl` has one JSON object per line with the fields Meilisearch, Typesense,
//! OpenSearch (after a bulk header per line) and Algolia import as they are, so a shop whose
//! help center outgrows client-side search moves without a rewrite. `elasticlunr.json` is an
//! index in elasticlunr's format, built with elasticlunr-rs, for themes and tools that use it,
//! written for small sites only (see `ELASTICLUNR_LIMIT`).

use std::io::Write;

use serde::Serialize;

use super::SearchDocument;
use crate::output::{write_json_records, OutputFile};

/// One line per article: `id` (and `objectID`), `lang`, `url`, `title`, `description`,
/// `category`, `headings`, `body`, `tags`, `updated`.
pub fn write_json_lines(
    lang: &str,
    docs: &[SearchDocument<'_>],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let ids: Vec<String> = docs.iter().map(|d| document_id(lang, d.url)).collect();
    let line = |i: usize| {
        let doc = &docs[i];
        JsonLine {
            body: doc.body,
            category: &doc.category,
            description: doc.description,
            headings: &doc.headings,
            id: &ids[i],
            lang,
            object_id: &ids[i],
            tags: &doc.tags,
            title: doc.title,
            updated: doc.updated.as_deref(),
            url: doc.url,
        }
    };
    write_json_records(docs.len(), line, b"\n", out)?;
    if !docs.is_empty() {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One line of `articles.jsonl`, borrowed from the document rather than copied into a JSON
/// tree. The fields are in alphabetical order, as earlier versions wrote them.
#[derive(Serialize)]
struct JsonLine<'a> {
    body: &'a str,
    category: &'a str,
    description: &'a str,
    headings: &'a [&'a str],
    id: &'a str,
    lang: &'a str,
    // Algolia names the key objectID; every other engine reads id.
    #[serde(rename = "objectID")]
    object_id: &'a str,
    tags: &'a [&'a str],
    title: &'a str,
    updated: Option<&'a str>,
    url: &'a str,
}

/// A stable identifier every engine accepts (letters, digits, `-` and `_`): `en-returns-refunds`.
pub fn document_id(lang: &str, url: &str) -> String {
    let path: String = url
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-");
    if path.starts_with(&format!("{lang}-")) {
        path
    } else {
        format!("{lang}-{path}")
    }
}

/// Articles per language up to which the elasticlunr export is written. elasticlunr keeps
/// one JSON index for a whole language, which a customer's browser must download and parse
/// before the first query: 24 MB for 3,300 generated articles. Past this size the split index
/// is the only sensible one to ship.
pub const ELASTICLUNR_LIMIT: usize = 500;

/// Words longer than this are left out of the elasticlunr index. It keeps terms in a tree one
/// level per character and walks it recursively, so one very long word (a pasted key, a
/// base64 image) overflows the stack; nobody searches for such a word anyway.
const ELASTICLUNR_WORD_LIMIT: usize = 100;

/// An elasticlunr index of title and body.
pub fn elasticlunr(lang: &str, docs: &[SearchDocument<'_>]) -> OutputFile {
    let mut index = elasticlunr::Index::new(&["title", "body"]);
    for doc in docs {
        let title = without_overlong_words(doc.title);
        let body = without_overlong_words(doc.body);
        index.add_doc(doc.url, [title.as_str(), body.as_str()]);
    }
    OutputFile {
        path: format!("search/{lang}/elasticlunr.json").into(),
        bytes: index.to_json().into_bytes(),
    }
}

/// `text` without the words elasticlunr would choke on, split where elasticlunr splits words.
fn without_overlong_words(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty() && word.chars().count() <= ELASTICLUNR_WORD_LIMIT)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_for_every_engine() {
        assert_eq!(
            document_id("en", "/en/returns/refunds/"),
            "en-returns-refunds"
        );
        assert_eq!(
            document_id("pl", "/help/pl/zwroty/zwrot.pieniędzy/"),
            "pl-help-pl-zwroty-zwrot_pieni_dzy"
        );
    }

    #[test]
    fn a_very_long_word_does_not_overflow_the_elasticlunr_index() {
        let body = format!("before {} after", "x".repeat(50_000));
        // The index is written on a small stack, as on a rayon worker thread.
        let file = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let docs = vec![SearchDocument {
                    url: "/en/a/b/",
                    title: "Long",
                    body: &body,
                    ..Default::default()
                }];
                elasticlunr("en", &docs)
            })
            .unwrap()
            .join()
            .expect("the index is written without overflowing the stack");
        let text = String::from_utf8(file.bytes).unwrap();
        assert!(text.contains("\"body\":\"before after\""), "{text}");
        assert!(!text.contains("xxxxxxxxxx"), "the long word is left out");
    }

    #[test]
    fn one_json_object_per_line() {
        let docs = vec![SearchDocument {
            url: "/en/a/b/",
            title: "Line\nbreak",
            ..Default::default()
        }];
        let mut bytes = Vec::new();
        write_json_lines("en", &docs, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.lines().count(), 1);
        let record: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(record["title"], "Line\nbreak");
        assert_eq!(record["id"], "en-a-b");
        assert_eq!(record["objectID"], "en-a-b");
    }
}
