//! Rebuilding for `serve`: redo only what an edit can have changed.
//!
//! The previous model is kept between rebuilds. When the watcher saw nothing change but
//! articles already in the model, and their front matter is as it was, only those files are
//! read again and only their Markdown is rendered into the kept model. Otherwise the site
//! is loaded again: Markdown whose input did not change is reused (`site::build` compares
//! fingerprints), and when an edit changed nothing but article bodies (same articles,
//! titles, tags, order, configuration and theme) only those articles' pages and their
//! languages' search index are rendered. Either way files are then written only where their
//! bytes changed, into serve's private folder.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{load_site_reusing, BuildOptions};
use crate::config::SitePaths;
use crate::error::{SourceErrors, Warning};
use crate::output::{content_hash, FileSink, Hashing, InPlace, Staging};
use crate::render::{render_into, render_scope, RenderScope};
use crate::site::{Site, SiteLinks};
use crate::theme::Theme;
use crate::timings::phase;

use super::watch::Changes;

/// What serve keeps from the last good build.
struct LastBuild {
    site: Site,
    /// The model's link targets, made at its first quick rebuild and kept for the next.
    links: Option<SiteLinks>,
    theme: Theme,
    shape: u64,
    theme_fingerprint: u64,
    /// Hash of every file in the output folder.
    written: HashMap<String, u64>,
}

/// What a rebuild did, for the terminal.
#[derive(Debug)]
pub struct RebuildReport {
    pub pages_rendered: usize,
    pub files_written: usize,
    /// When the changed pages were written, if the rest came after them.
    pub pages_ready: Option<Duration>,
    /// Only the edited articles were read again, into the kept model.
    pub quick: bool,
    pub elapsed: Duration,
    pub warnings: Vec<Warning>,
}

/// Pages rendered and files written by one rebuild.
#[derive(Debug, Default)]
struct Done {
    pages: usize,
    files: usize,
    pages_ready: Option<Duration>,
}

/// A rebuild's work in the order it is written: `serve` reloads the browser after the
/// first stage, so an edited article shows before its language's search index is made.
type Stages = Vec<Vec<RenderScope>>;

fn body_stages(changed: Vec<String>, with_assets: bool) -> Stages {
    let mut pages = vec![RenderScope::ArticlePages(changed.clone())];
    if with_assets {
        pages.push(RenderScope::Assets);
    }
    vec![pages, vec![RenderScope::SearchOf(changed)]]
}

/// A rebuild that failed, and whether it had written to the output folder by then.
struct Failed {
    error: anyhow::Error,
    wrote: bool,
}

pub struct Rebuilder {
    options: BuildOptions,
    /// The content folder as an absolute path, as the watcher names changed files.
    content_dir: PathBuf,
    last: Option<LastBuild>,
    /// Changes no successful rebuild has taken in yet: after a failure, the next rebuild
    /// still knows that, say, book.toml changed.
    pending: Changes,
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Self {
        let content_dir = SitePaths::new(&options.site_dir).content();
        Rebuilder {
            content_dir: std::path::absolute(&content_dir).unwrap_or(content_dir),
            options,
            last: None,
            pending: Changes::unknown(),
        }
    }

