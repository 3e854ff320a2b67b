//! Reading files from a site folder: every file under a folder in a stable order, and a file's
//! text with mistakes located.
//!
//! `content` reads articles with these and `theme` reads a site's template overrides, so they
//! sit below both; `content` re-exports them under their old paths.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Location, SourceError, Warning};

/// Every file below `dir`, sorted by path, with its path relative to `root` in `/` form.
/// Unreadable entries (a symlink loop, a file deleted meanwhile) become warnings.
pub(crate) fn files_under(
    dir: &Path,
    root: &Path,
    warnings: &mut Vec<Warning>,
) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let rel_path = relative_path(&path, root);
                files.push((path, rel_path));
            }
            Ok(_) => {}
            Err(err)
                if err
                    .io_error()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                    && err.depth() == 0 => {}
            Err(err) => warnings.push(Warning::general(format!("skipped: {err}"))),
        }
    }
    files
}

/// `path` relative to `root`, in `/` form whatever the system's separator.
pub(crate) fn relative_path(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n.len() > 1)
}

/// Reads a file as UTF-8, dropping a byte-order mark; invalid UTF-8 is located precisely.
pub fn read_text(path: &Path) -> Result<String, SourceError> {
    let mut bytes = read_bytes(path).map_err(|e| {
        SourceError::new(
            format!("cannot read file: {e}"),
            Location {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
            },
        )
    })?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // simdutf8 checks with vector instructions what `String::from_utf8` checks a character
    // at a time outside ASCII, which is most of Arabic and Polish text: 2% of a build.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just found `bytes` to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // Only std's check says where the first invalid byte is.
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        SourceError::new(
            "file is not valid UTF-8 text",
            Location::from_offset(path, &prefix, valid, 1),
        )
        .with_help("save the file as UTF-8 in your editor")
    })
}

/// The bytes of the file at `path`. `std::fs::read` reads until a read returns nothing, a
/// second system call for each file, and system calls are a fifth of a build's time on a
/// virtual machine. A regular file gives as many bytes as a read asks while it has them, so
/// one that gives exactly its size has ended; one that changed meanwhile is still read to
/// its end.
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len() as usize);
    // One byte more than the size, so a file that grew fills the buffer and says so.
    let mut bytes = vec![0; size + 1];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => {
                filled += read;
                if filled == size {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    if filled > size {
        file.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_whole_whatever_their_size_says() {
        let temp = tempfile::tempdir().unwrap();
        for text in [&b""[..], b"a", b"\xEF\xBB\xBFwith a mark", &[b'x'; 70_000]] {
            let path = temp.path().join("file.md");
            std::fs::write(&path, text).unwrap();
            assert_eq!(read_bytes(&path).unwrap(), text);
        }
        // Files under /proc say they are empty and are not: the grown-file path reads them.
        if let Ok(expected) = std::fs::read("/proc/self/cmdline") {
            assert_eq!(
                read_bytes(Path::new("/proc/self/cmdline")).unwrap(),
                expected
            );
        }
        let path = temp.path().join("marked.md");
        std::fs::write(&path, b"\xEF\xBB\xBFtitle").unwrap();
        assert_eq!(read_text(&path).unwrap(), "title");
        assert!(read_bytes(&temp.path().join("missing.md")).is_err());
    }
}
