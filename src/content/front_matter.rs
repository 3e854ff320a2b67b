//! Splitting a Markdown file into its front matter and body, and parsing the front matter.
//!
//! TOML between `+++` lines and YAML between `---` lines are both accepted, because writers
//! migrating from Hugo, Zola or Jekyll bring theirs. Keys helpbook does not know are kept in
//! `extra` and otherwise ignored: migrated help centers carry many.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer};

use crate::error::{Location, SourceError};

/// The front matter of an article.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ArticleFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    #[serde(deserialize_with = "deserialize_date")]
    pub updated: Option<Date>,
    pub weight: Option<i64>,
    pub promoted: bool,
    pub draft: bool,
    /// Old site paths that must keep leading to this article.
    pub aliases: Vec<String>,
    /// A question-and-answer article.
    pub faq: bool,
    /// The last segment of the article's URL, in place of one made from its file name.
    pub slug: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The front matter of a category's `_index.md`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct CategoryFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub icon: Option<String>,
    pub weight: Option<i64>,
    /// The folder's segment of URLs, in place of one made from its name.
    pub slug: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The keys helpbook reads from front matter, for spotting typos of them.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "tags",
    "updated",
    "weight",
    "promoted",
    "draft",
    "aliases",
    "faq",
    "icon",
    "slug",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A file cut in two: the front matter text and the Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Option<Format>,
    pub front_matter: &'a str,
    /// 1-based line of the front matter's first line in the file.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Cuts `text` (without a byte-order mark) into front matter and body. A file without
