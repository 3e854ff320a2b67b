//! The page listing every tag of a language, with how many articles each has.

use tera::Context;

use super::PageRenderer;
use crate::render::context::{Link, TagLink};
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn tags(&self, language: &Language) -> Context {
        let url = self.site.urls.tags(&language.code);
        let alternates = self.everywhere(|l| self.site.urls.tags(&l.code));
        let title = language.strings.text("page_title_tags").to_string();
        let page = self.page(
            "tags",
            title.clone(),
            String::new(),
            url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        let tags: Vec<TagLink> = language
            .tags
            .iter()
            .map(|t| TagLink {
                name: t.name.clone(),
                url: t.url.clone(),
                count: t.articles.len(),
            })
            .collect();
        context.insert("tags", &tags);
        context.insert(
            "breadcrumbs",
            &self.breadcrumbs(language, &[Link { title, url }]),
        );
        context
    }
}
