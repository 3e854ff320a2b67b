//! The site model: languages, categories, articles and tags, built once and then only read.
//!
//! Everything later stages need is decided here (URLs, order, translations, rendered
//! Markdown), so rendering pages is a pure function of this model and the theme and can run in
//! parallel. Order is always explicit: (weight, title) for articles and categories, name for
//! tags, so two builds are byte-identical.
//!
//! One exception, on purpose: `apply_body_edits` renders the Markdown of edited articles
//! into a model already built, so that `serve` shows an edit without building the model of
//! a large site again. Nothing else changes a `Site` once `build` returned it, and that
//! function never runs while a render is reading the model (serve holds it by `&mut`).

mod aliases;
pub mod sections;
mod urls;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{ArticleSource, AssetSource, ContentSources, LanguageSources};
use crate::error::{Location, SourceError, SourceErrors, Warning};
use crate::markdown::{
    self, AlertTitles, LinkTargets, MarkdownInput, MarkdownOptions, RenderedMarkdown,
};
use crate::slug::slugify;
use crate::theme::Strings;
pub use aliases::alias_file;
pub use sections::Category;
pub use urls::{base_path_of, list_page_url, list_pages, OwnPages, Urls};

/// Choices made on the command line rather than in book.toml.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    pub include_drafts: bool,
    /// Replaces `site.base_url`, e.g. for `serve` or a preview deployment.
    pub base_url: Option<String>,
    /// The day the build counts as today.
    pub today: Option<Date>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    pub languages: Vec<Language>,
    /// Files from the site's `static/` folder, copied to the output root.
    pub static_files: Vec<AssetSource>,
    pub warnings: Vec<Warning>,
    pub build_date: Date,
    /// Content paths of drafts left out, so links to them are not reported as missing.
    drafts: Vec<String>,
    /// Content paths of Markdown files left out because they could not be read (only `check`
    /// builds a model without them), so links to them are not reported as missing either.
    unreadable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn of(lang: &str) -> Direction {
        let primary = lang.split('-').next().unwrap_or(lang);
        match primary {
            "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "ckb" | "dv" | "sd" | "ug" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

#[derive(Debug)]
pub struct Language {
    pub code: String,
    /// The language's own name, for the switcher.
    pub name: String,
    pub dir: Direction,
    /// The help center's title in this language.
    pub title: String,
    pub description: String,
    pub home_url: String,
    /// Categories and their sections in tree order: each before its sections, siblings by
    /// (weight, title).
    pub categories: Vec<Category>,
    /// Ordered by category or section, then (weight, title); those directly under the
    /// language first.
    pub articles: Vec<Article>,
    /// Articles directly under the language, beside its home page, in order.
    pub home_articles: Vec<usize>,
    /// Ordered by slug.
    pub tags: Vec<Tag>,
    pub assets: Vec<AssetSource>,
    pub synonyms: Vec<Vec<String>>,
    pub strings: Strings,
    /// `category/slug` of each article, to find translations.
    by_key: FxHashMap<String, usize>,
}

#[derive(Debug)]
pub struct Article {
    pub slug: String,
    /// Index into the language's categories of the category or section the article is in;
    /// `None` for an article directly under the language.
    pub category: Option<usize>,
    pub rel_path: String,
    pub display_path: std::path::PathBuf,
    pub title: String,
    pub description: String,
    pub tags: Vec<usize>,
    pub updated: Option<Date>,
    /// `updated` as text, made once: lists of related articles show it on many pages.
    pub updated_texts: Option<DateTexts>,
    pub weight: i64,
    pub promoted: bool,
    pub draft: bool,
    pub faq: bool,
    pub aliases: Vec<String>,
    pub url: String,
    pub rendered: RenderedMarkdown,
    /// Fingerprint of everything `rendered` was made from, so `serve` can reuse it.
    pub rendered_from: u64,
    /// The source's `front_fingerprint`: `serve` sees from it that an edit left the front
    /// matter as it was.
    pub front_from: u64,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The Markdown body as written, for the exports' Markdown copies, when the bodies of the
    /// whole site are small enough to keep (`KEPT_BODIES_LIMIT`); else the exports read the
    /// file again.
    pub body: Option<String>,
}

/// A date written out for pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTexts {
    /// `YYYY-MM-DD`, for machines.
    pub iso: String,
    /// As the language writes dates, for people.
    pub display: String,
}

impl Article {
    /// The source path under the language without its extension (`returns/policy/refunds`),
    /// the same in every language for translations of one article.
    pub fn key(&self) -> &str {
        key_of(&self.rel_path).unwrap_or_default()
    }
}

/// The translation key of the article at content path `rel_path` (`en/returns/refunds.md`).
fn key_of(rel_path: &str) -> Option<&str> {
    let (_, rest) = rel_path.split_once('/')?;
    let (folder, file) = rest.rsplit_once('/').unwrap_or(("", rest));
    let stem = crate::content::markdown_stem(file)?;
    Some(&rest[..folder.len() + usize::from(!folder.is_empty()) + stem.len()])
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub articles: Vec<usize>,
}

impl Site {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The language and index of the article at `rel_path` (`en/returns/refunds.md`).
    fn article_position(&self, rel_path: &str) -> Option<(usize, usize)> {
        let (code, _) = rel_path.split_once('/')?;
        let key = key_of(rel_path)?;
        let lang = self.languages.iter().position(|l| l.code == code)?;
        let index = *self.languages[lang].by_key.get(key)?;
        Some((lang, index))
    }

    /// The article read from `rel_path`, if it is one of the site's.
    pub fn article_at(&self, rel_path: &str) -> Option<&Article> {
        let (lang, index) = self.article_position(rel_path)?;
        Some(&self.languages[lang].articles[index])
    }

    /// Whether any file the model was made from is at `rel_path` or inside it: an article,
    /// a left-out draft, a category's or language's `_index.md` (present or not), an asset.
    pub fn has_content_at_or_under(&self, rel_path: &str) -> bool {
        let inside = |path: &str| {
            path.strip_prefix(rel_path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        self.drafts.iter().any(|d| inside(d))
            || self.languages.iter().any(|language| {
                let code = &language.code;
                inside(&format!("{code}/_index.md"))
                    || language
                        .categories
                        .iter()
                        .any(|c| inside(&format!("{code}/{}/_index.md", c.folder)))
                    || language.articles.iter().any(|a| inside(&a.rel_path))
                    || language.assets.iter().any(|a| inside(&a.rel_path))
            })
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Number of articles in all languages.
    pub fn article_count(&self) -> usize {
        self.languages.iter().map(|l| l.articles.len()).sum()
    }
}

impl Language {
    /// The translation of the article with `key` in this language, if written.
    pub fn article_by_key(&self, key: &str) -> Option<&Article> {
        self.by_key.get(key).map(|&i| &self.articles[i])
    }

    /// The category or section made from `folder` (`resources/vpn`) in this language.
    pub fn category_by_folder(&self, folder: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.folder == folder)
    }

    /// The top-level categories, in order.
    pub fn top_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| c.is_category())
    }

    /// The category of the article at `index` and each section down to its own, in order.
    pub fn trail_of(&self, index: usize) -> Vec<&Category> {
        self.articles[index]
            .category
            .map_or_else(Vec::new, |c| self.trail_of_node(c))
    }

    /// Where the category or section at `index` sits, as search results and the exports show
    /// it: its category and the sections down to it (`Orders › Tracking › Couriers`).
    pub fn node_label(&self, index: usize) -> std::borrow::Cow<'_, str> {
        match self.trail_of_node(index).as_slice() {
            [category] => category.title.as_str().into(),
            trail => {
                let titles: Vec<&str> = trail.iter().map(|c| c.title.as_str()).collect();
                titles.join(" › ").into()
            }
        }
    }

    /// The category or section at `index` with every one above it, from the category down.
    pub fn trail_of_node(&self, index: usize) -> Vec<&Category> {
        sections::chain(&self.categories, index)
            .into_iter()
            .map(|i| &self.categories[i])
            .collect()
    }
}

