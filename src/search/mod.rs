//! Search: language-aware analysis and a static index the browser queries without a server.
//!
//! `analyze` turns text into terms (the browser has the same rules in `analyze.js`), `index`
//! writes the split index a customer downloads piece by piece, and `export` writes the same
//! articles as JSON Lines for a hosted search engine, and in elasticlunr's format for tools
//! that read it.

pub mod analyze;
pub mod export;
pub mod index;

use std::path::Path;

use serde::Deserialize;

use crate::error::SourceError;
use crate::output::FileSink;

/// What the search index knows of one article, borrowed from the site model so the texts of
/// a large site are not held twice.
#[derive(Debug, Clone, Default)]
pub struct SearchDocument<'a> {
    /// Site-relative URL including the base path, e.g. `/en/returns/refunds/`.
    pub url: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub headings: Vec<&'a str>,
    /// Plain text of the article body, without markup.
    pub body: &'a str,
    pub tags: Vec<&'a str>,
    /// Title of the article's category, shown with each result.
    pub category: std::borrow::Cow<'a, str>,
    pub promoted: bool,
    /// `YYYY-MM-DD` when the article states it.
    pub updated: Option<String>,
}

/// Writes the search files of one language into `sink`: the split index and the exports.
/// `ui_strings` are the interface strings the search code shows, carried in the index's root.
pub fn build_language_index(
    lang: &str,
    docs: &[SearchDocument<'_>],
    synonyms: &[Vec<String>],
    ui_strings: &serde_json::Value,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    index::build(lang, docs, synonyms, ui_strings, sink)?;
    sink.put_streamed(format!("search/{lang}/articles.jsonl"), &mut |out| {
        export::write_json_lines(lang, docs, out)
    })?;
    if docs.len() <= export::ELASTICLUNR_LIMIT {
        let file = export::elasticlunr(lang, docs);
        sink.put(file.site_path(), file.bytes)?;
    }
    Ok(())
}

/// `synonyms/<lang>.toml` in a site folder: groups of words that mean the same to customers.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    groups: Vec<Vec<String>>,
}

/// The synonym groups writers keep for `lang`, or none when there is no file.
pub fn load_synonyms(site_dir: &Path, lang: &str) -> Result<Vec<Vec<String>>, SourceError> {
    let path = site_dir.join("synonyms").join(format!("{lang}.toml"));
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = crate::files::read_text(&path)?;
    let file: SynonymsFile =
        toml::from_str(&text).map_err(|e| crate::config::toml_error(&e, &text, &path))?;
    Ok(file.groups)
}
