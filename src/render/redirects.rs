//! Pages at the old addresses of articles (their `aliases`), sending visitors on to where
//! each article lives now. They are written last, after every other file, so an alias at
//! the address of another file is found.

use tera::Context;

use super::context::SiteContext;
use super::pages::{template_error, PageRenderer};
use crate::output::FileSink;

/// Pages at the old URLs of articles, sending visitors on to where the article lives now.
pub(super) fn add_redirects(
    renderer: &PageRenderer<'_>,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let site = renderer.site;
    for language in &site.languages {
        for article in &language.articles {
            for alias in &article.aliases {
                let url = format!("{}{}", site.urls.base_path, alias.trim_start_matches('/'));
                let path = site.urls.output_file(
                    if url.ends_with('/') || url.ends_with(".html") {
                        url.clone()
                    } else {
                        format!("{url}/")
                    }
                    .as_str(),
                );
                if path.contains("..") {
                    anyhow::bail!(
                        "{}: alias `{alias}` must be a path inside the site",
                        article.display_path.display()
                    );
                }
                if sink.contains(&path) {
                    anyhow::bail!(
                        "{}: alias `{alias}` is the address of another page ({path})",
                        article.display_path.display()
                    );
                }
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
