//! Text a writer gives once for every language, or per language.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `"Email us"` or `{ en = "Email us", pl = "Napisz do nas" }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum LocalizedText {
    Everywhere(String),
    PerLanguage(BTreeMap<String, String>),
}

impl LocalizedText {
    /// The text for `lang`, else for `fallback` (the site's default language).
    pub fn get(&self, lang: &str, fallback: &str) -> Option<&str> {
        match self {
            LocalizedText::Everywhere(text) => Some(text),
            LocalizedText::PerLanguage(texts) => texts
                .get(lang)
                .or_else(|| texts.get(fallback))
                .map(String::as_str),
        }
    }
}
