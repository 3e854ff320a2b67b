//! `helpbook serve`: build, serve on localhost, rebuild on every change, reload the browser.
//!
//! The site is built into a private temporary folder (never the writer's `public/`) and served
//! from there with tower-http's `ServeDir`, which already answers HEAD and range requests and
//! refuses paths that climb out of the folder. A failed rebuild keeps serving the last good
//! site and shows the error in the terminal and over the open page.

mod rebuild;
mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::build::BuildOptions;
use crate::error::{with_causes, Error};
use crate::render::RenderOptions;
use crate::site::SiteOptions;
use rebuild::Rebuilder;
use watch::Changes;

const LIVE_RELOAD_JS: &str = include_str!("livereload.js");

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site_dir: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub include_drafts: bool,
}

/// What the browser is told after a build.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BuildOutcome {
    Built,
    Failed(String),
}

/// How long the rest of a rebuild waits for open pages to reload before it goes on anyway.
const RELOAD_HEAD_START: Duration = Duration::from_millis(250);

/// Shared between the HTTP server and the rebuild loop.
#[derive(Clone)]
struct ServeState {
    out_dir: PathBuf,
    last_error: Arc<Mutex<Option<String>>>,
    outcomes: broadcast::Sender<BuildOutcome>,
    /// How many times a page has asked for build events: each page does once it has loaded.
    subscriptions: Arc<AtomicUsize>,
}

impl ServeState {
    fn last_error(&self) -> Option<String> {
        self.last_error.lock().map(|e| e.clone()).unwrap_or(None)
    }

    fn record(&self, outcome: BuildOutcome) {
        if let Ok(mut last) = self.last_error.lock() {
            *last = match &outcome {
                BuildOutcome::Built => None,
                BuildOutcome::Failed(message) => Some(message.clone()),
            };
        }
        // No open page is no one to tell.
        let _ = self.outcomes.send(outcome);
    }

    /// Tells open pages to reload, then waits until as many pages as were open have loaded
    /// again and asked for events, or `limit` has passed. What a rebuild does after its
    /// pages (the search index) would otherwise take the cores the browser needs to show
    /// them: on two cores that made the edit show 50 ms later.
    fn reload_and_wait(&self, limit: Duration) {
        let open = self.outcomes.receiver_count();
        let asked_before = self.subscriptions.load(Ordering::SeqCst);
        self.record(BuildOutcome::Built);
        let started = std::time::Instant::now();
        while self.subscriptions.load(Ordering::SeqCst) - asked_before < open
            && started.elapsed() < limit
        {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// Serves the site until interrupted. Build errors are shown and served, not returned: only
/// what stops serve from running at all is an `Err`.
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    let addr: SocketAddr = format!("{}:{}", options.bind, options.port)
        .parse()
        .map_err(|e| {
            Error::cannot_run(format!(
                "`{}` is not an address to listen on\n  caused by: {e}",
                options.bind
            ))
        })?;
    let out = tempfile::Builder::new()
        .prefix("helpbook-serve-")
        .tempdir()
        .map_err(Error::io("create", &std::env::temp_dir()))?;
    let build_options = BuildOptions {
        site_dir: options.site_dir.clone(),
        out_dir: Some(out.path().join("site")),
        site: SiteOptions {
            include_drafts: options.include_drafts,
            base_url: Some(format!("http://{}/", display_addr(addr))),
            today: None,
        },
        render: RenderOptions {
            live_reload: true,
            progress: None,
        },
        show_progress: false,
    };
    let (outcomes, _) = broadcast::channel(16);
    let state = ServeState {
        out_dir: build_options.out_dir(),
        last_error: Arc::default(),
        outcomes,
        subscriptions: Arc::default(),
    };
    let rebuilder = Arc::new(Mutex::new(Rebuilder::new(build_options)));
    rebuild(&rebuilder, &state, Changes::unknown());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::cannot_run(format!("cannot start the server: {e}")))?;
    let served: anyhow::Result<()> = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!(
                "cannot listen on {addr}: is another server using port {}?",
                addr.port()
            )
        })?;
        let url = format!("http://{}/", display_addr(listener.local_addr()?));
        eprintln!(
            "serving {} at {url} (press Ctrl+C to stop)",
            options.site_dir.display()
        );
        if options.open {
            if let Err(e) = opener::open(&url) {
                eprintln!("warning: cannot open a browser: {e}");
            }
        }
        let watcher_state = state.clone();
        let site_dir = options.site_dir.clone();
        let _watcher = watch::watch(&site_dir, move |changes| {
            rebuild(&rebuilder, &watcher_state, changes)
        })?;
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    });
    served.map_err(|e| Error::cannot_run(with_causes(e.as_ref())))
}

