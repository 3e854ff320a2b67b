//! Reading the `content/` folder: articles, categories and the files beside them.
//!
//! The layout is the contract, at any depth: every Markdown file under `content/<lang>/` is
//! an article (`<category>/<slug>.md`, `<category>/<section>/<slug>.md` and deeper, or
//! `<slug>.md` beside the home page), every folder's `_index.md` describes that category or
//! section, `content/<lang>/_index.md` the language's home page, and any other file is
//! copied to the same path in the output. Nothing is skipped for its name or its place: help
//! centers written for other tools nest as deep as their writers chose. Files are read and
//! parsed in parallel; every mistake found is reported, not only the first.
//! A file that cannot be read or parsed is returned beside the others rather than instead of
//! them: `build` stops on it, while `check` still checks every other file in the same run.

pub mod front_matter;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{SourceError, SourceErrors, Warning};
pub(crate) use crate::files::files_under;
use crate::files::read_text;
use crate::files::relative_path;
pub use front_matter::{ArticleFrontMatter, CategoryFrontMatter};

/// The name of a folder's description file.
pub const INDEX_FILE: &str = "_index.md";

/// Everything read from `content/`, per configured language.
#[derive(Debug, Default)]
pub struct ContentSources {
    pub languages: Vec<LanguageSources>,
    pub warnings: Vec<Warning>,
    /// Markdown files that could not be read or parsed, ordered by path and line.
    pub broken: Vec<BrokenFile>,
}

/// A Markdown file left out because it could not be read or parsed.
#[derive(Debug, Clone)]
pub struct BrokenFile {
    /// Path relative to `content/`, so links to the file are not taken for links to nothing.
    pub rel_path: String,
    pub error: SourceError,
}

#[derive(Debug, Default)]
pub struct LanguageSources {
    pub lang: String,
    /// The language's folder, as writers see it in messages: `content/en`.
    pub dir: PathBuf,
    /// `content/<lang>/_index.md`, when there is one.
    pub home: Option<CategorySource>,
    pub categories: Vec<CategorySource>,
    pub articles: Vec<ArticleSource>,
    pub assets: Vec<AssetSource>,
    /// Groups of words customers use for the same thing, from `synonyms/<lang>.toml`.
    pub synonyms: Vec<Vec<String>>,
}

/// A Markdown file with its front matter parsed and its body kept as text.
#[derive(Debug, Clone)]
pub struct MarkdownSource<F> {
    /// Path relative to `content/`, with `/` separators: `en/returns/refunds.md`.
    pub rel_path: String,
    /// The path shown to writers in messages (as given on the command line).
    pub display_path: PathBuf,
    pub front: F,
    pub body: String,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
    /// Fingerprint of the front matter as written and of where the body starts: when it is
    /// the same after an edit, only the body changed (`serve` relies on this).
    pub front_fingerprint: u64,
    /// What reading the file found to warn about; `load` moves them to `ContentSources`.
    pub warnings: Vec<Warning>,
}

pub type ArticleSource = MarkdownSource<ArticleFrontMatter>;
pub type CategorySource = MarkdownSource<CategoryFrontMatter>;

impl<F> MarkdownSource<F> {
    /// The folder the file sits in, under the language: `returns/policy` for
    /// `en/returns/policy/refunds.md`, empty for a file directly under the language.
    pub fn folder(&self) -> &str {
        let under_language = self.rel_path.split_once('/').map_or("", |(_, rest)| rest);
        under_language
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder)
    }

    /// The file name without its Markdown extension.
    pub fn stem(&self) -> &str {
        let file = self.rel_path.rsplit('/').next().unwrap_or_default();
        markdown_stem(file).unwrap_or(file)
    }
}

/// The extensions of Markdown files: Jekyll sites often use the long one.
const MARKDOWN_EXTENSIONS: [&str; 2] = [".md", ".markdown"];

/// `name` without its Markdown extension, or `None` when it is not a Markdown file.
pub fn markdown_stem(name: &str) -> Option<&str> {
    MARKDOWN_EXTENSIONS
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
}

/// A file copied as it is.
#[derive(Debug, Clone)]
pub struct AssetSource {
    pub rel_path: String,
    pub path: PathBuf,
}

