//! Interface strings per language: the theme's own, overridden by the site's.
//!
//! A language the theme has no strings for falls back key by key to English, so a site in a
//! new language works at once and its writers translate at their own pace.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;

use crate::error::SourceError;

/// The strings of one language, as flat keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Strings {
    pub lang: String,
    values: BTreeMap<String, toml::Value>,
}

impl Strings {
    /// Layers `overrides` on top of `base` (later layers win), key by key.
    pub fn layered(lang: &str, layers: Vec<BTreeMap<String, toml::Value>>) -> Strings {
        let mut values = BTreeMap::new();
        for layer in layers {
            values.extend(layer);
        }
        Strings {
            lang: lang.to_string(),
            values,
        }
    }

    /// The text for `key`, or the key itself so a missing string is visible, not blank.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.values
            .get(key)
            .and_then(toml::Value::as_str)
            .unwrap_or(key)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).and_then(toml::Value::as_str)
    }

    /// A list of strings, such as `months` or `weekdays`; empty when missing.
    pub fn list(&self, key: &str) -> Vec<&str> {
        self.values
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|items| items.iter().filter_map(toml::Value::as_str).collect())
            .unwrap_or_default()
    }

    /// All strings, for templates.
    pub fn values(&self) -> &BTreeMap<String, toml::Value> {
        &self.values
    }

    /// `date` in the language's own format: `date_format` with `{day}`, `{month}`, `{year}`.
    pub fn format_date(&self, date: Date) -> String {
        let Some(format) = self.get("date_format") else {
            return date.to_string();
        };
        // Every article and every summary in a list shows a date. Three `str::replace`s (each
        // building a substring searcher and a new string) cost 40 M instructions on the
        // 1,000-article build where this single pass costs 20 M.
        let month = usize::try_from(date.month() - 1)
            .ok()
            .and_then(|i| self.values.get("months")?.as_array()?.get(i)?.as_str());
        let mut out = String::with_capacity(format.len() + 16);
        let mut rest = format;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let placeholder = ["{day}", "{month}", "{year}"]
                .into_iter()
                .find(|p| after.starts_with(p));
            match placeholder {
                Some("{day}") => write_number(&mut out, i64::from(date.day()), 1),
                Some("{month}") => match month {
                    Some(name) => out.push_str(name),
                    None => write_number(&mut out, i64::from(date.month()), 2),
                },
                Some(_) => write_number(&mut out, i64::from(date.year()), 1),
                None => out.push('{'),
            }
            rest = &after[placeholder.map_or(1, str::len)..];
        }
        out.push_str(rest);
        out
    }

    /// `{prefix}_{form}` chosen by the language's plural rules for `n`, with `{count}` filled.
    pub fn plural(&self, prefix: &str, n: usize) -> String {
        let form = plural_form(&self.lang, n);
        let key = format!("{prefix}_{form}");
        let text = self
            .get(&key)
            .or_else(|| self.get(&format!("{prefix}_other")))
            .unwrap_or(prefix);
        fill(text, &[("count", &n.to_string())])
    }
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass: a value that
/// itself holds a placeholder is left as it is. Unknown placeholders stay as written.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(text.len() + values.iter().map(|(_, v)| v.len()).sum::<usize>());
    let mut rest = text;
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let known = values.iter().find_map(|(name, value)| {
            let tail = after.strip_prefix(name)?.strip_prefix('}')?;
            Some((value, tail))
        });
        match known {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn write_number(out: &mut String, n: i64, width: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n:0width$}");
}

