//! `helpbook check`, `build --check` and `report` on fixture sites: each kind of problem is
//! planted in a clean site, and the finding, its place and the exit code are asserted.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{fixture, helpbook, read, stdout};

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An article whose body starts on line 6.
fn article(front: &str, body: &str) -> String {
    format!("+++\n{front}\n+++\n\n{body}\n")
}

const TITLED: &str = "title = \"Planted\"\ndescription = \"A planted problem.\"";

/// Runs `check --format json` and returns the exit code and the findings.
fn check_json(site: &Path) -> (i32, serde_json::Value) {
    let output = helpbook(site, &["check", ".", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&output)));
    (output.status.code().unwrap(), json)
}

fn has_finding(json: &serde_json::Value, rule: &str, file: &str, line: u64, column: u64) -> bool {
    json["findings"].as_array().unwrap().iter().any(|f| {
        f["rule"] == rule
            && f["file"].as_str().is_some_and(|p| p.ends_with(file))
            && f["line"] == line
            && f["column"] == column
    })
}

#[test]
fn a_clean_site_has_no_findings() {
    let (_temp, site) = fixture("clean");
    let (code, json) = check_json(&site);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["version"], 1);
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    let human = helpbook(&site, &["check", "."]);
    assert_eq!(stdout(&human), "check: no problems found\n");
}

