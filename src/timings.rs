//! Where a build spends its time, printed when `HELPBOOK_TIMINGS` is set: the profile to read
//! before optimising anything.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("HELPBOOK_TIMINGS").is_some())
}

/// Runs `work`, and prints how long it took under `name` when timings are on.
pub fn phase<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let started = Instant::now();
    let result = work();
    eprintln!(
        "timing {name:<16} {:>8.1} ms{}",
        started.elapsed().as_secs_f64() * 1000.0,
        memory().unwrap_or_default()
    );
    result
}

/// Resident and peak memory so far, where the system tells (Linux).
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    Some(format!(
        "   memory {:>6} MB, peak {:>6} MB",
        field("VmRSS:")? / 1024,
        field("VmHWM:")? / 1024
    ))
}
