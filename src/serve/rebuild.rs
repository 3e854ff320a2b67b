//! Rebuilding for `serve`: redo only what an edit can have changed.
//!
//! The previous model is kept between rebuilds. Markdown whose input did not change is reused
//! (`site::build` compares fingerprints), and when an edit changed nothing but article bodies
//! (same articles, titles, tags, order, configuration and theme) only those articles' pages and
//! their languages' search index are rendered. Files are then written only where their bytes
//! changed, into serve's private folder.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::build::{load_site_reusing, BuildOptions};
use crate::error::Warning;
use crate::render::{render_scope, RenderScope};
use crate::site::Site;
use crate::timings::phase;

/// What serve keeps from the last good build.
struct LastBuild {
    site: Site,
    shape: u64,
    theme: u64,
    /// Hash of every file in the output folder.
    written: HashMap<String, u64>,
}

/// What a rebuild did, for the terminal.
#[derive(Debug)]
pub struct RebuildReport {
    pub pages_rendered: usize,
    pub files_written: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Warning>,
}

pub struct Rebuilder {
    options: BuildOptions,
    last: Option<LastBuild>,
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Self {
        Rebuilder {
            options,
            last: None,
        }
    }

    /// Builds the site again; a failure leaves the output and the kept model as they were.
    pub fn rebuild(&mut self) -> anyhow::Result<RebuildReport> {
        let started = Instant::now();
        let previous = self.last.as_ref().map(|l| &l.site);
        let (site, theme) =
            load_site_reusing(&self.options.site_dir, &self.options.site, previous)?;
        let (shape, theme_fingerprint) = phase("fingerprints", || {
            let theme_fingerprint = fingerprint(&format!(
                "{:?}",
                (&theme.templates, &theme.static_files, &theme.strings)
            ));
            (shape_fingerprint(&site), theme_fingerprint)
        });
        let scope = match &self.last {
            Some(last) if last.shape == shape && last.theme == theme_fingerprint => {
                RenderScope::ArticleBodies(changed_bodies(&last.site, &site))
            }
            _ => RenderScope::Everything,
        };
        let files = render_scope(&site, &theme, &self.options.render, &scope)?;
        let pages_rendered = files.keys().filter(|p| p.ends_with(".html")).count();
        let out_dir = self.options.out_dir();
        let (written, files_written) = phase("write changed", || match self.last.take() {
            None => {
                crate::output::write_site(&out_dir, &self.options.site_dir, &files)?;
                Ok((hashes(&files), files.len()))
            }
            Some(last) => {
                // Nothing needs the previous model any more, and freeing one of 10,000
                // articles is work the rebuild need not wait for (as after a build).
                let LastBuild {
                    site: previous,
                    written,
                    ..
                } = last;
                std::thread::spawn(move || drop(previous));
                let everything = scope == RenderScope::Everything;
                sync_files(&out_dir, &files, written, everything)
            }
        })?;
        let warnings = site.warnings.clone();
        self.last = Some(LastBuild {
            site,
            shape,
            theme: theme_fingerprint,
            written,
        });
        Ok(RebuildReport {
            pages_rendered,
            files_written,
            elapsed: started.elapsed(),
            warnings,
        })
    }
}

fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

fn hashes(files: &std::collections::BTreeMap<String, Vec<u8>>) -> HashMap<String, u64> {
    files
        .iter()
        .map(|(path, bytes)| (path.clone(), fingerprint(bytes)))
        .collect()
}

/// Everything about the site that other pages than an article's own show: configuration,
/// categories, tags, and each article's front matter and place.
fn shape_fingerprint(site: &Site) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", site.config).hash(&mut hasher);
    site.build_date.to_string().hash(&mut hasher);
    for language in &site.languages {
        (
            &language.code,
            &language.name,
            &language.title,
            &language.description,
        )
            .hash(&mut hasher);
        for c in &language.categories {
            (
                &c.slug,
                &c.title,
                &c.description,
                &c.icon,
                c.weight,
                &c.articles,
            )
                .hash(&mut hasher);
        }
        for t in &language.tags {
            (&t.slug, &t.name, &t.articles).hash(&mut hasher);
        }
        for a in &language.articles {
            (
                &a.rel_path,
                &a.title,
                &a.description,
                &a.tags,
                a.updated.map(|d| d.to_string()),
            )
                .hash(&mut hasher);
            (
                a.weight, a.promoted, a.draft, a.faq, &a.aliases, &a.url, a.category,
            )
                .hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Articles whose rendered Markdown differs from the previous build's.
fn changed_bodies(previous: &Site, site: &Site) -> Vec<String> {
    let before: HashMap<&str, u64> = previous
        .languages
        .iter()
        .flat_map(|l| &l.articles)
        .map(|a| (a.rel_path.as_str(), a.rendered_from))
        .collect();
    site.languages
        .iter()
        .flat_map(|l| &l.articles)
        .filter(|a| before.get(a.rel_path.as_str()) != Some(&a.rendered_from))
        .map(|a| a.rel_path.clone())
        .collect()
}

/// Writes the files whose bytes changed; with `everything`, also removes files the site no
/// longer has. Returns the new hashes and how many files were written.
fn sync_files(
    out_dir: &Path,
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    mut written: HashMap<String, u64>,
    everything: bool,
) -> anyhow::Result<(HashMap<String, u64>, usize)> {
    let mut count = 0;
    for (path, bytes) in files {
        let hash = fingerprint(bytes);
        if written.get(path) == Some(&hash) {
            continue;
        }
        let target = out_dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, bytes)?;
        written.insert(path.clone(), hash);
        count += 1;
    }
    if everything {
        let gone: Vec<String> = written
            .keys()
            .filter(|p| !files.contains_key(*p))
            .cloned()
            .collect();
        for path in gone {
            let _ = std::fs::remove_file(out_dir.join(&path));
            written.remove(&path);
        }
    }
    Ok((written, count))
}
