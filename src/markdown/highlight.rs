//! Code highlighting with syntect at build time, as CSS classes.
//!
//! Classes rather than inline colours, because one stylesheet then serves light and dark
//! schemes and a strict Content-Security-Policy forbids inline styles anyway.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence's info string). `None` when the language is
/// unknown, so the caller prints it plain.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let syntaxes = syntaxes();
    let token = lang.split([' ', ',', '{']).next().unwrap_or_default();
    let syntax = syntaxes
        .find_syntax_by_token(token)
        .or_else(|| token_alias(token).and_then(|t| syntaxes.find_syntax_by_token(t)))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(keep_styled_classes(&generator.finalize()))
}

/// The class sets a token must carry to be styled: the last compound selector of each short
/// rule of the light and dark stylesheets (`.hl-constant.hl-numeric` needs both classes).
fn styled_compounds() -> &'static Vec<Vec<String>> {
    static COMPOUNDS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    COMPOUNDS.get_or_init(|| {
        let css = stylesheet().replace("@media (prefers-color-scheme: dark) {", "");
        css.split_inclusive('}')
            .filter_map(|rule| rule.split_once('{').map(|(selector, _)| selector))
            .filter(|selector| selector_classes(selector).len() <= MOST_CLASSES)
            .flat_map(|selector| selector.split(','))
            .filter_map(|one| one.split_whitespace().last())
            .map(|compound| {
                selector_classes(compound)
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|classes| !classes.is_empty())
            .collect()
    })
}

/// The classes of `classes` that some rule styles.
fn styled_subset<'a>(classes: &[&'a str]) -> Vec<&'a str> {
    let mut kept: Vec<&str> = Vec::new();
    for compound in styled_compounds() {
        if compound.iter().all(|c| classes.contains(&c.as_str())) {
            for class in classes.iter().filter(|c| compound.iter().any(|k| k == *c)) {
                if !kept.contains(class) {
                    kept.push(class);
                }
            }
        }
    }
    // In the order syntect wrote them, so equal tokens give equal markup.
    classes
        .iter()
        .copied()
        .filter(|c| kept.contains(c))
        .collect()
}

/// syntect names every scope of every token ("hl-punctuation hl-definition hl-string hl-end
/// hl-json") and wraps each scope in a span; keeping only classes some rule styles, and only
/// spans left with a class, made pages with code a third the size.
fn keep_styled_classes(html: &str) -> String {
    const OPEN: &str = "<span class=\"";
    const CLOSE: &str = "</span>";
    let mut out = String::with_capacity(html.len());
    // For each open span: whether it was kept, so its closing tag is kept or dropped with it.
    let mut kept_spans: Vec<bool> = Vec::new();
    let mut rest = html;
    // syntect escapes the code's own `<`, so a `<` starts one of its two tags. Finding each
    // `<` and looking at what follows scans the text once; searching for both tags from
    // every position scanned it twice and set up two substring searchers per tag.
    while let Some(tag) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..tag]);
        let at_tag = &rest[tag..];
        if let Some(after) = at_tag.strip_prefix(OPEN) {
            // A class list holds no quote, so the first one ends it.
            let Some(end) = memchr::memchr(b'"', after.as_bytes())
                .filter(|&end| after[end..].starts_with("\">"))
            else {
                out.push_str(at_tag);
                return out;
            };
            let kept = with_styled_classes(&after[..end], |kept| {
                if !kept.is_empty() {
                    out.push_str(OPEN);
                    out.push_str(kept);
                    out.push_str("\">");
                }
                !kept.is_empty()
            });
            kept_spans.push(kept);
            rest = &after[end + 2..];
        } else if let Some(after) = at_tag.strip_prefix(CLOSE) {
            if kept_spans.pop().unwrap_or(true) {
                out.push_str(CLOSE);
            }
            rest = after;
        } else {
            out.push('<');
            rest = &at_tag[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Calls `use_kept` with the styled classes of a span's `class` value, space-separated.
/// A help center's code has a few dozen distinct class lists, and matching one against every
/// rule was half the time of highlighting, so each thread remembers the answers.
fn with_styled_classes<R>(classes: &str, use_kept: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static KEPT: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
            Default::default();
    }
    KEPT.with_borrow_mut(|known| {
        if !known.contains_key(classes) {
            let all: Vec<&str> = classes.split_whitespace().collect();
            known.insert(classes.to_string(), styled_subset(&all).join(" "));
        }
        use_kept(&known[classes])
    })
}

/// Names writers use that syntect's default set spells differently.
fn token_alias(token: &str) -> Option<&'static str> {
    match token {
        "json5" | "jsonc" => Some("json"),
        "shell" | "console" | "zsh" => Some("bash"),
        "yml" => Some("yaml"),
        _ => None,
    }
}

