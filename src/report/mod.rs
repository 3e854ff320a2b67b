//! `helpbook report`: the state of the knowledge base at a glance, for a support lead.
//!
//! The figures are gathered once into `ContentReport` (which is also the JSON form), and
//! `html` draws them as one self-contained page: inline CSS and SVG, no script, no request.

mod html;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::check::{CheckOptions, CheckReport};
use crate::error::Error;
use crate::site::{Site, SiteOptions};

/// Upper bounds (in days) of the staleness buckets, with their labels.
const AGE_BUCKETS: &[(i64, &str)] = &[
    (90, "under 3 months"),
    (182, "3 to 6 months"),
    (365, "6 to 12 months"),
    (730, "1 to 2 years"),
    (i64::MAX, "over 2 years"),
];
const UNDATED: &str = "no date";

/// Upper bounds of the words-per-article buckets.
const WORD_BUCKETS: &[(usize, &str)] = &[
    (100, "under 100"),
    (300, "100 to 299"),
    (600, "300 to 599"),
    (1000, "600 to 999"),
    (usize::MAX, "1000 or more"),
];

/// How many tags the label report lists.
const TOP_TAGS: usize = 20;

#[derive(Debug, Clone, Serialize)]
pub struct ContentReport {
    pub title: String,
    /// The day the figures were taken (ages are counted to it).
    pub date: String,
    pub languages: Vec<String>,
    pub articles: usize,
    /// Category slug to the number of articles in each language (same order as `languages`).
    pub per_category: BTreeMap<String, Vec<usize>>,
    /// Share of all article keys (category/slug) each language has, 0 to 100.
    pub coverage: Vec<Coverage>,
    /// Articles missing in at least one language: key and the languages that lack it.
    pub untranslated: Vec<(String, Vec<String>)>,
    pub staleness: Vec<Bucket>,
    pub tags: Vec<TagUse>,
    pub words: Vec<Bucket>,
    pub average_words: Vec<usize>,
    pub check: CheckReport,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub language: String,
    pub articles: usize,
    pub percent: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagUse {
    pub language: String,
    pub tag: String,
    pub articles: usize,
}

/// Writes the report for the site in `site_dir`, as HTML or JSON, and says where.
pub fn write(site_dir: &Path, output: Option<&Path>, json: bool) -> Result<PathBuf, Error> {
    let (site, _theme) = crate::build::load_site(site_dir, &SiteOptions::default())?;
    let check = crate::check::check_loaded(&site, &CheckOptions::default());
    let report = gather(&site, check);
    let path = output.map_or_else(
        || {
            site_dir.join(if json {
                "helpbook-report.json"
            } else {
                "helpbook-report.html"
            })
        },
        Path::to_path_buf,
    );
    let bytes = if json {
        serde_json::to_vec_pretty(&report)
            .map_err(|e| Error::cannot_run(format!("cannot write the report as JSON: {e}")))?
    } else {
        html::page(&report).into_bytes()
    };
    std::fs::write(&path, bytes)
        .map_err(|e| Error::cannot_run(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// The figures of the report, from the site model and the check's findings.
pub fn gather(site: &Site, check: CheckReport) -> ContentReport {
    let languages: Vec<String> = site.languages.iter().map(|l| l.code.clone()).collect();
    let mut per_category: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut keys: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut staleness = vec![0; AGE_BUCKETS.len() + 1];
    let mut words = vec![0; WORD_BUCKETS.len()];
    let mut average_words = Vec::new();
    let mut tags = Vec::new();
    for (i, language) in site.languages.iter().enumerate() {
        let mut total_words = 0;
        for article in &language.articles {
            // Sections count on their own, by folder: `returns/policy`.
            let folder = article
                .category
                .map_or("(home page)", |c| language.categories[c].folder.as_str());
            per_category
                .entry(folder.to_string())
                .or_insert_with(|| vec![0; languages.len()])[i] += 1;
            keys.entry(article.key()).or_default().push(&language.code);
            staleness[age_bucket(site, article.updated)] += 1;
            let count = article.rendered.word_count;
            total_words += count;
            words[WORD_BUCKETS
                .iter()
                .position(|(max, _)| count < *max)
                .unwrap_or(0)] += 1;
        }
        average_words.push(total_words / language.articles.len().max(1));
        tags.extend(language.tags.iter().map(|t| TagUse {
            language: language.code.clone(),
            tag: t.name.clone(),
            articles: t.articles.len(),
        }));
    }
    tags.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.tag.cmp(&b.tag)));
    tags.truncate(TOP_TAGS);
    let coverage = site
        .languages
        .iter()
        .map(|l| Coverage {
            language: l.code.clone(),
            articles: l.articles.len(),
            percent: percent(l.articles.len(), keys.len()),
        })
        .collect();
    let untranslated = keys
        .iter()
        .filter(|(_, present)| present.len() < languages.len())
        .map(|(key, present)| {
            let missing = languages
                .iter()
                .filter(|l| !present.contains(&l.as_str()))
                .cloned()
                .collect();
            (key.to_string(), missing)
        })
        .collect();
    ContentReport {
        title: site.config.site.title.clone(),
        date: site.build_date.to_string(),
        articles: site.article_count(),
        languages,
        per_category,
        coverage,
        untranslated,
        staleness: buckets(
            AGE_BUCKETS.iter().map(|(_, l)| *l).chain([UNDATED]),
            staleness,
        ),
        tags,
        words: buckets(WORD_BUCKETS.iter().map(|(_, l)| *l), words),
        average_words,
        check,
    }
}

fn age_bucket(site: &Site, updated: Option<jiff::civil::Date>) -> usize {
    let Some(updated) = updated else {
        return AGE_BUCKETS.len();
    };
    let days = updated
        .until(site.build_date)
        .map_or(0, |span| i64::from(span.get_days()));
    AGE_BUCKETS
        .iter()
        .position(|(max, _)| days < *max)
        .unwrap_or(AGE_BUCKETS.len() - 1)
}

fn buckets<'a>(labels: impl Iterator<Item = &'a str>, counts: Vec<usize>) -> Vec<Bucket> {
    labels
        .zip(counts)
        .map(|(label, count)| Bucket {
            label: label.to_string(),
            count,
        })
        .collect()
}

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 100;
    }
    ((part * 100 + whole / 2) / whole) as u32
}
