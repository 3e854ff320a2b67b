//! Rendering the site model into the files of the site.
//!
//! Every page is a pure function of the frozen model and the theme, so pages render in
//! parallel; the result is a sorted map from output path to bytes, which makes the output the
//! same whatever the thread count.

mod assets;
mod compact;
pub mod context;
mod exports;
mod pagination;
mod related;
pub mod seo;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;
use tera::{Context, Tera};

use crate::contact;
use crate::output::{FileSink, MemorySink};
use crate::search::{self, SearchDocument};
use crate::site::{Article, Language, Site};
use crate::theme::{describe_tera_error, Theme};
use crate::timings::phase;
use assets::{add_assets, assets_context, icon_symbols, ICONS};
use compact::compact_html;
use context::*;
use pagination::Paging;
use related::Relatedness;
use seo::{script_safe_json, SitemapEntry};

const LIVE_RELOAD_SCRIPT: &str = "/__helpbook/livereload.js";
/// The most categories every page's footer links to; the home page lists them all. A large
/// help center's full list in every footer made most of each article page's bytes.
const FOOTER_CATEGORIES: usize = 8;
/// Bytes reserved for a page before rendering it: most pages fit, so Tera's output seldom
/// has to move while it grows.
const PAGE_CAPACITY: usize = 16 * 1024;

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
            // After the pages: an alias may not take the address of a page.
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
    for (path, xml) in seo::sitemaps(site, &sitemap_entries(site)) {
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

struct PageRenderer<'a> {
    site: &'a Site,
    tera: Tera,
    options: &'a RenderOptions,
    /// What every page of a language shares, computed once per language.
    shared: FxHashMap<String, LanguageShared>,
    /// Each `<symbol id="icon-NAME">` of the theme's sprite, by NAME.
    icon_symbols: BTreeMap<String, String>,
}

/// The part of a page's context that is the same on every page of a language.
struct LanguageShared {
    context: Context,
    channels: Vec<contact::Channel>,
    relatedness: Relatedness,
    /// Each article's summary as the templates read it, by article index. Category, tag
    /// and related lists name each article many times over; converting its summary once
    /// makes each listing a shared reference.
    summaries: Vec<tera::Value>,
}

