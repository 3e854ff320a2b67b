//! `helpbook check`: the mistakes a build would publish, found before customers find them.
//!
//! Most findings come from the site model the build makes anyway (links were resolved while
//! rendering Markdown); the rest compare articles with each other, with their translations and
//! with the calendar. Each finding names a rule, so a team can make any of them an error, a
//! warning or nothing in `[check.rules]`.

mod external;
mod show;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::rules;
pub use crate::config::rules::{rule_named as rule, Rule, RULES};
use crate::config::{CheckConfig, Severity};
use crate::content::front_matter::KNOWN_KEYS;
use crate::error::{suggest, Location, SourceError, Warning};
use crate::site::{Article, Language, Site, SiteOptions};
pub use external::ExternalOptions;
pub use show::{human, summary};

/// One problem, where it is and how much it matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Finding {
    fn new(rule: &'static str, location: Option<&Location>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Warning,
            file: location.map(|l| l.path.clone()),
            line: location.map(|l| l.line),
            column: location.map(|l| l.column),
            message: message.into(),
        }
    }

    fn at(rule: &'static str, location: Location, message: impl Into<String>) -> Self {
        Finding::new(rule, Some(&location), message)
    }
}

/// Everything a check found, ordered by file and place.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// Applies each rule's severity, drops what is off, and sorts by place.
    pub fn from_findings(mut findings: Vec<Finding>, config: &CheckConfig) -> Self {
        for finding in &mut findings {
            finding.severity = severity_of(finding.rule, config);
        }
        findings.retain(|f| f.severity != Severity::Off);
        findings.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.rule, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.rule, &b.message))
        });
        findings.dedup();
        CheckReport {
            errors: count(&findings, Severity::Error),
            warnings: count(&findings, Severity::Warning),
            findings,
        }
    }

    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

fn severity_of(rule: &str, config: &CheckConfig) -> Severity {
    config
        .rules
        .get(rule)
        .copied()
        .or_else(|| rules::rule_named(rule).map(|r| r.default))
        .unwrap_or(Severity::Warning)
}

/// What `check` looks at beyond the site itself.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub site: SiteOptions,
    /// Also asks other sites whether the links to them work.
    pub external: Option<ExternalOptions>,
}

/// Loads the site in `site_dir` and checks it. Files that cannot be read are findings of
/// `invalid-file` beside the findings about every other file; a site whose model cannot be
/// made at all yields only its errors; only a missing book.toml or the like is an `Err`.
pub fn run(site_dir: &Path, options: &CheckOptions) -> Result<CheckReport, crate::error::Error> {
    let config = match crate::config::Config::load(site_dir) {
        Ok(config) => config,
        Err(err) => return unreadable(err, &CheckConfig::default()),
    };
    match crate::build::load_site_leaving_out_broken_files(site_dir, &options.site) {
        Ok((site, _theme, broken)) => {
            let mut findings = findings_about(&site, options);
            // What the model says about a broken file (a category without its `_index.md`'s
            // title) is only a consequence of the error reported for it.
            findings.retain(|f| {
                !broken
                    .iter()
                    .any(|e| f.file.as_ref() == Some(&e.location.path))
            });
            findings.extend(invalid_file_findings(&broken));
            Ok(CheckReport::from_findings(findings, &site.config.check))
        }
        Err(err) => unreadable(err, &config.check),
    }
}

/// The report for a site already loaded, with the severities of its book.toml.
pub fn check_loaded(site: &Site, options: &CheckOptions) -> CheckReport {
    CheckReport::from_findings(findings_about(site, options), &site.config.check)
}

fn findings_about(site: &Site, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = check_site(site);
    if let Some(external) = &options.external {
        let links = site
            .languages
            .iter()
            .flat_map(|l| &l.articles)
            .flat_map(|a| &a.rendered.external_links);
        findings.extend(external::check(links, &site.config.check, external));
    }
    findings
}

fn unreadable(
    err: crate::error::Error,
    config: &CheckConfig,
) -> Result<CheckReport, crate::error::Error> {
    let Some(errors) = err.source_errors() else {
        return Err(err);
    };
    Ok(CheckReport::from_findings(
        invalid_file_findings(&errors.0),
        config,
    ))
}

