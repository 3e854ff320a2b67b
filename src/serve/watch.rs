//! Watching the site folder and calling back once per burst of changes.
//!
//! Editors save a file as several events (write, rename, chmod); waiting until the folder has
//! been quiet for a moment turns each save into one rebuild.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(80);

/// Starts watching `site_dir`; `on_change` runs on a background thread after each burst of
/// relevant changes. Watching stops when the returned watcher is dropped.
pub fn watch(
    site_dir: &Path,
    on_change: impl Fn() + Send + 'static,
) -> anyhow::Result<RecommendedWatcher> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    watcher.watch(site_dir, RecursiveMode::Recursive)?;
    let site_dir = std::path::absolute(site_dir)?;
    std::thread::spawn(move || {
        let relevant = |event: notify::Result<notify::Event>| {
            event.is_ok_and(|e| {
                is_change(&e.kind)
                    && e.paths
                        .iter()
                        .any(|p| super::is_relevant_change(&site_dir, p))
            })
        };
        while let Ok(event) = receiver.recv() {
            let mut changed = relevant(event);
            while let Ok(more) = receiver.recv_timeout(QUIET) {
                changed |= relevant(more);
            }
            if changed {
                on_change();
            }
        }
    });
    Ok(watcher)
}

/// Reading a file is an event too on some platforms; the build reads every file, so only
/// writes, creations, removals and renames may start a rebuild, or it would never stop.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange};

    #[test]
    fn reads_do_not_count_as_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Any)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
