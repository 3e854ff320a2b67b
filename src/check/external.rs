//! Links to other sites, checked only when asked (`--external`): they need the network, they
//! are slow, and a shop's CI should not fail because a partner's site blinked.
//!
//! Politeness: each host is asked by one worker at a time with a pause between requests, while
//! several hosts are checked at once. A link that worked is remembered in a cache file for
//! `check.external_cache_hours`, so repeated runs ask again only about the links that failed.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Finding;
use crate::config::CheckConfig;
use crate::markdown::ExternalLink;

/// Hosts checked at the same time.
const WORKERS: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct ExternalOptions {
    /// Where results are remembered between runs; `None` remembers nothing.
    pub cache_file: Option<PathBuf>,
}

/// What asking a URL came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Outcome {
    ok: bool,
    /// The HTTP status, when there was an answer.
    status: Option<u16>,
    error: Option<String>,
    /// Seconds since 1970 when it was asked.
    checked_at: u64,
}

/// Checks every distinct URL once and returns a finding for each place a failing URL is used.
pub fn check<'a>(
    links: impl Iterator<Item = &'a ExternalLink>,
    config: &CheckConfig,
    options: &ExternalOptions,
) -> Vec<Finding> {
    let mut places: BTreeMap<&str, Vec<&ExternalLink>> = BTreeMap::new();
    for link in links {
        places.entry(link.url.as_str()).or_default().push(link);
    }
    let mut cache = load_cache(options);
    let now = now_secs();
    let fresh = config.external_cache_hours * 3600;
    let to_ask: Vec<&str> = places
        .keys()
        .copied()
        .filter(|url| {
            cache
                .get(*url)
                .is_none_or(|o| !o.ok || now.saturating_sub(o.checked_at) > fresh)
        })
        .collect();
    cache.extend(ask_all(&to_ask, config));
    save_cache(options, &cache);

    let mut findings = Vec::new();
    for (url, links) in places {
        let Some(outcome) = cache.get(url).filter(|o| !o.ok) else {
            continue;
        };
        let why = match (&outcome.status, &outcome.error) {
            (Some(status), _) => format!("answers HTTP {status}"),
            (None, Some(error)) => error.clone(),
            (None, None) => "did not answer".to_string(),
        };
        for link in links {
            findings.push(Finding::at(
                "external-link",
                link.location.clone(),
                format!("{url} {why}"),
            ));
        }
    }
    findings
}

/// Asks every URL, grouped by host so one host is never asked twice at once.
fn ask_all(urls: &[&str], config: &CheckConfig) -> HashMap<String, Outcome> {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for url in urls {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_default();
        by_host.entry(host).or_default().push(url);
    }
    let queue = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let results = Mutex::new(HashMap::new());
    let agent = agent(config);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let Some(host_urls) = queue.lock().expect("queue lock").pop() else {
                    break;
                };
                for (i, url) in host_urls.iter().enumerate() {
                    if i > 0 {
                        std::thread::sleep(Duration::from_millis(config.external_delay_ms));
                    }
                    let outcome = ask_with_retries(&agent, url, config);
                    results
                        .lock()
                        .expect("results lock")
                        .insert(url.to_string(), outcome);
                }
            });
        }
    });
    results.into_inner().expect("results lock")
}

fn agent(config: &CheckConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(config.external_timeout_secs)))
        .http_status_as_error(false)
        .user_agent(concat!("helpbook-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn ask_with_retries(agent: &ureq::Agent, url: &str, config: &CheckConfig) -> Outcome {
    let mut attempt = 0;
    loop {
        let outcome = ask(agent, url);
        let worth_retrying = match outcome.status {
            Some(status) => status == 429 || status >= 500,
            None => true,
        };
        if outcome.ok || !worth_retrying || attempt >= config.external_retries {
            return outcome;
        }
        attempt += 1;
        std::thread::sleep(Duration::from_millis(300 * u64::from(attempt)));
    }
}

/// HEAD first, as it costs the other site least; GET when the site does not do HEAD.
fn ask(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = agent.head(url).call();
    let response = match head {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(url).call(),
        other => other,
    };
    let checked_at = now_secs();
    match response {
        Ok(response) => {
            let status = response.status().as_u16();
            Outcome {
                ok: status < 400,
                status: Some(status),
                error: None,
                checked_at,
            }
        }
        Err(err) => Outcome {
            ok: false,
            status: None,
            error: Some(format!("cannot be reached: {err}")),
            checked_at,
        },
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn load_cache(options: &ExternalOptions) -> HashMap<String, Outcome> {
    options
        .cache_file
        .as_ref()
        .and_then(|path| std::fs::read(path).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// A cache that cannot be written only costs time on the next run, so it is not an error.
fn save_cache(options: &ExternalOptions, cache: &HashMap<String, Outcome>) {
    let Some(path) = &options.cache_file else {
        return;
    };
    let sorted: BTreeMap<_, _> = cache.iter().collect();
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Ok(json) = serde_json::to_vec_pretty(&sorted) {
        let _ = std::fs::write(path, json);
    }
}
