//! What templates see: the site model turned into plain, serializable values.
//!
//! The shapes here are the theme's contract (documented in `themes/default/README.md`); a
//! site's template overrides rely on them, so fields are added, never renamed.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::markdown::Heading;
use crate::site::{Direction, Language, Site};

#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    pub title: String,
    pub base_url: String,
    pub base_path: String,
    pub shop_name: String,
    pub shop_url: String,
    pub logo: String,
    pub brand_color: String,
}

impl SiteContext {
    pub fn new(site: &Site, language: &Language) -> Self {
        let theme = &site.config.theme;
        SiteContext {
            title: language.title.clone(),
            base_url: site.urls.absolute(&site.urls.base_path),
            base_path: site.urls.base_path.clone(),
            shop_name: theme.shop_name.clone().unwrap_or_default(),
            shop_url: theme.shop_url.clone().unwrap_or_default(),
            logo: theme
                .logo
                .as_ref()
                .map(|l| format!("{}{}", site.urls.base_path, l.trim_start_matches('/')))
                .unwrap_or_default(),
            brand_color: theme.brand_color.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageContext {
    pub code: String,
    pub name: String,
    pub dir: Direction,
}

impl LanguageContext {
    pub fn new(language: &Language) -> Self {
        LanguageContext {
            code: language.code.clone(),
            name: language.name.clone(),
            dir: language.dir,
        }
    }
}

/// One entry of the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct SwitcherEntry {
    pub code: String,
    pub name: String,
    pub dir: Direction,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
}

/// The same page in another language, for hreflang links.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alternate {
    pub code: String,
    pub url: String,
    /// `url` with the site's origin: what hreflang links need.
    pub absolute_url: String,
}

/// The same page in each language of `site` where `url_in` finds it.
pub fn alternates(site: &Site, url_in: impl Fn(&Language) -> Option<String>) -> Vec<Alternate> {
    site.languages
        .iter()
        .filter_map(|l| {
            url_in(l).map(|url| Alternate {
                code: l.code.clone(),
                absolute_url: site.urls.absolute(&url),
                url,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavEntry {
    pub title: String,
    pub description: String,
    pub icon: String,
    pub url: String,
    pub count: usize,
    pub count_text: String,
}

/// An article as lists show it, built once per article: category, tag and related lists
/// name each article many times over, and a template value is shared rather than copied.
#[derive(Serialize)]
struct ArticleSummary<'a> {
    title: &'a str,
    description: &'a str,
    url: &'a str,
    updated: Option<&'a str>,
    updated_display: Option<&'a str>,
    /// The category's title and URL, one value shared by all its articles.
    category: tera::Value,
}

/// The summary of each of `language`'s articles as a template value, by article index.
pub fn article_summaries(language: &Language) -> Vec<tera::Value> {
    let categories: Vec<tera::Value> = language
        .categories
        .iter()
        .map(|c| {
            tera::Value::from_serializable(&LinkRef {
                title: &c.title,
                url: &c.url,
            })
        })
        .collect();
    // An article beside the home page is listed under the help center's name.
    let home = tera::Value::from_serializable(&LinkRef {
        title: &language.title,
        url: &language.home_url,
    });
    language
        .articles
        .par_iter()
        .map(|article| {
            tera::Value::from_serializable(&ArticleSummary {
                title: &article.title,
                description: &article.description,
                url: &article.url,
                updated: article.updated_texts.as_ref().map(|d| d.iso.as_str()),
                updated_display: article.updated_texts.as_ref().map(|d| d.display.as_str()),
                category: article
                    .category
                    .map_or_else(|| home.clone(), |c| categories[c].clone()),
            })
        })
        .collect()
}

/// A link whose title and address are borrowed.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LinkRef<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// The `article` variable of an article's page. It borrows from the model, so the article's
/// HTML is copied once, into the template context, and not first into an interim value.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub html: &'a str,
    pub toc: Vec<&'a Heading>,
    pub updated: Option<&'a str>,
    pub updated_display: Option<&'a str>,
    pub tags: Vec<TagView<'a>>,
    pub category: LinkRef<'a>,
    /// Summaries of the related articles, converted once per build (`ArticleSummary`).
    pub related: Vec<tera::Value>,
    pub reading_minutes: usize,
    /// `reading_minutes` in words, in the language's plural form ("1 دقيقة", "3 دقائق").
    pub reading_text: String,
    pub faq: bool,
    pub extra: &'a BTreeMap<String, serde_json::Value>,
}

/// The `category` variable of a category's page. It goes straight into the template's
/// values: built as a JSON value first, each of a large category's thousands of summaries
/// was converted twice.
#[derive(Debug, Serialize)]
pub struct CategoryView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub icon: &'a str,
    pub url: &'a str,
    /// A section rather than a top-level category.
    pub is_section: bool,
    pub articles: Vec<tera::Value>,
    pub sections: Vec<SectionPreview<'a>>,
}

/// A section on its parent's page: its first articles and a link to the rest.
#[derive(Debug, Serialize)]
pub struct SectionPreview<'a> {
    /// Its title, icon, link and the number of articles in it and below it, as the home
    /// page's cards have them.
    #[serde(flatten)]
    pub entry: NavEntry,
    pub articles: Vec<tera::Value>,
    /// Its own sections, shown in place of articles when it has none of its own.
    pub sections: Vec<LinkRef<'a>>,
    /// There are more articles than those shown.
    pub more: bool,
}

/// The `tag` variable of a tag's page.
#[derive(Debug, Serialize)]
pub struct TagPageView<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub articles: Vec<tera::Value>,
}

/// A tag as an article's page lists it.
#[derive(Debug, Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub url: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssetsContext {
    pub css: String,
    /// The stylesheet with the site's brand colour, or empty when book.toml sets none.
    pub brand_css: String,
    pub js: String,
    pub syntax_css: String,
    /// The icon sprite, which `<use href="{icons}#icon-NAME">` points into; empty on the
    /// widget's page, whose symbols are in the page itself.
    pub icons: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// The navigation entries of a language: its top-level categories with the number of
/// articles in each, sections included.
pub fn nav_of(language: &Language) -> Vec<NavEntry> {
    language
        .top_categories()
        .map(|c| NavEntry::of(language, c))
        .collect()
}

impl NavEntry {
    /// `category` (or section) with the number of articles in it and below it.
    pub fn of(language: &Language, category: &crate::site::Category) -> NavEntry {
        NavEntry {
            title: category.title.clone(),
            description: category.description.clone(),
            icon: category.icon.clone(),
            url: category.url.clone(),
            count: category.total_articles,
            count_text: language
                .strings
                .plural("articles_count", category.total_articles),
        }
    }
}
