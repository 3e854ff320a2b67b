//! Watching the site folder and calling back once per burst of changes.
//!
//! Editors save a file as several events (write, rename, chmod); waiting until the folder has
//! been quiet for a moment turns each save into one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the folder must be quiet before a rebuild starts. An editor's save comes as
/// events a millisecond or less apart; a writer waits for every millisecond of this. Should
/// a save stall for longer, the rebuild that starts in between is followed by another.
const QUIET: Duration = Duration::from_millis(30);

/// What changed in the site folder since the last rebuild that succeeded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Absolute paths of the files and folders that changed.
    pub paths: BTreeSet<PathBuf>,
    /// Anything may have changed: nothing was built yet, or the watcher lost events.
    pub unknown: bool,
}

impl Changes {
    pub fn unknown() -> Changes {
        Changes {
            paths: BTreeSet::new(),
            unknown: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.unknown
    }

    pub fn add(&mut self, other: Changes) {
        self.paths.extend(other.paths);
        self.unknown |= other.unknown;
    }

    /// Adds what `event` says changed, where it can change the site.
    fn record(&mut self, event: notify::Result<notify::Event>, site_dir: &Path) {
        let event = match event {
            Ok(event) => event,
            // An error may hide a change; building everything again is always right.
            Err(_) => {
                self.unknown = true;
                return;
            }
        };
        if event.need_rescan() {
            self.unknown = true;
        }
        if !is_change(&event.kind) {
            return;
        }
        for path in event.paths {
            if super::is_relevant_change(site_dir, &path) {
                self.paths
                    .insert(std::path::absolute(&path).unwrap_or(path));
            }
        }
    }
}

/// Starts watching `site_dir`; `on_change` runs on a background thread after each burst of
/// relevant changes, with what changed. Watching stops when the returned watcher is dropped.
pub fn watch(
    site_dir: &Path,
    on_change: impl Fn(Changes) + Send + 'static,
) -> anyhow::Result<RecommendedWatcher> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    watcher.watch(site_dir, RecursiveMode::Recursive)?;
    let site_dir = std::path::absolute(site_dir)?;
    std::thread::spawn(move || {
        while let Ok(event) = receiver.recv() {
            let mut changes = Changes::default();
            changes.record(event, &site_dir);
            while let Ok(more) = receiver.recv_timeout(QUIET) {
                changes.record(more, &site_dir);
            }
            if !changes.is_empty() {
                on_change(changes);
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

    #[test]
    fn a_burst_keeps_the_paths_that_matter_and_lost_events_mean_anything() {
        let site = Path::new("/site");
        let modified = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let event = |kind, path: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(path)));
        let mut changes = Changes::default();
        changes.record(event(modified, "/site/content/en/a/b.md"), site);
        changes.record(event(modified, "/site/content/en/a/.b.md.swp"), site);
        changes.record(
            event(EventKind::Access(AccessKind::Any), "/site/book.toml"),
            site,
        );
        assert_eq!(
            changes.paths,
            BTreeSet::from([PathBuf::from("/site/content/en/a/b.md")])
        );
        assert!(!changes.unknown);
        let lost = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        changes.record(Ok(lost), site);
        assert!(changes.unknown);
        let mut failed = Changes::default();
        failed.record(Err(notify::Error::generic("watch limit")), site);
        assert!(failed.unknown && !failed.is_empty());
    }
}
