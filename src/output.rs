//! Writing the site to disk so that a failed build never damages the previous one.
//!
//! Files are written into a fresh folder beside the output folder and swapped in with two
//! renames only when every file was written. A folder helpbook did not make is never replaced:
//! the marker file tells helpbook's own output from a writer's folder given by mistake.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context};
use rayon::prelude::*;
use rustc_hash::FxHashSet;

use crate::error::CannotRun;

/// The file that marks a folder as helpbook's output.
pub const MARKER_FILE: &str = ".helpbook-output";

/// The largest file Cloudflare Pages takes, 25 MiB; GitHub Pages refuses files over 100 MB.
/// A build says which of its files are larger, before a deployment fails on them.
pub const LARGE_FILE: u64 = 25 << 20;

/// One file of the generated site, addressed by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// The path with `/` between folders, as the site and the file sinks address files.
    pub fn site_path(&self) -> String {
        self.path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Writes one file's contents.
pub type WriteFile<'a> = dyn FnMut(&mut dyn Write) -> anyhow::Result<()> + 'a;

fn cannot_write(path: &Path, e: &std::io::Error) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// A file being written whose errors name it.
struct NamedWriter<'a, W> {
    inner: W,
    path: &'a Path,
}

impl<W: Write> Write for NamedWriter<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.inner.write(bytes).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| self.named(e))
    }
}

impl<W> NamedWriter<'_, W> {
    fn named(&self, e: std::io::Error) -> std::io::Error {
        std::io::Error::new(e.kind(), cannot_write(self.path, &e))
    }
}

/// Appends `value` as compact JSON to `bytes`, exactly as serde_json writes it. sonic-rs
/// escapes strings many bytes at a time: serde_json's escaping, a byte at a time, was 8% of
/// a 10,000-article build's instructions, since every article's text is in three exports.
pub fn append_json<T: serde::Serialize + ?Sized>(
    bytes: &mut Vec<u8>,
    value: &T,
) -> anyhow::Result<()> {
    sonic_rs::to_writer(bytes, value)?;
    Ok(())
}

/// `value` as compact JSON text, exactly as serde_json writes it (see `append_json`).
pub fn json_string(value: &impl serde::Serialize) -> anyhow::Result<String> {
    Ok(sonic_rs::to_string(value)?)
}

/// Records serialized at once, in parallel, before they are written in order: enough to keep
/// both cores busy, few enough that a large language's records are never all in memory.
const RECORDS_AT_ONCE: usize = 1024;
/// Records per buffer a worker fills.
const RECORDS_PER_PIECE: usize = 64;

