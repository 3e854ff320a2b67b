//! Writing the site to disk so that a failed build never damages the previous one.
//!
//! Files are written into a fresh folder beside the output folder and swapped in with two
//! renames only when every file was written. A folder helpbook did not make is never replaced:
//! the marker file tells helpbook's own output from a writer's folder given by mistake.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rayon::prelude::*;

use crate::error::CannotRun;

/// The file that marks a folder as helpbook's output.
pub const MARKER_FILE: &str = ".helpbook-output";

/// One file of the generated site, addressed by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Replaces `out_dir` with exactly `files`. `site_dir` is never written over.
pub fn write_site(
    out_dir: &Path,
    site_dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<()> {
    write_or_refuse(out_dir, site_dir, files).map_err(|e| CannotRun(format!("{e:#}")).into())
}

fn write_or_refuse(
    out_dir: &Path,
    site_dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<()> {
    let out_dir = absolute(out_dir)?;
    refuse_dangerous_output(&out_dir, &absolute(site_dir)?)?;
    let parent = out_dir
        .parent()
        .context("the output folder needs a parent folder")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".helpbook-build-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
    write_files(staging.path(), files)?;
    std::fs::write(
        staging.path().join(MARKER_FILE),
        "This folder is written by helpbook build; it is replaced on each build.\n",
    )?;
    swap_in(staging.keep(), &out_dir)
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))
}

fn refuse_dangerous_output(out_dir: &Path, site_dir: &Path) -> anyhow::Result<()> {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (out, site) = (canonical(out_dir), canonical(site_dir));
    if site.starts_with(&out) {
        bail!(
            "refusing to write the site into {}: it holds the help center's own files\n  = help: choose an output folder such as {}",
            out_dir.display(),
            site_dir.join("public").display()
        );
    }
    if out_dir.is_dir() && !out_dir.join(MARKER_FILE).exists() && !is_empty_dir(out_dir) {
        bail!(
            "refusing to replace {}: it is not empty and was not written by helpbook\n  = help: choose another output folder with -o, or empty this one",
            out_dir.display()
        );
    }
    if out_dir.exists() && !out_dir.is_dir() {
        bail!("{} exists and is not a folder", out_dir.display());
    }
    Ok(())
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_none())
        .unwrap_or(false)
}

fn write_files(root: &Path, files: &BTreeMap<String, Vec<u8>>) -> anyhow::Result<()> {
    let mut folders: Vec<PathBuf> = files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(|f| root.join(f)))
        .collect();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = root.join(path);
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    })
}

/// Puts `staging` where `out_dir` is, keeping the old output until the new one is in place.
fn swap_in(staging: PathBuf, out_dir: &Path) -> anyhow::Result<()> {
    if !out_dir.exists() {
        return std::fs::rename(&staging, out_dir)
            .with_context(|| format!("cannot move the new site to {}", out_dir.display()));
    }
    let old = staging.with_file_name(format!(
        ".helpbook-old-{}",
        staging
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("site")
            .trim_start_matches(".helpbook-build-")
    ));
    std::fs::rename(out_dir, &old)
        .with_context(|| format!("cannot move the previous site out of {}", out_dir.display()))?;
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        let _ = std::fs::rename(&old, out_dir);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e)
            .with_context(|| format!("cannot move the new site to {}", out_dir.display()));
    }
    std::fs::remove_dir_all(&old)
        .with_context(|| format!("cannot remove the previous site at {}", old.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_new_build_replaces_the_previous_one_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let out = site.join("public");
        std::fs::create_dir_all(&site).unwrap();
        write_site(
            &out,
            &site,
            &files(&[("index.html", "one"), ("en/old/index.html", "old")]),
        )
        .unwrap();
        write_site(&out, &site, &files(&[("index.html", "two")])).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("en/old/index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&site)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn folders_helpbook_did_not_make_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        let mine = dir.path().join("mine");
        std::fs::create_dir_all(&mine).unwrap();
        std::fs::write(mine.join("thesis.txt"), "precious").unwrap();
        let cases = [
            (mine.clone(), "not written by helpbook"),
            (site.clone(), "holds the help center"),
            (dir.path().to_path_buf(), "holds the help center"),
        ];
        for (out, expected) in cases {
            let err = write_site(&out, &site, &files(&[("index.html", "x")])).unwrap_err();
            assert!(err.to_string().contains(expected), "{err}");
        }
        assert_eq!(
            std::fs::read_to_string(mine.join("thesis.txt")).unwrap(),
            "precious"
        );
    }
}
