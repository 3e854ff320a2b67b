//! Help centers organised as their writers keep them: folders at any depth, names from
//! other tools, and writers' pages where helpbook's own usually are. Built from the
//! `sections` fixture (three levels deep in en, ar and pl) with the real binary.

mod common;

use std::path::Path;

use common::*;

/// Every Markdown file of the fixture but the folders' `_index.md`, with the page it must
/// become: nothing is skipped for its name or its place.
const ARTICLE_PAGES: &[(&str, &str)] = &[
    ("en/opening-hours.md", "en/opening-hours/"),
    ("en/orders/change-address.md", "en/orders/change-address/"),
    (
        "en/orders/tracking/where-is-my-order.md",
        "en/orders/tracking/where-is-my-order/",
    ),
    ("en/orders/tracking/step-1.md", "en/orders/tracking/step-1/"),
    ("en/orders/tracking/step-6.md", "en/orders/tracking/step-6/"),
    (
        "en/orders/tracking/couriers/late-parcel.md",
        "en/orders/tracking/couriers/late-parcel/",
    ),
    (
        "en/orders/tracking/couriers/parcel-lockers.md",
        "en/orders/tracking/couriers/parcel-lockers/",
    ),
    ("en/search/using-filters.md", "en/search/using-filters/"),
    ("en/account/search.md", "en/account/search/"),
    ("en/account/Privacy Policy.md", "en/account/privacy-policy/"),
    (
        "en/account/duck-player.index.md",
        "en/account/duck-player-index/",
    ),
    ("en/account/_notes.md", "en/account/notes/"),
    (
        "ar/orders/tracking/couriers/late-parcel.md",
        "ar/orders/tracking/couriers/late-parcel/",
    ),
    ("ar/search/using-filters.md", "ar/search/using-filters/"),
    (
        "pl/orders/tracking/couriers/late-parcel.md",
        "pl/orders/tracking/couriers/late-parcel/",
    ),
    ("pl/zwroty/Zwrot pieniędzy.md", "pl/zwroty/zwrot-pieniędzy/"),
    (
        "pl/zwroty/wymiana/wymiana-rozmiaru.md",
        "pl/zwroty/wymiana/wymiana-rozmiaru/",
    ),
];

fn built() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (temp, site) = fixture("sections");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    (temp, site.join("public"), stderr(&output))
}

fn page(out: &Path, url_path: &str) -> String {
    read(out, &format!("{url_path}index.html"))
}