fn invalid_file_findings(errors: &[SourceError]) -> Vec<Finding> {
    errors
        .iter()
        .map(|e| {
            let mut message = e.message.clone();
            if let Some(help) = &e.help {
                message.push_str(&format!(" ({help})"));
            }
            Finding::at(
                e.rule.map_or("invalid-file", |r| r.name()),
                e.location.clone(),
                message,
            )
        })
        .collect()
}

/// Every finding about a loaded site that needs nothing but the site.
pub fn check_site(site: &Site) -> Vec<Finding> {
    let mut findings: Vec<Finding> = site.warnings.iter().map(from_warning).collect();
    let mut sources = SourceTexts::default();
    let pages = PageIndex::new(site);
    for language in &site.languages {
        check_links(language, &pages, &mut findings);
        check_duplicates(language, &mut sources, &mut findings);
        check_articles(site, language, &mut sources, &mut findings);
        check_orphans(language, &mut findings);
    }
    check_translations(site, &mut findings);
    findings
}

fn from_warning(warning: &Warning) -> Finding {
    Finding::new(
        warning.rule.unwrap_or("build"),
        warning.location.as_ref(),
        warning.message.clone(),
    )
}

/// Every article of the site by URL, for the heading ids links point at. (Aliases that
/// collide are errors of the model, which `site::build` reports under `alias-collision`.)
struct PageIndex<'s> {
    articles: HashMap<&'s str, &'s Article>,
}

impl<'s> PageIndex<'s> {
    fn new(site: &'s Site) -> Self {
        let articles = site
            .languages
            .iter()
            .flat_map(|l| &l.articles)
            .map(|a| (a.url.as_str(), a))
            .collect();
        PageIndex { articles }
    }
}

fn check_links(language: &Language, pages: &PageIndex<'_>, findings: &mut Vec<Finding>) {
    for article in &language.articles {
        for link in &article.rendered.page_links {
            if link.url.starts_with("#draft") {
                findings.push(Finding::at(
                    "link-to-draft",
                    link.location.clone(),
                    "this link leads to a draft, which is not published",
                ));
                continue;
            }
            let (path, fragment) = link.url.split_once('#').unwrap_or((&link.url, ""));
            if fragment.is_empty() {
                continue;
            }
            if let Some(target) = pages.articles.get(path) {
                check_anchor(target, fragment, &link.location, findings);
            }
        }
        for link in &article.rendered.local_anchors {
            let fragment = link.url.trim_start_matches('#');
            check_anchor(article, fragment, &link.location, findings);
        }
    }
}

fn check_anchor(target: &Article, fragment: &str, at: &Location, findings: &mut Vec<Finding>) {
    let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
    let known = target.rendered.headings.iter().any(|h| h.id == fragment)
        || fragment == "top"
        || fragment.starts_with("fn-")
        || fragment.starts_with("fnref");
    if !known {
        let ids: Vec<&str> = target
            .rendered
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .collect();
        let hint = suggest(&fragment, ids.iter().copied())
            .map(|id| format!("; did you mean #{id}?"))
            .unwrap_or_default();
        findings.push(Finding::at(
            "broken-anchor",
            at.clone(),
            format!(
                "{} has no heading #{fragment}{hint}",
                target.display_path.display()
            ),
        ));
    }
}

fn check_duplicates(language: &Language, sources: &mut SourceTexts, findings: &mut Vec<Finding>) {
    let mut by_slug: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
    let mut by_title: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
    for article in &language.articles {
        by_slug.entry(&article.slug).or_default().push(article);
        by_title
            .entry(article.title.trim().to_lowercase())
            .or_default()
            .push(article);
    }
    for (slug, articles) in by_slug.into_iter().filter(|(_, a)| a.len() > 1) {
        for (i, article) in articles.iter().enumerate() {
            let other = articles[if i == 0 { 1 } else { 0 }];
            findings.push(Finding::at(
                "duplicate-slug",
                sources.line_of(&article.display_path, None),
                format!(
                    "another article of `{}` is also called `{slug}`: {}",
                    language.code,
                    other.display_path.display()
                ),
            ));
        }
    }
    for articles in by_title.into_values().filter(|a| a.len() > 1) {
        for (i, article) in articles.iter().enumerate() {
            let other = articles[if i == 0 { 1 } else { 0 }];
            findings.push(Finding::at(
                "duplicate-title",
                sources.line_of(&article.display_path, Some("title")),
                format!(
                    "\"{}\" is also the title of {}",
                    article.title,
                    other.display_path.display()
                ),
            ));
        }
    }
}

