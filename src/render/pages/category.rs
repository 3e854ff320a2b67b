//! The page of a category or section, one page of its articles at a time, with a preview
//! of each of its sections on the first.

use tera::Context;

use super::{trail_links, PageRenderer};
use crate::render::context::{CategoryView, LinkRef, NavEntry, SectionPreview};
use crate::render::pagination::Paging;
use crate::render::seo::{self, script_safe_json};
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn category(&self, language: &Language, index: usize, paging: Paging) -> Context {
        let category = &language.categories[index];
        let alternates = self.translations(|l| {
            l.category_by_folder(&category.folder)
                .map(|c| c.url.clone())
        });
        let page = self.page(
            "category",
            paging.title(&category.title, language),
            category.description.clone(),
            paging.url(&category.url),
            alternates,
        );
        let mut context = self.base_context(language, page);
        let listed = &category.articles[paging.range(category.articles.len())];
        let articles = self.summaries(language, listed);
        // The sections go on the first page only: the later ones continue the article list.
        let sections = if paging.index == 0 {
            category
                .sections
                .iter()
                .map(|&s| self.section_preview(language, s))
                .collect()
        } else {
            Vec::new()
        };
        context.insert("pagination", &paging.view(language, &category.url));
        context.insert(
            "category",
            &CategoryView {
                title: &category.title,
                description: &category.description,
                icon: &category.icon,
                url: &category.url,
                is_section: !category.is_category(),
                articles,
                sections,
            },
        );
        let breadcrumbs = self.breadcrumbs(language, &trail_links(&language.trail_of_node(index)));
        context.insert(
            "json_ld",
            &script_safe_json(&serde_json::json!({
                "@context": "https://schema.org",
                "@graph": [seo::breadcrumb_list(self.site, &breadcrumbs)],
            })),
        );
        context.insert("breadcrumbs", &breadcrumbs);
        context
    }

    /// A section as its parent's page shows it: its first articles, or its own sections
    /// when it has no articles of its own, and how many there are in all.
    fn section_preview<'l>(&self, language: &'l Language, index: usize) -> SectionPreview<'l> {
        let section = &language.categories[index];
        let shown = self.site.config.build.section_preview_articles;
        let articles = &section.articles[..section.articles.len().min(shown)];
        SectionPreview {
            entry: NavEntry::of(language, section),
            articles: self.summaries(language, articles),
            sections: section
                .sections
                .iter()
                .take(if articles.is_empty() { shown } else { 0 })
                .map(|&s| {
                    let sub = &language.categories[s];
                    LinkRef {
                        title: &sub.title,
                        url: &sub.url,
                    }
                })
                .collect(),
            more: section.total_articles > articles.len(),
        }
    }
}