/// Builds the model from what `content` read, rendering every article's Markdown.
pub fn build(
    config: Config,
    sources: ContentSources,
    static_files: Vec<AssetSource>,
    strings: &BTreeMap<String, Strings>,
    options: &SiteOptions,
    previous: Option<&Site>,
) -> Result<Site, SourceErrors> {
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| config.site.base_url.clone());
    let mut moved_pages = Vec::new();
    let urls = urls_around_writers_pages(&base_url, &sources, &mut moved_pages);
    let mut warnings = sources.warnings;
    warnings.append(&mut moved_pages);
    let unreadable: Vec<String> = sources.broken.into_iter().map(|b| b.rel_path).collect();
    let mut errors = Vec::new();
    let mut drafts = Vec::new();
    let mut languages = Vec::new();
    let mut bodies = Vec::new();
    // Languages are assembled side by side (ordering and tagging a language's articles
    // runs on one core); what each reports keeps the order of the languages.
    let assembled: Vec<_> = sources
        .languages
        .into_par_iter()
        .map(|lang_sources| {
            let lang_strings = strings.get(&lang_sources.lang).cloned().unwrap_or_default();
            let (mut lang_warnings, mut lang_errors) = (Vec::new(), Vec::new());
            let assembled = assemble_language(
                &config,
                &urls,
                lang_sources,
                lang_strings,
                options,
                &mut lang_warnings,
                &mut lang_errors,
            );
            (assembled, lang_warnings, lang_errors)
        })
        .collect();
    for (assembled, mut lang_warnings, mut lang_errors) in assembled {
        warnings.append(&mut lang_warnings);
        errors.append(&mut lang_errors);
        languages.push(assembled.language);
        bodies.push(assembled.bodies);
        drafts.extend(assembled.drafts);
    }
    errors.extend(aliases::alias_errors(
        &config,
        &urls,
        &languages,
        &static_files,
    ));
    if !errors.is_empty() {
        return Err(SourceErrors(errors));
    }
    let links = SiteLinks::new(&urls, &languages, &drafts, &unreadable);
    let reusable = previous.map(reusable_markdown).unwrap_or_default();
    let body_bytes: usize = bodies.iter().flatten().map(|b| b.text.len()).sum();
    let keep_bodies = body_bytes <= KEPT_BODIES_LIMIT;
    render_markdown(
        &mut languages,
        bodies,
        &links,
        &config,
        &reusable,
        keep_bodies,
    );
    for language in &languages {
        for article in &language.articles {
            warnings.extend(article.rendered.warnings.iter().cloned());
        }
    }
    warnings.sort_by(|a, b| warning_order(a).cmp(&warning_order(b)));
    Ok(Site {
        build_date: options.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        config,
        urls,
        languages,
        static_files,
        warnings,
        drafts,
        unreadable,
    })
}