/// The CLDR plural category of `n` for the languages we ship strings for; others use
/// English's one/other, which is right for most European languages.
pub fn plural_form(lang: &str, n: usize) -> &'static str {
    let primary = lang.split('-').next().unwrap_or(lang);
    match primary {
        "pl" => match (n % 10, n % 100) {
            _ if n == 1 => "one",
            (2..=4, m) if !(12..=14).contains(&m) => "few",
            _ => "many",
        },
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        "ja" | "zh" | "ko" | "th" | "vi" | "id" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// The language's name in itself, for the switcher of a language the theme has no strings
/// for; the code itself when it is not one of these common ones.
pub fn native_name(lang: &str) -> &str {
    let primary = lang.split('-').next().unwrap_or(lang);
    match primary {
        "ar" => "العربية",
        "cs" => "Čeština",
        "da" => "Dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fi" => "Suomi",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hu" => "Magyar",
        "id" => "Bahasa Indonesia",
        "it" => "Italiano",
        "ja" => "日本語",
        "ko" => "한국어",
        "nb" => "Norsk bokmål",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        "ro" => "Română",
        "ru" => "Русский",
        "sk" => "Slovenčina",
        "sv" => "Svenska",
        "th" => "ไทย",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "vi" => "Tiếng Việt",
        "zh" => "中文",
        _ => lang,
    }
}

/// Reads one strings file (`key = "text"`).
pub fn parse_strings_file(
    text: &str,
    path: &Path,
) -> Result<BTreeMap<String, toml::Value>, SourceError> {
    toml::from_str(text).map_err(|e| crate::config::toml_error(&e, text, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lang: &str, toml_text: &str) -> Strings {
        Strings::layered(
            lang,
            vec![parse_strings_file(toml_text, Path::new("x.toml")).unwrap()],
        )
    }

    #[test]
    fn placeholders_are_filled_once_each_and_unknown_ones_stay() {
        let values = [("page", "2"), ("pages", "5"), ("title", "{page} & {pages}")];
        assert_eq!(fill("Page {page} of {pages}", &values), "Page 2 of 5");
        assert_eq!(fill("{pages}/{page}/{page}", &values), "5/2/2");
        assert_eq!(
            fill("On {title}", &values),
            "On {page} & {pages}",
            "values are not filled"
        );
        assert_eq!(fill("{{page}} {nope} {page", &values), "{2} {nope} {page");
        assert_eq!(fill("zamówienie {page}: ١٢", &values), "zamówienie 2: ١٢");
        assert_eq!(fill("", &values), "");
    }

    #[test]
    fn plural_forms() {
        let cases = [
            ("en", 1, "one"),
            ("en", 0, "other"),
            ("en", 5, "other"),
            ("pl", 1, "one"),
            ("pl", 3, "few"),
            ("pl", 5, "many"),
            ("pl", 12, "many"),
            ("pl", 22, "few"),
            ("pl", 0, "many"),
            ("ar", 0, "zero"),
            ("ar", 2, "two"),
            ("ar", 7, "few"),
            ("ar", 11, "many"),
            ("ar", 100, "other"),
        ];
        for (lang, n, form) in cases {
            assert_eq!(plural_form(lang, n), form, "{lang} {n}");
        }
    }

    #[test]
    fn plural_text_falls_back_to_other() {
        let s = strings("pl", "articles_one = \"{count} artykuł\"\narticles_few = \"{count} artykuły\"\narticles_other = \"{count} artykułów\"\n");
        assert_eq!(s.plural("articles", 1), "1 artykuł");
        assert_eq!(s.plural("articles", 4), "4 artykuły");
        assert_eq!(s.plural("articles", 5), "5 artykułów");
    }

    #[test]
    fn dates_in_the_language_format() {
        let pl = strings("pl", "date_format = \"{day} {month} {year}\"\nmonths = [\"stycznia\", \"lutego\", \"marca\", \"kwietnia\", \"maja\", \"czerwca\", \"lipca\", \"sierpnia\", \"września\", \"października\", \"listopada\", \"grudnia\"]\n");
        assert_eq!(
            pl.format_date(jiff::civil::date(2026, 10, 14)),
            "14 października 2026"
        );
        let bare = strings("xx", "");
        assert_eq!(
            bare.format_date(jiff::civil::date(2026, 1, 2)),
            "2026-01-02"
        );
    }

    #[test]
    fn dates_without_month_names_use_the_number_and_keep_other_braces() {
        let ar = strings("ar", "date_format = \"{year}/{month}/{day} {note}\"\n");
        assert_eq!(
            ar.format_date(jiff::civil::date(2026, 3, 7)),
            "2026/03/7 {note}"
        );
    }

    #[test]
    fn languages_are_named_in_themselves_or_by_their_code() {
        let cases = [
            ("fa", "فارسی"),
            ("de", "Deutsch"),
            ("pt-BR", "Português"),
            ("he", "עברית"),
            ("tlh", "tlh"),
            ("xx-YY", "xx-YY"),
        ];
        for (lang, name) in cases {
            assert_eq!(native_name(lang), name, "{lang}");
        }
    }

    #[test]
    fn later_layers_win_and_missing_keys_show_themselves() {
        let base = parse_strings_file("a = \"A\"\nb = \"B\"\n", Path::new("x")).unwrap();
        let site = parse_strings_file("b = \"Bee\"\n", Path::new("y")).unwrap();
        let s = Strings::layered("en", vec![base, site]);
        assert_eq!(
            (s.text("a"), s.text("b"), s.text("zzz")),
            ("A", "Bee", "zzz")
        );
    }
}
