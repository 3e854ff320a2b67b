//! The theme's own files in the output: stylesheets with their theme `@import`s inlined,
//! minified CSS and JavaScript, the icon sprite, the brand colour, the syntax stylesheet
//! with only the classes the articles use, and the files writers keep beside their articles.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::context::AssetsContext;
use crate::contact;
use crate::output::FileSink;
use crate::site::Site;
use crate::theme::Theme;

/// Where the build's own files go under the output.
const SYNTAX_CSS: &str = "syntax.css";
const BRAND_CSS: &str = "brand.css";
pub(super) const ICONS: &str = "icons.svg";

/// How pages name the theme's files.
pub(super) fn assets_context(site: &Site) -> AssetsContext {
    AssetsContext {
        css: site.urls.asset("helpbook.css"),
        brand_css: match site.config.theme.brand_color {
            Some(_) => site.urls.asset(BRAND_CSS),
            None => String::new(),
        },
        js: site.urls.asset("js/helpbook.js"),
        syntax_css: site.urls.asset(SYNTAX_CSS),
        icons: site.urls.asset(ICONS),
    }
}

/// The `<symbol id="icon-NAME">…</symbol>` elements of an SVG sprite, by NAME.
pub(super) fn icon_symbols(svg: &str) -> BTreeMap<String, String> {
    let mut symbols = BTreeMap::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<symbol") {
        let Some(length) = rest[start..].find("</symbol>") else {
            break;
        };
        let symbol = &rest[start..start + length + "</symbol>".len()];
        let name = symbol
            .split_once("id=\"icon-")
            .and_then(|(_, after)| after.split_once('"'))
            .map(|(name, _)| name);
        if let Some(name) = name {
            symbols.insert(name.to_string(), symbol.to_string());
        }
        rest = &rest[start + symbol.len()..];
    }
    symbols
}

pub(super) fn add_assets(site: &Site, theme: &Theme, sink: &dyn FileSink) -> anyhow::Result<()> {
    for (name, bytes) in &theme.static_files {
        let bytes = match std::str::from_utf8(bytes) {
            Ok(text) if name.ends_with(".css") => {
                with_imports(name, text, &theme.static_files, 0).into_bytes()
            }
            _ => bytes.clone(),
        };
        sink.put(format!("assets/{name}"), minified(name, &bytes))?;
    }
    // Opening hours for the status script, shared by every page so no page carries them.
    let schedules = serde_json::json!({ "schedules": contact::schedules_json(&site.config) });
    sink.put(
        "assets/contact.json".into(),
        schedules.to_string().into_bytes(),
    )?;
    // The widget's snippet names a short, stable address on the help center.
    if let Some(widget) = theme.static_files.get("widget.js") {
        let widget = String::from_utf8_lossy(widget).replace(
            "const widgetPage = 'widget';",
            &format!("const widgetPage = '{}';", site.urls.own.widget),
        );
        sink.put("widget.js".into(), minified("widget.js", widget.as_bytes()))?;
    }
    if let Some(color) = &site.config.theme.brand_color {
        // A strict Content-Security-Policy forbids inline styles, so the colour gets a file.
        let css = format!(":root {{ --hb-brand: {color}; }}\n");
        sink.put(format!("assets/{BRAND_CSS}"), css.into_bytes())?;
    }
    let mut used_classes = std::collections::BTreeSet::new();
    for language in &site.languages {
        for article in language
            .articles
            .iter()
            .filter(|a| a.rendered.has_highlighted_code)
        {
            crate::markdown::highlight::classes_in(&article.rendered.html, &mut used_classes);
        }
    }
    let syntax = crate::markdown::highlight::stylesheet_for(&used_classes);
    sink.put(
        format!("assets/{SYNTAX_CSS}"),
        minified(SYNTAX_CSS, syntax.as_bytes()),
    )?;
    // A file that vanished since the content was read fails the build rather than leaving
    // a hole in the site.
    let copies: Vec<&crate::content::AssetSource> = site
        .languages
        .iter()
        .flat_map(|l| &l.assets)
        .chain(&site.static_files)
        .collect();
    copies
        .par_iter()
        .try_for_each(|file| sink.copy(file.rel_path.clone(), &file.path))
}