/// The site's URLs, with each of helpbook's own pages whose usual place a writer's top-level
/// folder or article takes moved aside (and a warning that says so).
fn urls_around_writers_pages(
    base_url: &str,
    sources: &ContentSources,
    warnings: &mut Vec<Warning>,
) -> Urls {
    let taken = writers_top_segments(sources);
    let (own, moved) = OwnPages::avoiding(|segment| taken.contains_key(segment));
    for (usual, aside) in moved {
        warnings.push(
            Warning::in_file(
                &taken[usual],
                format!(
                    "this takes `/<lang>/{usual}/`, the usual place of helpbook's {usual} page: \
                     that page moves to `/<lang>/{aside}/` in every language"
                ),
            )
            .rule("moved-page"),
        );
    }
    Urls {
        own,
        ..Urls::new(base_url)
    }
}

/// The URL segments that writers' top-level folders and articles take, in any language,
/// each with the first file or folder that takes it.
fn writers_top_segments(sources: &ContentSources) -> BTreeMap<String, std::path::PathBuf> {
    let mut taken = BTreeMap::new();
    let mut unused = Vec::new();
    for language in &sources.languages {
        let chosen: HashMap<&str, Option<&str>> = language
            .categories
            .iter()
            .filter(|c| !c.folder().contains('/'))
            .map(|c| (c.folder(), c.front.slug.as_deref()))
            .collect();
        let top_folders = language
            .categories
            .iter()
            .map(|c| c.folder())
            .chain(language.articles.iter().map(|a| a.folder()))
            .filter_map(|folder| folder.split('/').next().filter(|f| !f.is_empty()));
        for name in top_folders {
            let path = language.dir.join(name);
            let slug = chosen.get(name).copied().flatten();
            let segment = sections::chosen_segment(name, slug, &path, "", &mut unused);
            taken.entry(segment).or_insert(path);
        }
        for article in language.articles.iter().filter(|a| a.folder().is_empty()) {
            let path = &article.display_path;
            let slug = article.front.slug.as_deref();
            let segment = sections::chosen_segment(article.stem(), slug, path, "", &mut unused);
            taken.entry(segment).or_insert_with(|| path.clone());
        }
    }
    taken
}