/// front matter is all body.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, SourceError> {
    let Some((format, delimiter)) = opening_delimiter(text) else {
        return Ok(Split {
            format: None,
            front_matter: "",
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    for (line, candidate) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if candidate.trim_end() == delimiter {
            let body_start = offset + candidate.len();
            return Ok(Split {
                format: Some(format),
                front_matter: &text[after_open..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += candidate.len();
    }
    Err(SourceError::new(
        format!("front matter opened with `{delimiter}` is never closed"),
        Location {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
        },
    )
    .with_source(text)
    .with_help(format!(
        "add a line with only `{delimiter}` after the last front matter key"
    )))
}

fn opening_delimiter(text: &str) -> Option<(Format, &'static str)> {
    let first_line = text.lines().next()?.trim_end();
    match first_line {
        "+++" => Some((Format::Toml, "+++")),
        "---" => Some((Format::Yaml, "---")),
        _ => None,
    }
}

/// Parses the front matter of a split file into `T`; errors point into the whole file.
pub fn parse<T>(split: &Split<'_>, file_text: &str, path: &Path) -> Result<T, SourceError>
where
    T: for<'de> Deserialize<'de> + Default,
{
    let text = split.front_matter;
    let result = match split.format {
        None => return Ok(T::default()),
        Some(_) if text.trim().is_empty() => return Ok(T::default()),
        Some(Format::Toml) => toml::from_str::<T>(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            (
                format!("front matter is not valid TOML: {}", e.message().trim()),
                Location::from_offset(path, text, offset, split.front_matter_line),
            )
        }),
        Some(Format::Yaml) => serde_norway::from_str::<T>(text).map_err(|e| {
            let message = yaml_message(&e);
            let location = match e.location() {
                // Keys we keep in `extra` make serde buffer the whole map, so a value's own
                // error arrives pointing at the map's start: find the value it quotes instead.
                Some(l) if l.index() > 0 => {
                    Location::from_offset(path, text, l.index(), split.front_matter_line)
                }
                _ => {
                    let offset = quoted_value_offset(text, &message).unwrap_or(0);
                    Location::from_offset(path, text, offset, split.front_matter_line)
                }
            };
            (
                format!("front matter is not valid YAML: {message}"),
                location,
            )
        }),
    };
    result.map_err(|(message, location)| {
        SourceError::new(message, location)
            .with_source(file_text)
            .with_help(front_matter_help(split.format))
    })
}

/// serde_norway appends " at line N column M"; the location is shown on its own line.
fn yaml_message(err: &serde_norway::Error) -> String {
    let text = err.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Where the first `quoted` value of an error message stands in the front matter.
fn quoted_value_offset(front_matter: &str, message: &str) -> Option<usize> {
    let quoted = message.split('`').nth(1).filter(|q| !q.is_empty())?;
    front_matter.find(quoted)
}

fn front_matter_help(format: Option<Format>) -> &'static str {
    match format {
        Some(Format::Yaml) => {
            "YAML front matter looks like `title: Refunds`; lists are `tags: [a, b]`"
        }
        _ => "TOML front matter looks like `title = \"Refunds\"`; dates are `updated = 2026-01-31`",
    }
}

/// Accepts a TOML date, a YAML or TOML string `YYYY-MM-DD`, or a TOML date-time (its date).
fn deserialize_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum RawDate {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let raw = Option::<RawDate>::deserialize(deserializer)?;
    let text = match raw {
        None => return Ok(None),
        Some(RawDate::Text(text)) => text,
        Some(RawDate::Toml(datetime)) => match datetime.date {
            Some(date) => date.to_string(),
            None => {
                return Err(serde::de::Error::custom(
                    "`updated` needs a date, not only a time",
                ))
            }
        },
    };
    parse_date(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Parses `YYYY-MM-DD`, also when a time follows it.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let date_part = text.trim().get(..10).unwrap_or(text.trim());
    date_part
        .parse::<Date>()
        .map_err(|_| format!("`{}` is not a date like 2026-01-31", text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(text: &str) -> Split<'_> {
        split(text, Path::new("a.md")).unwrap()
    }

    #[test]
    fn split_cases() {
        // (input, format, front matter, body, body line)
        let cases: &[(&str, Option<Format>, &str, &str, usize)] = &[
            (
                "+++\ntitle = \"A\"\n+++\nBody\n",
                Some(Format::Toml),
                "title = \"A\"\n",
                "Body\n",
                4,
            ),
            (
                "---\ntitle: A\n---\nBody\n",
                Some(Format::Yaml),
                "title: A\n",
                "Body\n",
                4,
            ),
            (
                "+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n",
                Some(Format::Toml),
                "title = \"A\"\r\n",
                "Body\r\n",
                4,
            ),
            (
                "+++\ntitle = \"A\"\n+++",
                Some(Format::Toml),
                "title = \"A\"\n",
                "",
                4,
            ),
            ("# No front matter\n", None, "", "# No front matter\n", 1),
            ("", None, "", "", 1),
            ("+++\n+++\n", Some(Format::Toml), "", "", 3),
            (
                "---\na: 1\n---\ntext\n---\nmore\n",
                Some(Format::Yaml),
                "a: 1\n",
                "text\n---\nmore\n",
                4,
            ),
            (
                "Intro\n+++\nnot front matter\n+++\n",
                None,
                "",
                "Intro\n+++\nnot front matter\n+++\n",
                1,
            ),
        ];
        for (input, format, front, body, body_line) in cases {
            let s = split_ok(input);
            assert_eq!(s.format, *format, "{input:?}");
            assert_eq!(s.front_matter, *front, "{input:?}");
            assert_eq!(s.body, *body, "{input:?}");
            assert_eq!(s.body_line, *body_line, "{input:?}");
        }
    }

    #[test]
    fn unclosed_front_matter_is_an_error_with_help() {
        let err = split("+++\ntitle = \"A\"\nBody\n", Path::new("x.md")).unwrap_err();
        assert!(err.message.contains("never closed"));
        assert_eq!(err.location.line, 1);
        assert!(err.help.unwrap().contains("`+++`"));
    }

    fn parse_article(text: &str) -> Result<ArticleFrontMatter, SourceError> {
        let s = split(text, Path::new("a.md"))?;
        parse(&s, text, Path::new("a.md"))
    }

    #[test]
    fn toml_and_yaml_give_the_same_article() {
        let toml = "+++\ntitle = \"Zwrot\"\ntags = [\"zwroty\"]\nupdated = 2026-10-14\nweight = 2\npromoted = true\naliases = [\"/pl/old/\"]\n+++\n";
        let yaml = "---\ntitle: Zwrot\ntags: [zwroty]\nupdated: 2026-10-14\nweight: 2\npromoted: true\naliases:\n  - /pl/old/\n---\n";
        let a = parse_article(toml).unwrap();
        let b = parse_article(yaml).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.updated, Some(jiff::civil::date(2026, 10, 14)));
        assert_eq!(a.title.as_deref(), Some("Zwrot"));
    }

    #[test]
    fn unknown_keys_are_kept() {
        let fm = parse_article("---\ntitle: A\nlayout: post\npermalink: /x/\n---\n").unwrap();
        assert_eq!(fm.extra.get("layout"), Some(&serde_json::json!("post")));
        assert_eq!(fm.extra.len(), 2);
    }

    #[test]
    fn date_time_keeps_its_date() {
        let fm = parse_article("+++\nupdated = 2026-01-02T10:00:00Z\n+++\n").unwrap();
        assert_eq!(fm.updated, Some(jiff::civil::date(2026, 1, 2)));
    }

    #[test]
    fn bad_front_matter_points_at_the_line() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "+++\ntitle = \"A\"\nupdated = 2026-13-01\n+++\n",
                3,
                "not valid TOML",
            ),
            ("+++\ntitle = A\n+++\n", 2, "not valid TOML"),
            ("---\ntitle: A\nupdated: 31.01.2026\n---\n", 3, "not a date"),
            ("---\ntitle: [unclosed\n---\n", 2, "not valid YAML"),
            ("---\ntitle: a\n  b: c\n---\n", 3, "not valid YAML"),
            ("+++\ntags = \"one\"\n+++\n", 2, "invalid type"),
        ];
        for (text, line, expected) in cases {
            let err = parse_article(text).expect_err(text);
            assert_eq!(err.location.line, *line, "{err}");
            assert!(
                err.to_string().contains(expected),
                "{expected:?} not in {err}"
            );
        }
    }
}
