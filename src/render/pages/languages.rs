//! `/`: the list of languages, whose script sends a visitor on to their preferred one.

use super::PageRenderer;
use crate::render::context::SiteContext;

impl PageRenderer<'_> {
    /// `/`: the list of languages, whose script picks the visitor's preferred one.
    pub(in crate::render) fn languages_page(&self) -> anyhow::Result<Vec<u8>> {
        let site = self.site;
        let default = site.default_language();
        let page = self.page(
            "languages",
            site.config.site.title.clone(),
            default.description.clone(),
            site.urls.root(),
            self.everywhere(|l| l.home_url.clone()),
        );
        let mut context = self.base_context(default, page);
        context.insert("languages", &self.switcher(default, &[]));
        context.insert(
            "site",
            &SiteContext {
                title: site.config.site.title.clone(),
                ..SiteContext::new(site, default)
            },
        );
        self.render_template("languages.html", default, context)
    }
}