/// Where the links of articles can lead, with its fingerprint: the same for every edit that
/// leaves the site's articles where they are, so `serve` makes it once per model.
pub struct SiteLinks {
    targets: LinkTargets,
    fingerprint: u64,
}

impl SiteLinks {
    fn new(
        urls: &Urls,
        languages: &[Language],
        drafts: &[String],
        unreadable: &[String],
    ) -> SiteLinks {
        let targets = link_targets(urls, languages, drafts, unreadable);
        SiteLinks {
            fingerprint: crate::fingerprint::of(&targets.fingerprint_parts()),
            targets,
        }
    }
}

impl Site {
    pub fn links(&self) -> SiteLinks {
        SiteLinks::new(&self.urls, &self.languages, &self.drafts, &self.unreadable)
    }
}

/// The only change made to a model after it is built (see the module's doc): applies edits
/// that changed nothing but articles' bodies, rendering only their Markdown, which is what
/// `serve` does when a writer saves an article. Returns the content paths of the articles
/// whose Markdown changed, or `None`, leaving `site` as it was, when an edit is not to a
/// known article's body alone and the model must be built again. The result is the model
/// `build` would make of the edited files: serve's tests compare the two.
pub fn apply_body_edits(
    site: &mut Site,
    edits: Vec<ArticleSource>,
    links: &SiteLinks,
) -> Option<Vec<String>> {
    let mut places = Vec::with_capacity(edits.len());
    for edit in &edits {
        let (lang, index) = site.article_position(&edit.rel_path)?;
        if site.languages[lang].articles[index].front_from != edit.front_fingerprint {
            return None;
        }
        places.push((lang, index));
    }
    let mut changed = Vec::new();
    for ((lang, index), edit) in places.into_iter().zip(edits) {
        let language = &mut site.languages[lang];
        let options = markdown_options(&language.strings, &site.config);
        let markdown = MarkdownFingerprints::of(links.fingerprint, &options);
        let article = &mut language.articles[index];
        let before = std::mem::take(&mut article.rendered.warnings);
        let keep_body = article.body.is_some();
        let body = ArticleBody {
            text: edit.body,
            first_line: edit.body_line,
        };
        let previous_fingerprint = article.rendered_from;
        render_article_markdown(
            article,
            body,
            &links.targets,
            &options,
            markdown,
            None,
            keep_body,
        );
        if article.rendered_from != previous_fingerprint {
            changed.push(article.rel_path.clone());
        }
        for warning in &before {
            if let Some(at) = site.warnings.iter().position(|w| w == warning) {
                site.warnings.remove(at);
            }
        }
        site.warnings
            .extend(article.rendered.warnings.iter().cloned());
    }
    site.warnings
        .sort_by(|a, b| warning_order(a).cmp(&warning_order(b)));
    Some(changed)
}

