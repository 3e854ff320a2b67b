//! The theme: Tera templates, static assets and interface strings.
//!
//! The default theme is embedded in the binary, so `helpbook` needs no files beside it. A site
//! overrides it file by file: `themes/default/<path>` in the site folder wins over the embedded
//! file at the same path, and `i18n/<lang>.toml` in the site folder layers over the theme's
//! strings key by key. A language with no strings at all, neither the theme's nor the site's,
//! builds with English ones and a warning naming the file that would translate them: the site
//! is usable at once, and the writer learns why its buttons speak English.

pub mod i18n;

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::config::SitePaths;
use crate::error::{Error, Location, SourceError, SourceErrors, Warning};
use crate::files::{files_under, read_text};
pub use i18n::Strings;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The theme's files after the site's overrides were applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) and text.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` and bytes; written under `assets/`.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Strings per language code.
    pub strings: BTreeMap<String, Strings>,
    /// What loading found to warn about, for the build's warnings.
    pub warnings: Vec<Warning>,
}

impl Theme {
    /// The embedded theme with the overrides found in the site folder.
    pub fn load(paths: &SitePaths, languages: &[String]) -> Result<Theme, SourceErrors> {
        let mut theme = Theme::default();
        for (path, bytes) in embedded_files() {
            theme.add_file(&path, bytes);
        }
        let overrides = paths.theme_overrides();
        // An override that cannot be walked (a dangling link, a folder it may not read) is
        // a file of the writer's the site silently goes without: it must reach the build.
        for (file, rel) in files_under(&overrides, &overrides, &mut theme.warnings) {
            let bytes = std::fs::read(&file).map_err(|e| {
                let location = Location {
                    path: file.clone(),
                    line: 1,
                    column: 1,
                };
                SourceErrors(vec![SourceError::new(
                    format!("cannot read theme file: {e}"),
                    location,
                )])
            })?;
            if rel.starts_with("templates/") && std::str::from_utf8(&bytes).is_err() {
                theme.warnings.push(Warning::in_file(
                    &file,
                    "template is not valid UTF-8: the characters that are not were replaced",
                ));
            }
            theme.add_file(&rel, bytes);
        }
        theme.strings = load_strings(paths, languages, &mut theme.warnings)
            .map_err(|e| SourceErrors(vec![e]))?;
        Ok(theme)
    }

    fn add_file(&mut self, rel: &str, bytes: Vec<u8>) {
        if let Some(name) = rel.strip_prefix("templates/") {
            self.templates.insert(
                name.to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.static_files.insert(name.to_string(), bytes);
        }
    }

    /// A Tera instance with every template, checked for syntax errors.
    pub fn tera(&self) -> Result<Tera, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        // Tera's default also escapes `/`, which is safe but makes every URL unreadable.
        tera.set_escape_fn(crate::text::write_escaped_html);
        tera.add_raw_templates(self.templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                Error::Template(format!(
                    "cannot load the theme's templates: {}",
                    describe_tera_error(&e)
                ))
            })?;
        Ok(tera)
    }

    pub fn strings_for(&self, lang: &str) -> &Strings {
        &self.strings[lang]
    }
}

/// Tera's error chain, flattened into one message that names the template.
pub fn describe_tera_error(err: &tera::Error) -> String {
    // Tera's report starts with its own "error: ", and ours already says it.
    let report = err.to_string();
    let mut message = report
        .strip_prefix("error: ")
        .unwrap_or(&report)
        .to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}

fn embedded_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    files
}

fn collect_embedded(dir: &Dir<'static>, files: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        files.push((path, file.contents().to_vec()));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn embedded_strings(lang: &str) -> Option<&'static str> {
    DEFAULT_THEME
        .get_file(format!("i18n/{lang}.toml"))
        .and_then(|f| f.contents_utf8())
}

/// English, then the theme's strings for the language, then the site's.
fn load_strings(
    paths: &SitePaths,
    languages: &[String],
    warnings: &mut Vec<Warning>,
) -> Result<BTreeMap<String, Strings>, SourceError> {
    let mut all = BTreeMap::new();
    for lang in languages {
        let english = embedded_layer("en")?.expect("the theme ships English strings");
        let english_count = english.len();
        let mut layers = vec![english];
        let primary = lang.split('-').next().unwrap_or(lang);
        if primary != "en" {
            // Without it, English's "English" would name this language in the switcher.
            let name = toml::Value::from(i18n::native_name(lang));
            layers.push(BTreeMap::from([("language_name".to_string(), name)]));
        }
        // Layers from here on are the language's own strings, the theme's or the site's.
        let fallback_layers = layers.len();
        let mut names = vec![primary.to_string(), lang.clone()];
        names.dedup();
        for name in names.iter().filter(|name| *name != "en") {
            layers.extend(embedded_layer(name)?);
        }
        let theme_override = paths
            .theme_overrides()
            .join("i18n")
            .join(format!("{lang}.toml"));
        let site_file = paths.i18n().join(format!("{lang}.toml"));
        for file in [&theme_override, &site_file] {
            if file.is_file() {
                let text = read_text(file)?;
                layers.push(i18n::parse_strings_file(&text, file)?);
            }
        }
        if layers.len() == fallback_layers && primary != "en" {
            warnings.push(Warning::general(format!(
                "no interface strings for language `{lang}`: using English; add {} \
                 ({english_count} strings) to translate them",
                site_file.display()
            )));
        }
        all.insert(lang.clone(), Strings::layered(lang, layers));
    }
    Ok(all)
}

/// The theme's strings file for `name`, if it ships one.
fn embedded_layer(name: &str) -> Result<Option<BTreeMap<String, toml::Value>>, SourceError> {
    embedded_strings(name)
        .map(|text| {
            let path = format!("themes/default/i18n/{name}.toml");
            i18n::parse_strings_file(text, Path::new(&path))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_files_override_embedded_ones() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SitePaths::new(dir.path());
        std::fs::create_dir_all(paths.theme_overrides().join("templates")).unwrap();
        std::fs::write(
            paths.theme_overrides().join("templates/404.html"),
            "custom 404",
        )
        .unwrap();
        std::fs::create_dir_all(paths.i18n()).unwrap();
        std::fs::write(
            paths.i18n().join("pl.toml"),
            "home_title = \"Jak pomóc?\"\n",
        )
        .unwrap();
        let theme = Theme::load(&paths, &["en".into(), "pl".into()]).unwrap();
        assert_eq!(theme.templates["404.html"], "custom 404");
        assert!(theme.templates.contains_key("base.html"));
        assert_eq!(theme.strings_for("pl").text("home_title"), "Jak pomóc?");
    }

    #[test]
    fn a_language_without_strings_uses_english_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SitePaths::new(dir.path());
        std::fs::create_dir_all(paths.i18n()).unwrap();
        std::fs::write(paths.i18n().join("de.toml"), "search = \"Suchen\"\n").unwrap();
        let languages = ["en", "fa", "de", "pl", "xx"].map(String::from);
        let theme = Theme::load(&paths, &languages).unwrap();
        let english_count = embedded_layer("en").unwrap().unwrap().len();
        // (language, its name, a string it shows, whether it is warned about)
        let cases = [
            ("en", "English", "How can we help?", false),
            ("fa", "فارسی", "How can we help?", true),
            ("de", "Deutsch", "How can we help?", false),
            ("pl", "Polski", "W czym możemy pomóc?", false),
            ("xx", "xx", "How can we help?", true),
        ];
        for (lang, name, home_title, warned) in cases {
            let strings = theme.strings_for(lang);
            assert_eq!(strings.text("language_name"), name, "{lang}");
            assert_eq!(strings.text("home_title"), home_title, "{lang}");
            let expected = format!(
                "no interface strings for language `{lang}`: using English; add {} \
                 ({english_count} strings) to translate them",
                paths.i18n().join(format!("{lang}.toml")).display()
            );
            let found = theme.warnings.iter().any(|w| w.message == expected);
            assert_eq!(found, warned, "{lang}: {:?}", theme.warnings);
        }
        assert_eq!(theme.warnings.len(), 2, "{:?}", theme.warnings);
        assert_eq!(theme.strings_for("de").text("search"), "Suchen");
    }

    #[cfg(unix)]
    #[test]
    fn override_files_that_cannot_be_read_are_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SitePaths::new(dir.path());
        let partials = paths.theme_overrides().join("templates/partials");
        std::fs::create_dir_all(&partials).unwrap();
        std::os::unix::fs::symlink("nowhere.html", partials.join("footer.html")).unwrap();
        std::fs::write(
            paths.theme_overrides().join("templates/404.html"),
            b"\xff 404",
        )
        .unwrap();
        let theme = Theme::load(&paths, &["en".into()]).unwrap();
        let shown: Vec<String> = theme.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown.iter().any(|w| w.contains("footer.html")),
            "the dangling override is named: {shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|w| w.contains("404.html") && w.contains("UTF-8")),
            "{shown:?}"
        );
        // The embedded footer is used instead of the one that could not be read.
        assert!(theme.templates.contains_key("partials/footer.html"));
    }

    #[test]
    fn broken_strings_file_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SitePaths::new(dir.path());
        std::fs::create_dir_all(paths.i18n()).unwrap();
        std::fs::write(paths.i18n().join("en.toml"), "a = \"x\"\nb = \n").unwrap();
        let err = Theme::load(&paths, &["en".into()]).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains("en.toml:2"), "{shown}");
    }
}
