//! Pages at the old addresses of articles (their `aliases`), sending visitors on to where
//! each article lives now. `site::build` has already checked every alias (inside the site,
//! at no other page's address, in one article only): here they are only written.

use tera::Context;

use super::context::SiteContext;
use super::pages::{template_error, PageRenderer};
use crate::output::FileSink;
use crate::site::alias_file;

/// Pages at the old URLs of articles, sending visitors on to where the article lives now.
pub(super) fn add_redirects(
    renderer: &PageRenderer<'_>,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let site = renderer.site;
    for language in &site.languages {
        for article in &language.articles {
            for alias in &article.aliases {
                let path = alias_file(&site.urls, alias);
                sink.put(path, renderer.redirect_page(&article.url)?.into_bytes())?;
            }
        }
    }
    Ok(())
}

impl PageRenderer<'_> {
    fn redirect_page(&self, target: &str) -> anyhow::Result<String> {
        let mut context = Context::new();
        context.insert("target", &self.site.urls.absolute(target));
        context.insert(
            "site",
            &SiteContext::new(self.site, self.site.default_language()),
        );
        self.tera
            .render("redirect.html", &context)
            .map_err(|e| template_error("redirect.html", &e))
    }
}
