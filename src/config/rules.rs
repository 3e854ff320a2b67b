//! The rules of `helpbook check`: their names, what they find and how strict they are unless
//! book.toml says otherwise. The names are a contract: CI configurations and `[check.rules]`
//! refer to them. The table lives in `config`, below `check`, because book.toml's
//! `[check.rules]` is validated against it; `check` re-exports it.

use crate::config::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub name: &'static str,
    pub default: Severity,
    pub finds: &'static str,
}

const fn rule(name: &'static str, default: Severity, finds: &'static str) -> Rule {
    Rule {
        name,
        default,
        finds,
    }
}

use Severity::{Error, Off, Warning};

pub const RULES: &[Rule] = &[
    rule(
        "invalid-file",
        Error,
        "a file or book.toml helpbook cannot read",
    ),
    rule(
        "broken-link",
        Error,
        "a link to an article or page that does not exist",
    ),
    rule(
        "broken-anchor",
        Error,
        "a link to a heading (#anchor) that the target does not have",
    ),
    rule(
        "missing-file",
        Error,
        "an image or file that is not in the content folder",
    ),
    rule(
        "link-to-draft",
        Error,
        "a link to an article marked draft, which is not published",
    ),
    rule(
        "alias-collision",
        Error,
        "an alias that is the address of another page or alias",
    ),
    rule(
        "external-link",
        Error,
        "a link to another site that fails (only with --external)",
    ),
    rule(
        "duplicate-slug",
        Warning,
        "two articles of a language with the same file name",
    ),
    rule(
        "duplicate-title",
        Warning,
        "two articles of a language with the same title",
    ),
    rule("missing-title", Warning, "an article without a title"),
    rule(
        "missing-description",
        Warning,
        "an article without a description",
    ),
    rule("image-alt", Warning, "an image without alternative text"),
    rule(
        "renamed",
        Warning,
        "a file or folder whose name is not fit for a URL, published under a slug made from it",
    ),
    rule(
        "moved-page",
        Warning,
        "a top-level folder or article where one of helpbook's own pages usually is, which moves aside",
    ),
    // Every Markdown file is published since folders nest at any depth, so this finds
    // nothing; it stays so that configurations naming it keep working.
    rule(
        "unreachable",
        Off,
        "nothing since sections nest at any depth (kept for configurations that name it)",
    ),
    rule(
        "orphan",
        Off,
        "an article no other article links to and no tag lists",
    ),
    rule(
        "stale",
        Warning,
        "an article whose `updated` date is older than check.stale_after_days",
    ),
    rule(
        "missing-translation",
        Warning,
        "an article missing in some of the site's languages",
    ),
    rule(
        "front-matter-typo",
        Warning,
        "a front matter key that looks like a misspelt known key",
    ),
    rule(
        "repeated-key",
        Warning,
        "a YAML front matter key written twice; the last value is used",
    ),
    rule("build", Warning, "any other build warning"),
];

/// The rule called `name`.
pub fn rule_named(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
