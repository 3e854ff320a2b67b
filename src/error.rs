//! Errors that point at a place in a writer's file.
//!
//! A writer's mistake is reported with the file, line and column and the offending line itself,
//! the way compilers do, because the person reading it is editing that file right now.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`, whose first line is line `first_line` of `path`.
    pub fn from_offset(path: &Path, text: &str, offset: usize, first_line: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + first_line;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location {
            path: path.to_path_buf(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Where each line of a text starts, so many locations in one long text cost a binary search
/// each instead of a scan from its start.
#[derive(Debug, Clone)]
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn new(text: &str) -> Self {
        // memchr's iterator: `match_indices` paid a searcher's set-up on every short line,
        // nearly 1% of a build that locates a link in each article.
        let after_newlines = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
        LineStarts(std::iter::once(0).chain(after_newlines).collect())
    }

    /// The same as `Location::from_offset(path, text, offset, first_line)`; `text` must be the
    /// text these line starts were found in.
    pub fn location(&self, path: &Path, text: &str, offset: usize, first_line: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_index = self.0.partition_point(|&start| start <= offset) - 1;
        let line_start = self.0[line_index];
        Location {
            path: path.to_path_buf(),
            line: line_index + first_line,
            column: text[line_start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A mistake in a file the writer owns: what is wrong, where, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub message: String,
    pub location: Location,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
    /// What the writer probably meant or should do.
    pub help: Option<String>,
    /// The `check` rule this error is an instance of, when it is one, so `check` reports it
    /// under that rule rather than as an `invalid-file`.
    pub rule: Option<ErrorRule>,
}

/// The `check` rules a `SourceError` can be an instance of. An enum rather than the rule's
/// name keeps `SourceError` small: it travels in many `Result`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorRule {
    /// An alias at the address of a page or of another alias.
    AliasCollision,
}

impl ErrorRule {
    pub fn name(self) -> &'static str {
        match self {
            ErrorRule::AliasCollision => "alias-collision",
        }
    }
}

impl SourceError {
    pub fn new(message: impl Into<String>, location: Location) -> Self {
        SourceError {
            message: message.into(),
            location,
            source_line: None,
            help: None,
            rule: None,
        }
    }

    /// Attaches the text of the error's line, taken from the whole file's text.
    pub fn with_source(mut self, file_text: &str) -> Self {
        self.source_line = file_text
            .lines()
            .nth(self.location.line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.message)?;
        write!(f, "  --> {}", self.location)?;
        if let Some(line) = &self.source_line {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad = " ".repeat(self.location.column.saturating_sub(1));
            write!(f, "\n{pad} |\n{number} | {line}\n{pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a = 1\nzażółć = 2\n";
        let at = text.find('=').unwrap();
        assert_eq!(Location::from_offset(Path::new("f"), text, at, 1).column, 3);
        let second = text.rfind('=').unwrap();
        let loc = Location::from_offset(Path::new("f"), text, second, 3);
        assert_eq!((loc.line, loc.column), (4, 8));
    }

    #[test]
    fn line_starts_agree_with_from_offset() {
        let path = Path::new("f");
        for text in ["", "a", "\n", "a = 1\nzażółć = 2\n\nlast", "\r\nx\r\n"] {
            let starts = LineStarts::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    starts.location(path, text, offset, 3),
                    Location::from_offset(path, text, offset, 3),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn error_shows_the_line_and_a_caret() {
        let text = "+++\nupdated = 2026-13-01\n+++\n";
        let err = SourceError::new(
            "front matter is not valid TOML",
            Location {
                path: "a.md".into(),
                line: 2,
                column: 11,
            },
        )
        .with_source(text);
        let shown = err.to_string();
        assert!(shown.contains("--> a.md:2:11"), "{shown}");
        assert!(shown.contains("2 | updated = 2026-13-01"), "{shown}");
        assert!(shown.contains("  |           ^"), "{shown}");
    }

    #[test]
    fn suggestions_find_typos_only() {
        let keys = ["title", "base_url", "languages"];
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(suggest("langauges", keys), Some("languages"));
        assert_eq!(suggest("zzz", keys), None);
    }
}

/// Something a writer should fix that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub message: String,
    pub location: Option<Location>,
    /// The `check` rule this warning is an instance of, so `check` can apply its severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

impl Warning {
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Warning {
            message: message.into(),
            location: Some(location),
            rule: None,
        }
    }

    /// Marks the warning as an instance of a `check` rule.
    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Warning {
            message: message.into(),
            location: Some(Location {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
            }),
            rule: None,
        }
    }

    /// A warning about line `line` of the file at `path`, as a whole.
    pub fn at_line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Warning::at(
            Location {
                path: path.to_path_buf(),
                line,
                column: 1,
            },
            message,
        )
    }

    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            message: message.into(),
            location: None,
            rule: None,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{location}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Several writer mistakes found in one pass, so the writer can fix them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceErrors(pub Vec<SourceError>);

impl fmt::Display for SourceErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n\n{} errors", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceErrors {}

/// helpbook could not do its work for a reason outside the site's content: no book.toml, an
/// output folder it must not touch, a disk it cannot write. CI tells these apart (exit 2)
/// from a site with mistakes in it (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CannotRun(pub String);

/// Why a command of the library failed. Every entry point (build, check, report, serve,
/// init, new) returns it, and the command line derives both its exit code and its JSON from
/// it, so the kinds of failure are named in one place. `anyhow` still carries context inside
/// a stage; it is turned into one of these at the stage's edge (`From<anyhow::Error>`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Mistakes in `book.toml`.
    #[error("{0}")]
    Config(SourceErrors),
    /// Mistakes in articles, `_index.md` files, synonyms and the site model made of them.
    #[error("{0}")]
    Content(SourceErrors),
    /// Theme files or interface strings that cannot be read or parsed.
    #[error("{0}")]
    Theme(SourceErrors),
    /// A template that does not parse or cannot render a page.
    #[error("{0}")]
    Template(String),
    /// Something else in the site that it cannot be written with, such as an alias that is
    /// another page's address, or a static file that vanished while it was copied.
    #[error("{0}")]
    Build(String),
    /// A file helpbook must read or write and cannot; the cause says why.
    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// helpbook cannot run here at all (see `CannotRun`).
    #[error(transparent)]
    CannotRun(#[from] CannotRun),
}

impl Error {
    /// A file that could not be `action`ed ("read", "write", "create").
    pub fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }

    /// helpbook cannot run, for the reason `message` gives.
    pub fn cannot_run(message: impl Into<String>) -> Error {
        Error::CannotRun(CannotRun(message.into()))
    }

    /// The kind of failure, as the JSON output names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Config(_) => "config",
            Error::Content(_) => "content",
            Error::Theme(_) => "theme",
            Error::Template(_) => "template",
            Error::Build(_) => "build",
            Error::Io { .. } => "io",
            Error::CannotRun(_) => "cannot-run",
        }
    }

    /// Whether the writer can fix it in the site's files, rather than helpbook being unable
    /// to run at all.
    pub fn is_writer_mistake(&self) -> bool {
        !matches!(self, Error::Io { .. } | Error::CannotRun(_))
    }

    /// The process exit code: 1 for mistakes in the site, 2 when helpbook cannot run.
    pub fn exit_code(&self) -> u8 {
        if self.is_writer_mistake() {
            1
        } else {
            2
        }
    }

    /// The mistakes with a place in a file, when that is what the failure is.
    pub fn source_errors(&self) -> Option<&SourceErrors> {
        match self {
            Error::Config(errors) | Error::Content(errors) | Error::Theme(errors) => Some(errors),
            _ => None,
        }
    }
}

impl From<anyhow::Error> for Error {
    /// A stage's error, by the type it was made with; untyped ones are `Build`, with their
    /// causes in the message. A typed error under added context keeps the context's text.
    fn from(err: anyhow::Error) -> Self {
        let shown = err.to_string();
        let is_whole = |inner: &dyn fmt::Display| inner.to_string() == shown;
        if err.downcast_ref::<Error>().is_some_and(|e| is_whole(e)) {
            return err.downcast::<Error>().expect("checked just above");
        }
        if let Some(e) = err.downcast_ref::<CannotRun>().filter(|e| is_whole(e)) {
            return Error::cannot_run(e.0.clone());
        }
        if let Some(e) = err.downcast_ref::<SourceErrors>().filter(|e| is_whole(e)) {
            return Error::Content(e.clone());
        }
        if let Some(e) = err.downcast_ref::<SourceError>().filter(|e| is_whole(e)) {
            return Error::Content(SourceErrors(vec![e.clone()]));
        }
        Error::Build(with_causes(err.as_ref()))
    }
}

/// An error and its causes, each cause on a line of its own.
pub fn with_causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        text.push_str(&format!("\n  caused by: {inner}"));
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod failure_tests {
    use super::*;

    fn mistake() -> SourceErrors {
        let at = Location {
            path: "book.toml".into(),
            line: 2,
            column: 1,
        };
        SourceErrors(vec![SourceError::new("unknown key", at)])
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        let io = std::io::Error::other("disk full");
        // (error, its kind, exit code, whether it has places in files)
        let cases = [
            (Error::Config(mistake()), "config", 1, true),
            (Error::Content(mistake()), "content", 1, true),
            (Error::Theme(mistake()), "theme", 1, true),
            (Error::Template("x".into()), "template", 1, false),
            (Error::Build("x".into()), "build", 1, false),
            (Error::io("write", Path::new("a"))(io), "io", 2, false),
            (Error::cannot_run("no book.toml"), "cannot-run", 2, false),
        ];
        for (error, kind, code, placed) in cases {
            assert_eq!(error.kind(), kind);
            assert_eq!(error.exit_code(), code, "{kind}");
            assert_eq!(error.source_errors().is_some(), placed, "{kind}");
        }
    }

    #[test]
    fn a_stages_anyhow_error_keeps_its_kind_and_its_words() {
        let cases: [(anyhow::Error, &str, &str); 6] = [
            (
                CannotRun("refusing".into()).into(),
                "cannot-run",
                "refusing",
            ),
            (
                mistake().into(),
                "content",
                "unknown key\n  --> book.toml:2:1",
            ),
            (
                Error::Template("cannot render".into()).into(),
                "template",
                "cannot render",
            ),
            (anyhow::anyhow!("alias clash"), "build", "alias clash"),
            (
                anyhow::Error::new(std::io::Error::other("gone")).context("cannot copy a.pdf"),
                "build",
                "cannot copy a.pdf\n  caused by: gone",
            ),
            // Context over a typed error keeps the context's words.
            (
                anyhow::Error::new(CannotRun("inner".into())).context("outer"),
                "build",
                "outer\n  caused by: inner",
            ),
        ];
        for (err, kind, shown) in cases {
            let error = Error::from(err);
            assert_eq!(error.kind(), kind, "{error}");
            assert_eq!(with_causes(&error), shown);
        }
    }
}
