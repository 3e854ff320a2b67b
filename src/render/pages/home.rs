//! The home page of a language: promoted, loose and recent articles.

use tera::Context;

use super::PageRenderer;
use crate::render::seo::script_safe_json;
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn home(&self, language: &Language) -> Context {
        let alternates = self.everywhere(|l| l.home_url.clone());
        let title = language
            .strings
            .get("home_title")
            .unwrap_or(&language.title)
            .to_string();
        let page = self.page(
            "home",
            title,
            language.description.clone(),
            language.home_url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        context.insert("promoted", &self.promoted(language));
        context.insert(
            "home_articles",
            &self.summaries(language, &language.home_articles),
        );
        context.insert(
            "recent",
            &self.summaries(
                language,
                &recent_articles(language, self.site.config.build.recent_articles),
            ),
        );
        context.insert(
            "json_ld",
            &script_safe_json(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": language.title,
                "url": self.site.urls.absolute(&language.home_url),
                "inLanguage": language.code,
            })),
        );
        context
    }
}

/// The indices of `language`'s `limit` most recently updated articles, newest first.
fn recent_articles(language: &Language, limit: usize) -> Vec<usize> {
    let mut dated: Vec<usize> = (0..language.articles.len())
        .filter(|&i| language.articles[i].updated.is_some())
        .collect();
    let articles = &language.articles;
    dated.sort_by(|&a, &b| {
        articles[b]
            .updated
            .cmp(&articles[a].updated)
            .then_with(|| articles[a].title.cmp(&articles[b].title))
    });
    dated.truncate(limit);
    dated
}