    /// Builds what `changes` (and the changes of failed rebuilds before) can have changed.
    /// `pages_ready` is called when the changed pages are written and more is still to
    /// come. A failure leaves the output folder as it was, unless it had been written to.
    pub fn rebuild(
        &mut self,
        changes: Changes,
        pages_ready: &mut dyn FnMut(),
    ) -> anyhow::Result<RebuildReport> {
        let started = Instant::now();
        self.pending.add(changes);
        let mut ready = || {
            let elapsed = started.elapsed();
            pages_ready();
            elapsed
        };
        let (done, quick) = match self.rebuild_edited_bodies(&mut ready)? {
            Some(done) => (done, true),
            None => (self.rebuild_model(&mut ready)?, false),
        };
        self.pending = Changes::default();
        let warnings = self
            .last
            .as_ref()
            .map(|last| last.site.warnings.clone())
            .unwrap_or_default();
        Ok(RebuildReport {
            pages_rendered: done.pages,
            files_written: done.files,
            pages_ready: done.pages_ready,
            quick,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// The quick way, when the pending changes are edits to the bodies of known articles:
    /// `None` when they are not.
    fn rebuild_edited_bodies(
        &mut self,
        ready: &mut dyn FnMut() -> Duration,
    ) -> anyhow::Result<Option<Done>> {
        let Some(last) = &mut self.last else {
            return Ok(None);
        };
        if self.pending.unknown || last.site.build_date != today(&self.options) {
            return Ok(None);
        }
        let Some(edited) = edited_articles(&last.site, &self.content_dir, &self.pending) else {
            return Ok(None);
        };
        let sources = phase("read edited", || {
            edited
                .into_iter()
                .map(|(path, rel_path)| crate::content::load_article(&path, rel_path))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| SourceErrors(vec![e]))?;
        let changed = phase("markdown", || {
            let links = last.links.get_or_insert_with(|| last.site.links());
            crate::site::apply_body_edits(&mut last.site, sources, links)
        });
        let Some(changed) = changed else {
            return Ok(None);
        };
        let stages = body_stages(changed, false);
        let mut written = Some(std::mem::take(&mut last.written));
        let result = write_stages(
            &self.options,
            &last.site,
            &last.theme,
            &stages,
            &mut written,
            ready,
        );
        match result {
            Ok(done) => {
                last.written = written.unwrap_or_default();
                Ok(Some(done))
            }
            Err(failed) => {
                // The model has the edit and the output may have part of it: only a full
                // rebuild brings the two together again.
                self.last = None;
                Err(failed.error)
            }
        }
    }

    /// Loads the whole site again, reusing the Markdown of unchanged articles.
    fn rebuild_model(&mut self, ready: &mut dyn FnMut() -> Duration) -> anyhow::Result<Done> {
        let previous = self.last.as_ref().map(|l| &l.site);
        let (site, theme) =
            load_site_reusing(&self.options.site_dir, &self.options.site, previous)?;
        let (shape, theme_fingerprint) = phase("fingerprints", || {
            let theme_fingerprint = crate::fingerprint::of(&format!(
                "{:?}",
                (&theme.templates, &theme.static_files, &theme.strings)
            ));
            (shape_fingerprint(&site), theme_fingerprint)
        });
        let stages = match &self.last {
            Some(last) if last.shape == shape && last.theme_fingerprint == theme_fingerprint => {
                body_stages(changed_bodies(&last.site, &site), true)
            }
            _ => vec![vec![RenderScope::Everything]],
        };
        let mut written = self.last.as_mut().map(|l| std::mem::take(&mut l.written));
        let result = write_stages(&self.options, &site, &theme, &stages, &mut written, ready);
        let done = match result {
            Ok(done) => done,
            Err(Failed { error, wrote }) => {
                match (&mut self.last, written) {
                    (Some(last), Some(written)) if !wrote => last.written = written,
                    _ => self.last = None,
                }
                return Err(error);
            }
        };
        if let Some(previous) = self.last.take() {
            // Nothing needs the previous model any more, and freeing one of 10,000 articles
            // is work the rebuild need not wait for (as after a build).
            std::thread::spawn(move || drop(previous));
        }
        self.last = Some(LastBuild {
            site,
            links: None,
            theme,
            shape,
            theme_fingerprint,
            written: written.unwrap_or_default(),
        });
        Ok(done)
    }
}

/// Renders and writes `stages` in order. Into a folder written before (`written` holds
/// the hash of each of its files), only files whose bytes changed are written, and after
/// `Everything` those the site no longer has are removed; a first build writes the whole
/// folder.
fn write_stages(
    options: &BuildOptions,
    site: &Site,
    theme: &Theme,
    stages: &Stages,
    written: &mut Option<HashMap<String, u64>>,
    ready: &mut dyn FnMut() -> Duration,
) -> Result<Done, Failed> {
    let out_dir = options.out_dir();
    let mut done = Done::default();
    if written.is_none() {
        let hashes = phase("first build", || first_build(options, site, theme, stages))
            .map_err(|error| Failed { error, wrote: true })?;
        done.pages = hashes.keys().filter(|p| p.ends_with(".html")).count();
        done.files = hashes.len();
        *written = Some(hashes);
        return Ok(done);
    }
    for (i, stage) in stages.iter().enumerate() {
        let fail = |error| Failed {
            error,
            wrote: i > 0,
        };
        let mut files = BTreeMap::new();
        for scope in stage {
            let mut more = render_scope(site, theme, &options.render, scope).map_err(fail)?;
            files.append(&mut more);
        }
        done.pages += count_pages(&files);
        let everything = stage.contains(&RenderScope::Everything);
        let before = written.get_or_insert_with(HashMap::new);
        done.files += phase("write changed", || {
            sync_files(&out_dir, files, before, everything)
        })
        .map_err(|error| Failed { error, wrote: true })?;
        if i + 1 < stages.len() {
            done.pages_ready = Some(ready());
        }
    }
    Ok(done)
}

/// The first build into serve's folder, written as it is rendered, the way `build` writes
/// (at 10,000 articles, holding the whole site in memory first and writing it after took a
/// second more). Returns the hash of each file written.
fn first_build(
    options: &BuildOptions,
    site: &Site,
    theme: &Theme,
    stages: &Stages,
) -> anyhow::Result<HashMap<String, u64>> {
    let staging = Staging::new(&options.out_dir(), &options.site_dir)?;
    let sink = Hashing::new(&staging);
    for scope in stages.iter().flatten() {
        render_into(site, theme, &options.render, scope, &sink)?;
    }
    let hashes = sink.into_hashes();
    staging.finish()?;
    Ok(hashes)
}

fn today(options: &BuildOptions) -> jiff::civil::Date {
    options
        .site
        .today
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

fn count_pages(files: &BTreeMap<String, Vec<u8>>) -> usize {
    files.keys().filter(|p| p.ends_with(".html")).count()
}

/// The files to read again when every change is an edit to an article of `site` (by
/// absolute path and content path), or `None` when something else may have changed. Paths
/// that are gone and never were part of the site (an editor's temporary file) change
/// nothing.
fn edited_articles(
    site: &Site,
    content_dir: &Path,
    changes: &Changes,
) -> Option<Vec<(PathBuf, String)>> {
    let mut edited = Vec::new();
    for path in &changes.paths {
        let rel_path = content_path(content_dir, path)?;
        if rel_path
            .split('/')
            .any(|s| s.len() > 1 && s.starts_with('.'))
        {
            // Hidden files are never read into the site.
            continue;
        }
        match site.article_at(&rel_path) {
            Some(article) if path.is_file() => {
                edited.push((article.display_path.clone(), rel_path));
            }
            Some(_) => return None,
            None if !path.exists() && !site.has_content_at_or_under(&rel_path) => {}
            None => return None,
        }
    }
    Some(edited)
}

/// `path` relative to the content folder with `/` separators, when it is inside it.
fn content_path(content_dir: &Path, path: &Path) -> Option<String> {
    let relative = path.strip_prefix(content_dir).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Everything about the site that other pages than an article's own show: configuration,
/// categories, tags, and each article's front matter and place.
fn shape_fingerprint(site: &Site) -> u64 {
    let mut hasher = crate::fingerprint::hasher();
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
        language.home_articles.hash(&mut hasher);
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
            // Where it sits in the tree: its sections' pages list it, and it lists them.
            (&c.folder, &c.url, c.parent, &c.sections).hash(&mut hasher);
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

/// Writes the files whose bytes changed into serve's folder, through `output`'s writer like
/// every other file, recording their hashes in `written`; with `everything`, also removes
/// files the site no longer has. Returns how many were written.
fn sync_files(
    out_dir: &Path,
    files: BTreeMap<String, Vec<u8>>,
    written: &mut HashMap<String, u64>,
    everything: bool,
) -> anyhow::Result<usize> {
    let folder = InPlace::new(out_dir);
    let gone: Vec<String> = if everything {
        written
            .keys()
            .filter(|p| !files.contains_key(*p))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    // Side by side: after a change every page shows, most of 10,000 pages are rewritten,
    // and one thread spent most of that time waiting for the disk.
    let before = &*written;
    let changed = files
        .into_par_iter()
        .filter_map(|(path, bytes)| {
            let hash = content_hash(&bytes);
            (before.get(&path) != Some(&hash)).then_some((path, bytes, hash))
        })
        .map(|(path, bytes, hash)| {
            folder.put(path.clone(), bytes)?;
            Ok((path, hash))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let count = changed.len();
    written.extend(changed);
    for path in gone {
        folder.remove(&path)?;
        written.remove(&path);
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::RenderOptions;
    use crate::site::SiteOptions;
    use std::collections::BTreeSet;

    /// A copy of fixture `name`, with serve's build options into `serve/`.
    fn fixture_named(name: &str) -> (tempfile::TempDir, BuildOptions) {
        let temp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = temp
                .path()
                .join("site")
                .join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let options = BuildOptions {
            site_dir: temp.path().join("site"),
            out_dir: Some(temp.path().join("serve")),
            site: SiteOptions {
                include_drafts: false,
                base_url: Some("http://127.0.0.1:1/".to_string()),
                today: Some(jiff::civil::date(2026, 11, 27)),
            },
            render: RenderOptions {
                live_reload: true,
                progress: None,
            },
            show_progress: false,
        };
        (temp, options)
    }

    /// The fixture after serve's first build.
    fn served() -> (tempfile::TempDir, BuildOptions, Rebuilder) {
        served_named("basic")
    }

    fn served_named(name: &str) -> (tempfile::TempDir, BuildOptions, Rebuilder) {
        let (temp, options) = fixture_named(name);
        let mut rebuilder = Rebuilder::new(options.clone());
        let first = rebuild(&mut rebuilder, Changes::unknown());
        assert!(!first.quick && first.pages_ready.is_none());
        (temp, options, rebuilder)
    }

    fn changed(options: &BuildOptions, rel: &str) -> Changes {
        let path = std::path::absolute(options.site_dir.join(rel)).unwrap();
        Changes {
            paths: BTreeSet::from([path]),
            unknown: false,
        }
    }

    fn edit(options: &BuildOptions, rel: &str, from: &str, to: &str) {
        let path = options.site_dir.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn rebuild(rebuilder: &mut Rebuilder, changes: Changes) -> RebuildReport {
        rebuilder.rebuild(changes, &mut || {}).unwrap()
    }

    /// Every file under `dir`, by path, with its bytes.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                (rel.display().to_string(), std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// Serve's folder holds what a full build of the site as it is now makes, and serve
    /// reports the same warnings.
    fn assert_same_as_full_build(options: &BuildOptions, report: &RebuildReport) {
        let full = BuildOptions {
            out_dir: Some(options.site_dir.with_file_name("full")),
            ..options.clone()
        };
        let built = crate::build::build(&full).unwrap();
        let (served, expected) = (tree(&options.out_dir()), tree(&full.out_dir()));
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &expected {
            assert!(served[path] == *bytes, "{path} differs from a full build");
        }
        let shown = |w: &[Warning]| w.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(shown(&report.warnings), shown(&built.warnings));
    }

    #[test]
    fn an_edited_body_is_rendered_alone_and_gives_the_site_a_full_build_gives() {
        let (_temp, options, mut rebuilder) = served();
        let article = "content/en/returns/refunds.md";
        edit(
            &options,
            article,
            "Within **5 days**",
            "Within **9 days**, see [x](gone.md)",
        );
        let report = rebuild(&mut rebuilder, changed(&options, article));
        assert!(report.quick, "only the edited file was read");
        assert_eq!(report.pages_rendered, 1);
        assert!(
            report.pages_ready.is_some(),
            "the page came before the index"
        );
        assert!(
            report
                .warnings
                .iter()
                .any(|w| w.to_string().contains("gone.md")),
            "{:?}",
            report.warnings
        );
        let page = std::fs::read_to_string(options.out_dir().join("en/returns/refunds/index.html"));
        assert!(page.unwrap().contains("9 days"));
        assert_same_as_full_build(&options, &report);

        // The dead link's warning goes with the edit that removes it.
        edit(&options, article, ", see [x](gone.md)", "");
        let report = rebuild(&mut rebuilder, changed(&options, article));
        assert!(report.quick);
        assert_same_as_full_build(&options, &report);
    }

    #[test]
    fn sections_rebuild_like_a_full_build_whatever_changed() {
        let (_temp, options, mut rebuilder) = served_named("sections");
        let deep = "content/en/orders/tracking/couriers/late-parcel.md";
        edit(&options, deep, "two working days", "three working days");
        let report = rebuild(&mut rebuilder, changed(&options, deep));
        assert!(report.quick, "a body edit three folders down is read alone");
        assert_eq!(report.pages_rendered, 1);
        assert_same_as_full_build(&options, &report);

        let section = "content/en/orders/tracking/_index.md";
        edit(
            &options,
            section,
            "title = \"Tracking\"",
            "title = \"Following a parcel\"",
        );
        let report = rebuild(&mut rebuilder, changed(&options, section));
        assert!(
            !report.quick,
            "a section's title shows in breadcrumbs and lists"
        );
        assert_same_as_full_build(&options, &report);
        let page = options
            .out_dir()
            .join("en/orders/tracking/couriers/late-parcel/index.html");
        assert!(std::fs::read_to_string(page)
            .unwrap()
            .contains("Following a parcel"));

        let added = "content/en/orders/tracking/couriers/abroad/customs.md";
        std::fs::create_dir_all(options.site_dir.join(added).parent().unwrap()).unwrap();
        std::fs::write(
            options.site_dir.join(added),
            "+++\ntitle = \"Customs\"\n+++\nParcels from abroad pass customs.\n",
        )
        .unwrap();
        let report = rebuild(&mut rebuilder, changed(&options, added));
        assert_same_as_full_build(&options, &report);
        assert!(options
            .out_dir()
            .join("en/orders/tracking/couriers/abroad/customs/index.html")
            .is_file());
    }

    #[test]
    fn front_matter_edits_and_removed_articles_rebuild_the_model() {
        let (_temp, options, mut rebuilder) = served();
        let article = "content/en/returns/refunds.md";
        edit(
            &options,
            article,
            "title = \"Refunds\"",
            "title = \"Money back\"",
        );
        let report = rebuild(&mut rebuilder, changed(&options, article));
        assert!(!report.quick, "a title shows on other pages too");
        assert_same_as_full_build(&options, &report);

        let removed = "content/en/returns/send-back.md";
        std::fs::remove_file(options.site_dir.join(removed)).unwrap();
        let report = rebuild(&mut rebuilder, changed(&options, removed));
        assert!(!report.quick);
        assert_same_as_full_build(&options, &report);
    }

    #[test]
    fn a_file_that_came_and_went_changes_nothing_but_a_moved_folder_does() {
        let (_temp, options, mut rebuilder) = served();
        let report = rebuild(&mut rebuilder, changed(&options, "content/en/returns/4913"));
        assert!(report.quick);
        assert_eq!(report.files_written, 0);

        let folder = options.site_dir.join("content/en/shipping");
        std::fs::rename(&folder, options.site_dir.join("shipping-old")).unwrap();
        let report = rebuild(&mut rebuilder, changed(&options, "content/en/shipping"));
        assert!(!report.quick, "the folder's articles are gone");
        assert!(!options
            .out_dir()
            .join("en/shipping/label/index.html")
            .exists());
        assert_same_as_full_build(&options, &report);
    }

    #[test]
    fn a_change_a_failed_rebuild_saw_is_still_built_by_the_next() {
        let (_temp, options, mut rebuilder) = served();
        edit(&options, "book.toml", "[site]", "[site]\nnot_a_key = 1");
        assert!(rebuilder
            .rebuild(changed(&options, "book.toml"), &mut || {})
            .is_err());
        // An edit to an article alone must not hide that book.toml is broken.
        let article = "content/en/returns/refunds.md";
        edit(&options, article, "5 days", "6 days");
        assert!(rebuilder
            .rebuild(changed(&options, article), &mut || {})
            .is_err());
        edit(&options, "book.toml", "\nnot_a_key = 1", "");
        let report = rebuild(&mut rebuilder, Changes::default());
        assert!(!report.quick);
        assert_same_as_full_build(&options, &report);
    }
}
