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
    let cpu_before = cpu_seconds();
    let result = work();
    let cpu = match (cpu_before, cpu_seconds()) {
        (Some(before), Some(after)) => format!("   cpu {:>7.1} s", after - before),
        _ => String::new(),
    };
    eprintln!(
        "timing {name:<16} {:>8.1} ms{cpu}{}",
        started.elapsed().as_secs_f64() * 1000.0,
        memory().unwrap_or_default()
    );
    result
}

/// User and system CPU time of the whole process so far, where the system tells (Linux).
/// Set beside a phase's wall time, it shows how well the phase uses the cores, and phases
/// that run alongside each other show in both.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in parentheses may hold spaces; the fields after it do not.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; Linux counts
    // them in units of 1/100 s on every platform it supports.
    Some((ticks(11)? + ticks(12)?) / 100.0)
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