#[test]
fn every_file_becomes_a_page_at_a_url_that_follows_its_folders() {
    let (_temp, site) = fixture("sections");
    let out = build_ok(&site, &[]);
    for (source, url_path) in ARTICLE_PAGES {
        assert!(
            out.join(url_path).join("index.html").is_file(),
            "{source} should be published at /{url_path}"
        );
    }
    let sources = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "_index.md")
        .count();
    let articles: usize = ["en", "ar", "pl"]
        .iter()
        .map(|lang| {
            let json: serde_json::Value =
                serde_json::from_str(&read(&out, &format!("{lang}/articles.json"))).unwrap();
            json["articles"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(articles, sources, "no file is dropped");
    for folder in [
        "en/orders/",
        "en/orders/tracking/",
        "en/orders/tracking/couriers/",
        "en/account/",
        "en/search/",
        "pl/zwroty/wymiana/",
    ] {
        assert!(out.join(folder).join("index.html").is_file(), "{folder}");
    }
}

#[test]
fn renamed_files_and_moved_pages_are_warned_about_with_their_file() {
    let (_temp, _out, warnings) = built();
    for expected in [
        "content/en/account/Privacy Policy.md:1:1: file name `Privacy Policy` is not fit for a URL: published as `privacy-policy`",
        "content/en/account/duck-player.index.md:1:1: file name `duck-player.index` is not fit for a URL: published as `duck-player-index`",
        "content/en/account/_notes.md:1:1: file name `_notes` is not fit for a URL: published as `notes`",
        "content/pl/zwroty/Zwrot pieniędzy.md:1:1: file name `Zwrot pieniędzy` is not fit for a URL: published as `zwrot-pieniędzy`",
        "content/en/search:1:1: this takes `/<lang>/search/`, the usual place of helpbook's search page: that page moves to `/<lang>/search-results/`",
        "content/en/account:1:1: folder has no _index.md: titled `Account` after its name",
    ] {
        assert!(warnings.contains(expected), "missing `{expected}` in:\n{warnings}");
    }
    assert!(
        !warnings.contains("account/search.md"),
        "an article named search inside a category takes nothing of helpbook's:\n{warnings}"
    );
}

#[test]
fn helpbook_s_search_page_moves_aside_for_a_writer_s_search_folder_in_every_language() {
    let (_temp, out, _) = built();
    let writers = page(&out, "en/search/");
    assert!(
        writers.contains("Searching the shop"),
        "the writer's category keeps /en/search/"
    );
    for lang in ["en", "ar", "pl"] {
        let results = page(&out, &format!("{lang}/search-results/"));
        assert!(
            results.contains("data-hb-search-page"),
            "{lang}: the results page"
        );
        let home = page(&out, &format!("{lang}/"));
        assert!(
            home.contains(&format!("action=\"/{lang}/search-results/\"")),
            "{lang}: search forms send to the moved page"
        );
    }
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("https://help.example.com/en/search/using-filters/"));
}

#[test]
fn a_category_page_previews_its_sections_and_a_section_page_lists_its_own() {
    let (_temp, out, _) = built();
    let orders = page(&out, "en/orders/");
    assert!(
        orders.contains("href=\"/en/orders/change-address/\""),
        "its own article"
    );
    let tracking = orders.find("<a href=\"/en/orders/tracking/\">Tracking</a>");
    assert!(tracking.is_some(), "the section, linked:\n{orders}");
    let preview = &orders[tracking.unwrap()..];
    assert!(preview.contains("Where is my order?"));
    assert!(
        preview.contains("Tracking step 4"),
        "the first five articles"
    );
    assert!(!preview.contains("Tracking step 5"), "and no more");
    assert!(
        preview.contains("<a href=\"/en/orders/tracking/\">See all (9 articles)</a>"),
        "a link to the rest, counting the sections below:\n{preview}"
    );

    let section = page(&out, "en/orders/tracking/");
    for step in 1..=6 {
        assert!(
            section.contains(&format!("Tracking step {step}")),
            "step {step}"
        );
    }
    assert!(section.contains("<a href=\"/en/orders/tracking/couriers/\">Couriers</a>"));

    let home = page(&out, "en/");
    assert!(
        home.contains("href=\"/en/orders/\""),
        "top-level categories on the home page"
    );
    assert!(home.contains("9 articles") || home.contains("10 articles"));
    assert!(
        !home.contains("href=\"/en/orders/tracking/\""),
        "sections stay on their category's page"
    );
    assert!(
        home.contains("href=\"/en/opening-hours/\""),
        "the article beside the home page"
    );
}

#[test]
fn a_deep_article_has_the_whole_chain_in_breadcrumbs_switcher_and_structured_data() {
    let (_temp, out, _) = built();
    let article = page(&out, "en/orders/tracking/couriers/late-parcel/");
    let crumbs = between(&article, "<nav class=\"breadcrumbs\"", "</nav>");
    let links: Vec<&str> = crumbs
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(
        links,
        [
            "/en/",
            "/en/orders/",
            "/en/orders/tracking/",
            "/en/orders/tracking/couriers/"
        ]
    );
    assert!(crumbs.contains("aria-current=\"page\">My parcel is late with the courier"));
    let positions = article.matches("\"@type\":\"ListItem\"").count();
    assert_eq!(positions, 5, "JSON-LD breadcrumbs from home to the article");
    for lang in ["ar", "pl"] {
        assert!(
            article.contains(&format!(
                "href=\"/{lang}/orders/tracking/couriers/late-parcel/\""
            )),
            "the switcher leads to the {lang} translation"
        );
    }
    assert!(
        article.contains("href=\"/en/orders/tracking/where-is-my-order/#status\""),
        "a relative link two folders up keeps working"
    );
    let section = page(&out, "ar/orders/tracking/");
    assert!(
        section.contains("href=\"/en/orders/tracking/\""),
        "a section's translations"
    );
    assert!(
        section.contains("icon-truck"),
        "a section without an icon takes its category's"
    );
    let arabic = page(&out, "ar/orders/tracking/couriers/late-parcel/");
    assert!(
        arabic.contains("دقيقة واحدة للقراءة"),
        "reading time in the language's plural form"
    );
}

#[test]
fn search_exports_and_sitemap_know_where_each_article_sits() {
    let (_temp, out, _) = built();
    let docs = read(&out, "search/en/docs/0.json");
    assert!(docs.contains(
        "[\"/en/orders/tracking/couriers/late-parcel/\",\"My parcel is late with the courier\",\"Orders › Tracking › Couriers\""
    ), "{docs}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "en/articles.json")).unwrap();
    let deep = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"] == "https://help.example.com/en/orders/tracking/couriers/late-parcel/")
        .expect("the deep article is exported");
    assert_eq!(deep["category"], "Orders");
    assert_eq!(
        deep["section_path"],
        serde_json::json!(["Orders", "Tracking", "Couriers"])
    );
    let llms = read(&out, "en/llms.txt");
    assert!(llms.contains("## Orders › Tracking › Couriers\n\n- [My parcel is late with the courier](https://help.example.com/en/orders/tracking/couriers/late-parcel.md)"));
    assert!(
        out.join("en/orders/tracking/couriers/late-parcel.md")
            .is_file(),
        "Markdown copies keep the content folder's layout"
    );
    let sitemap = read(&out, "sitemap.xml");
    for url in [
        "https://help.example.com/en/orders/tracking/couriers/",
        "https://help.example.com/en/orders/tracking/couriers/late-parcel/",
        "https://help.example.com/pl/zwroty/wymiana/wymiana-rozmiaru/",
    ] {
        assert!(sitemap.contains(url), "{url} in the sitemap");
    }
    let related = page(&out, "en/orders/tracking/couriers/late-parcel/");
    assert!(
        related.contains("href=\"/en/orders/tracking/couriers/parcel-lockers/\""),
        "its section's other article is related"
    );
}

#[test]
fn two_files_at_one_url_stop_the_build_naming_both_and_keep_the_last_output() {
    let (_temp, site) = fixture("sections");
    let out = build_ok(&site, &[]);
    let before = snapshot(&out);
    std::fs::write(
        site.join("content/en/account/Privacy-Policy.md"),
        "+++\ntitle = \"Another\"\n+++\nText.\n",
    )
    .unwrap();
    let output = helpbook(&site, &["build", "."]);
    let text = stderr(&output);
    assert!(!output.status.success());
    assert!(
        text.contains("content/en/account/Privacy-Policy.md")
            && text.contains("content/en/account/Privacy Policy.md")
            && text.contains("/en/account/privacy-policy/"),
        "{text}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "the previous output stays as it was"
    );
}

#[test]
fn an_untitled_article_takes_its_opening_heading_once() {
    let (_temp, out, warnings) = built();
    let article = page(&out, "en/account/delete-account/");
    assert!(
        article.contains("<title>Deleting your account"),
        "{article}"
    );
    assert_eq!(
        article.matches(">Deleting your account</h1>").count(),
        1,
        "the heading shows once, as the page's title"
    );
    assert!(!warnings.contains("delete-account.md"), "{warnings}");
}

#[test]
fn a_slug_in_the_front_matter_chooses_the_url() {
    let (_temp, site) = fixture("sections");
    std::fs::write(
        site.join("content/en/account/duck-player.index.md"),
        "---\ntitle: Duck Player\nslug: duck-player\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/en/orders/tracking/_index.md"),
        "+++\ntitle = \"Tracking\"\nslug = \"follow\"\n+++\n",
    )
    .unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("duck-player.index"),
        "chosen, so no warning"
    );
    let out = site.join("public");
    assert!(out.join("en/account/duck-player/index.html").is_file());
    assert!(out
        .join("en/orders/follow/couriers/late-parcel/index.html")
        .is_file());
}

