//! Splitting a Markdown file into its front matter and body, and parsing the front matter.
//!
//! TOML between `+++` lines and YAML between `---` lines are both accepted, because writers
//! migrating from Hugo, Zola or Jekyll bring theirs. Keys helpbook does not know are kept in
//! `extra` and otherwise ignored: migrated help centers carry many.
//!
//! A YAML key written twice at the top level keeps its last value with a warning, because
//! Jekyll accepts that and sites migrated from it have such files; the YAML parser would refuse
//! it. TOML repeats stay errors: Hugo and Zola refuse them too, so no writer relies on them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Location, SourceError, Warning};

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

/// Parses the front matter of a split file into `T`, with the warnings it gives; errors point
/// into the whole file.
pub fn parse<T>(
    split: &Split<'_>,
    file_text: &str,
    path: &Path,
) -> Result<(T, Vec<Warning>), SourceError>
where
    T: for<'de> Deserialize<'de> + Default,
{
    let (text, warnings) = match split.format {
        Some(Format::Yaml) => keep_last_of_repeated_keys(split, path),
        _ => (Cow::Borrowed(split.front_matter), Vec::new()),
    };
    parse_text(split, &text, file_text, path).map(|front| (front, warnings))
}

fn parse_text<T>(
    split: &Split<'_>,
    text: &str,
    file_text: &str,
    path: &Path,
) -> Result<T, SourceError>
where
    T: for<'de> Deserialize<'de> + Default,
{
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

/// YAML front matter in which every earlier occurrence of a repeated top-level key is blanked
/// out, so the last one wins as in Jekyll, with a warning at each repetition. Blanked lines
/// stay as empty lines, so later errors keep their line numbers.
///
/// The keys are found by a scan of the lines (`top_level_keys`), and the YAML parser confirms
/// the result: the blanked text must hold the same mapping as the original read with the last
/// value of each key. When it does not (a value that libyaml lets continue at column 0 looked
/// like a key), or the original is not a mapping the parser reads, the text is left as it is
/// and parsing reports what it reports for it.
fn keep_last_of_repeated_keys<'a>(split: &Split<'a>, path: &Path) -> (Cow<'a, str>, Vec<Warning>) {
    let text = split.front_matter;
    let keys = top_level_keys(text);
    let line_count = text.split_inclusive('\n').count();
    // An occurrence runs from its key's line to the next key's, taking its nested lines along.
    let mut blank = vec![false; line_count];
    for (i, (key, line)) in keys.iter().enumerate() {
        if keys[i + 1..].iter().any(|(later, _)| later == key) {
            let end = keys.get(i + 1).map_or(line_count, |(_, next)| *next);
            blank[*line..end].fill(true);
        }
    }
    if !blank.contains(&true) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let blanked = blank_lines(text, &blank);
    if !same_mapping_as_last_value_wins(text, &blanked) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let warnings = repetition_warnings(&keys, split.front_matter_line, path);
    (Cow::Owned(blanked), warnings)
}

/// One warning at each repetition of a key (so three occurrences give two warnings), naming
/// the first occurrence and the one whose value is used.
fn repetition_warnings(keys: &[(String, usize)], first_line: usize, path: &Path) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for (i, (key, line)) in keys.iter().enumerate() {
        let same_key = |(other, _): &&(String, usize)| other == key;
        let Some((_, first)) = keys[..i].iter().find(same_key) else {
            continue;
        };
        let (_, last) = keys.iter().rfind(same_key).expect("the key itself is one");
        warnings.push(
            Warning::at_line(
                path,
                first_line + line,
                format!(
                    "front matter key `{key}` is repeated (first on line {}); the value on \
                     line {} is used",
                    first_line + first,
                    first_line + last
                ),
            )
            .rule("repeated-key"),
        );
    }
    warnings
}

/// Each key of the top-level mapping with its 0-based line. Only lines starting at column 0
/// can hold one: the values of a top-level key, block scalars (`|`, `>`) and nested mappings
/// included, must be indented, so a line in them that looks like a key is never taken.
fn top_level_keys(text: &str) -> Vec<(String, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| Some((key_of_line(line)?, i)))
        .collect()
}

/// The key a line at column 0 starts with (`title:`, `"title":`, `'title':`), unquoted.
fn key_of_line(line: &str) -> Option<String> {
    let line = line.trim_end();
    let (key, rest) = match line.chars().next()? {
        quote @ ('"' | '\'') => {
            let close = closing_quote(&line[1..], quote)? + 1;
            let key = &line[1..close];
            let key = if quote == '\'' {
                key.replace("''", "'")
            } else {
                key.to_string()
            };
            (key, line[close + 1..].trim_start())
        }
        // Indentation, a comment, a list item, a directive, or a key YAML reads specially
        // (complex, flow, anchored or tagged): none of them a plain top-level key.
        c if c.is_whitespace() || "#-?:,[]{}&*!|>%@`".contains(c) => return None,
        _ => {
            let colon = plain_key_end(line)?;
            let key = line[..colon].trim_end();
            if key.contains(" #") {
                return None;
            }
            (key.to_string(), &line[colon..])
        }
    };
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(key)
}