fn warning_order(w: &Warning) -> (Option<(&std::path::Path, usize, usize)>, &str) {
    (
        w.location
            .as_ref()
            .map(|l| (l.path.as_path(), l.line, l.column)),
        &w.message,
    )
}

/// A language's categories and articles, ordered and with URLs, waiting for their Markdown to
/// be rendered once every URL of the site is known.
struct AssembledLanguage {
    language: Language,
    /// The Markdown body of each article, in the order of `language.articles`.
    bodies: Vec<ArticleBody>,
    /// Content paths of drafts left out, so links to them are not reported as missing.
    drafts: Vec<String>,
}

struct ArticleBody {
    text: String,
    first_line: usize,
}

fn assemble_language(
    config: &Config,
    urls: &Urls,
    sources: LanguageSources,
    strings: Strings,
    options: &SiteOptions,
    warnings: &mut Vec<Warning>,
    errors: &mut Vec<SourceError>,
) -> AssembledLanguage {
    let code = sources.lang.clone();
    let lang_config = config.language.get(&code).cloned().unwrap_or_default();
    let home = sources.home.as_ref();
    let title = lang_config
        .title
        .or_else(|| home.and_then(|h| h.front.title.clone()))
        .unwrap_or_else(|| config.site.title.clone());
    let description = lang_config
        .description
        .or_else(|| home.and_then(|h| h.front.description.clone()))
        .or_else(|| config.site.description.clone())
        .unwrap_or_default();
    let name = lang_config
        .name
        .or_else(|| strings.get("language_name").map(str::to_string))
        .unwrap_or_else(|| code.clone());

    let (articles, drafts): (Vec<ArticleSource>, Vec<ArticleSource>) = sources
        .articles
        .into_iter()
        .partition(|a| options.include_drafts || !a.front.draft);
    let home_url = urls.language_home(&code);
    let article_folders = articles
        .iter()
        .map(|a| a.folder().to_string())
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>();
    let mut categories = sections::tree(
        &home_url,
        &sources.dir,
        sources.categories,
        article_folders.into_iter(),
        warnings,
    );
    let by_folder: FxHashMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.folder.as_str(), i))
        .collect();
    let mut pending: Vec<PendingArticle> = articles
        .into_iter()
        .map(|source| new_article(&home_url, source, &categories, &by_folder, warnings))
        .collect();
    pending.sort_by(|a, b| {
        let (a, b) = (&a.article, &b.article);
        (a.category, a.weight, &a.title, &a.slug).cmp(&(b.category, b.weight, &b.title, &b.slug))
    });
    let mut home_articles = Vec::new();
    for (i, p) in pending.iter().enumerate() {
        match p.article.category {
            Some(c) => categories[c].articles.push(i),
            None => home_articles.push(i),
        }
    }
    sections::count_articles(&mut categories);
    report_url_clashes(&code, urls, &sources.dir, &categories, &pending, errors);
    let tags = collect_tags(&code, urls, &mut pending, warnings);
    let (mut articles, bodies): (Vec<Article>, Vec<ArticleBody>) =
        pending.into_iter().map(|p| (p.article, p.body)).unzip();
    for article in &mut articles {
        article.updated_texts = article.updated.map(|date| DateTexts {
            iso: date.to_string(),
            display: strings.format_date(date),
        });
    }
    let by_key = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.key().to_string(), i))
        .collect();
    let language = Language {
        home_url,
        home_articles,
        dir: Direction::of(&code),
        code,
        name,
        title,
        description,
        categories,
        articles,
        tags,
        assets: sources.assets,
        synonyms: sources.synonyms,
        strings,
        by_key,
    };
    AssembledLanguage {
        language,
        bodies,
        drafts: drafts.into_iter().map(|d| d.rel_path).collect(),
    }
}