#[test]
fn an_article_page_stays_small_with_hundreds_of_categories() {
    let (_temp, site) = fixture("sections");
    for i in 0..400 {
        let folder = site.join(format!("content/en/topic-{i:03}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("_index.md"),
            format!("+++\ntitle = \"A topic with a fairly long title, number {i}\"\n+++\n"),
        )
        .unwrap();
        std::fs::write(
            folder.join("article.md"),
            format!("+++\ntitle = \"Article {i}\"\n+++\nText of article {i}.\n"),
        )
        .unwrap();
    }
    let out = build_ok(&site, &["--quiet"]);
    let article = std::fs::metadata(out.join("en/orders/tracking/couriers/late-parcel/index.html"))
        .unwrap()
        .len();
    assert!(article < 30 * 1024, "an article page is {article} bytes");
    let home = page(&out, "en/");
    assert_eq!(
        home.matches("class=\"card\"").count(),
        403,
        "the home page lists them all"
    );
    let footer = between(&home, "<footer", "</footer>");
    assert!(
        footer.contains("Browse all topics"),
        "the footer leads to the full list"
    );
}

#[test]
fn check_follows_links_into_sections_and_report_counts_them() {
    let (_temp, site) = fixture("sections");
    std::fs::write(
        site.join("content/en/orders/tracking/couriers/parcel-lockers.md"),
        "+++\ntitle = \"Parcel lockers\"\n+++\nSee [late](late-parcel.md#nowhere) and [status](../where-is-my-order.md#status).\n",
    )
    .unwrap();
    let output = helpbook(&site, &["check", ".", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let broken: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"] == "broken-anchor" || f["rule"] == "broken-link")
        .collect();
    assert_eq!(broken.len(), 1, "{broken:#?}");
    assert!(broken[0]["file"]
        .as_str()
        .unwrap()
        .ends_with("couriers/parcel-lockers.md"));
    assert_eq!(broken[0]["line"], 4);

    let output = helpbook(&site, &["report", ".", "--format", "json"]);
    assert!(
        output.status.success() || output.status.code() == Some(1),
        "{}",
        stderr(&output)
    );
    let report = read(&site, "helpbook-report.json");
    let json: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(
        json["per_category"]["orders/tracking/couriers"],
        serde_json::json!([2, 1, 1]),
        "sections count on their own, per language: {report}"
    );
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = text[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + from;
    &text[from..to]
}
