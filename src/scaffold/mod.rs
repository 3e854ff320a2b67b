//! `helpbook init` and `helpbook new`: starting a help center and starting an article.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::{Config, CONFIG_FILE};
use crate::content::INDEX_FILE;
use crate::error::Error;
use crate::site::humanize;
use crate::slug::is_path_segment;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold/files");

/// What `init` created, for the message to the writer.
#[derive(Debug)]
pub struct Initialized {
    pub dir: PathBuf,
    pub files: usize,
}

impl std::fmt::Display for Initialized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dir = self.dir.display();
        write!(f, "created a help center in {dir} ({} files)\n\nnext:\n  helpbook serve {dir}   # preview it at http://127.0.0.1:3000\n  helpbook build {dir}   # write the site to {dir}/public", self.files)
    }
}

/// Writes the starter help center into `dir`, which must not hold a help center already.
pub fn init(dir: &Path) -> Result<Initialized, Error> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(Error::cannot_run(format!(
            "{} already exists: {} is a help center already",
            dir.join(CONFIG_FILE).display(),
            dir.display()
        )));
    }
    let mut files = Vec::new();
    collect(&STARTER, &mut files);
    for file in &files {
        let target = dir.join(file.path());
        if target.exists() {
            return Err(Error::cannot_run(format!(
                "{} already exists; nothing was written",
                target.display()
            )));
        }
    }
    for file in &files {
        let target = dir.join(file.path());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        }
        std::fs::write(&target, file.contents()).map_err(Error::io("write", &target))?;
    }
    Ok(Initialized {
        dir: dir.to_path_buf(),
        files: files.len(),
    })
}

fn collect<'a>(dir: &'a Dir<'a>, files: &mut Vec<&'a include_dir::File<'a>>) {
    files.extend(dir.files());
    for sub in dir.dirs() {
        collect(sub, files);
    }
}

/// Creates `content/LANG/CATEGORY/SLUG.md` in the site at `site_dir`, and its category's
/// `_index.md` when the category is new.
pub fn new_article(site_dir: &Path, spec: &str) -> Result<PathBuf, Error> {
    let config = Config::load(site_dir)?;
    let parts: Vec<&str> = spec
        .trim_matches('/')
        .trim_end_matches(".md")
        .split('/')
        .collect();
    let [lang, category, slug] = parts[..] else {
        return Err(Error::cannot_run(format!(
            "`{spec}` is not LANG/CATEGORY/SLUG, e.g. en/returns/exchange-an-item"
        )));
    };
    if !config.site.languages.iter().any(|l| l == lang) {
        return Err(Error::cannot_run(format!(
            "`{lang}` is not one of the site's languages ({})",
            config.site.languages.join(", ")
        )));
    }
    for (what, name) in [("category", category), ("slug", slug)] {
        if !is_path_segment(name) {
            return Err(Error::cannot_run(format!(
                "the {what} `{name}` cannot be used in a URL: use letters, digits and hyphens"
            )));
        }
    }
    let folder = site_dir.join("content").join(lang).join(category);
    let path = folder.join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::cannot_run(format!(
            "{} already exists",
            path.display()
        )));
    }
    std::fs::create_dir_all(&folder).map_err(Error::io("create", &folder))?;
    let index = folder.join(INDEX_FILE);
    if !index.exists() {
        std::fs::write(
            &index,
            format!(
                "+++\ntitle = \"{}\"\ndescription = \"\"\nweight = 10\n+++\n",
                humanize(category)
            ),
        )
        .map_err(Error::io("write", &index))?;
    }
    let today = jiff::Zoned::now().date();
    let text = format!(
        "+++\ntitle = \"{}\"\ndescription = \"\"\ntags = []\nupdated = {today}\nweight = 10\n+++\n\nWrite the answer here.\n",
        humanize(slug)
    );
    std::fs::write(&path, text).map_err(Error::io("write", &path))?;
    Ok(path)
}
