//! A language's `404.html`, also the site-wide one in the default language.

use tera::Context;

use super::PageRenderer;
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn not_found(&self, language: &Language) -> Context {
        let url = format!("{}404.html", language.home_url);
        let title = language.strings.text("page_title_not_found").to_string();
        let page = self.page("not_found", title, String::new(), url, Vec::new());
        self.base_context(language, page)
    }
}