/// `0.0.0.0` cannot be opened in a browser; `127.0.0.1` can.
fn display_addr(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("127.0.0.1:{}", addr.port())
    } else {
        addr.to_string()
    }
}

fn rebuild(rebuilder: &Mutex<Rebuilder>, state: &ServeState, changes: Changes) {
    let Ok(mut rebuilder) = rebuilder.lock() else {
        return;
    };
    // Open pages reload as soon as the changed pages are written, and only once.
    let mut reloaded = false;
    let mut reload = || {
        state.reload_and_wait(RELOAD_HEAD_START);
        reloaded = true;
    };
    match rebuilder.rebuild(changes, &mut reload) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            let pages_ready = report
                .pages_ready
                .map(|t| format!("pages in {:.0} ms, ", t.as_secs_f64() * 1000.0))
                .unwrap_or_default();
            let read = if report.quick {
                "edited files read, "
            } else {
                ""
            };
            eprintln!(
                "rebuilt in {:.0} ms ({read}{pages_ready}{} pages rendered, {} files written)",
                report.elapsed.as_secs_f64() * 1000.0,
                report.pages_rendered,
                report.files_written
            );
            if !reloaded {
                state.record(BuildOutcome::Built);
            }
        }
        Err(err) => {
            let message = format!("{err:#}");
            eprintln!("error: {message}");
            state.record(BuildOutcome::Failed(message));
        }
    }
}

fn router(state: ServeState) -> Router {
    let files = ServeDir::new(&state.out_dir)
        .append_index_html_on_directories(true)
        .not_found_service(get(not_found).with_state(state.clone()));
    Router::new()
        .route("/__helpbook/livereload.js", get(live_reload_script))
        .route("/__helpbook/events", get(build_events))
        .with_state(state)
        .fallback_service(files)
        // The files' Last-Modified has whole seconds: a browser that kept a page would
        // revalidate it on reload and be told "not modified" when an edit and the one
        // before it, of the same length, were written in the same second.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        ))
}

async fn live_reload_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_RELOAD_JS,
    )
}

/// Server-sent events: the current state first, then every build's outcome.
async fn build_events(State(state): State<ServeState>) -> impl IntoResponse {
    let current = state.last_error().map(BuildOutcome::Failed);
    let updates = BroadcastStream::new(state.outcomes.subscribe()).filter_map(Result::ok);
    state.subscriptions.fetch_add(1, Ordering::SeqCst);
    let stream = tokio_stream::iter(current).chain(updates).map(|outcome| {
        Ok::<_, std::convert::Infallible>(match outcome {
            BuildOutcome::Built => Event::default().event("reload").data("built"),
            BuildOutcome::Failed(message) => Event::default().event("build-error").data(message),
        })
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The site's own 404 page, or, before any build succeeded, the build error.
async fn not_found(State(state): State<ServeState>) -> Response {
    let page_404 = state.out_dir.join("404.html");
    if let Ok(html) = tokio::fs::read_to_string(&page_404).await {
        return (StatusCode::NOT_FOUND, Html(html)).into_response();
    }
    let message = state
        .last_error()
        .unwrap_or_else(|| "The site has not been built yet.".to_string());
    (StatusCode::SERVICE_UNAVAILABLE, Html(status_page(&message))).into_response()
}

fn status_page(message: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>helpbook: build failed</title><body><h1>The help center could not be built</h1><pre>{}</pre><script type=\"module\" src=\"/__helpbook/livereload.js\"></script></body></html>",
        crate::text::escape_html(message)
    )
}

/// Whether a changed path can change the site (the output folder and editor files cannot).
fn is_relevant_change(site_dir: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(site_dir) else {
        return true;
    };
    let mut components = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = components.next().unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let editor_file = name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp");
    !(matches!(
        first.as_str(),
        "public" | "target" | ".git" | "node_modules"
    ) || editor_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_trigger_rebuilds() {
        let site = Path::new("/site");
        let cases = [
            ("/site/content/en/a/b.md", true),
            ("/site/book.toml", true),
            ("/site/themes/default/templates/base.html", true),
            ("/site/public/en/index.html", false),
            ("/site/content/en/a/.b.md.swp", false),
            ("/site/content/en/a/b.md~", false),
            ("/site/.git/index", false),
        ];
        for (path, expected) in cases {
            assert_eq!(
                is_relevant_change(site, Path::new(path)),
                expected,
                "{path}"
            );
        }
    }
}
