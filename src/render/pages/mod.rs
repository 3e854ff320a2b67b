//! The renderer of pages: one `PageRenderer` per build holds the templates and what each
//! language's pages share, and turns a `PageJob` into the bytes of its file.
//!
//! Each page kind builds its own context in a file of its own (`home.rs`, `article.rs`, ...),
//! as methods of `PageRenderer`; what several kinds use (breadcrumbs, the language
//! switcher, the page's `page` variable) stays here.

mod article;
mod category;
mod home;
mod languages;
mod not_found;
mod simple;
mod tag;
mod tags;
mod widget;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use tera::{Context, Tera};

use super::compact::compact_html;
use super::context::{alternates, Alternate, Link, PageContext, SwitcherEntry};
use super::shared::LanguageShared;
use super::{PageJob, RenderOptions};
use crate::site::{Language, Site};
use crate::theme::describe_tera_error;

const LIVE_RELOAD_SCRIPT: &str = "/__helpbook/livereload.js";
/// Bytes reserved for a page before rendering it: most pages fit, so Tera's output seldom
/// has to move while it grows.
const PAGE_CAPACITY: usize = 16 * 1024;

pub(super) struct PageRenderer<'a> {
    pub(super) site: &'a Site,
    pub(super) tera: Tera,
    pub(super) options: &'a RenderOptions,
    /// What every page of a language shares, computed once per language.
    pub(super) shared: FxHashMap<String, LanguageShared>,
    /// Each `<symbol id="icon-NAME">` of the theme's sprite, by NAME.
    pub(super) icon_symbols: BTreeMap<String, String>,
}

