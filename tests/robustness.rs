//! Whole-site tests with content a writer's tools can produce by accident: odd encodings and
//! line ends, empty and enormous files, pathological nesting, symlink loops. Each asserts what
//! happens (the page that comes out, or the error and where it points), not only that nothing
//! crashed: a stack overflow aborts the process, so a crash shows up as a failed build here.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

/// Writes `bytes` to `content/<rel>` in `site`.
fn write_article(site: &Path, rel: &str, bytes: &[u8]) {
    let path = site.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `helpbook build .` in `site` with `env`, killing it if it runs longer than `limit`.
fn build_within(site: &Path, args: &[&str], env: &[(&str, &str)], limit: Duration) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_helpbook"))
        .args(["build", "."])
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .current_dir(site)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the helpbook binary runs");
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || done.send(child.wait_with_output()));
    match finished.recv_timeout(limit) {
        Ok(output) => output.expect("the build's output is readable"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("the build still ran after {limit:?}");
        }
    }
}

fn assert_fails_at(output: &Output, location: &str, message: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("--> {location}")), "{err}");
    assert!(err.contains(message), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn invalid_utf8_fails_naming_the_file_and_line() {
    let (_temp, site) = fixture("basic");
    write_article(
        &site,
        "en/returns/latin1.md",
        b"+++\ntitle = \"Zwrot\"\n+++\n\nZwrot pieni\xeadzy\n",
    );
    let output = helpbook(&site, &["build", "."]);
    assert_fails_at(
        &output,
        "content/en/returns/latin1.md:5:12",
        "file is not valid UTF-8 text",
    );
    assert!(stderr(&output).contains("save the file as UTF-8"));
    assert!(!site.join("public").exists(), "nothing is written");
}

#[test]
fn byte_order_mark_is_not_part_of_the_front_matter() {
    let (_temp, site) = fixture("basic");
    write_article(
        &site,
        "en/returns/from-notepad.md",
        b"\xEF\xBB\xBF+++\ntitle = \"Saved in Notepad\"\n+++\n\nText after a BOM.\n",
    );
    let out = build_ok(&site, &[]);
    let page = read(&out, "en/returns/from-notepad/index.html");
    assert!(
        page.contains("<title>Saved in Notepad · Fixture Help</title>"),
        "{page}"
    );
    assert!(page.contains("<p>Text after a BOM.</p>"), "{page}");
    assert!(!page.contains('\u{FEFF}'), "the mark is dropped");
}

#[test]
fn crlf_line_ends_parse_like_lf() {
    let (_temp, site) = fixture("basic");
    write_article(
        &site,
        "en/returns/from-windows.md",
        b"---\r\ntitle: Saved on Windows\r\ndescription: CRLF everywhere\r\ntags: [crlf]\r\n---\r\n\r\n## First step\r\n\r\nOne line.\r\nSame paragraph.\r\n",
    );
    let out = build_ok(&site, &[]);
    let page = read(&out, "en/returns/from-windows/index.html");
    assert!(
        page.contains("<title>Saved on Windows · Fixture Help</title>"),
        "{page}"
    );
    assert!(
        page.contains("content=\"CRLF everywhere\""),
        "no carriage return in the description"
    );
    assert!(page.contains("<h2 id=\"first-step\">First step"), "{page}");
    assert!(page.contains("One line."), "{page}");
    assert!(!page.contains('\r'), "no carriage return reaches the page");
    assert!(out.join("en/tags/crlf/index.html").is_file());
}

/// About 50 MB of paragraphs, headings and links, written at test time.
fn huge_article() -> String {
    let words = [
        "refund", "parcel", "label", "courier", "receipt", "exchange", "order", "payment",
    ];
    let mut text = String::from("+++\ntitle = \"Everything at once\"\n+++\n\n");
    let mut section = 0;
    while text.len() < 50 * 1024 * 1024 {
        section += 1;
        text.push_str(&format!("## Part {section}\n\n"));
        for paragraph in 0..40 {
            for word in 0..80 {
                text.push_str(words[(section + paragraph + word) % words.len()]);
                text.push(' ');
            }
            text.push_str("See [refunds](refunds.md).\n\n");
        }
    }
    text.push_str("The very last paragraph.\n");
    text
}

#[test]
fn fifty_megabyte_article_builds() {
    let (_temp, site) = fixture("basic");
    write_article(&site, "en/returns/huge.md", huge_article().as_bytes());
    let output = build_within(&site, &[], &[], Duration::from_secs(900));
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(&site.join("public"), "en/returns/huge/index.html");
    assert!(page.len() > 50 * 1024 * 1024, "the whole article is there");
    assert!(page.contains("<p>The very last paragraph.</p>"));
}

#[test]
fn empty_article_builds_titled_by_its_file_name() {
    let (_temp, site) = fixture("basic");
    write_article(&site, "en/returns/store-credit.md", b"");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains(
        "warning: content/en/returns/store-credit.md:1:1: article has no `title` and does not open with a `# heading`; using its file name"
    ));
    let page = read(&site.join("public"), "en/returns/store-credit/index.html");
    assert!(
        page.contains("<title>Store credit · Fixture Help</title>"),
        "{page}"
    );
}

