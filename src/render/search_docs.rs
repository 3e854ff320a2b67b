//! What search knows of each article: the documents `search` builds a language's index from.

use crate::search::SearchDocument;
use crate::site::Language;

/// What search knows of each article of a language.
pub fn search_documents(language: &Language) -> Vec<SearchDocument<'_>> {
    language
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| SearchDocument {
            url: &article.url,
            title: &article.title,
            description: &article.description,
            headings: article
                .rendered
                .headings
                .iter()
                .map(|h| h.text.as_str())
                .collect(),
            body: &article.rendered.plain_text,
            tags: article
                .tags
                .iter()
                .map(|&t| language.tags[t].name.as_str())
                .collect(),
            category: folder_label(language, index),
            promoted: article.promoted,
            updated: article.updated.map(|d| d.to_string()),
        })
        .collect()
}

/// Where an article sits, as search results show it: its category, and the sections down to
/// its own (`Resources › VPN`); empty beside the home page.
fn folder_label(language: &Language, index: usize) -> std::borrow::Cow<'_, str> {
    language.articles[index]
        .category
        .map_or("".into(), |c| language.node_label(c))
}