fn check_articles(
    site: &Site,
    language: &Language,
    sources: &mut SourceTexts,
    findings: &mut Vec<Finding>,
) {
    let stale_days = i64::from(site.config.check.stale_after_days);
    for article in &language.articles {
        let path = &article.display_path;
        if article.description.trim().is_empty() {
            findings.push(Finding::at(
                "missing-description",
                sources.line_of(path, None),
                "article has no `description`; search results and link previews show it",
            ));
        }
        for at in &article.rendered.images_without_alt {
            findings.push(Finding::at(
                "image-alt",
                at.clone(),
                "image has no alternative text: write what it shows between the brackets, ![like this](file.png)",
            ));
        }
        if let Some(updated) = article.updated {
            let age = updated
                .until(site.build_date)
                .map_or(0, |span| i64::from(span.get_days()));
            if age > stale_days {
                findings.push(Finding::at(
                    "stale",
                    sources.line_of(path, Some("updated")),
                    format!("last updated {updated}, {age} days ago (check.stale_after_days is {stale_days})"),
                ));
            }
        }
        for key in article.extra.keys() {
            if let Some(known) = suggest(key, KNOWN_KEYS.iter().copied()) {
                findings.push(Finding::at(
                    "front-matter-typo",
                    sources.line_of(path, Some(key)),
                    format!("unknown front matter key `{key}`; did you mean `{known}`?"),
                ));
            }
        }
    }
}

fn check_orphans(language: &Language, findings: &mut Vec<Finding>) {
    let linked: HashSet<&str> = language
        .articles
        .iter()
        .flat_map(|a| &a.rendered.page_links)
        .map(|l| l.url.split('#').next().unwrap_or_default())
        .collect();
    for article in &language.articles {
        if article.tags.is_empty() && !article.promoted && !linked.contains(article.url.as_str()) {
            findings.push(Finding::new(
                "orphan",
                Some(&Location {
                    path: article.display_path.clone(),
                    line: 1,
                    column: 1,
                }),
                "only its category page leads here: no article links to it and it has no tags",
            ));
        }
    }
}

fn check_translations(site: &Site, findings: &mut Vec<Finding>) {
    let mut languages_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut first_file: BTreeMap<&str, &Path> = BTreeMap::new();
    for language in &site.languages {
        for article in &language.articles {
            languages_of
                .entry(article.key())
                .or_default()
                .push(&language.code);
            first_file
                .entry(article.key())
                .or_insert(article.display_path.as_path());
        }
    }
    for (key, present) in languages_of {
        let missing: Vec<&str> = site
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .filter(|code| !present.contains(code))
            .collect();
        if !missing.is_empty() {
            findings.push(Finding::at(
                "missing-translation",
                Location {
                    path: first_file[key].to_path_buf(),
                    line: 1,
                    column: 1,
                },
                format!("no translation in {}", missing.join(", ")),
            ));
        }
    }
}

/// Source files read on demand, to point findings at the line of a front matter key.
#[derive(Default)]
struct SourceTexts {
    texts: HashMap<PathBuf, String>,
}

impl SourceTexts {
    /// The place of `key` in the front matter of `path`, or the file's first line.
    fn line_of(&mut self, path: &Path, key: Option<&str>) -> Location {
        let text = self
            .texts
            .entry(path.to_path_buf())
            .or_insert_with(|| std::fs::read_to_string(path).unwrap_or_default());
        let line = key
            .and_then(|key| {
                text.lines().position(|line| {
                    line.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
                })
            })
            .map_or(1, |i| i + 1);
        Location {
            path: path.to_path_buf(),
            line,
            column: 1,
        }
    }
}
