//! Watching the site folder and calling back once per burst of changes.
//!
//! Editors save a file as several events (write, rename, chmod); waiting until the folder has
//! been quiet for a moment turns each save into one rebuild.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

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
                e.paths
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
