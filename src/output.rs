//! Writing the site to disk so that a failed build never damages the previous one.
//!
//! Files are written into a fresh folder beside the output folder and swapped in with two
//! renames only when every file was written. A folder helpbook did not make is never replaced:
//! the marker file tells helpbook's own output from a writer's folder given by mistake.
//!
//! Everything helpbook writes into a site folder goes through `FolderWriter`, one set of
//! path checks for a build (`Staging`) and for serve's file-by-file updates (`InPlace`).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::io::{BufWriter, Read, Write};
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

/// A file being written whose errors name it, counting its bytes.
struct NamedWriter<'a, W> {
    inner: W,
    path: &'a Path,
    size: u64,
}

impl<W: Write> Write for NamedWriter<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes).map_err(|e| self.named(e))?;
        self.size += written as u64;
        Ok(written)
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

/// The one place a site path (`en/returns/index.html`) becomes a file on disk, shared by
/// every sink that writes to a folder (`Staging` for a build, `InPlace` for serve), so there
/// is one set of path checks: a path is relative and `/`-separated, with no `..` and no
/// empty segment, so nothing is ever written outside the folder.
struct FolderWriter {
    root: PathBuf,
    written: Mutex<FxHashSet<String>>,
    made_folders: Mutex<FxHashSet<PathBuf>>,
}

impl FolderWriter {
    fn new(root: PathBuf) -> Self {
        FolderWriter {
            root,
            written: Mutex::default(),
            made_folders: Mutex::default(),
        }
    }

    /// Where `path` is in the folder, when it may be written at all.
    fn checked(&self, path: &str) -> anyhow::Result<PathBuf> {
        if path.split('/').any(|s| s == ".." || s.is_empty()) {
            return Err(CannotRun(format!(
                "refusing to write outside the output folder: {path}"
            ))
            .into());
        }
        Ok(self.root.join(path))
    }

    /// The file's place in the folder, with its folder made.
    fn target(&self, path: &str) -> anyhow::Result<PathBuf> {
        let target = self.checked(path)?;
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

    /// Writes the file; returns its size.
    fn put(&self, path: &str, bytes: &[u8]) -> anyhow::Result<u64> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|e| CannotRun(cannot_write(&target, &e)))?;
        Ok(bytes.len() as u64)
    }

    /// Writes the file as `write` produces it; returns its size.
    fn put_streamed(&self, path: &str, write: &mut WriteFile<'_>) -> anyhow::Result<u64> {
        let target = self.target(path)?;
        let file =
            std::fs::File::create(&target).map_err(|e| CannotRun(cannot_write(&target, &e)))?;
        let mut out = NamedWriter {
            inner: BufWriter::with_capacity(1 << 16, file),
            path: &target,
            size: 0,
        };
        // An error of `write` itself, such as a source file that vanished, stays as it is.
        write(&mut out)?;
        out.inner
            .flush()
            .map_err(|e| CannotRun(cannot_write(&target, &e)))?;
        Ok(out.size)
    }

    /// Copies the file at `from`; returns its size.
    fn copy(&self, path: &str, from: &Path) -> anyhow::Result<u64> {
        let target = self.target(path)?;
        std::fs::copy(from, &target).with_context(|| format!("cannot copy {}", from.display()))
    }

    /// Removes the file at `path`; one that is not there is no error.
    fn remove(&self, path: &str) -> anyhow::Result<()> {
        let target = self.checked(path)?;
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(CannotRun(format!("cannot remove {}: {e}", target.display())).into())
            }
            _ => {
                lock(&self.written).remove(path);
                Ok(())
            }
        }
    }

    fn contains(&self, path: &str) -> bool {
        lock(&self.written).contains(path)
    }
}

/// A new site being written into a temporary folder beside the output folder. `finish` swaps
/// it in; dropped without `finish` (a failed build), it is removed and the previous output
/// stays as it was.
pub struct Staging {
    folder: tempfile::TempDir,
    writer: FolderWriter,
    out_dir: PathBuf,
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
            writer: FolderWriter::new(folder.path().to_path_buf()),
            folder,
            out_dir,
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
        lock(&self.writer.written).iter().cloned().collect()
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
}