/// Reports every URL that two of the writer's files or folders would share, or that one
/// shares with helpbook's own pages: one of them would be lost from the site.
fn report_url_clashes(
    lang: &str,
    urls: &Urls,
    lang_dir: &std::path::Path,
    categories: &[Category],
    articles: &[PendingArticle],
    errors: &mut Vec<SourceError>,
) {
    let own = urls.own_page_urls(lang);
    let mut owners: FxHashMap<&str, std::path::PathBuf> = FxHashMap::default();
    let own_page = std::path::PathBuf::from("(helpbook's own page)");
    for (url, _) in &own {
        owners.insert(url, own_page.clone());
    }
    let folders = categories
        .iter()
        .map(|c| (c.url.as_str(), lang_dir.join(&c.folder)));
    let files = articles
        .iter()
        .map(|p| (p.article.url.as_str(), p.article.display_path.clone()));
    for (url, path) in folders.chain(files) {
        match owners.get(url) {
            Some(first) => errors.push(
                SourceError::new(
                    format!(
                        "`{url}` would be the address of both this and {}",
                        first.display()
                    ),
                    Location {
                        path: path.clone(),
                        line: 1,
                        column: 1,
                    },
                )
                .with_help("rename one of them, or give one a `slug` in its front matter"),
            ),
            None => {
                owners.insert(url, path);
            }
        }
    }
}

/// An article whose tags and Markdown are still to be done.
struct PendingArticle {
    article: Article,
    tag_names: Vec<String>,
    body: ArticleBody,
}

fn new_article(
    home_url: &str,
    source: ArticleSource,
    categories: &[Category],
    by_folder: &FxHashMap<&str, usize>,
    warnings: &mut Vec<Warning>,
) -> PendingArticle {
    let slug = sections::chosen_segment(
        source.stem(),
        source.front.slug.as_deref(),
        &source.display_path,
        "file",
        warnings,
    );
    let name = source.stem().to_string();
    let category = by_folder.get(source.folder()).copied();
    let front = source.front;
    let mut body = source.body;
    let parent_url = category.map_or(home_url, |c| categories[c].url.as_str());
    let opening = leading_heading(&body);
    let title = match (front.title, opening) {
        (Some(title), opening) if !title.trim().is_empty() => {
            // The page shows the title as its heading: the same heading again in the body,
            // as Jekyll writers often have, would show twice.
            if let Some((_, line)) = opening.filter(|(text, _)| same_words(text, &title)) {
                body.replace_range(line, "");
            }
            title
        }
        // MkDocs, Docusaurus and GitHub take an untitled page's title from its opening
        // `# heading`; its line is emptied so later lines keep their numbers.
        (_, Some((text, line))) => {
            body.replace_range(line, "");
            text
        }
        _ => {
            warnings.push(
                Warning::in_file(
                    &source.display_path,
                    "article has no `title` and does not open with a `# heading`; using its file name",
                )
                .rule("missing-title"),
            );
            humanize(&name)
        }
    };
    let article = Article {
        url: format!("{parent_url}{slug}/"),
        slug,
        category,
        rel_path: source.rel_path,
        display_path: source.display_path,
        title,
        description: front.description.unwrap_or_default(),
        tags: Vec::new(),
        updated: front.updated,
        updated_texts: None,
        weight: front.weight.unwrap_or(0),
        promoted: front.promoted,
        draft: front.draft,
        faq: front.faq,
        aliases: front.aliases,
        rendered: RenderedMarkdown::default(),
        rendered_from: 0,
        front_from: source.front_fingerprint,
        extra: front.extra,
        body: None,
    };
    PendingArticle {
        article,
        tag_names: front.tags,
        body: ArticleBody {
            text: body,
            first_line: source.body_line,
        },
    }
}