/// How deep `@import`s may nest; deeper ones, and cycles, stay as they are.
const MAX_IMPORT_DEPTH: usize = 8;

/// Theme stylesheet `name` with each line `@import "other.css";` that names another theme file
/// replaced by that file, so stylesheets share rules in the theme and a page still loads one
/// file. Imports of anything else (another site, a missing file) are left for the browser.
fn with_imports(
    name: &str,
    text: &str,
    static_files: &BTreeMap<String, Vec<u8>>,
    depth: usize,
) -> String {
    let dir = name.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let imported = css_import(line)
            .filter(|_| depth < MAX_IMPORT_DEPTH)
            .map(|target| match dir {
                "" => target.to_string(),
                _ => format!("{dir}/{target}"),
            })
            .and_then(|path| {
                let text = std::str::from_utf8(static_files.get(&path)?).ok()?;
                Some(with_imports(&path, text, static_files, depth + 1))
            });
        match imported {
            Some(css) => {
                out.push_str(&css);
                if !css.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The relative path of a line that is only `@import "path";` (or with single quotes).
fn css_import(line: &str) -> Option<&str> {
    let rest = line
        .trim()
        .strip_prefix("@import")?
        .strip_suffix(';')?
        .trim();
    let target = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))?;
    let relative = !target.starts_with('/') && !target.contains(':') && !target.contains("..");
    relative.then_some(target)
}

/// Theme CSS and JavaScript without comments and indentation: the files are written for people
/// to read, and an article page must stay small on a phone's connection.
fn minified(name: &str, bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let smaller = if name.ends_with(".css") {
        minifier::css::minify(text).map(|css| css.to_string()).ok()
    } else if name.ends_with(".js") {
        minifier::js::minify(text).map(|js| js.to_string()).ok()
    } else {
        None
    };
    smaller.map_or_else(|| bytes.to_vec(), String::into_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_found_by_name() {
        let svg = "<svg>\n<!-- set -->\n<symbol id=\"icon-a\" viewBox=\"0 0 24 24\"><path d=\"M1 1\"/></symbol>\n<symbol viewBox=\"0 0 1 1\" id=\"icon-b-c\"></symbol>\n</svg>";
        let symbols = icon_symbols(svg);
        assert_eq!(symbols.keys().collect::<Vec<_>>(), ["a", "b-c"]);
        assert_eq!(
            symbols["a"],
            "<symbol id=\"icon-a\" viewBox=\"0 0 24 24\"><path d=\"M1 1\"/></symbol>"
        );
    }

    fn theme(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn imports_of_theme_files_are_inlined_others_stay() {
        let files = theme(&[
            ("base.css", "@import 'tokens.css';\nbody { margin: 0; }\n"),
            ("tokens.css", ":root { --a: 1; }"),
        ]);
        let page = "/* page */\n@import \"base.css\";\n@import \"https://x.example/a.css\";\n@import \"gone.css\";\n.page { a: b; }\n";
        assert_eq!(
            with_imports("page.css", page, &files, 0),
            "/* page */\n:root { --a: 1; }\nbody { margin: 0; }\n@import \"https://x.example/a.css\";\n@import \"gone.css\";\n.page { a: b; }\n"
        );
    }

    #[test]
    fn a_cycle_stops() {
        let files = theme(&[
            ("a.css", "@import \"b.css\";\n"),
            ("b.css", "@import \"a.css\";\n"),
        ]);
        let out = with_imports("a.css", "@import \"b.css\";\n", &files, 0);
        assert!(out.contains("@import"));
    }
}
