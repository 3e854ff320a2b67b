//! The pipeline's direction, checked: a module may use only modules of lower stages.
//!
//! Every `src/**/*.rs` is read as text and each path into another top-level module
//! (`crate::site::Site`, `use crate::{config, content}`) is an edge from the file's module to
//! that one. `super::` and `self::` stay inside a module and are not edges. Code under
//! `#[cfg(test)]` is left out: a unit test may build a whole site through `build`, as the
//! integration tests in `tests/` do. `docs/architecture.md` draws the same table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The stages, lowest first. A module uses only modules of stages before its own; modules of
/// one stage do not use each other.
const STAGES: &[(&str, &[&str])] = &[
    ("errors", &["error"]),
    (
        "shared helpers",
        &[
            "allocator",
            "files",
            "fingerprint",
            "slug",
            "text",
            "timings",
        ],
    ),
    ("configuration", &["config"]),
    // `output` needs only `error`; it sits this low because `search` writes through it too.
    (
        "reading and writing",
        &["content", "markdown", "output", "theme"],
    ),
    ("site model", &["site"]),
    ("derived from the model", &["contact", "search"]),
    ("pages", &["render"]),
    ("build", &["build"]),
    ("check", &["check"]),
    ("report", &["report"]),
    ("commands", &["scaffold", "serve"]),
    ("crate root", &["lib", "main"]),
];

/// Edges the stages do not allow but the code needs for now, with the reason.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

/// One use of another module: where it is and the path as written.
#[derive(Debug)]
struct Edge {
    file: PathBuf,
    line: usize,
    from: String,
    to: String,
    written: String,
}

#[test]
fn every_module_uses_only_lower_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();

    let mut problems = Vec::new();
    for module in &modules {
        if stage_of(module).is_none() {
            problems.push(format!(
                "src/{module}: module `{module}` is in no stage; add it to STAGES in tests/architecture.rs and docs/architecture.md"
            ));
        }
    }
    for (_, names) in STAGES {
        for name in names.iter().filter(|n| !modules.contains(**n)) {
            problems.push(format!(
                "STAGES names `{name}`, which is not a module in src/"
            ));
        }
    }
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a source file is readable");
        let from = module_of(&src, file);
        let shown = file.strip_prefix(src.parent().expect("src/ has a parent"));
        for edge in edges(&text, shown.unwrap_or(file), &from) {
            if let Some(problem) = forbidden(&edge, &modules) {
                problems.push(problem);
            }
        }
    }
    assert!(
        problems.is_empty(),
        "modules must use only modules of lower stages (see docs/architecture.md):\n{}\n",
        problems.join("\n")
    );
}

/// What is wrong with `edge`, if anything.
fn forbidden(edge: &Edge, modules: &BTreeSet<String>) -> Option<String> {
    let at = format!("{}:{}", edge.file.display(), edge.line);
    if !modules.contains(&edge.to) {
        return Some(format!(
            "{at}: `{}` refers to `{}`, which is not a module in src/",
            edge.written, edge.to
        ));
    }
    let (from_rank, from_stage) = stage_of(&edge.from)?;
    let (to_rank, to_stage) = stage_of(&edge.to)?;
    let excepted = EXCEPTIONS
        .iter()
        .any(|(from, to, _)| *from == edge.from && *to == edge.to);
    (to_rank >= from_rank && !excepted).then(|| {
        format!(
            "{at}: forbidden edge {} -> {} (`{}`): `{}` is in stage {from_rank} ({from_stage}), `{}` in stage {to_rank} ({to_stage})",
            edge.from, edge.to, edge.written, edge.from, edge.to
        )
    })
}

/// The stage's place, lowest 0, and its name.
fn stage_of(module: &str) -> Option<(usize, &'static str)> {
    STAGES
        .iter()
        .enumerate()
        .find(|(_, (_, names))| names.contains(&module))
        .map(|(rank, (name, _))| (rank, *name))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("a directory entry is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/config/hours.rs` and `src/config/mod.rs` are `config`; `src/main.rs` is `main`.
fn module_of(src: &Path, file: &Path) -> String {
    let first = file
        .strip_prefix(src)
        .expect("under src/")
        .components()
        .next()
        .expect("a file has a name");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// Every path into another top-level module in `text`, outside comments and test code.
fn edges(text: &str, file: &Path, from: &str) -> Vec<Edge> {
    let code = without_comments_and_tests(text);
    let mut edges = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        // `helpbook::crate::` does not occur; `$crate::` in a macro is the crate itself.
        if code[..at].ends_with('$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let targets = match rest.strip_prefix('{') {
            Some(group) => grouped_heads(group),
            None => vec![identifier(rest).to_string()],
        };
        let line = code[..at].matches('\n').count() + 1;
        let written_end = match rest.starts_with('{') {
            true => rest.find('}').map_or(rest.len(), |end| end + 1),
            false => rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len()),
        };
        for to in targets.into_iter().filter(|t| !t.is_empty() && t != from) {
            edges.push(Edge {
                file: file.to_path_buf(),
                line,
                from: from.to_string(),
                to,
                written: format!("crate::{}", &rest[..written_end]),
            });
        }
    }
    edges
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first name of each path in `a::b, c::{d, e}, f}`: `a`, `c`, `f`.
fn grouped_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = true;
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expect_head = true,
            c if expect_head && (c.is_alphanumeric() || c == '_') => {
                heads.push(identifier(&group[at..]).to_string());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// `text` with line comments blanked and every `#[cfg(test)]` item removed, keeping the
/// line breaks so that line numbers stay right. rustfmt closes an item with a `}` at the
/// indentation it opened at, which is where a test module ends.
fn without_comments_and_tests(text: &str) -> String {
    enum State {
        Code,
        /// Past `#[cfg(test)]`, before the item it marks.
        TestAttribute(usize),
        /// Inside a test item opened at this indentation.
        TestItem(usize),
    }
    let mut out = String::with_capacity(text.len());
    let mut state = State::Code;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        state = match state {
            State::TestAttribute(_) if trimmed.starts_with('#') => state,
            State::TestAttribute(_) if trimmed.ends_with(';') || trimmed.ends_with('}') => {
                State::Code
            }
            State::TestAttribute(open) => State::TestItem(open),
            State::TestItem(open) if indent == open && trimmed.starts_with('}') => State::Code,
            State::TestItem(open) => State::TestItem(open),
            State::Code if trimmed.starts_with("#[cfg(test)]") => State::TestAttribute(indent),
            State::Code => {
                if !trimmed.starts_with("//") {
                    out.push_str(line.split(" // ").next().unwrap_or_default());
                }
                State::Code
            }
        };
        out.push('\n');
    }
    out
}

#[test]
fn edges_are_found_in_every_form_and_not_in_comments_or_tests() {
    let text = "\
use crate::config::Config;
use crate::{content::read_text, markdown};
// crate::serve is only mentioned
    let x = crate::site::humanize(name); // crate::render too
use super::Finding;
#[cfg(test)]
mod tests {
    use crate::build::load_site;
}
fn after() { crate::search::load(); }
#[cfg(test)]
use crate::serve::Only;
use crate::output::Sink;
";
    let found: Vec<(usize, String)> = edges(text, Path::new("src/x.rs"), "x")
        .into_iter()
        .map(|e| (e.line, e.to))
        .collect();
    let expected = [
        (1, "config"),
        (2, "content"),
        (2, "markdown"),
        (4, "site"),
        (10, "search"),
        (13, "output"),
    ];
    assert_eq!(
        found,
        expected.map(|(line, to)| (line, to.to_string())).to_vec()
    );
}
