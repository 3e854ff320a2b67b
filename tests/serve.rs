//! `helpbook serve` through the real binary: serving, live rebuilds and errors that do not
//! stop the server. Waits poll with a generous deadline; nothing here asserts on speed.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `helpbook serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    log: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(site: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpbook"))
        .args(["serve", ".", "--port", "0"])
        .current_dir(site)
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (sender, log) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = log.recv_timeout(Duration::from_millis(200)) {
            if let Some(rest) = line.split("at http://").nth(1) {
                let addr = rest.split('/').next().unwrap().to_string();
                return Server { child, addr, log };
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("serve did not print its address");
}

/// A plain HTTP/1.1 request; returns the status line, headers and body as one string.
fn request(addr: &str, method: &str, path: &str, extra_headers: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra_headers}\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn get(addr: &str, path: &str) -> String {
    request(addr, "GET", path, "")
}

/// Polls `check` until it holds or a minute passes.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for: {what}");
}

#[test]
fn serve_rebuilds_on_change_and_survives_errors() {
    let (_temp, site) = fixture("basic");
    let server = start_server(&site);
    let addr = server.addr.clone();

    let page = get(&addr, "/en/returns/refunds/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("/__helpbook/livereload.js"),
        "pages carry the live-reload script"
    );
    assert!(get(&addr, "/__helpbook/livereload.js").contains("EventSource"));
    // Browsers keep nothing, so a reload never revalidates against a Last-Modified of whole
    // seconds, which two quick edits of the same length can share.
    assert!(page.contains("cache-control: no-store"), "{page}");

    let article = site.join("content/en/returns/refunds.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace("Within **5 days**", "Within **7 days**"),
    )
    .unwrap();
    eventually("the edit to show", || {
        get(&addr, "/en/returns/refunds/").contains("<strong>7 days</strong>")
    });

    std::fs::write(&article, "+++\ntitle = \n+++\n").unwrap();
    eventually("the error to reach the terminal", || {
        server.log.try_iter().any(|l| l.contains("refunds.md:2"))
    });
    let page = get(&addr, "/en/returns/refunds/");
    assert!(
        page.contains("<strong>7 days</strong>"),
        "the last good build is still served"
    );
    let events = request(&addr, "GET", "/__helpbook/events", "");
    assert!(
        events.contains("event: build-error") || events.contains("event:build-error"),
        "{events}"
    );

    std::fs::write(&article, text).unwrap();
    eventually("the fixed page to show", || {
        get(&addr, "/en/returns/refunds/").contains("<strong>5 days</strong>")
    });
}

#[test]
fn serve_answers_head_and_range_requests_and_refuses_climbing_out() {
    let (_temp, site) = fixture("basic");
    std::fs::write(site.join("secret.txt"), "do not serve").unwrap();
    let server = start_server(&site);
    let addr = &server.addr;

    let head = request(addr, "HEAD", "/robots.txt", "");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("content-length:"), "{head}");
    assert!(!head.contains("Sitemap"), "HEAD has no body: {head}");
    let range = request(addr, "GET", "/robots.txt", "Range: bytes=0-3\r\n");
    assert!(range.starts_with("HTTP/1.1 206"), "{range}");
    assert!(range.ends_with("User"), "{range}");
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/en/%2e%2e/%2e%2e/secret.txt",
    ] {
        let response = get(addr, path);
        assert!(!response.contains("do not serve"), "{path}: {response}");
    }
    let missing = get(addr, "/en/no-such-page/");
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}

#[test]
fn serve_stays_up_under_a_burst_of_concurrent_requests() {
    let (_temp, site) = fixture("basic");
    let server = start_server(&site);
    let addr = server.addr.clone();
    let workers: Vec<_> = (0..64)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let paths = ["/", "/en/", "/en/returns/refunds/", "/robots.txt", "/nope/"];
                (0..10)
                    .map(|j| {
                        let response = get(&addr, paths[(i + j) % paths.len()]);
                        response.split(' ').nth(1).unwrap_or("none").to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut statuses = std::collections::BTreeMap::new();
    for worker in workers {
        for status in worker.join().expect("a client thread") {
            *statuses.entry(status).or_insert(0) += 1;
        }
    }
    assert_eq!(
        statuses,
        [("200".to_string(), 512), ("404".to_string(), 128)].into(),
        "every one of the 640 requests got an answer"
    );
    assert!(
        get(&addr, "/en/").starts_with("HTTP/1.1 200"),
        "still serving after the burst"
    );
}
