//! Rewriting links and image sources written against files into links to pages.
//!
//! Writers link files as their editor sees them (`../returns/refunds.md#timing`), which keeps
//! links working on GitHub and in editors; the site needs page URLs (`/en/returns/refunds/#timing`).

use std::collections::{HashMap, HashSet};

/// What links can point at: pages by their source file, and files copied as they are.
#[derive(Debug, Default, Clone)]
pub struct LinkTargets {
    /// The path part of the site's base URL, ending in `/`.
    pub base_path: String,
    /// Content-relative Markdown path (`en/returns/refunds.md`, `en/returns/_index.md`) to URL.
    pub pages: HashMap<String, String>,
    /// Content-relative paths of files copied as they are.
    pub files: HashSet<String>,
}

/// The outcome of looking up one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// External, same-page or otherwise not ours to change.
    Unchanged,
    Rewritten(String),
    /// Points into the content but at nothing there; the link is left as written.
    Missing(String),
}

impl LinkTargets {
    /// Every target in a fixed order, so two sets of targets can be compared by hash.
    pub fn fingerprint_parts(&self) -> (String, Vec<(&String, &String)>, Vec<&String>) {
        let mut pages: Vec<_> = self.pages.iter().collect();
        pages.sort();
        let mut files: Vec<_> = self.files.iter().collect();
        files.sort();
        (self.base_path.clone(), pages, files)
    }

    /// Resolves `dest`, written in the file at content-relative `source`.
    pub fn resolve(&self, dest: &str, source: &str) -> Resolution {
        if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) || dest.starts_with("//") {
            return Resolution::Unchanged;
        }
        if let Some(site_path) = dest.strip_prefix('/') {
            return if self.base_path == "/" {
                Resolution::Unchanged
            } else {
                Resolution::Rewritten(format!("{}{site_path}", self.base_path))
            };
        }
        let (path, suffix) = split_suffix(dest);
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let folder = source.rsplit_once('/').map_or("", |(folder, _)| folder);
        let Some(target) = join_relative(folder, &decoded) else {
            return Resolution::Missing(format!("`{dest}` points outside the content folder"));
        };
        if let Some(url) = self.page_url(&target) {
            return Resolution::Rewritten(format!("{url}{suffix}"));
        }
        if target.ends_with(".md") {
            return Resolution::Missing(format!(
                "`{dest}` links to {target}, which does not exist"
            ));
        }
        if self.files.contains(&target) {
            return Resolution::Rewritten(format!(
                "{}{}{suffix}",
                self.base_path,
                encode_path(&target)
            ));
        }
        Resolution::Missing(format!(
            "`{dest}` points to content/{target}, which does not exist"
        ))
    }

    fn page_url(&self, target: &str) -> Option<&String> {
        self.pages.get(target).or_else(|| {
            let folder = target.trim_end_matches('/');
            self.pages.get(&format!("{folder}/_index.md"))
        })
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..colon].contains('/')
        }
        None => false,
    }
}

/// Splits `a/b.md#x` into `a/b.md` and `#x` (also for `?query`).
fn split_suffix(dest: &str) -> (&str, &str) {
    match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    }
}

/// Joins a relative path onto a folder, resolving `.` and `..`; `None` when it climbs out.
fn join_relative(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// `path` with what cannot stand in a URL path percent-encoded; `/` is kept.
pub fn encode_path(path: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    percent_encoding::utf8_percent_encode(path, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(base_path: &str) -> LinkTargets {
        LinkTargets {
            base_path: base_path.to_string(),
            pages: [
                ("en/returns/refunds.md", "/help/en/returns/refunds/"),
                ("en/returns/_index.md", "/help/en/returns/"),
                ("en/shipping/costs.md", "/help/en/shipping/costs/"),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
            files: ["en/shipping/label.svg", "en/shipping/my label.png"]
                .into_iter()
                .map(String::from)
                .collect(),
        }
    }

    #[test]
    fn resolution_cases() {
        use Resolution::*;
        let t = targets("/help/");
        let from = "en/shipping/costs.md";
        let cases: &[(&str, Resolution)] = &[
            ("https://example.com/a.md", Unchanged),
            ("mailto:help@example.com", Unchanged),
            ("#fees", Unchanged),
            (
                "../returns/refunds.md",
                Rewritten("/help/en/returns/refunds/".into()),
            ),
            (
                "../returns/refunds.md#timing",
                Rewritten("/help/en/returns/refunds/#timing".into()),
            ),
            (
                "./costs.md?x=1",
                Rewritten("/help/en/shipping/costs/?x=1".into()),
            ),
            ("../returns/", Rewritten("/help/en/returns/".into())),
            (
                "../returns/_index.md",
                Rewritten("/help/en/returns/".into()),
            ),
            ("label.svg", Rewritten("/help/en/shipping/label.svg".into())),
            (
                "my%20label.png",
                Rewritten("/help/en/shipping/my%20label.png".into()),
            ),
            ("/en/contact/", Rewritten("/help/en/contact/".into())),
        ];
        for (dest, expected) in cases {
            assert_eq!(&t.resolve(dest, from), expected, "{dest}");
        }
    }

    #[test]
    fn missing_targets_say_what_is_missing() {
        let t = targets("/");
        let cases = [
            (
                "../returns/refnds.md",
                "en/returns/refnds.md, which does not exist",
            ),
            ("missing.png", "content/en/shipping/missing.png"),
            ("../../../etc/passwd", "outside the content folder"),
        ];
        for (dest, expected) in cases {
            match t.resolve(dest, "en/shipping/costs.md") {
                Resolution::Missing(why) => assert!(why.contains(expected), "{why}"),
                other => panic!("{dest}: {other:?}"),
            }
        }
        assert_eq!(t.resolve("/en/x/", "en/a/b.md"), Resolution::Unchanged);
    }
}
