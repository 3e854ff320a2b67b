//! Rendering the site model into the files of the site.
//!
//! Every page is a pure function of the frozen model and the theme, so pages render in
//! parallel; the result is a sorted map from output path to bytes, which makes the output the
//! same whatever the thread count.
//!
//! This file is the orchestration: which files a scope needs (the job list of pages, the
//! search index, exports, site files, assets, redirects) and in what order they are made.
//! Each page kind's context is built in `pages/`, what a language's pages share in
//! `shared.rs`, search documents in `search_docs.rs`, sitemap entries in `seo.rs`, redirects
//! in `redirects.rs`. The model is valid by the time it gets here (`site::build` checks what
//! writers supplied, aliases included), so rendering only turns it into files.

mod assets;
mod compact;
pub mod context;
mod exports;
mod pages;
mod pagination;
mod redirects;
mod related;
mod search_docs;
pub mod seo;
mod shared;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::output::{FileSink, MemorySink};
use crate::search;
use crate::site::{Language, Site};
use crate::theme::Theme;
use crate::timings::phase;
use assets::{add_assets, icon_symbols, ICONS};
use pages::PageRenderer;
use pagination::Paging;
use redirects::add_redirects;
pub use search_docs::search_documents;
use shared::{language_shared, strings_with};

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Adds `serve`'s live-reload script to every page.
    pub live_reload: bool,
    /// Counts rendered pages, for the progress bar of long builds.
    pub progress: Option<indicatif::ProgressBar>,
}

/// Every file of the site: pages, assets, search index, sitemap.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    render_scope(site, theme, options, &RenderScope::Everything)
}

/// How much of the site to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderScope {
    Everything,
    /// Only the pages of these articles (content paths): with `Assets` and `SearchOf`,
    /// enough when nothing but article bodies changed.
    ArticlePages(Vec<String>),
    /// The files copied as they are, from the theme and from `content/`.
    Assets,
    /// The search index and exports of the languages of these articles (content paths).
    SearchOf(Vec<String>),
}

/// The files of `scope`, in memory; outside `Everything` the rest of the site is left out.
pub fn render_scope(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    scope: &RenderScope,
) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let sink = MemorySink::default();
    render_into(site, theme, options, scope, &sink)?;
    Ok(sink.into_files())
}

/// Renders the files of `scope` into `sink`, each handed over as soon as it is made.
pub fn render_into(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    scope: &RenderScope,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    match scope {
        RenderScope::Everything => {
            let renderer = page_renderer(site, theme, options, site.languages.iter())?;
            let jobs = page_jobs(site);
            // Pages and the search index are independent, and the index has stretches that
            // use one core: running both at once lets rayon fill them with pages. The files
            // of the whole site (sitemap, robots.txt) go after the exports on the shorter side,
            // where at 100,000 articles their 0.4 s on one core no longer adds to the build.
            let (pages, rest) = rayon::join(
                || phase("pages", || render_pages(&renderer, &jobs, sink)),
                || {
                    phase("search index", || {
                        add_search_index(site.languages.iter(), sink)
                    })?;
                    phase("exports", || add_exports(site, site.languages.iter(), sink))?;
                    phase("site files", || add_site_files(&renderer, sink))
                },
            );
            pages?;
            rest?;
            phase("assets", || add_assets(site, theme, sink))?;
            // `site::build` checked the aliases against every page: they only need writing.
            phase("redirects", || add_redirects(&renderer, sink))?;
        }
        RenderScope::ArticlePages(paths) => {
            let jobs = article_jobs(site, paths);
            let renderer = page_renderer(site, theme, options, languages_of(site, paths))?;
            phase("pages", || render_pages(&renderer, &jobs, sink))?;
        }
        RenderScope::Assets => phase("assets", || add_assets(site, theme, sink))?,
        RenderScope::SearchOf(paths) => {
            phase("search index", || {
                add_search_index(languages_of(site, paths), sink)
            })?;
            phase("exports", || {
                add_exports(site, languages_of(site, paths), sink)
            })?;
        }
    }
    Ok(())
}

/// The languages that have an article at one of `paths`.
fn languages_of<'a>(site: &'a Site, paths: &'a [String]) -> impl Iterator<Item = &'a Language> {
    site.languages
        .iter()
        .filter(|l| l.articles.iter().any(|a| paths.contains(&a.rel_path)))
}

/// A renderer for the pages of `languages`, with what their pages share made once.
fn page_renderer<'a>(
    site: &'a Site,
    theme: &Theme,
    options: &'a RenderOptions,
    languages: impl Iterator<Item = &'a Language>,
) -> anyhow::Result<PageRenderer<'a>> {
    let tera = phase("templates", || theme.tera())?;
    let shared = phase("language parts", || {
        languages
            .map(|l| Ok((l.code.clone(), language_shared(site, l, &tera)?)))
            .collect::<anyhow::Result<_>>()
    })?;
    Ok(PageRenderer {
        site,
        tera,
        options,
        shared,
        icon_symbols: theme
            .static_files
            .get(ICONS)
            .map(|svg| icon_symbols(&String::from_utf8_lossy(svg)))
            .unwrap_or_default(),
    })
}