impl PageRenderer<'_> {
    fn render(&self, job: &PageJob<'_>) -> anyhow::Result<(String, Vec<u8>)> {
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

    /// The contact channels of `language` with a first message naming `prefill`'s article.
    fn prefilled_contact(&self, language: &Language, prefill: &contact::Prefill) -> Value {
        let channels = contact::with_prefill(
            &self.shared[&language.code].channels,
            &self.site.config,
            prefill,
        );
        contact_value(self.site, language, channels)
    }

    /// What a message sent from an article's page, at absolute `url`, says about the article.
    fn article_prefill(
        &self,
        language: &Language,
        article: &Article,
        url: &str,
    ) -> contact::Prefill {
        let fill = |key: &str, fallback: &str| {
            let text = language.strings.get(key).unwrap_or(fallback);
            crate::theme::i18n::fill(text, &[("title", &article.title), ("url", url)])
        };
        contact::Prefill {
            subject: fill("contact_prefill_subject", "Question about: {title}"),
            text: fill(
                "contact_prefill_text",
                "Hello! I have a question about \"{title}\" ({url}).",
            ),
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

    fn home(&self, language: &Language) -> Context {
        let alternates = self.everywhere(|l| l.home_url.clone());
        let title = language
            .strings
            .get("home_title")
            .unwrap_or(&language.title)
            .to_string();
        let page = self.page(
            "home",
            title,
            language.description.clone(),
            language.home_url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        context.insert("promoted", &self.promoted(language));
        context.insert(
            "home_articles",
            &self.summaries(language, &language.home_articles),
        );
        context.insert(
            "recent",
            &self.summaries(
                language,
                &recent_articles(language, self.site.config.build.recent_articles),
            ),
        );
        context.insert(
            "json_ld",
            &script_safe_json(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": language.title,
                "url": self.site.urls.absolute(&language.home_url),
                "inLanguage": language.code,
            })),
        );
        context
    }

    fn category(&self, language: &Language, index: usize, paging: Paging) -> Context {
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
            title: section.title.clone(),
            description: section.description.clone(),
            icon: section.icon.clone(),
            url: section.url.clone(),
            count: section.total_articles,
            count_text: language
                .strings
                .plural("articles_count", section.total_articles),
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

    fn article(&self, language: &Language, index: usize) -> Context {
        let article = &language.articles[index];
        let trail = language.trail_of(index);
        let (parent_title, parent_url) = match trail.last() {
            Some(folder) => (folder.title.as_str(), folder.url.as_str()),
            None => (language.title.as_str(), language.home_url.as_str()),
        };
        let alternates =
            self.translations(|l| l.article_by_key(article.key()).map(|a| a.url.clone()));
        let page = self.page(
            "article",
            article.title.clone(),
            article.description.clone(),
            article.url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        let mut crumbs = trail_links(&trail);
        crumbs.push(Link {
            title: article.title.clone(),
            url: article.url.clone(),
        });
        let breadcrumbs = self.breadcrumbs(language, &crumbs);
        let toc: Vec<_> = article
            .rendered
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .collect();
        let tags: Vec<Link> = article
            .tags
            .iter()
            .map(|&t| Link {
                title: language.tags[t].name.clone(),
                url: language.tags[t].url.clone(),
            })
            .collect();
        let related = self.shared[&language.code].relatedness.related(
            language,
            index,
            self.site.config.build.related_articles,
        );
        let related = self.summaries(language, &related);
        let reading_minutes = article.rendered.word_count.div_ceil(200).max(1);
        context.insert(
            "article",
            &ArticleView {
                title: &article.title,
                description: &article.description,
                html: &article.rendered.html,
                toc,
                updated: article.updated_texts.as_ref().map(|d| d.iso.as_str()),
                updated_display: article.updated_texts.as_ref().map(|d| d.display.as_str()),
                tags: tags
                    .iter()
                    .map(|t| TagView {
                        name: &t.title,
                        url: &t.url,
                    })
                    .collect(),
                category: LinkRef {
                    title: parent_title,
                    url: parent_url,
                },
                related,
                reading_minutes,
                reading_text: reading_time(language, reading_minutes),
                faq: article.faq,
                extra: &article.extra,
            },
        );
        context.insert("needs_syntax_css", &article.rendered.has_highlighted_code);
        let absolute_url = self.site.urls.absolute(&article.url);
        let prefill = self.article_prefill(language, article, &absolute_url);
        context.insert("contact", &self.prefilled_contact(language, &prefill));
        context.insert(
            "json_ld",
            &script_safe_json(&seo::article_json_ld(
                self.site,
                language,
                article,
                &absolute_url,
                &breadcrumbs,
            )),
        );
        context.insert("breadcrumbs", &breadcrumbs);
        context
    }

    fn tags(&self, language: &Language) -> Context {
        let url = self.site.urls.tags(&language.code);
        let alternates = self.everywhere(|l| self.site.urls.tags(&l.code));
        let title = language.strings.text("page_title_tags").to_string();
        let page = self.page(
            "tags",
            title.clone(),
            String::new(),
            url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        let tags: Vec<TagLink> = language
            .tags
            .iter()
            .map(|t| TagLink {
                name: t.name.clone(),
                url: t.url.clone(),
                count: t.articles.len(),
            })
            .collect();
        context.insert("tags", &tags);
        context.insert(
            "breadcrumbs",
            &self.breadcrumbs(language, &[Link { title, url }]),
        );
        context
    }

    fn tag(&self, language: &Language, index: usize, paging: Paging) -> Context {
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

    /// A page every language has, whose only content comes from the template.
    fn simple(
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

    fn widget(&self, language: &Language) -> Context {
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

    fn not_found(&self, language: &Language) -> Context {
        let url = format!("{}404.html", language.home_url);
        let title = language.strings.text("page_title_not_found").to_string();
        let page = self.page("not_found", title, String::new(), url, Vec::new());
        self.base_context(language, page)
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

    /// `/`: the list of languages, whose script picks the visitor's preferred one.
    fn languages_page(&self) -> anyhow::Result<Vec<u8>> {
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

/// "3 min read" in `language`: its plural forms where its strings have them, else the
/// number before the older `minutes_read` text of sites' own strings files.
fn reading_time(language: &Language, minutes: usize) -> String {
    if language.strings.get("reading_time_other").is_some() {
        language.strings.plural("reading_time", minutes)
    } else {
        format!("{minutes} {}", language.strings.text("minutes_read"))
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

/// Everything on a language's pages that does not depend on the page.
fn language_shared(
    site: &Site,
    language: &Language,
    tera: &Tera,
) -> anyhow::Result<LanguageShared> {
    let channels = contact::channels_for(&site.config, &language.code, &language.strings);
    let mut context = Context::new();
    context.insert("site", &SiteContext::new(site, language));
    context.insert("lang", &LanguageContext::new(language));
    context.insert("t", language.strings.values());
    context.insert("home_url", &language.home_url);
    let nav = nav_of(language);
    context.insert("footer_nav", &nav[..nav.len().min(FOOTER_CATEGORIES)]);
    context.insert("nav", &nav);
    context.insert(
        "own_pages",
        &serde_json::json!({
            "search": site.urls.search(&language.code),
            "tags": site.urls.tags(&language.code),
            "contact": site.urls.contact(&language.code),
            "widget": site.urls.widget(&language.code),
        }),
    );
    context.insert("contact", &contact_value(site, language, channels.clone()));
    context.insert(
        "feedback",
        &serde_json::json!({
            "endpoint": site.config.feedback.endpoint.clone().unwrap_or_default(),
            "analytics": site.config.feedback.analytics.clone().unwrap_or_default(),
        }),
    );
    context.insert("announcements", &announcements(site, language));
    context.insert("assets", &assets_context(site));
    context.insert("strings_json", &script_safe_json(&script_strings(language)));
    context.insert("build_date", &site.build_date.to_string());
    let parts = language_parts(tera, &context)?;
    context.insert("parts", &parts);
    Ok(LanguageShared {
        context,
        channels,
        relatedness: Relatedness::of(language),
        summaries: article_summaries(language),
    })
}

/// The parts of every page that depend on nothing but the language, each rendered once per
/// language from the language's shared variables. Rendered on each page, the footer and the
/// header's search form were a sixth of all template work; the feedback box's texts were
/// eight of an article page's 157 variable lookups.
const LANGUAGE_PARTS: [(&str, &str); 3] = [
    ("footer", "partials/footer.html"),
    ("search_form", "partials/search_form.html"),
    ("feedback", "partials/feedback.html"),
];

fn language_parts(tera: &Tera, shared: &Context) -> anyhow::Result<BTreeMap<&'static str, String>> {
    LANGUAGE_PARTS
        .into_iter()
        .map(|(name, template)| {
            let html = tera
                .render(template, shared)
                .map_err(|e| template_error(template, &e))?;
            Ok((name, html))
        })
        .collect()
}

fn template_error(template: &str, err: &tera::Error) -> anyhow::Error {
    crate::error::Error::Template(format!(
        "cannot render template {template}: {}",
        describe_tera_error(err)
    ))
    .into()
}

/// The `contact` variable of templates.
fn contact_value(site: &Site, language: &Language, channels: Vec<contact::Channel>) -> Value {
    let data = serde_json::json!({ "schedules": contact::schedules_json(&site.config) });
    serde_json::json!({
        "channels": channels,
        "page_url": site.urls.contact(&language.code),
        "data_json": script_safe_json(&data),
    })
}

/// Banners for `language` that have not ended by the build date. Those not yet started
/// are rendered hidden; the script shows and hides them by the visitor's date.
fn announcements(site: &Site, language: &Language) -> Vec<Value> {
    let fallback = site.config.default_language();
    let today = site.build_date.to_string();
    let as_date =
        |d: &Option<toml::value::Datetime>| d.as_ref().and_then(|d| d.date).map(|d| d.to_string());
    site.config
        .announcements
        .iter()
        .filter_map(|a| {
            let text = a.text.get(&language.code, fallback)?;
            let (starts, ends) = (as_date(&a.starts), as_date(&a.ends));
            if ends.as_ref().is_some_and(|end| *end < today) {
                return None;
            }
            let link = a.link.as_ref().and_then(|l| l.get(&language.code, fallback)).map(|l| match l.strip_prefix('/') {
                Some(path) => format!("{}{path}", site.urls.base_path),
                None => l.to_string(),
            });
            let active = starts.as_ref().is_none_or(|start| *start <= today);
            Some(serde_json::json!({
                "id": a.id, "text": text, "link": link.unwrap_or_default(),
                "starts": starts.unwrap_or_default(), "ends": ends.unwrap_or_default(), "active": active,
            }))
        })
        .collect()
}

/// Strings the scripts need, for a JSON block on every page.
/// The page carries only what the contact status script needs; the search strings travel in
/// the search index's root, which only a search loads.
fn script_strings(language: &Language) -> Value {
    strings_with(language, |key| {
        key.starts_with("status_") || key == "contact_us"
    })
}

/// The interface strings whose keys `wanted` accepts.
fn strings_with(language: &Language, wanted: impl Fn(&str) -> bool) -> Value {
    let strings: serde_json::Map<String, Value> = language
        .strings
        .values()
        .iter()
        .filter(|(key, _)| wanted(key))
        .filter_map(|(key, value)| value.as_str().map(|v| (key.clone(), Value::from(v))))
        .collect();
    Value::Object(strings)
}

/// The indices of `language`'s `limit` most recently updated articles, newest first.
fn recent_articles(language: &Language, limit: usize) -> Vec<usize> {
    let mut dated: Vec<usize> = (0..language.articles.len())
        .filter(|&i| language.articles[i].updated.is_some())
        .collect();
    let articles = &language.articles;
    dated.sort_by(|&a, &b| {
        articles[b]
            .updated
            .cmp(&articles[a].updated)
            .then_with(|| articles[a].title.cmp(&articles[b].title))
    });
    dated.truncate(limit);
    dated
}

fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    let mut entries = Vec::new();
    for language in &site.languages {
        entries.push(SitemapEntry {
            url: language.home_url.clone(),
            updated: None,
            alternates: alternates(site, |l| Some(l.home_url.clone())),
        });
        for category in &language.categories {
            entries.push(SitemapEntry {
                url: category.url.clone(),
                updated: None,
                alternates: alternates(site, |l| {
                    l.category_by_folder(&category.folder)
                        .map(|c| c.url.clone())
                }),
            });
        }
        for article in &language.articles {
            entries.push(SitemapEntry {
                url: article.url.clone(),
                updated: article.updated.map(|d| d.to_string()),
                alternates: alternates(site, |l| {
                    l.article_by_key(article.key()).map(|a| a.url.clone())
                }),
            });
        }
    }
    entries
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

/// What search knows of each article of a language.
pub fn search_documents(language: &Language) -> Vec<SearchDocument<'_>> {
    language
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| SearchDocument {
            url: &article.url,
            title: &article.title,
            description: &article.description,
            headings: article
                .rendered
                .headings
                .iter()
                .map(|h| h.text.as_str())
                .collect(),
            body: &article.rendered.plain_text,
            tags: article
                .tags
                .iter()
                .map(|&t| language.tags[t].name.as_str())
                .collect(),
            category: folder_label(language, index),
            promoted: article.promoted,
            updated: article.updated.map(|d| d.to_string()),
        })
        .collect()
}

/// Where an article sits, as search results show it: its category, and the sections down to
/// its own (`Resources › VPN`); empty beside the home page.
fn folder_label(language: &Language, index: usize) -> std::borrow::Cow<'_, str> {
    match language.trail_of(index).as_slice() {
        [] => "".into(),
        [category] => category.title.as_str().into(),
        trail => {
            let titles: Vec<&str> = trail.iter().map(|c| c.title.as_str()).collect();
            titles.join(" › ").into()
        }
    }
}

/// Pages at the old URLs of articles, sending visitors on to where the article lives now.
fn add_redirects(renderer: &PageRenderer<'_>, sink: &dyn FileSink) -> anyhow::Result<()> {
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