impl FileSink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        let size = self.writer.put(&path, &bytes)?;
        self.note_size(&path, size);
        Ok(())
    }

    fn put_streamed(&self, path: String, write: &mut WriteFile<'_>) -> anyhow::Result<()> {
        let size = self.writer.put_streamed(&path, write)?;
        self.note_size(&path, size);
        Ok(())
    }

    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()> {
        let size = self.writer.copy(&path, from)?;
        self.note_size(&path, size);
        Ok(())
    }

    fn contains(&self, path: &str) -> bool {
        self.writer.contains(path)
    }
}

/// A folder already holding a site, changed file by file in place: `serve`'s private
/// folder, where a rebuild writes only the files whose bytes changed and removes those the
/// site no longer has. It writes through the same `FolderWriter`, with the same checks, as
/// a build's `Staging`.
pub struct InPlace {
    writer: FolderWriter,
}

impl InPlace {
    pub fn new(dir: &Path) -> Self {
        InPlace {
            writer: FolderWriter::new(dir.to_path_buf()),
        }
    }

    /// Removes the file at `path`, which the site no longer has.
    pub fn remove(&self, path: &str) -> anyhow::Result<()> {
        self.writer.remove(path)
    }
}

impl FileSink for InPlace {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.writer.put(&path, &bytes).map(drop)
    }

    fn put_streamed(&self, path: String, write: &mut WriteFile<'_>) -> anyhow::Result<()> {
        self.writer.put_streamed(&path, write).map(drop)
    }

    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()> {
        self.writer.copy(&path, from).map(drop)
    }

    fn contains(&self, path: &str) -> bool {
        self.writer.contains(path)
    }
}

/// Hands files on to `inner`, keeping the hash of each, as `content_hash` makes it: `serve`
/// remembers what its folder holds, to write only the files whose bytes change.
pub struct Hashing<'a> {
    inner: &'a dyn FileSink,
    hashes: Mutex<HashMap<String, u64>>,
}

impl<'a> Hashing<'a> {
    pub fn new(inner: &'a dyn FileSink) -> Self {
        Hashing {
            inner,
            hashes: Mutex::default(),
        }
    }

    /// The hash of every file handed on, by path.
    pub fn into_hashes(self) -> HashMap<String, u64> {
        self.hashes.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn record(&self, path: &str, hash: u64) {
        let mut hashes = lock(&self.hashes);
        hashes.insert(path.to_string(), hash);
    }
}

impl FileSink for Hashing<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.record(&path, content_hash(&bytes));
        self.inner.put(path, bytes)
    }

    fn put_streamed(&self, path: String, write: &mut WriteFile<'_>) -> anyhow::Result<()> {
        let mut hasher = crate::fingerprint::hasher();
        self.inner.put_streamed(path.clone(), &mut |out| {
            write(&mut HashingWriter {
                out,
                hasher: &mut hasher,
            })
        })?;
        self.record(&path, hasher.finish());
        Ok(())
    }

    fn copy(&self, path: String, from: &Path) -> anyhow::Result<()> {
        // Hashed on its way through, a piece at a time: a copied file (a catalogue, a video)
        // may be large, and hashing it first and then copying it read it twice.
        let cannot_read = || format!("cannot read {}", from.display());
        let mut file = std::fs::File::open(from).with_context(cannot_read)?;
        let mut hasher = crate::fingerprint::hasher();
        self.inner.put_streamed(path.clone(), &mut |out| {
            let mut hashing = HashingWriter {
                out,
                hasher: &mut hasher,
            };
            // Read here rather than by `std::io::copy`, so that only a failed read is called
            // one; a failed write already names the file being written.
            let mut piece = vec![0; 1 << 16];
            loop {
                let read = match file.read(&mut piece) {
                    Ok(0) => return Ok(()),
                    Ok(read) => read,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e).with_context(cannot_read),
                };
                hashing.write_all(&piece[..read])?;
            }
        })?;
        self.record(&path, hasher.finish());
        Ok(())
    }

    fn contains(&self, path: &str) -> bool {
        self.inner.contains(path)
    }
}