/// The stylesheet for highlighted code, keeping only rules whose classes all occur in
/// `used_classes` (the whole syntect theme is about 19 KB; a help center uses a sliver), and
/// dropping the theme's rules for scopes nested many levels deep, which colour only deeply
/// nested data differently and weigh kilobytes.
pub fn stylesheet_for(used_classes: &std::collections::BTreeSet<String>) -> String {
    let keep = |rule: &str| {
        let classes = selector_classes(rule.split('{').next().unwrap_or_default());
        classes.len() <= MOST_CLASSES && classes.iter().all(|class| used_classes.contains(*class))
    };
    let full = stylesheet();
    let (light, dark) = full.split_once("@media").unwrap_or((&full, ""));
    let filter = |css: &str| -> String {
        css.split_inclusive('}')
            .filter(|rule| rule.contains('{') && keep(rule))
            .collect::<Vec<_>>()
            .join("")
    };
    let dark_rules = dark.split_once('{').map_or("", |(_, rest)| rest);
    format!(
        "{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        filter(light).trim(),
        filter(dark_rules).trim()
    )
}

/// Rules of the themes that name more classes than this style scopes nested many levels deep.
const MOST_CLASSES: usize = 6;

fn selector_classes(selector: &str) -> Vec<&str> {
    selector
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|class| class.starts_with("hl-"))
        .collect()
}

/// The classes that highlighted code in `html` uses.
pub fn classes_in(html: &str, classes: &mut std::collections::BTreeSet<String>) {
    for chunk in html.split("class=\"").skip(1) {
        let value = chunk.split('"').next().unwrap_or_default();
        classes.extend(
            value
                .split_whitespace()
                .filter(|c| c.starts_with("hl-"))
                .map(String::from),
        );
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark schemes.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE)
        .unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE)
        .unwrap_or_default();
    format!(
        "/* Code highlighting, generated by helpbook from syntect's themes. */\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        strip_comments(&light),
        strip_comments(&dark)
    )
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes_and_unknown_ones_none() {
        let html = highlight("{\"order\": 42}\n", "json").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("42"));
        assert!(highlight("x", "no-such-language").is_none());
        assert!(highlight("echo hi\n", "shell").is_some());
    }

    #[test]
    fn only_classes_a_stylesheet_styles_are_kept() {
        let html = highlight("{\"order\": 42}\n", "json").unwrap();
        assert!(!html.contains("hl-json"), "{html}");
        assert!(html.contains("hl-numeric"), "{html}");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
    }

    #[test]
    fn unstyled_spans_go_with_their_closing_tags_and_other_text_stays() {
        let html = concat!(
            "<span class=\"hl-source hl-json\">",
            "<span class=\"hl-constant hl-numeric hl-json\">42</span>",
            " a &lt; b <i> </span>tail"
        );
        assert_eq!(
            keep_styled_classes(html),
            "<span class=\"hl-constant hl-numeric\">42</span> a &lt; b <i> tail"
        );
        // A tag cut off before its class list ends is kept as it is.
        assert_eq!(
            keep_styled_classes("x<span class=\"hl-json"),
            "x<span class=\"hl-json"
        );
    }

    #[test]
    fn code_is_escaped() {
        let html = highlight("<script>alert(1)</script>\n", "html").unwrap();
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn only_used_rules_are_kept() {
        let html = highlight("{\"order\": 42}\n", "json").unwrap();
        let mut used = std::collections::BTreeSet::new();
        classes_in(&html, &mut used);
        let css = stylesheet_for(&used);
        assert!(
            css.len() < stylesheet().len() / 3,
            "{} of {}",
            css.len(),
            stylesheet().len()
        );
        assert!(css.contains("prefers-color-scheme: dark"));
        let some_used = used.iter().any(|c| css.contains(c.as_str()));
        assert!(some_used, "{css}");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
