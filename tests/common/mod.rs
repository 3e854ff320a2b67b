//! Running the real `helpbook` binary on fixture sites.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `helpbook` with `args` in `cwd`.
pub fn helpbook(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_helpbook"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the helpbook binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A copy of `tests/fixtures/<name>` in a fresh temporary folder, so tests can change it.
pub fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site = temp.path().join(name);
    copy_dir(&source, &site);
    (temp, site)
}

/// Adds `toml` (whole tables) to the end of the site's book.toml.
pub fn append_config(site: &Path, toml: &str) {
    let path = site.join("book.toml");
    let text = std::fs::read_to_string(&path).expect("the site has a book.toml");
    std::fs::write(&path, format!("{text}\n{toml}")).expect("book.toml can be written");
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture files are readable");
        let target = to.join(entry.path().strip_prefix(from).expect("inside the fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Builds `site` into `site/public` and returns the output folder; panics with the error.
pub fn build_ok(site: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "."];
    args.extend_from_slice(extra);
    let output = helpbook(site, &args);
    assert!(
        output.status.success(),
        "build failed:\n{}",
        stderr(&output)
    );
    site.join("public")
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// Every file below `root` with its bytes, for comparing two builds.
pub fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