impl PageRenderer<'_> {
    pub(super) fn render(&self, job: &PageJob<'_>) -> anyhow::Result<(String, Vec<u8>)> {
        let (template, url, context) = match *job {
            PageJob::Home(l) => ("home.html", l.home_url.clone(), self.home(l)),
            PageJob::Category(l, i, paging) => (
                "category.html",
                paging.url(&l.categories[i].url),
                self.category(l, i, paging),
            ),
            PageJob::Article(l, i) => (
                "article.html",
                l.articles[i].url.clone(),
                self.article(l, i),
            ),
            PageJob::Tags(l) => ("tags.html", self.site.urls.tags(&l.code), self.tags(l)),
            PageJob::Tag(l, i, paging) => (
                "tag.html",
                paging.url(&l.tags[i].url),
                self.tag(l, i, paging),
            ),
            PageJob::Contact(l) => {
                let url = self.site.urls.contact(&l.code);
                (
                    "contact.html",
                    url.clone(),
                    self.simple(l, "contact", "page_title_contact", url),
                )
            }
            PageJob::Search(l) => {
                let url = self.site.urls.search(&l.code);
                (
                    "search.html",
                    url.clone(),
                    self.simple(l, "search", "page_title_search", url),
                )
            }
            PageJob::Widget(l) => (
                "widget.html",
                self.site.urls.widget(&l.code),
                self.widget(l),
            ),
            PageJob::NotFound(l) => (
                "404.html",
                format!("{}404.html", l.home_url),
                self.not_found(l),
            ),
            PageJob::RootNotFound(l) => (
                "404.html",
                format!("{}404.html", self.site.urls.base_path),
                self.not_found(l),
            ),
        };
        let html = self.render_template(template, job.language(), context)?;
        Ok((self.site.urls.output_file(&url), html))
    }

    /// Renders `template` with `language`'s shared context and the page's own `context`, as
    /// the bytes of the file. Tera writes into them directly: its `render` checks the whole
    /// page for valid UTF-8 afterwards, which was 2% of a build, and strings can only hold
    /// valid UTF-8 in the first place.
    fn render_template(
        &self,
        template: &str,
        language: &Language,
        page: Context,
    ) -> anyhow::Result<Vec<u8>> {
        let shared = self
            .shared
            .get(&language.code)
            .ok_or_else(|| anyhow::anyhow!("no shared context for language {}", language.code))?;
        // Tera's values share their contents, so the copy is of a few pointers; the page's
        // own values win where both name the same key.
        let mut context = shared.context.clone();
        context.extend(page);
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| template_error(template, &e))?;
        compact_html(&mut html);
        if self.options.live_reload {
            let tag = format!("<script type=\"module\" src=\"{LIVE_RELOAD_SCRIPT}\"></script>");
            let at = memchr::memmem::rfind(&html, b"</body>").unwrap_or(html.len());
            html.splice(at..at, tag.into_bytes());
        }
        Ok(html)
    }

    /// The summaries of `language`'s articles at `indices`, for a list of articles.
    fn summaries(&self, language: &Language, indices: &[usize]) -> Vec<tera::Value> {
        let all = &self.shared[&language.code].summaries;
        indices.iter().map(|&i| all[i].clone()).collect()
    }

    /// The first promoted articles, as many as book.toml lets the home page and the widget
    /// show.
    fn promoted(&self, language: &Language) -> Vec<tera::Value> {
        let promoted: Vec<usize> = (0..language.articles.len())
            .filter(|&i| language.articles[i].promoted)
            .take(self.site.config.build.promoted_articles)
            .collect();
        self.summaries(language, &promoted)
    }

    /// What every page of `language` gets besides the language's shared context.
    fn base_context(&self, language: &Language, page: PageContext) -> Context {
        let mut context = Context::new();
        context.insert("languages", &self.switcher(language, &page.alternates));
        context.insert("json_ld", "");
        context.insert("needs_syntax_css", &false);
        context.insert("page", &page);
        context
    }

    fn page(
        &self,
        kind: &'static str,
        title: String,
        description: String,
        url: String,
        alternates: Vec<Alternate>,
    ) -> PageContext {
        PageContext {
            kind,
            title,
            description,
            canonical: self.site.urls.absolute(&url),
            url,
            alternates,
        }
    }

    /// The language switcher: the same page in each language where it exists, else its home.
    fn switcher(&self, current: &Language, alternates: &[Alternate]) -> Vec<SwitcherEntry> {
        self.site
            .languages
            .iter()
            .map(|l| SwitcherEntry {
                code: l.code.clone(),
                name: l.name.clone(),
                dir: l.dir,
                url: alternates
                    .iter()
                    .find(|a| a.code == l.code)
                    .map_or_else(|| l.home_url.clone(), |a| a.url.clone()),
                current: l.code == current.code,
            })
            .collect()
    }

    /// Alternates for a page every language has, at the URL `url_of` gives.
    fn everywhere(&self, url_of: impl Fn(&Language) -> String) -> Vec<Alternate> {
        alternates(self.site, |l| Some(url_of(l)))
    }

    /// Alternates for a page that exists in the languages where `url_in` finds it.
    fn translations(&self, url_in: impl Fn(&Language) -> Option<String>) -> Vec<Alternate> {
        alternates(self.site, url_in)
    }

    fn breadcrumbs(&self, language: &Language, trail: &[Link]) -> Vec<Link> {
        let home = Link {
            title: language
                .strings
                .get("breadcrumb_home")
                .unwrap_or(&language.title)
                .to_string(),
            url: language.home_url.clone(),
        };
        std::iter::once(home).chain(trail.iter().cloned()).collect()
    }
}

/// Breadcrumb links for a category and the sections down from it.
fn trail_links(trail: &[&crate::site::Category]) -> Vec<Link> {
    trail
        .iter()
        .map(|c| Link {
            title: c.title.clone(),
            url: c.url.clone(),
        })
        .collect()
}

pub(super) fn template_error(template: &str, err: &tera::Error) -> anyhow::Error {
    crate::error::Error::Template(format!(
        "cannot render template {template}: {}",
        describe_tera_error(err)
    ))
    .into()
}
