//! The old addresses writers give their articles (`aliases`), checked where the model is
//! built: each must stay inside the site and must not take an address that a page, a copied
//! file or another alias already has. Rendering then only writes their redirect pages.
//!
//! A redirect's file always ends in `.html` (`/en/old/` is `en/old/index.html`), so only the
//! build's HTML files can collide with one: pages, `404.html`s and copied files. The search
//! index, exports and sitemaps never can.

use rustc_hash::FxHashMap;

use super::{list_page_url, list_pages, Language, Urls};
use crate::config::Config;
use crate::content::AssetSource;
use crate::error::{ErrorRule, Location, SourceError};

/// The file of the redirect page at `alias`: `/en/old/` is `en/old/index.html` under the
/// output folder, `/en/old.html` is `en/old.html`.
pub fn alias_file(urls: &Urls, alias: &str) -> String {
    let mut url = format!("{}{}", urls.base_path, alias.trim_start_matches('/'));
    if !url.ends_with('/') && !url.ends_with(".html") {
        url.push('/');
    }
    urls.output_file(&url)
}

/// An error for each alias outside the site or at an address something else has.
pub(super) fn alias_errors(
    config: &Config,
    urls: &Urls,
    languages: &[Language],
    static_files: &[AssetSource],
) -> Vec<SourceError> {
    let has_aliases = languages
        .iter()
        .flat_map(|l| &l.articles)
        .any(|a| !a.aliases.is_empty());
    if !has_aliases {
        return Vec::new();
    }
    let taken = files_of_the_site(config, urls, languages, static_files);
    let mut aliased: FxHashMap<String, &std::path::Path> = FxHashMap::default();
    let mut errors = Vec::new();
    for article in languages.iter().flat_map(|l| &l.articles) {
        for alias in &article.aliases {
            let file = alias_file(urls, alias);
            let problem = if file.contains("..") {
                Some((
                    format!("alias `{alias}` must be a path inside the site"),
                    "write it as a path from the site's root, like `/en/old-page/`",
                    None,
                ))
            } else if let Some(owner) = taken.get(&file) {
                Some((
                    format!("alias `{alias}` is the address of another page ({file}, {owner})"),
                    "remove the alias: that address already shows a page",
                    Some(ErrorRule::AliasCollision),
                ))
            } else {
                aliased.insert(file, &article.display_path).map(|other| {
                    (
                        format!("alias `{alias}` is also an alias of {}", other.display()),
                        "keep the alias in one article only",
                        Some(ErrorRule::AliasCollision),
                    )
                })
            };
            if let Some((message, help, rule)) = problem {
                let mut error = aliases_key_error(&article.display_path, message).with_help(help);
                error.rule = rule;
                errors.push(error);
            }
        }
    }
    errors
}

/// An error at the `aliases` key of the front matter of the file at `path`, with its line;
/// at the file's first line when the file cannot be read again or the key is not found.
fn aliases_key_error(path: &std::path::Path, message: String) -> SourceError {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let line = text
        .lines()
        .position(|line| {
            line.strip_prefix("aliases")
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |i| i + 1);
    let location = Location {
        path: path.to_path_buf(),
        line,
        column: 1,
    };
    SourceError::new(message, location).with_source(&text)
}

/// Every HTML file the build makes or copies, by output path, with what it is.
fn files_of_the_site(
    config: &Config,
    urls: &Urls,
    languages: &[Language],
    static_files: &[AssetSource],
) -> FxHashMap<String, String> {
    let per_page = config.build.articles_per_page;
    let mut files = FxHashMap::default();
    let mut add = |url: &str, owner: String| {
        files.entry(urls.output_file(url)).or_insert(owner);
    };
    add(&urls.root(), "the list of languages".into());
    add(
        &format!("{}404.html", urls.base_path),
        "the site's 404 page".into(),
    );
    for language in languages {
        let code = &language.code;
        add(&language.home_url, format!("the home page of {code}"));
        add(
            &format!("{}404.html", language.home_url),
            format!("the 404 page of {code}"),
        );
        for (url, page) in urls.own_page_urls(code) {
            add(&url, format!("helpbook's {page} page in {code}"));
        }
        for category in &language.categories {
            let owner = format!(
                "the page of {} ({code}/{})",
                category.title, category.folder
            );
            for index in 0..list_pages(category.articles.len(), per_page) {
                add(&list_page_url(&category.url, index), owner.clone());
            }
        }
        for tag in &language.tags {
            let owner = format!("the page of tag `{}` in {code}", tag.name);
            for index in 0..list_pages(tag.articles.len(), per_page) {
                add(&list_page_url(&tag.url, index), owner.clone());
            }
        }
        for article in &language.articles {
            add(&article.url, article.display_path.display().to_string());
        }
    }
    let copied = languages.iter().flat_map(|l| &l.assets).chain(static_files);
    for file in copied {
        files
            .entry(file.rel_path.clone())
            .or_insert_with(|| file.path.display().to_string());
    }
    files
}
