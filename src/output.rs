//! Files the build produces, before they are written to disk.

use std::path::PathBuf;

/// One file of the generated site, addressed by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}
