//! A tag's page, one page of its articles at a time.

use tera::Context;

use super::PageRenderer;
use crate::render::context::{Link, TagPageView};
use crate::render::pagination::Paging;
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn tag(&self, language: &Language, index: usize, paging: Paging) -> Context {
        let tag = &language.tags[index];
        let page = self.page(
            "tag",
            paging.title(&tag.name, language),
            String::new(),
            paging.url(&tag.url),
            Vec::new(),
        );
        let mut context = self.base_context(language, page);
        let articles = self.summaries(language, &tag.articles[paging.range(tag.articles.len())]);
        context.insert("pagination", &paging.view(language, &tag.url));
        context.insert(
            "tag",
            &TagPageView {
                name: &tag.name,
                url: &tag.url,
                articles,
            },
        );
        let tags_title = language.strings.text("page_title_tags").to_string();
        context.insert(
            "breadcrumbs",
            &self.breadcrumbs(
                language,
                &[
                    Link {
                        title: tags_title,
                        url: self.site.urls.tags(&language.code),
                    },
                    Link {
                        title: tag.name.clone(),
                        url: tag.url.clone(),
                    },
                ],
            ),
        );
        context
    }
}
