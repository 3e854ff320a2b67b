//! `helpbook build`: the whole pipeline, from a site folder to its output folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::{Config, SitePaths};
use crate::content::{self, AssetSource};
use crate::error::{Error, SourceError, SourceErrors, Warning};
use crate::output::Staging;
use crate::render::{self, RenderOptions, RenderScope};
use crate::site::{self, Site, SiteOptions};
use crate::theme::Theme;
use crate::timings::phase;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site_dir: PathBuf,
    /// Defaults to `<site_dir>/public`.
    pub out_dir: Option<PathBuf>,
    pub site: SiteOptions,
    pub render: RenderOptions,
    /// Shows a progress bar on the terminal when the site is large enough to wait for.
    pub show_progress: bool,
}

/// Sites smaller than this build faster than a progress bar could be read.
const PROGRESS_BAR_ARTICLES: usize = 2000;

impl BuildOptions {
    pub fn out_dir(&self) -> PathBuf {
        self.out_dir
            .clone()
            .unwrap_or_else(|| self.site_dir.join("public"))
    }
}

/// What a finished build did, for the summary line and for CI.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub output: PathBuf,
    pub languages: Vec<String>,
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
    pub warnings: Vec<Warning>,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u128(d.as_millis())
}

/// Reads the configuration, content and theme of a site into its model.
pub fn load_site(site_dir: &Path, options: &SiteOptions) -> Result<(Site, Theme), Error> {
    load_site_reusing(site_dir, options, None)
}

/// Like `load_site`, reusing the rendered Markdown of `previous` where its input is unchanged.
pub fn load_site_reusing(
    site_dir: &Path,
    options: &SiteOptions,
    previous: Option<&Site>,
) -> Result<(Site, Theme), Error> {
    let (site, theme, _) = load_model(site_dir, options, previous, BrokenFiles::Stop)?;
    Ok((site, theme))
}

/// Like `load_site`, but a Markdown file that cannot be read or parsed is left out of the
/// model and its error returned beside it, so `check` reports it among all its other findings.
/// Links to such a file are not broken links: the file is there, only unreadable.
pub fn load_site_leaving_out_broken_files(
    site_dir: &Path,
    options: &SiteOptions,
) -> Result<(Site, Theme, Vec<SourceError>), Error> {
    load_model(site_dir, options, None, BrokenFiles::LeaveOut)
}

/// What loading does with a Markdown file it cannot read or parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BrokenFiles {
    /// Fail with every such file's error: a build must not publish a site without them.
    Stop,
    /// Leave them out of the model and return their errors.
    LeaveOut,
}

fn load_model(
    site_dir: &Path,
    options: &SiteOptions,
    previous: Option<&Site>,
    broken_files: BrokenFiles,
) -> Result<(Site, Theme, Vec<SourceError>), Error> {
    let paths = SitePaths::new(site_dir);
    let config = Config::load(site_dir)?;
    let languages = config.site.languages.clone();
    let mut sources = phase("read content", || {
        content::load(&paths.content(), &languages)
    });
    let broken = sources.broken_errors();
    if broken_files == BrokenFiles::Stop && !broken.0.is_empty() {
        return Err(Error::Content(broken));
    }
    for language in &mut sources.languages {
        language.synonyms = crate::search::load_synonyms(&paths.root, &language.lang)
            .map_err(|e| Error::Content(SourceErrors(vec![e])))?;
    }
    let mut theme = phase("theme", || Theme::load(&paths, &languages)).map_err(Error::Theme)?;
    sources.warnings.append(&mut theme.warnings);
    let static_files = static_files(&paths, &mut sources.warnings);
    let site = phase("model+markdown", || {
        site::build(
            config,
            sources,
            static_files,
            &theme.strings,
            options,
            previous,
        )
    })
    // The model's own errors come second: the broken files may be what caused them.
    .map_err(|model_errors| {
        Error::Content(SourceErrors([broken.0.clone(), model_errors.0].concat()))
    })?;
    Ok((site, theme, broken.0))
}

/// The site's own static files; those that cannot be walked become warnings.
fn static_files(paths: &SitePaths, warnings: &mut Vec<Warning>) -> Vec<AssetSource> {
    let dir = paths.static_files();
    crate::files::files_under(&dir, &dir, warnings)
        .into_iter()
        .map(|(path, rel_path)| AssetSource { rel_path, path })
        .collect()
}

/// Builds the site in `options.site_dir` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let (site, theme) = load_site(&options.site_dir, &options.site)?;
    let mut render_options = options.render.clone();
    if options.show_progress && site.article_count() >= PROGRESS_BAR_ARTICLES {
        render_options.progress = Some(progress_bar());
    }
    let out_dir = options.out_dir();
    // Files go to disk as they are rendered; the previous output is replaced only at the end.
    let staging = Staging::new(&out_dir, &options.site_dir)?;
    render::render_into(
        &site,
        &theme,
        &render_options,
        &RenderScope::Everything,
        &staging,
    )?;
    let paths = staging.paths();
    // Copied, not taken: the model is only read once built (see `site`).
    let mut warnings = site.warnings.clone();
    warnings.extend(large_file_warnings(&out_dir, &staging.large_files()));
    phase("swap", || staging.finish())?;
    let report = BuildReport {
        output: out_dir,
        languages: site.languages.iter().map(|l| l.code.clone()).collect(),
        articles: site.article_count(),
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
        files: paths.len(),
        elapsed: started.elapsed(),
        warnings,
    };
    // Freeing the model of 100,000 articles takes a quarter of a second on one core and
    // nothing waits for it, so it happens on a thread of its own while the report is
    // printed; when the process ends first, the system takes the memory back at once.
    std::thread::spawn(move || drop((site, theme)));
    Ok(report)
}

/// A warning for each file larger than static hosts take, with what to do about it.
fn large_file_warnings(out_dir: &Path, large: &[(String, u64)]) -> Vec<Warning> {
    large
        .iter()
        .map(|(path, size)| {
            let remedy = if path.ends_with("/articles.json") {
                "`articles_json = false` under [build] in book.toml leaves it out"
            } else if path.ends_with("/llms-full.txt") {
                "`llms_txt = false` under [build] in book.toml leaves it out"
            } else {
                "leave it out of the deployment where the host refuses it"
            };
            Warning::general(format!(
                "{}: {:.0} MB, more than some static hosts take in one file (Cloudflare Pages: \
                 25 MiB, GitHub Pages: 100 MB); {remedy}",
                out_dir.join(path).display(),
                *size as f64 / 1e6
            ))
        })
        .collect()
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages")
        .expect("the template is valid");
    bar.set_style(style);
    bar
}