/// Writes `count` records, `record(i)` for each, as compact JSON joined by `separator`.
/// Each record goes into a plain buffer first: serde_json writing through `dyn Write` made a
/// call per token, and a large language's exports were a twentieth of a build.
pub fn write_json_records<T: serde::Serialize>(
    count: usize,
    record: impl Fn(usize) -> T + Sync,
    separator: &[u8],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    for batch in (0..count).step_by(RECORDS_AT_ONCE) {
        let end = (batch + RECORDS_AT_ONCE).min(count);
        let pieces = (batch..end)
            .into_par_iter()
            .step_by(RECORDS_PER_PIECE)
            .map(|start| {
                // Growing a buffer copies what it holds: start with room for a few KB each.
                let mut bytes = Vec::with_capacity(RECORDS_PER_PIECE * 4096);
                for i in start..(start + RECORDS_PER_PIECE).min(end) {
                    if i > 0 {
                        bytes.extend_from_slice(separator);
                    }
                    append_json(&mut bytes, &record(i))?;
                }
                Ok(bytes)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        for piece in pieces {
            out.write_all(&piece)?;
        }
    }
    Ok(())
}

/// Where rendered files go: straight to disk for a build, into memory for `serve` and tests.
/// Rendering hands each file over as soon as it is made, so a build never holds the whole
/// site in memory.
pub trait FileSink: Sync {
    /// Adds the file at `path`, relative to the output folder.
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()>;
    /// Adds the file at `path` as `write` produces it. A large language's exports run to a
    /// hundred megabytes each; written piece by piece, they never sit whole in memory.
    fn put_streamed(&self, path: String, write: &mut WriteFile<'_>) -> anyhow::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(path, bytes)
    }
    /// Adds a copy of the file at `from`, without reading it into memory where possible.
    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()>;
    /// Whether a file was already put at `path`.
    fn contains(&self, path: &str) -> bool;
}

/// Files kept in memory, sorted by path.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl FileSink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        lock(&self.files).insert(path, bytes);
        Ok(())
    }

    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()> {
        let bytes =
            std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.put(path, bytes)
    }

    fn contains(&self, path: &str) -> bool {
        lock(&self.files).contains_key(path)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A new site being written into a temporary folder beside the output folder. `finish` swaps
/// it in; dropped without `finish` (a failed build), it is removed and the previous output
/// stays as it was.
pub struct Staging {
    folder: tempfile::TempDir,
    out_dir: PathBuf,
    written: Mutex<FxHashSet<String>>,
    made_folders: Mutex<FxHashSet<PathBuf>>,
    /// Files over `LARGE_FILE`, with their sizes.
    large: Mutex<Vec<(String, u64)>>,
}

impl Staging {
    /// Refuses output folders helpbook must not replace, then makes the temporary folder.
    pub fn new(out_dir: &Path, site_dir: &Path) -> anyhow::Result<Staging> {
        Staging::start(out_dir, site_dir).map_err(|e| CannotRun(format!("{e:#}")).into())
    }

    fn start(out_dir: &Path, site_dir: &Path) -> anyhow::Result<Staging> {
        let out_dir = absolute(out_dir)?;
        refuse_dangerous_output(&out_dir, &absolute(site_dir)?)?;
        let parent = out_dir
            .parent()
            .context("the output folder needs a parent folder")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let folder = tempfile::Builder::new()
            .prefix(".helpbook-build-")
            .tempdir_in(parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        Ok(Staging {
            folder,
            out_dir,
            written: Mutex::default(),
            made_folders: Mutex::default(),
            large: Mutex::default(),
        })
    }

    /// The files written over `LARGE_FILE` bytes, with their sizes, by path.
    pub fn large_files(&self) -> Vec<(String, u64)> {
        let mut large = lock(&self.large).clone();
        large.sort();
        large
    }

    fn note_size(&self, path: &str, size: u64) {
        if size > LARGE_FILE {
            lock(&self.large).push((path.to_string(), size));
        }
    }

    /// The paths written so far.
    pub fn paths(&self) -> Vec<String> {
        lock(&self.written).iter().cloned().collect()
    }

    /// Puts the new site where the output folder is.
    pub fn finish(self) -> anyhow::Result<()> {
        let result = (|| {
            std::fs::write(
                self.folder.path().join(MARKER_FILE),
                "This folder is written by helpbook build; it is replaced on each build.\n",
            )?;
            swap_in(self.folder.keep(), &self.out_dir)
        })();
        result.map_err(|e| CannotRun(format!("{e:#}")).into())
    }

    /// The file's place in the staging folder, with its folder made.
    fn target(&self, path: &str) -> anyhow::Result<PathBuf> {
        if path.split('/').any(|s| s == ".." || s.is_empty()) {
            return Err(CannotRun(format!(
                "refusing to write outside the output folder: {path}"
            ))
            .into());
        }
        let target = self.folder.path().join(path);
        if let Some(folder) = target.parent() {
            if !lock(&self.made_folders).contains(folder) {
                std::fs::create_dir_all(folder)
                    .map_err(|e| CannotRun(format!("cannot create {}: {e}", folder.display())))?;
                lock(&self.made_folders).insert(folder.to_path_buf());
            }
        }
        lock(&self.written).insert(path.to_string());
        Ok(target)
    }
}

impl FileSink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let target = self.target(&path)?;
        self.note_size(&path, bytes.len() as u64);
        std::fs::write(&target, bytes).map_err(|e| CannotRun(cannot_write(&target, &e)).into())
    }

    fn put_streamed(&self, path: String, write: &mut WriteFile<'_>) -> anyhow::Result<()> {
        let target = self.target(&path)?;
        let file =
            std::fs::File::create(&target).map_err(|e| CannotRun(cannot_write(&target, &e)))?;
        let mut out = NamedWriter {
            inner: BufWriter::with_capacity(1 << 16, file),
            path: &target,
        };
        // An error of `write` itself, such as a source file that vanished, stays as it is.
        write(&mut out)?;
        out.inner
            .flush()
            .map_err(|e| CannotRun(cannot_write(&target, &e)))?;
        if let Ok(metadata) = out.inner.get_ref().metadata() {
            self.note_size(&path, metadata.len());
        }
        Ok(())
    }

    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()> {
        let target = self.target(&path)?;
        let size = std::fs::copy(from, &target)
            .with_context(|| format!("cannot copy {}", from.display()))?;
        self.note_size(&path, size);
        Ok(())
    }

    fn contains(&self, path: &str) -> bool {
        lock(&self.written).contains(path)
    }
}

/// Replaces `out_dir` with exactly `files`. `site_dir` is never written over.
pub fn write_site(
    out_dir: &Path,
    site_dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<()> {
    let staging = Staging::new(out_dir, site_dir)?;
    files
        .par_iter()
        .try_for_each(|(path, bytes)| staging.put(path.clone(), bytes.clone()))?;
    staging.finish()
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
    fn json_is_written_exactly_as_serde_json_writes_it() {
        let mut awkward: String = (0u8..0x80).map(char::from).collect();
        awkward.push_str("«ą» مرحبا \u{2028}\u{2029} 🙂 \\\" </script>");
        // Long runs too, since sonic-rs escapes those in blocks.
        let long = awkward.repeat(40);
        let value = serde_json::json!({"short": awkward, "long": long, "list": [1, "x", null]});
        let mut ours = Vec::new();
        append_json(&mut ours, &value).unwrap();
        let theirs = serde_json::to_string(&value).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        assert_eq!(json_string(&value).unwrap(), theirs);
    }

    #[test]
    fn json_records_are_joined_in_order_across_batches() {
        let count = RECORDS_AT_ONCE * 2 + RECORDS_PER_PIECE + 3;
        let mut out = Vec::new();
        write_json_records(count, |i| (i, format!("n\"{i}")), b",\n", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split(",\n").collect();
        assert_eq!(lines.len(), count);
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(*line, format!("[{i},\"n\\\"{i}\"]"));
        }
        let mut none = Vec::new();
        write_json_records(0, |i| i, b",", &mut none).unwrap();
        assert!(none.is_empty());
    }

    fn write_in_pieces(out: &mut dyn Write) -> anyhow::Result<()> {
        for line in ["first\n", "zweite\n", "الثالث\n"] {
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    #[test]
    fn files_over_the_hosts_limit_are_noted_however_they_are_written() {
        let temp = tempfile::tempdir().unwrap();
        let (out, site) = (temp.path().join("public"), temp.path().join("site"));
        let staging = Staging::new(&out, &site).unwrap();
        let over = LARGE_FILE as usize + 1;
        staging.put("whole.json".into(), vec![b' '; over]).unwrap();
        staging
            .put("at-the-limit.json".into(), vec![b' '; LARGE_FILE as usize])
            .unwrap();
        staging
            .put_streamed("streamed.txt".into(), &mut |out| {
                for _ in 0..over / 4096 + 1 {
                    out.write_all(&[b'x'; 4096])?;
                }
                Ok(())
            })
            .unwrap();
        let source = temp.path().join("catalogue.pdf");
        std::fs::File::create(&source)
            .unwrap()
            .set_len(over as u64)
            .unwrap();
        staging.copy("catalogue.pdf".into(), &source).unwrap();
        let noted: Vec<String> = staging.large_files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(noted, ["catalogue.pdf", "streamed.txt", "whole.json"]);
    }

    #[test]
    fn streamed_files_hold_what_was_written_on_disk_and_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::new(&out, dir.path()).unwrap();
        staging
            .put_streamed("en/list.txt".into(), &mut write_in_pieces)
            .unwrap();
        let paths = staging.paths();
        staging.finish().unwrap();
        let memory = MemorySink::default();
        memory
            .put_streamed("en/list.txt".into(), &mut write_in_pieces)
            .unwrap();
        let expected = "first\nzweite\nالثالث\n".as_bytes();
        assert_eq!(std::fs::read(out.join("en/list.txt")).unwrap(), expected);
        assert_eq!(memory.into_files()["en/list.txt"], expected);
        assert_eq!(paths, vec!["en/list.txt".to_string()]);
    }

    #[test]
    fn an_error_while_streaming_reaches_the_caller_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public"), dir.path()).unwrap();
        let err = staging
            .put_streamed("en/list.txt".into(), &mut |out| {
                out.write_all(b"partial")?;
                Err(CannotRun("the source vanished".into()).into())
            })
            .unwrap_err();
        assert_eq!(
            err.downcast_ref::<CannotRun>().map(|e| e.to_string()),
            Some("the source vanished".to_string())
        );
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