/// Reads the content of every language in `languages` from `content_dir`; the files that
/// cannot be read or parsed are in `broken`, for the caller to decide whether to go on.
pub fn load(content_dir: &Path, languages: &[String]) -> ContentSources {
    let mut sources = ContentSources::default();
    let mut errors = Vec::new();
    warn_about_unknown_language_folders(content_dir, languages, &mut sources.warnings);
    // Languages load side by side: listing a language's folders runs on one core, and
    // another language's files can be read meanwhile. Warnings and errors keep the order
    // of `languages`.
    let loaded: Vec<_> = languages
        .par_iter()
        .map(|lang| {
            let mut warnings = Vec::new();
            let lang_dir = content_dir.join(lang);
            if !lang_dir.is_dir() {
                warnings.push(Warning::general(format!(
                    "{} does not exist: language `{lang}` has no articles",
                    lang_dir.display()
                )));
            }
            let (language, lang_errors) = load_language(content_dir, lang, &mut warnings);
            (language, lang_errors, warnings)
        })
        .collect();
    for (mut language, mut lang_errors, mut warnings) in loaded {
        sources.warnings.append(&mut warnings);
        sources.warnings.extend(take_file_warnings(&mut language));
        errors.append(&mut lang_errors);
        sources.languages.push(language);
    }
    errors.sort_by(|a, b| {
        (&a.location.path, a.location.line).cmp(&(&b.location.path, b.location.line))
    });
    sources.broken = errors
        .into_iter()
        .map(|error| BrokenFile {
            rel_path: relative_path(&error.location.path, content_dir),
            error,
        })
        .collect();
    sources
}

impl ContentSources {
    /// Every broken file's error, for a build that must stop on them.
    pub fn broken_errors(&self) -> SourceErrors {
        SourceErrors(self.broken.iter().map(|b| b.error.clone()).collect())
    }
}

/// The warnings of each Markdown file of `language`, taken out of the files.
fn take_file_warnings(language: &mut LanguageSources) -> Vec<Warning> {
    let home = language.home.iter_mut().map(|h| &mut h.warnings);
    let categories = language.categories.iter_mut().map(|c| &mut c.warnings);
    let articles = language.articles.iter_mut().map(|a| &mut a.warnings);
    home.chain(categories)
        .chain(articles)
        .flat_map(std::mem::take)
        .collect()
}

fn warn_about_unknown_language_folders(
    content_dir: &Path,
    languages: &[String],
    warnings: &mut Vec<Warning>,
) {
    let Ok(entries) = std::fs::read_dir(content_dir) else {
        return;
    };
    let mut unknown: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !languages.contains(name))
        .collect();
    unknown.sort();
    for name in unknown {
        warnings.push(Warning::general(format!(
            "{}: `{name}` is not in site.languages in book.toml, so it is not built",
            content_dir.join(&name).display()
        )));
    }
}

/// What a file found under a language folder is, by its name and where it sits.
enum FileRole {
    LanguageHome,
    /// A category's or section's `_index.md`.
    Category,
    Article,
    Asset,
}

fn role_of(segments: &[&str]) -> FileRole {
    let name = segments.last().copied().unwrap_or_default();
    match (
        segments.len(),
        name == INDEX_FILE,
        markdown_stem(name).is_some(),
    ) {
        (1, true, _) => FileRole::LanguageHome,
        (_, true, _) => FileRole::Category,
        (_, false, true) => FileRole::Article,
        _ => FileRole::Asset,
    }
}

fn load_language(
    content_dir: &Path,
    lang: &str,
    warnings: &mut Vec<Warning>,
) -> (LanguageSources, Vec<SourceError>) {
    let mut language = LanguageSources {
        lang: lang.to_string(),
        dir: content_dir.join(lang),
        ..Default::default()
    };
    let mut markdown_files = Vec::new();
    for (path, rel_path) in files_under(&content_dir.join(lang), content_dir, warnings) {
        let segments: Vec<&str> = rel_path.split('/').skip(1).collect();
        match role_of(&segments) {
            FileRole::Asset => language.assets.push(AssetSource { rel_path, path }),
            role => markdown_files.push((role, path, rel_path)),
        }
    }
    let parsed: Vec<_> = markdown_files
        .into_par_iter()
        .map(|(role, path, rel_path)| {
            let text = read_text(&path)?;
            Ok(match role {
                FileRole::Article => Parsed::Article(parse_markdown(&text, &path, rel_path)?),
                FileRole::LanguageHome => Parsed::Home(parse_markdown(&text, &path, rel_path)?),
                _ => Parsed::Category(parse_markdown(&text, &path, rel_path)?),
            })
        })
        .collect();
    let mut errors = Vec::new();
    for result in parsed {
        match result {
            Ok(Parsed::Article(a)) => language.articles.push(a),
            Ok(Parsed::Category(c)) => language.categories.push(c),
            Ok(Parsed::Home(h)) => language.home = Some(h),
            Err(e) => errors.push(e),
        }
    }
    (language, errors)
}