/// (rule, files to write, file and place of the finding, expected exit code)
type Plant = (
    &'static str,
    Vec<(&'static str, String)>,
    (&'static str, u64, u64),
    i32,
);

fn planted_problems() -> Vec<Plant> {
    let x = "en/orders/x.md";
    let plain = |body: &str| vec![(x, article(TITLED, body))];
    vec![
        (
            "broken-link",
            plain("See [gone](gone.md)."),
            ("en/orders/x.md", 6, 5),
            1,
        ),
        (
            "broken-anchor",
            plain("See [late](track.md#nowhere)."),
            ("en/orders/x.md", 6, 5),
            1,
        ),
        (
            "broken-anchor",
            plain("[up](#nope)"),
            ("en/orders/x.md", 6, 1),
            1,
        ),
        (
            "missing-file",
            plain("![A box](box.png)"),
            ("en/orders/x.md", 6, 1),
            1,
        ),
        (
            "link-to-draft",
            vec![
                (x, article(TITLED, "[soon](draft.md)")),
                (
                    "en/orders/draft.md",
                    article("title = \"Soon\"\ndraft = true", "Later."),
                ),
            ],
            ("en/orders/x.md", 6, 1),
            1,
        ),
        (
            "duplicate-slug",
            vec![("en/returns/track.md", article(TITLED, "Again."))],
            ("en/returns/track.md", 1, 1),
            0,
        ),
        (
            "duplicate-title",
            vec![(
                x,
                article("description = \"d\"\ntitle = \"Track an order\"", "Twin."),
            )],
            ("en/orders/x.md", 3, 1),
            0,
        ),
        (
            "missing-title",
            vec![(x, article("description = \"d\"", "No title."))],
            ("en/orders/x.md", 1, 1),
            0,
        ),
        (
            "missing-description",
            vec![(x, article("title = \"T\"", "Short."))],
            ("en/orders/x.md", 1, 1),
            0,
        ),
        (
            "image-alt",
            plain("![](map.svg)"),
            ("en/orders/x.md", 6, 1),
            0,
        ),
        (
            "renamed",
            vec![("en/orders/deep/Lost Item.md", article(TITLED, "Found."))],
            ("en/orders/deep/Lost Item.md", 1, 1),
            0,
        ),
        (
            "moved-page",
            vec![("en/search/x.md", article(TITLED, "A folder named search."))],
            ("en/search", 1, 1),
            0,
        ),
        (
            "stale",
            vec![(
                x,
                article(&format!("{TITLED}\nupdated = 1900-01-01"), "Old."),
            )],
            ("en/orders/x.md", 4, 1),
            0,
        ),
        (
            "missing-translation",
            plain("Only English."),
            ("en/orders/x.md", 1, 1),
            0,
        ),
        (
            "front-matter-typo",
            vec![(x, article(&format!("{TITLED}\npromotd = true"), "Typo."))],
            ("en/orders/x.md", 4, 1),
            0,
        ),
        (
            "alias-collision",
            vec![(
                x,
                article(
                    &format!("{TITLED}\naliases = [\"/en/orders/track/\"]"),
                    "Clash.",
                ),
            )],
            ("en/orders/x.md", 4, 1),
            1,
        ),
        (
            "invalid-file",
            vec![(x, "+++\ntitle = \n+++\n".to_string())],
            ("en/orders/x.md", 2, 9),
            1,
        ),
    ]
}

#[test]
fn each_planted_problem_is_found_where_it_is() {
    for (rule, files, (file, line, column), exit) in planted_problems() {
        let (_temp, site) = fixture("clean");
        for (rel, text) in &files {
            write(&site, rel, text);
        }
        let (code, json) = check_json(&site);
        assert!(
            has_finding(&json, rule, file, line, column),
            "{rule}: expected at {file}:{line}:{column}, found {:#}",
            json["findings"]
        );
        assert_eq!(
            code, exit,
            "{rule}: exit code; findings {:#}",
            json["findings"]
        );
    }
}

#[test]
fn rules_can_be_made_errors_or_turned_off() {
    let (_temp, site) = fixture("clean");
    write(
        &site,
        "en/orders/x.md",
        &article(TITLED, "Nobody links here."),
    );
    let config = site.join("book.toml");
    let base = std::fs::read_to_string(&config).unwrap();

    std::fs::write(
        &config,
        format!("{base}\n[check.rules]\norphan = \"error\"\nmissing-translation = \"off\"\n"),
    )
    .unwrap();
    let (code, json) = check_json(&site);
    assert_eq!(code, 1);
    assert!(
        has_finding(&json, "orphan", "en/orders/x.md", 1, 1),
        "{json:#}"
    );
    assert!(
        !json.to_string().contains("missing-translation"),
        "{json:#}"
    );

    std::fs::write(
        &config,
        format!("{base}\n[check.rules]\norphen = \"error\"\n"),
    )
    .unwrap();
    let output = helpbook(&site, &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let shown = stdout(&output);
    assert!(
        shown.contains("there is no rule `orphen`") && shown.contains("did you mean `orphan`?"),
        "{shown}"
    );
}

#[test]
fn human_output_groups_findings_by_file() {
    let (_temp, site) = fixture("clean");
    write(
        &site,
        "en/orders/x.md",
        &article(TITLED, "See [gone](gone.md) and ![](map.svg)."),
    );
    let output = helpbook(&site, &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let shown = stdout(&output);
    let block = shown
        .split("\n\n")
        .find(|b| b.starts_with("content/en/orders/x.md"))
        .unwrap_or_else(|| panic!("no block for x.md in {shown}"));
    assert!(
        block.contains("6:5  error") && block.contains("broken-link"),
        "{block}"
    );
    assert!(
        block.contains("6:25  warning") && block.contains("image-alt"),
        "{block}"
    );
    assert!(shown.ends_with("check: 1 error, 2 warnings\n"), "{shown}");
}

#[test]
fn check_that_cannot_run_exits_2() {
    let temp = tempfile::tempdir().unwrap();
    let output = helpbook(temp.path(), &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        json["error"].as_str().unwrap().contains("book.toml"),
        "{json}"
    );
}

#[test]
fn build_check_stops_before_writing_anything() {
    let (_temp, site) = fixture("clean");
    let public = common::build_ok(&site, &["--check"]);
    let before = common::snapshot(&public);
    write(
        &site,
        "en/orders/x.md",
        &article(TITLED, "See [gone](gone.md)."),
    );
    let output = helpbook(&site, &["build", ".", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        common::stderr(&output).contains("broken-link"),
        "{}",
        common::stderr(&output)
    );
    assert_eq!(
        common::snapshot(&public),
        before,
        "the previous output is untouched"
    );
}

/// A local web server: `/ok` works, `/gone` is 404, `/flaky` fails once then works. It counts
/// the requests for each path.
fn link_server() -> (String, Arc<Mutex<HashMap<String, usize>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let counts = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
    let seen = Arc::clone(&counts);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap_or_default();
            let path = request.split(' ').nth(1).unwrap_or("").to_string();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let n = {
                let mut counts = seen.lock().unwrap();
                let n = counts.entry(path.clone()).or_default();
                *n += 1;
                *n
            };
            let status = match (path.as_str(), n) {
                ("/ok", _) => "200 OK",
                ("/flaky", 1) => "503 Service Unavailable",
                ("/flaky", _) => "200 OK",
                _ => "404 Not Found",
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    (base, counts)
}

#[test]
fn external_links_are_checked_with_retries_and_remembered() {
    let (base, counts) = link_server();
    let (_temp, site) = fixture("clean");
    let config = site.join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "[check]\n",
            "[check]\nexternal_delay_ms = 10\nexternal_timeout_secs = 5\n",
        ),
    )
    .unwrap();
    let body = format!("[a]({base}/ok)\n\n[b]({base}/gone)\n\n[c]({base}/flaky)");
    write(&site, "en/orders/x.md", &article(TITLED, &body));
    write(&site, "pl/orders/x.md", &article(TITLED, "Bez linków."));

    let (code, json) = check_json(&site);
    assert_eq!(code, 0, "without --external no request is made: {json:#}");
    assert!(counts.lock().unwrap().is_empty());

    let external = |site: &Path| {
        let output = helpbook(site, &["check", ".", "--external", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        (output.status.code().unwrap(), json)
    };
    let (code, json) = external(&site);
    assert_eq!(code, 1, "{json:#}");
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json:#}");
    assert!(
        has_finding(&json, "external-link", "en/orders/x.md", 8, 1),
        "{json:#}"
    );
    assert!(
        findings[0]["message"].as_str().unwrap().contains("404"),
        "{json:#}"
    );
    assert_eq!(counts.lock().unwrap()["/flaky"], 2, "a 503 is asked again");

    let (code, _) = external(&site);
    assert_eq!(code, 1);
    let counts = counts.lock().unwrap();
    assert_eq!(
        counts["/ok"], 1,
        "a working link is remembered between runs"
    );
    assert!(counts["/gone"] >= 2, "a failing link is asked again");
}

#[test]
fn the_report_is_one_self_contained_page_and_json() {
    let (_temp, site) = fixture("clean");
    write(
        &site,
        "en/orders/x.md",
        &article(TITLED, "See [gone](gone.md)."),
    );
    let output = helpbook(&site, &["report", "."]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let html = read(&site, "helpbook-report.html");
    for part in [
        "Articles per category and language",
        "Translation coverage",
        "How long ago articles were updated",
        "Most used tags",
        "Words per article",
        "broken-link",
        "<svg role=\"img\"",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("src="));

    let output = helpbook(&site, &["report", ".", "--format", "json", "-o", "r.json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_str(&read(&site, "r.json")).unwrap();
    assert_eq!(json["articles"], 5);
    assert_eq!(json["per_category"]["orders"], serde_json::json!([2, 1]));
    assert_eq!(json["coverage"][1]["percent"], 67);
    assert_eq!(
        json["untranslated"][0],
        serde_json::json!(["orders/x", ["pl"]])
    );
    assert_eq!(json["check"]["errors"], 1);
}

#[test]
fn a_broken_file_is_reported_beside_every_other_finding_in_one_run() {
    let (_temp, site) = fixture("broken-and-links");
    let (code, json) = check_json(&site);
    assert_eq!(code, 1, "{json:#}");
    for (rule, file, line, column) in [
        ("invalid-file", "content/en/returns/refund.md", 4, 1),
        ("broken-anchor", "content/en/orders/track.md", 8, 5),
        ("broken-link", "content/en/orders/track.md", 8, 43),
    ] {
        assert!(
            has_finding(&json, rule, file, line, column),
            "{rule} at {file}:{line}:{column} missing from {json:#}"
        );
    }
    // Line 6 links to the broken file and to a heading in it: the file is there, only
    // unreadable, so those links are not findings on top of its own.
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3, "{json:#}");
    assert_eq!(json["errors"], 3);
    let human = stdout(&helpbook(&site, &["check", "."]));
    assert!(human.contains("content/en/returns/refund.md"), "{human}");
    assert!(
        human.contains("#late-parcel; did you mean #late-parcels?"),
        "{human}"
    );
}

#[test]
fn build_still_stops_on_broken_files_listing_each_and_leaves_the_output() {
    let (_temp, site) = fixture("broken-and-links");
    let refund = site.join("content/en/returns/refund.md");
    let broken = std::fs::read_to_string(&refund).unwrap();
    std::fs::write(&refund, broken.replace("[money", "[money]")).unwrap();
    let public = common::build_ok(&site, &[]);
    let before = common::snapshot(&public);
    std::fs::write(&refund, broken).unwrap();
    std::fs::write(site.join("content/en/orders/label.md"), b"ok\n\xFF").unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert_eq!(output.status.code(), Some(1));
    let shown = common::stderr(&output);
    assert!(
        shown.contains("content/en/returns/refund.md:4:1"),
        "{shown}"
    );
    assert!(shown.contains("content/en/orders/label.md:2:1"), "{shown}");
    assert!(shown.contains("2 errors"), "{shown}");
    assert_eq!(
        common::snapshot(&public),
        before,
        "the previous output is untouched"
    );
}