/// Passes bytes on to `out`, hashing them on the way.
struct HashingWriter<'a> {
    out: &'a mut dyn Write,
    hasher: &'a mut crate::fingerprint::Fingerprinter,
}

impl Write for HashingWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.hasher.write(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The hash of a file's bytes, the same whether they come whole or in pieces.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = crate::fingerprint::hasher();
    hasher.write(bytes);
    hasher.finish()
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
        // The previous site goes back; if it cannot, the writer must learn where it is.
        let restored = std::fs::rename(&old, out_dir);
        // Only the new site's own temporary folder: a leftover is harmless.
        let _ = std::fs::remove_dir_all(&staging);
        let failed = format!("cannot move the new site to {}", out_dir.display());
        return Err(e).with_context(|| match restored {
            Ok(()) => failed,
            Err(r) => format!(
                "{failed}, nor the previous site back from {} ({r})",
                old.display()
            ),
        });
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
    fn a_file_written_or_copied_in_pieces_has_the_hash_of_its_whole_bytes() {
        let memory = crate::output::MemorySink::default();
        let sink = Hashing::new(&memory);
        sink.put_streamed("a.jsonl".to_string(), &mut |out| {
            out.write_all(b"{\"one\":1}\n")?;
            out.write_all(b"{\"two\":2}\n")?;
            Ok(())
        })
        .unwrap();
        sink.put("b.html".to_string(), b"<p>b</p>".to_vec())
            .unwrap();
        // A copied file larger than the pieces it is read in.
        let dir = tempfile::tempdir().unwrap();
        let catalogue: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        std::fs::write(dir.path().join("catalogue.pdf"), &catalogue).unwrap();
        sink.copy(
            "files/catalogue.pdf".to_string(),
            &dir.path().join("catalogue.pdf"),
        )
        .unwrap();
        let missing = sink.copy("gone.pdf".to_string(), &dir.path().join("gone.pdf"));
        assert!(format!("{:#}", missing.unwrap_err()).contains("cannot read"));
        let whole = b"{\"one\":1}\n{\"two\":2}\n";
        let hashes = sink.into_hashes();
        assert_eq!(hashes["a.jsonl"], content_hash(whole));
        assert_eq!(hashes["b.html"], content_hash(b"<p>b</p>"));
        assert_eq!(hashes["files/catalogue.pdf"], content_hash(&catalogue));
        assert_ne!(hashes["a.jsonl"], hashes["b.html"]);
        let files = memory.into_files();
        assert_eq!(files["a.jsonl"], whole);
        assert_eq!(files["files/catalogue.pdf"], catalogue);
    }

    #[test]
    fn build_and_serve_refuse_the_same_paths() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public"), dir.path()).unwrap();
        let in_place = InPlace::new(&dir.path().join("served"));
        let sinks: [&dyn FileSink; 2] = [&staging, &in_place];
        for sink in sinks {
            for path in [
                "../escape.html",
                "en/../../x",
                "/etc/x",
                "en//index.html",
                "",
            ] {
                let err = sink.put(path.to_string(), b"x".to_vec()).unwrap_err();
                assert!(
                    err.to_string().contains("outside the output folder"),
                    "{path}: {err}"
                );
                assert!(!sink.contains(path), "{path}");
            }
            sink.put("en/index.html".to_string(), b"x".to_vec())
                .unwrap();
            assert!(sink.contains("en/index.html"));
        }
        assert!(in_place.remove("../escape.html").is_err());
        in_place.remove("en/index.html").unwrap();
        assert!(!dir.path().join("served/en/index.html").exists());
        in_place.remove("en/index.html").unwrap();
        assert!(!dir.path().join("escape.html").exists());
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
