//! The page the embeddable widget shows in its panel: promoted articles, and only the icons
//! the panel uses.

use tera::Context;

use super::PageRenderer;
use crate::render::assets::assets_context;
use crate::render::context::AssetsContext;
use crate::site::Language;

impl PageRenderer<'_> {
    pub(super) fn widget(&self, language: &Language) -> Context {
        let url = self.site.urls.widget(&language.code);
        let title = language.title.clone();
        let page = self.page("widget", title, String::new(), url, Vec::new());
        let mut context = self.base_context(language, page);
        context.insert("promoted", &self.promoted(language));
        // The panel's few icons travel in the page: a request for the whole sprite would cost
        // more than the symbols it shows.
        let channels = &self.shared[&language.code].channels;
        let names = std::iter::once("search").chain(channels.iter().map(|c| c.icon.as_str()));
        let mut seen = std::collections::BTreeSet::new();
        let symbols: String = names
            .filter(|name| seen.insert(*name))
            .filter_map(|name| self.icon_symbols.get(name).map(String::as_str))
            .collect();
        context.insert("icon_sprite", &format!("<svg hidden>{symbols}</svg>"));
        context.insert(
            "assets",
            &AssetsContext {
                icons: String::new(),
                ..assets_context(self.site)
            },
        );
        context
    }
}