enum Parsed {
    Article(ArticleSource),
    Category(CategorySource),
    Home(CategorySource),
}

fn parse_markdown<F>(
    text: &str,
    path: &Path,
    rel_path: String,
) -> Result<MarkdownSource<F>, SourceError>
where
    F: for<'de> serde::Deserialize<'de> + Default,
{
    let split = front_matter::split(text, path)?;
    let (front, warnings) = front_matter::parse(&split, text, path)?;
    Ok(MarkdownSource {
        rel_path,
        display_path: path.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        front_fingerprint: front_fingerprint(&split),
        warnings,
    })
}

fn front_fingerprint(split: &front_matter::Split<'_>) -> u64 {
    crate::fingerprint::of(&(
        split.format.map(|f| f == front_matter::Format::Toml),
        split.front_matter,
        split.body_line,
    ))
}

/// Reads and parses one article again, as `serve` does for a file a writer saved.
pub fn load_article(path: &Path, rel_path: String) -> Result<ArticleSource, SourceError> {
    parse_markdown(&read_text(path)?, path, rel_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &[u8]) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn files_get_their_roles_from_where_they_sit() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "en/_index.md", b"+++\ntitle = \"Help\"\n+++\n");
        write(
            root,
            "en/returns/_index.md",
            b"+++\ntitle = \"Returns\"\n+++\n",
        );
        write(
            root,
            "en/returns/refunds.md",
            b"\xEF\xBB\xBF+++\r\ntitle = \"Refunds\"\r\n+++\r\nBody\r\n",
        );
        write(root, "en/returns/label.svg", b"<svg/>");
        write(root, "en/beside-home.md", b"# beside the home page");
        write(
            root,
            "en/resources/vpn/why.markdown",
            b"# three levels down",
        );
        write(
            root,
            "en/resources/vpn/_index.md",
            b"+++\ntitle = \"VPN\"\n+++\n",
        );
        write(root, "en/returns/.draft.md", b"# hidden");
        write(root, "de/x/y.md", b"# not configured");
        let sources = load(root, &["en".to_string()]);
        assert!(sources.broken.is_empty(), "{:?}", sources.broken);
        let en = &sources.languages[0];
        assert_eq!(
            en.home.as_ref().unwrap().front.title.as_deref(),
            Some("Help")
        );
        let folders: Vec<&str> = en.categories.iter().map(|c| c.folder()).collect();
        assert_eq!(folders, ["resources/vpn", "returns"]);
        let articles: Vec<(&str, &str)> =
            en.articles.iter().map(|a| (a.folder(), a.stem())).collect();
        assert_eq!(
            articles,
            [
                ("", "beside-home"),
                ("resources/vpn", "why"),
                ("returns", "refunds")
            ],
            "every Markdown file is an article wherever it sits; hidden files are skipped"
        );
        let article = &en.articles[2];
        assert_eq!(article.front.title.as_deref(), Some("Refunds"));
        assert_eq!(article.body_line, 4);
        assert_eq!(en.assets[0].rel_path, "en/returns/label.svg");
        let warnings: Vec<String> = sources.warnings.iter().map(ToString::to_string).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("`de` is not in site.languages")),
            "{warnings:?}"
        );
    }

    #[test]
    fn every_broken_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "en/a/one.md", b"+++\ntitle = \n+++\n");
        write(root, "en/a/two.md", b"ok\n\xFF\xFE");
        write(root, "en/a/three.md", b"---\ntitle: fine\n");
        write(root, "en/a/four.md", b"+++\ntitle = \"Fine\"\n+++\n");
        let sources = load(root, &["en".to_string()]);
        let broken: Vec<&str> = sources.broken.iter().map(|b| b.rel_path.as_str()).collect();
        assert_eq!(broken, ["en/a/one.md", "en/a/three.md", "en/a/two.md"]);
        let read: Vec<&str> = sources.languages[0]
            .articles
            .iter()
            .map(|a| a.rel_path.as_str())
            .collect();
        assert_eq!(read, ["en/a/four.md"], "the other files are still read");
        let errors = sources.broken_errors().0;
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(shown.iter().any(|e| e.contains("one.md:2")), "{shown:?}");
        assert!(
            shown
                .iter()
                .any(|e| e.contains("two.md:2:1") && e.contains("UTF-8")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.contains("three.md:1") && e.contains("never closed")),
            "{shown:?}"
        );
    }
}