/// The byte index of the `:` that ends a plain key: the first followed by a space or the end.
fn plain_key_end(line: &str) -> Option<usize> {
    line.match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| matches!(line.as_bytes().get(i + 1), None | Some(b' ' | b'\t')))
}

/// The byte index in `text` of the quote closing a scalar opened by `quote` just before it.
fn closing_quote(text: &str, quote: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
            }
            c if c == quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// `text` with each line whose `blank` is true emptied, keeping its line end.
fn blank_lines(text: &str, blank: &[bool]) -> String {
    let mut out = String::with_capacity(text.len());
    for (line, blank) in text.split_inclusive('\n').zip(blank) {
        if *blank {
            let content = line.trim_end_matches(['\n', '\r']);
            out.push_str(&line[content.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Whether `blanked` reads as the mapping `original` would be with the last value of each
/// repeated key: the parser's word that blanking removed exactly the earlier occurrences.
fn same_mapping_as_last_value_wins(original: &str, blanked: &str) -> bool {
    let Ok(Entries(entries)) = serde_norway::from_str::<Entries>(original) else {
        return false;
    };
    let mut last_value_wins = serde_norway::Mapping::new();
    for (key, value) in entries {
        last_value_wins.insert(key, value);
    }
    serde_norway::from_str::<serde_norway::Mapping>(blanked)
        .is_ok_and(|mapping| mapping == last_value_wins)
}

/// The entries of a YAML mapping in their order, repeated keys included: serde_norway's own
/// `Mapping` refuses a repeated key.
struct Entries(Vec<(serde_norway::Value, serde_norway::Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping of keys to values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Entries(entries))
    }
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
        parse_with_warnings(text).map(|(front, _)| front)
    }

    fn parse_with_warnings(text: &str) -> Result<(ArticleFrontMatter, Vec<Warning>), SourceError> {
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

    /// (front matter, description, weight, lines warned at with the line of the value used)
    type RepeatCase = (
        &'static str,
        Option<&'static str>,
        Option<i64>,
        &'static [(usize, usize)],
    );

    #[test]
    fn repeated_yaml_keys_keep_the_last_value_and_warn_at_each_repetition() {
        let cases: &[RepeatCase] = &[
            (
                "title: A\ndescription: old\ndescription: new\n",
                Some("new"),
                None,
                &[(4, 4)],
            ),
            // Three occurrences: a warning at each repetition, both naming the last line.
            (
                "description: one\nweight: 1\ndescription: two\ndescription: three\n",
                Some("three"),
                Some(1),
                &[(4, 5), (5, 5)],
            ),
            // Quoted keys are the same key; an earlier value's nested lines go with it.
            (
                "\"description\": |\n  old\n  weight: 9\n'description': new\n",
                Some("new"),
                None,
                &[(5, 5)],
            ),
            // Lines in a block scalar that look like keys are its text, not keys.
            (
                "description: |\n  weight: 1\n  weight: 2\nweight: 3\n",
                Some("weight: 1\nweight: 2\n"),
                Some(3),
                &[],
            ),
            // The same key under different parents, in list items or in comments: no repeats.
            (
                "a:\n  weight: 1\nb:\n  weight: 2\n# weight: 3\nsteps:\n- weight: 4\n- weight: 5\n",
                None,
                None,
                &[],
            ),
            (
                "# description: commented\ndescription: kept\n",
                Some("kept"),
                None,
                &[],
            ),
            // A value libyaml lets continue at column 0 looks like a key to the scan; the
            // parser disagrees, so nothing is blanked or reported.
            (
                "description: \"x\nweight: 1\"\nweight: 2\n",
                Some("x weight: 1"),
                Some(2),
                &[],
            ),
        ];
        for (front, description, weight, warned) in cases {
            let text = format!("---\n{front}---\nBody\n");
            let (fm, warnings) = parse_with_warnings(&text).expect(front);
            assert_eq!(fm.description.as_deref(), *description, "{front:?}");
            assert_eq!(fm.weight, *weight, "{front:?}");
            let at: Vec<(usize, usize)> = warnings
                .iter()
                .map(|w| {
                    let used = w.message.rsplit("line ").next().unwrap();
                    let used = used.trim_end_matches(" is used").parse().unwrap();
                    (w.location.as_ref().unwrap().line, used)
                })
                .collect();
            assert_eq!(at, *warned, "{front:?}: {warnings:?}");
            assert!(warnings.iter().all(|w| w.rule == Some("repeated-key")));
        }
    }

    #[test]
    fn errors_after_a_repeated_key_keep_their_line() {
        let text = "---\ndescription: a\ndescription: b\nweight: heavy\n---\n";
        let err = parse_article(text).unwrap_err();
        assert_eq!(err.location.line, 4, "{err}");
        assert_eq!(err.source_line.as_deref(), Some("weight: heavy"));
    }

    #[test]
    fn repeated_toml_keys_stay_an_error() {
        let err = parse_article("+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n").unwrap_err();
        assert!(err.message.contains("not valid TOML"), "{err}");
        assert_eq!(err.location.line, 3, "{err}");
    }
}