fn render_pages(
    renderer: &PageRenderer<'_>,
    jobs: &[PageJob<'_>],
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let progress = renderer.options.progress.as_ref();
    if let Some(bar) = progress {
        bar.set_length(jobs.len() as u64);
    }
    jobs.par_iter().try_for_each(|job| {
        let (path, bytes) = renderer.render(job)?;
        if let Some(bar) = progress {
            bar.inc(1);
        }
        sink.put(path, bytes)
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(())
}

/// The files that belong to the whole site rather than to a page: the language chooser,
/// the sitemap, robots.txt and the root llms.txt.
fn add_site_files(renderer: &PageRenderer<'_>, sink: &dyn FileSink) -> anyhow::Result<()> {
    let site = renderer.site;
    sink.put("index.html".into(), renderer.languages_page()?)?;
    for (path, xml) in seo::sitemaps(site, &seo::sitemap_entries(site)) {
        sink.put(path, xml.into_bytes())?;
    }
    sink.put("robots.txt".into(), seo::robots_txt(site).into_bytes())?;
    if site.config.build.llms_txt {
        sink.put("llms.txt".into(), exports::root_llms_txt(site))?;
    }
    Ok(())
}

fn article_jobs<'a>(site: &'a Site, paths: &[String]) -> Vec<PageJob<'a>> {
    site.languages
        .iter()
        .flat_map(|l| {
            l.articles
                .iter()
                .enumerate()
                .filter(|(_, a)| paths.contains(&a.rel_path))
                .map(move |(i, _)| PageJob::Article(l, i))
        })
        .collect()
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
enum PageJob<'a> {
    Home(&'a Language),
    /// A category's page of its list of articles.
    Category(&'a Language, usize, Paging),
    Article(&'a Language, usize),
    Tags(&'a Language),
    Tag(&'a Language, usize, Paging),
    Contact(&'a Language),
    Search(&'a Language),
    NotFound(&'a Language),
    /// The page the embeddable widget shows in its panel.
    Widget(&'a Language),
    /// The site-wide `404.html`, in the default language.
    RootNotFound(&'a Language),
}

impl<'a> PageJob<'a> {
    fn language(&self) -> &'a Language {
        match *self {
            PageJob::Home(l)
            | PageJob::Category(l, _, _)
            | PageJob::Article(l, _)
            | PageJob::Tags(l)
            | PageJob::Tag(l, _, _)
            | PageJob::Contact(l)
            | PageJob::Search(l)
            | PageJob::NotFound(l)
            | PageJob::Widget(l)
            | PageJob::RootNotFound(l) => l,
        }
    }
}

fn page_jobs(site: &Site) -> Vec<PageJob<'_>> {
    let mut jobs = Vec::new();
    for language in &site.languages {
        jobs.extend([
            PageJob::Home(language),
            PageJob::Tags(language),
            PageJob::Contact(language),
            PageJob::Search(language),
            PageJob::NotFound(language),
            PageJob::Widget(language),
        ]);
        let per_page = site.config.build.articles_per_page;
        for (i, category) in language.categories.iter().enumerate() {
            let pages = Paging::all(category.articles.len(), per_page);
            jobs.extend(pages.map(|p| PageJob::Category(language, i, p)));
        }
        jobs.extend((0..language.articles.len()).map(|i| PageJob::Article(language, i)));
        for (i, tag) in language.tags.iter().enumerate() {
            let pages = Paging::all(tag.articles.len(), per_page);
            jobs.extend(pages.map(|p| PageJob::Tag(language, i, p)));
        }
    }
    jobs.push(PageJob::RootNotFound(site.default_language()));
    jobs
}

fn add_search_index<'a>(
    languages: impl Iterator<Item = &'a Language>,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    // One language at a time: each index is built in parallel inside, and building all at
    // once held every language's postings in memory together.
    for language in languages {
        search::build_language_index(
            &language.code,
            &search_documents(language),
            &language.synonyms,
            &strings_with(language, |key| {
                key.starts_with("search_") || key == "contact_us"
            }),
            sink,
        )?;
    }
    Ok(())
}

/// `articles.json` and `llms.txt` with the Markdown copies, unless book.toml turns them off.
fn add_exports<'a>(
    site: &Site,
    languages: impl Iterator<Item = &'a Language>,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let build = &site.config.build;
    for language in languages {
        if build.articles_json {
            exports::write_articles_json(site, language, sink)?;
        }
        if build.llms_txt {
            exports::write_llms_files(site, language, sink)?;
        }
    }
    Ok(())
}
