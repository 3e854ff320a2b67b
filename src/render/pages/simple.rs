//! Pages whose content is all in their template (contact, search): a title, breadcrumbs,
//! and the same page in every language.

use tera::Context;

use super::PageRenderer;
use crate::render::context::Link;
use crate::site::Language;

impl PageRenderer<'_> {
    /// A page every language has, whose only content comes from the template.
    pub(super) fn simple(
        &self,
        language: &Language,
        kind: &'static str,
        title_key: &str,
        url: String,
    ) -> Context {
        let path_in_language = url
            .strip_prefix(&language.home_url)
            .unwrap_or_default()
            .to_string();
        let alternates = self.everywhere(|l| format!("{}{path_in_language}", l.home_url));
        let title = language.strings.text(title_key).to_string();
        let page = self.page(kind, title.clone(), String::new(), url.clone(), alternates);
        let mut context = self.base_context(language, page);
        context.insert(
            "breadcrumbs",
            &self.breadcrumbs(language, &[Link { title, url }]),
        );
        context
    }
}