/// The text of the `# heading` that opens `body`, if one does, with the byte range of its
/// line. A closing run of `#` and a `{#id}` are not part of the text.
fn leading_heading(body: &str) -> Option<(String, std::ops::Range<usize>)> {
    let start = body.len() - body.trim_start().len();
    let start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let line = body[start..end].trim_end_matches('\r');
    let text = line
        .strip_prefix("# ")
        .or_else(|| line.strip_prefix("#\t"))?;
    let text = match text.trim_end().rsplit_once(" {#") {
        Some((before, id)) if id.ends_with('}') => before,
        _ => text,
    };
    let text = text.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| (text.to_string(), start..end))
}

/// Whether two titles say the same, leaving case and spacing aside.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

fn collect_tags(
    lang: &str,
    urls: &Urls,
    articles: &mut [PendingArticle],
    warnings: &mut Vec<Warning>,
) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, pending) in articles.iter().enumerate() {
        for name in &pending.tag_names {
            let article = &pending.article;
            let slug = slugify(name);
            if slug.is_empty() {
                warnings.push(Warning::in_file(
                    &article.display_path,
                    format!("tag `{name}` has no letters or digits; ignored"),
                ));
                continue;
            }
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                url: urls.tag(lang, &slug),
                name: name.trim().to_string(),
                slug,
                articles: Vec::new(),
            });
            // Articles come in order, so a tag named twice by one article has it last.
            // (A search of the whole list made this quadratic in a popular tag's size.)
            if tag.articles.last() != Some(&i) {
                tag.articles.push(i);
            }
        }
    }
    let tags: Vec<Tag> = tags.into_values().collect();
    for (t, tag) in tags.iter().enumerate() {
        for &a in &tag.articles {
            articles[a].article.tags.push(t);
        }
    }
    tags
}

fn link_targets(
    urls: &Urls,
    languages: &[Language],
    drafts: &[String],
    unreadable: &[String],
) -> LinkTargets {
    let mut targets = LinkTargets {
        base_path: urls.base_path.clone(),
        ..Default::default()
    };
    for language in languages {
        for article in &language.articles {
            targets
                .pages
                .insert(article.rel_path.clone(), article.url.clone());
        }
        for category in &language.categories {
            targets.pages.insert(
                format!("{}/{}/_index.md", language.code, category.folder),
                category.url.clone(),
            );
        }
        targets.pages.insert(
            format!("{}/_index.md", language.code),
            language.home_url.clone(),
        );
        for asset in &language.assets {
            targets.files.insert(asset.rel_path.clone());
        }
    }
    for draft in drafts {
        // A link to a draft goes nowhere on the published site; `check` reports it.
        targets.pages.insert(draft.clone(), "#draft".to_string());
    }
    for path in unreadable {
        // Its page is not known, and `check` reports the file itself; a category whose
        // `_index.md` is unreadable keeps the page it has without it.
        targets
            .pages
            .entry(path.clone())
            .or_insert_with(|| "#unreadable".to_string());
    }
    targets
}

/// Articles of a previous model by content path, whose Markdown can be reused when its
/// fingerprint has not changed.
fn reusable_markdown(previous: &Site) -> HashMap<&str, &Article> {
    previous
        .languages
        .iter()
        .flat_map(|l| l.articles.iter())
        .map(|a| (a.rel_path.as_str(), a))
        .collect()
}

/// The most Markdown, in bytes over the whole site, that the model keeps after rendering
/// it. Below it the exports' Markdown copies come from memory: reading 10,000 sources a
/// second time was about 40,000 system calls. Above it a site's sources would weigh on peak
/// memory (280 MB at 100,000 articles), so the copies are read from disk again.
const KEPT_BODIES_LIMIT: usize = 64 << 20;