#[test]
fn toml_front_matter_that_never_closes_fails_at_line_one() {
    let (_temp, site) = fixture("basic");
    write_article(
        &site,
        "en/returns/open.md",
        b"+++\ntitle = \"Open\"\n\nThe body, but no closing line.\n",
    );
    let output = helpbook(&site, &["build", "."]);
    assert_fails_at(
        &output,
        "content/en/returns/open.md:1:1",
        "front matter opened with `+++` is never closed",
    );
    assert!(stderr(&output).contains("add a line with only `+++`"));
}

#[test]
fn yaml_front_matter_that_never_closes_fails_at_line_one() {
    let (_temp, site) = fixture("basic");
    write_article(&site, "en/returns/open.md", b"---\ntitle: Open");
    let output = helpbook(&site, &["build", "."]);
    assert_fails_at(
        &output,
        "content/en/returns/open.md:1:1",
        "front matter opened with `---` is never closed",
    );
}

#[test]
fn five_thousand_nested_block_quotes_build() {
    let (_temp, site) = fixture("basic");
    let body = ">".repeat(5000) + " Deep inside.\n";
    write_article(
        &site,
        "en/returns/quotes.md",
        format!("+++\ntitle = \"Quotes\"\n+++\n\n{body}").as_bytes(),
    );
    let out = build_ok(&site, &[]);
    let page = read(&out, "en/returns/quotes/index.html");
    assert!(page.contains("Deep inside."), "the text survives");
    assert!(page.matches("<blockquote>").count() > 100, "{page}");
}

#[test]
fn five_thousand_nested_list_items_build() {
    let (_temp, site) = fixture("basic");
    let body: String = (0..5000)
        .map(|depth| format!("{}- level{depth}\n", "  ".repeat(depth)))
        .collect();
    write_article(
        &site,
        "en/returns/lists.md",
        format!("+++\ntitle = \"Lists\"\n+++\n\n{body}").as_bytes(),
    );
    let out = build_ok(&site, &[]);
    let page = read(&out, "en/returns/lists/index.html");
    assert!(page.contains("level4999"), "the deepest item survives");
    assert!(page.matches("<ul>").count() > 100);
    let search = read(&out, "search/en/articles.jsonl");
    assert!(
        search.contains("level0 level1 level2"),
        "list items stay separate words in search"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_content_is_a_warning() {
    let (_temp, site) = fixture("basic");
    std::os::unix::fs::symlink("..", site.join("content/en/returns/again")).unwrap();
    let output = build_within(&site, &[], &[], Duration::from_secs(60));
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("warning: skipped: File system loop found: content/en/returns/again"),
        "{err}"
    );
    assert!(site.join("public/en/returns/refunds/index.html").is_file());
}

#[test]
fn file_gone_before_it_is_read_is_an_error_naming_it() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("content/en/returns/deleted.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "+++\ntitle = \"Gone\"\n+++\n").unwrap();
    std::fs::remove_file(&path).unwrap();
    let err = helpbook::files::read_text(&path).expect_err("the file is gone");
    assert_eq!(err.location.path, path);
    assert_eq!((err.location.line, err.location.column), (1, 1));
    let shown = err.to_string();
    assert!(shown.starts_with("cannot read file: "), "{shown}");
    assert!(
        shown.contains(&format!("--> {}:1:1", path.display())),
        "{shown}"
    );
}

/// Enough articles, tags and links that parallel work interleaves differently per thread count.
fn add_many_articles(site: &Path) {
    for i in 0..60 {
        let text = format!(
            "+++\ntitle = \"Question {i}\"\ntags = [\"tag{}\", \"common\"]\nweight = {}\n+++\n\n## Answer\n\nSee [refunds](../returns/refunds.md) and [the next](question-{}.md).\n",
            i % 7,
            i % 3,
            (i + 1) % 60
        );
        write_article(
            site,
            &format!("en/questions/question-{i}.md"),
            text.as_bytes(),
        );
    }
}

#[test]
fn one_thread_and_four_threads_build_byte_identical_sites() {
    let (temp, site) = fixture("basic");
    add_many_articles(&site);
    let builds: Vec<_> = ["1", "4"]
        .into_iter()
        .map(|threads| {
            let out = temp.path().join(format!("out-{threads}"));
            let output = build_within(
                &site,
                &["-o", out.to_str().unwrap()],
                &[("RAYON_NUM_THREADS", threads)],
                Duration::from_secs(300),
            );
            assert!(output.status.success(), "{}", stderr(&output));
            snapshot(&out)
        })
        .collect();
    let (one, four) = (&builds[0], &builds[1]);
    let names = |files: &[(std::path::PathBuf, Vec<u8>)]| {
        files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(one), names(four), "the same files");
    assert!(one.len() > 100, "a site big enough to mean something");
    for ((path, a), (_, b)) in one.iter().zip(four) {
        assert!(a == b, "{} differs between 1 and 4 threads", path.display());
    }
}
