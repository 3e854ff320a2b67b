//! Search index for one language of the site.

pub mod analyze;

use crate::output::OutputFile;

/// What the search index knows of one article.
#[derive(Debug, Clone, Default)]
pub struct SearchDocument {
    /// Site-relative URL including the base path, e.g. `/en/returns/refunds/`.
    pub url: String,
    pub title: String,
    pub description: String,
    pub headings: Vec<String>,
    /// Plain text of the article body, without markup.
    pub body: String,
    pub tags: Vec<String>,
    /// Title of the article's category, shown with each result.
    pub category: String,
    pub promoted: bool,
    /// `YYYY-MM-DD` when the article states it.
    pub updated: Option<String>,
}

/// Builds the search files for one language.
pub fn build_language_index(
    _lang: &str,
    _docs: &[SearchDocument],
) -> anyhow::Result<Vec<OutputFile>> {
    Ok(Vec::new())
}