fn render_markdown(
    languages: &mut [Language],
    bodies: Vec<Vec<ArticleBody>>,
    links: &SiteLinks,
    config: &Config,
    reusable: &HashMap<&str, &Article>,
    keep_bodies: bool,
) {
    for (language, bodies) in languages.iter_mut().zip(bodies) {
        let options = markdown_options(&language.strings, config);
        let fingerprints = MarkdownFingerprints::of(links.fingerprint, &options);
        language
            .articles
            .par_iter_mut()
            .zip(bodies.into_par_iter())
            .for_each(|(article, body)| {
                let previous = reusable.get(article.rel_path.as_str()).copied();
                render_article_markdown(
                    article,
                    body,
                    &links.targets,
                    &options,
                    fingerprints,
                    previous,
                    keep_bodies,
                );
            });
    }
}

fn markdown_options(strings: &Strings, config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        alert_titles: alert_titles(strings),
        allow_raw_html: config.build.allow_raw_html,
    }
}

/// Fingerprints of what every article of a language renders its Markdown with.
#[derive(Debug, Clone, Copy)]
struct MarkdownFingerprints {
    targets: u64,
    options: u64,
}

impl MarkdownFingerprints {
    fn of(targets: u64, options: &MarkdownOptions) -> Self {
        MarkdownFingerprints {
            targets,
            options: crate::fingerprint::of(&format!("{options:?}")),
        }
    }
}

/// Renders `body` into `article.rendered`, or takes `previous`'s when it was made from the
/// same inputs.
fn render_article_markdown(
    article: &mut Article,
    body: ArticleBody,
    targets: &LinkTargets,
    options: &MarkdownOptions,
    fingerprints: MarkdownFingerprints,
    previous: Option<&Article>,
    keep_body: bool,
) {
    article.rendered_from = crate::fingerprint::of(&(
        &body.text,
        body.first_line,
        article.faq,
        fingerprints.targets,
        fingerprints.options,
    ));
    article.rendered = match previous {
        Some(old) if old.rendered_from == article.rendered_from => old.rendered.clone(),
        _ => {
            let input = MarkdownInput {
                body: &body.text,
                body_line: body.first_line,
                display_path: &article.display_path,
                rel_path: &article.rel_path,
                faq: article.faq,
            };
            markdown::render(input, targets, options)
        }
    };
    if keep_body {
        article.body = Some(body.text);
    }
}

fn alert_titles(strings: &Strings) -> AlertTitles {
    let defaults = AlertTitles::default();
    let pick = |key: &str, fallback: String| strings.get(key).map_or(fallback, str::to_string);
    AlertTitles {
        note: pick("alert_note", defaults.note),
        tip: pick("alert_tip", defaults.tip),
        important: pick("alert_important", defaults.important),
        warning: pick("alert_warning", defaults.warning),
        caution: pick("alert_caution", defaults.caution),
    }
}

/// `order-status` to `Order status`, for things the writer left untitled.
pub fn humanize(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opening_heading_is_found_with_its_line() {
        let cases: [(&str, Option<(&str, &str)>); 8] = [
            (
                "# How to upgrade\n\nText",
                Some(("How to upgrade", "# How to upgrade")),
            ),
            ("\n\n# Title ##\nText", Some(("Title", "# Title ##"))),
            (
                "# Zwroty {#returns}\r\nText",
                Some(("Zwroty", "# Zwroty {#returns}\r")),
            ),
            ("#\tTabbed", Some(("Tabbed", "#\tTabbed"))),
            ("Intro first\n\n# Later", None),
            ("## Second level", None),
            ("#hashtag", None),
            ("# \nText", None),
        ];
        for (body, expected) in cases {
            let found = leading_heading(body).map(|(text, line)| (text, &body[line]));
            let expected = expected.map(|(text, line)| (text.to_string(), line));
            assert_eq!(found, expected, "{body:?}");
        }
    }

    #[test]
    fn titles_match_whatever_their_case_and_spacing() {
        assert!(same_words("How to  Upgrade", "how to upgrade"));
        assert!(!same_words("How to upgrade", "How to downgrade"));
    }
}

#[cfg(test)]
mod model_tests;
