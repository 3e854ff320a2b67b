//! One test per page kind, on a tiny two-language site rendered in memory with the embedded
//! default theme: each asserts the HTML that page exists to show, not the whole page.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use super::{render_site, search_documents, RenderOptions};
use crate::config::{Config, SitePaths};
use crate::site::{Site, SiteOptions};
use crate::theme::Theme;

/// The tiny site: what it is made of, so each test can see which file gives what it checks.
/// `account/` is a category with an article of its own, the section `billing/` with six
/// articles (one more than a category page previews) and the subsection `billing/cards/`;
/// `getting-started` sits beside the home page; `refunds` (written from `refunds_text`) has
/// tags, an alias and an Arabic translation.
const CONTENT: &[(&str, &str)] = &[
    (
        "en/getting-started.md",
        "+++\ntitle = \"Getting started\"\npromoted = true\n+++\n\nWelcome.\n",
    ),
    (
        "en/account/_index.md",
        "+++\ntitle = \"Account\"\ndescription = \"Your account and billing.\"\n+++\n",
    ),
    (
        "en/account/overview.md",
        "+++\ntitle = \"Account overview\"\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/_index.md",
        "+++\ntitle = \"Billing\"\n+++\n",
    ),
    (
        "en/account/billing/invoices.md",
        "+++\ntitle = \"Invoices\"\nweight = 1\ntags = [\"Billing\", \"Money\"]\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/receipts.md",
        "+++\ntitle = \"Receipts\"\nweight = 3\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/taxes.md",
        "+++\ntitle = \"Taxes\"\nweight = 4\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/currency.md",
        "+++\ntitle = \"Currency\"\nweight = 5\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/payment-methods.md",
        "+++\ntitle = \"Payment methods\"\nweight = 6\n+++\n\nText.\n",
    ),
    (
        "en/account/billing/cards/_index.md",
        "+++\ntitle = \"Cards\"\n+++\n",
    ),
    (
        "en/account/billing/cards/saved-cards.md",
        "+++\ntitle = \"Saved cards\"\n+++\n\nText.\n",
    ),
    ("ar/account/_index.md", "+++\ntitle = \"الحساب\"\n+++\n"),
    (
        "ar/account/billing/refunds.md",
        "+++\ntitle = \"استرداد المبالغ\"\n+++\n\nنص.\n",
    ),
];

/// `en/account/billing/refunds.md`: second in its section, tagged, moved from an old
/// address, and 450 words long (3 minutes at 200 words a minute).
fn refunds_text() -> String {
    format!(
        "+++\ntitle = \"Refunds\"\nweight = 2\ntags = [\"Billing\"]\naliases = [\"/en/old/refunds/\"]\n+++\n\n{}\n",
        "word ".repeat(450)
    )
}

const BOOK_TOML: &str = "[site]\ntitle = \"Tiny Help\"\nbase_url = \"https://help.example.com\"\nlanguages = [\"en\", \"ar\"]\n\n[language.ar]\ntitle = \"مساعدة صغيرة\"\n";

struct Rendered {
    site: Site,
    files: BTreeMap<String, Vec<u8>>,
}

/// The tiny site with the embedded default theme, rendered once for every test.
fn rendered() -> &'static Rendered {
    static RENDERED: OnceLock<Rendered> = OnceLock::new();
    RENDERED.get_or_init(|| {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let root = temp.path();
        write(root, "book.toml", BOOK_TOML);
        for (path, text) in CONTENT {
            write(&root.join("content"), path, text);
        }
        write(
            &root.join("content"),
            "en/account/billing/refunds.md",
            &refunds_text(),
        );
        // As `build` loads a site, less the synonyms and static files the tiny site has none of.
        let config = Config::load(root).expect("book.toml is valid");
        let paths = SitePaths::new(root);
        let theme = Theme::load(&paths, &config.site.languages)
            .unwrap_or_else(|e| panic!("the embedded theme loads: {e}"));
        let sources = crate::content::load(&paths.content(), &config.site.languages);
        let site = crate::site::build(
            config,
            sources,
            Vec::new(),
            &theme.strings,
            &SiteOptions::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("the tiny site is valid: {e}"));
        let files = render_site(&site, &theme, &RenderOptions::default())
            .unwrap_or_else(|e| panic!("the tiny site renders: {e:#}"));
        Rendered { site, files }
    })
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("folder made");
    std::fs::write(path, text).expect("file written");
}

/// The page at output path `path`, as text.
fn page(path: &str) -> &'static str {
    let files = &rendered().files;
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("no {path} among {:?}", files.keys().collect::<Vec<_>>()));
    std::str::from_utf8(bytes).expect("pages are UTF-8")
}

/// The part of `html` from the first `open` to the end of the first `close` after it.
fn part<'h>(html: &'h str, open: &str, close: &str) -> &'h str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in:\n{html}"));
    let length = html[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close} after {open} in:\n{html}"));
    &html[start..start + length + close.len()]
}

/// The links in `html` in order, each as its `href` and its text without tags, white space
/// collapsed.
fn links(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        rest = &rest[at..];
        let tag_end = rest.find('>').expect("every tag closes");
        let href = rest[..tag_end]
            .split_once("href=\"")
            .and_then(|(_, after)| after.split_once('"'))
            .map_or("", |(href, _)| href);
        let end = rest.find("</a>").expect("every link closes");
        found.push((href.to_string(), text_of(&rest[tag_end + 1..end])));
        rest = &rest[end..];
    }
    found
}

/// `html` without its tags, white space collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A link as the tests spell it: its `href` and its text.
type Expected = (&'static str, &'static str);

/// `links`, spelled as in the tests.
fn expected(links: &[Expected]) -> Vec<(String, String)> {
    links
        .iter()
        .map(|(href, text)| (href.to_string(), text.to_string()))
        .collect()
}

/// The links of the first list of articles in `html`.
fn article_list(html: &str) -> Vec<(String, String)> {
    links(part(html, "<ul class=\"article-list\">", "</ul>"))
}

#[test]
fn home_page_shows_the_categories_with_their_counts_and_the_articles_beside_it() {
    let html = page("en/index.html");
    assert!(html.contains("<title>Tiny Help</title>"), "{html}");
    assert!(html.contains("<h1>How can we help?</h1>"), "{html}");
    // Account's own article, six in Billing and one in Cards: sections count.
    assert_eq!(
        links(part(html, "<ul class=\"cards\">", "</ul>")),
        expected(&[(
            "/en/account/",
            "Account Your account and billing. 8 articles"
        )])
    );
    let beside = part(
        html,
        "aria-labelledby=\"home-articles-title\"",
        "</section>",
    );
    assert_eq!(
        article_list(beside),
        expected(&[("/en/getting-started/", "Getting started")])
    );
    let promoted = part(html, "aria-labelledby=\"promoted-title\"", "</section>");
    assert_eq!(
        article_list(promoted),
        expected(&[("/en/getting-started/", "Getting started")])
    );
    // Nothing is promoted in Arabic, and no article sits beside its home page.
    let ar = page("ar/index.html");
    assert!(!ar.contains("promoted-title"), "{ar}");
    assert!(!ar.contains("home-articles-title"), "{ar}");
}

#[test]
fn category_page_lists_its_articles_and_previews_five_of_a_section() {
    let html = page("en/account/index.html");
    assert!(
        html.contains("<title>Account · Tiny Help</title>"),
        "{html}"
    );
    let own = part(html, "</header>", "<section class=\"section-preview\"");
    assert_eq!(
        article_list(own),
        expected(&[("/en/account/overview/", "Account overview")])
    );
    let preview = part(html, "<section class=\"section-preview\"", "</section>");
    assert_eq!(
        links(preview),
        expected(&[
            ("/en/account/billing/", "Billing"),
            ("/en/account/billing/invoices/", "Invoices"),
            ("/en/account/billing/refunds/", "Refunds"),
            ("/en/account/billing/receipts/", "Receipts"),
            ("/en/account/billing/taxes/", "Taxes"),
            ("/en/account/billing/currency/", "Currency"),
            // Six of its own and one in Cards.
            ("/en/account/billing/", "See all (7 articles)"),
        ])
    );
}

#[test]
fn section_page_lists_all_its_articles_and_its_subsection() {
    let html = page("en/account/billing/index.html");
    assert!(
        html.contains("<title>Billing · Tiny Help</title>"),
        "{html}"
    );
    let own = part(html, "</header>", "<section class=\"section-preview\"");
    assert_eq!(
        article_list(own),
        expected(&[
            ("/en/account/billing/invoices/", "Invoices"),
            ("/en/account/billing/refunds/", "Refunds"),
            ("/en/account/billing/receipts/", "Receipts"),
            ("/en/account/billing/taxes/", "Taxes"),
            ("/en/account/billing/currency/", "Currency"),
            ("/en/account/billing/payment-methods/", "Payment methods"),
        ])
    );
    let preview = part(html, "<section class=\"section-preview\"", "</section>");
    assert_eq!(
        links(preview),
        expected(&[
            ("/en/account/billing/cards/", "Cards"),
            ("/en/account/billing/cards/saved-cards/", "Saved cards"),
        ])
    );
    assert!(!preview.contains("class=\"more\""), "all shown: {preview}");
}

#[test]
fn breadcrumbs_follow_the_whole_trail_of_each_page() {
    // (page, the links of its breadcrumbs, the current page's crumb)
    let cases: &[(&str, &[Expected], &str)] = &[
        (
            "en/account/index.html",
            &[("/en/", "Help Center")],
            "Account",
        ),
        (
            "en/account/billing/index.html",
            &[("/en/", "Help Center"), ("/en/account/", "Account")],
            "Billing",
        ),
        (
            "en/account/billing/cards/index.html",
            &[
                ("/en/", "Help Center"),
                ("/en/account/", "Account"),
                ("/en/account/billing/", "Billing"),
            ],
            "Cards",
        ),
        (
            "en/account/billing/refunds/index.html",
            &[
                ("/en/", "Help Center"),
                ("/en/account/", "Account"),
                ("/en/account/billing/", "Billing"),
            ],
            "Refunds",
        ),
        (
            "en/getting-started/index.html",
            &[("/en/", "Help Center")],
            "Getting started",
        ),
        ("en/tags/index.html", &[("/en/", "Help Center")], "All tags"),
        (
            "en/tags/billing/index.html",
            &[("/en/", "Help Center"), ("/en/tags/", "All tags")],
            "Billing",
        ),
        (
            "ar/account/billing/refunds/index.html",
            &[
                ("/ar/", "مركز المساعدة"),
                ("/ar/account/", "الحساب"),
                ("/ar/account/billing/", "Billing"),
            ],
            "استرداد المبالغ",
        ),
    ];
    for (path, trail, current) in cases {
        let nav = part(page(path), "<nav class=\"breadcrumbs\"", "</nav>");
        assert_eq!(links(nav), expected(trail), "{path}");
        let current = format!("<li><span aria-current=\"page\">{current}</span></li></ol>");
        assert!(nav.contains(&current), "{path}: {nav}");
    }
}

#[test]
fn article_page_shows_its_title_reading_time_tags_related_and_translation() {
    let html = page("en/account/billing/refunds/index.html");
    assert!(html.contains("<h1>Refunds</h1>"), "{html}");
    assert!(html.contains("<p class=\"meta\">3 min read</p>"), "{html}");
    assert_eq!(
        links(part(html, "<ul class=\"tags\"", "</ul>")),
        expected(&[("/en/tags/billing/", "Billing")])
    );
    assert_eq!(
        links(part(html, "<nav class=\"languages\"", "</nav>")),
        expected(&[
            ("/en/account/billing/refunds/", "English"),
            ("/ar/account/billing/refunds/", "العربية"),
        ])
    );
    let related = article_list(part(html, "<section class=\"related\"", "</section>"));
    // Invoices shares a tag as well as the section, so it comes first.
    assert_eq!(
        related.first(),
        Some(&("/en/account/billing/invoices/".into(), "Invoices".into()))
    );
    assert_eq!(
        related.len(),
        rendered().site.config.build.related_articles.min(5)
    );
    assert!(
        related
            .iter()
            .all(|(url, _)| url.starts_with("/en/account/billing/")
                && url != "/en/account/billing/refunds/"),
        "{related:?}"
    );
}

#[test]
fn article_page_switches_to_the_home_page_of_a_language_without_it() {
    let html = page("en/account/billing/invoices/index.html");
    assert_eq!(
        links(part(html, "<nav class=\"languages\"", "</nav>")),
        expected(&[
            ("/en/account/billing/invoices/", "English"),
            ("/ar/", "العربية"),
        ])
    );
}

#[test]
fn article_json_ld_has_one_breadcrumb_item_per_crumb() {
    let html = page("en/account/billing/refunds/index.html");
    let script = part(html, "<script type=\"application/ld+json\">", "</script>");
    let json =
        &script["<script type=\"application/ld+json\">".len()..script.len() - "</script>".len()];
    let data: serde_json::Value = serde_json::from_str(json).expect("JSON-LD is JSON");
    let graph = data["@graph"].as_array().expect("a graph");
    let list = graph
        .iter()
        .find(|node| node["@type"] == "BreadcrumbList")
        .unwrap_or_else(|| panic!("no BreadcrumbList in {data}"));
    let items: Vec<(&str, &str)> = list["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["item"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("Help Center", "https://help.example.com/en/"),
            ("Account", "https://help.example.com/en/account/"),
            ("Billing", "https://help.example.com/en/account/billing/"),
            (
                "Refunds",
                "https://help.example.com/en/account/billing/refunds/"
            ),
        ]
    );
}

#[test]
fn tags_page_counts_the_articles_of_each_tag() {
    let html = page("en/tags/index.html");
    assert!(html.contains("<h1>All tags</h1>"), "{html}");
    assert_eq!(
        links(part(html, "<ul class=\"tags tags-large\">", "</ul>")),
        expected(&[
            ("/en/tags/billing/", "Billing 2"),
            ("/en/tags/money/", "Money 1")
        ])
    );
}

#[test]
fn tag_page_lists_the_articles_with_the_tag() {
    // (page, its heading, its articles)
    let cases: &[(&str, &str, &[Expected])] = &[
        (
            "en/tags/billing/index.html",
            "Billing",
            &[
                ("/en/account/billing/invoices/", "Invoices"),
                ("/en/account/billing/refunds/", "Refunds"),
            ],
        ),
        (
            "en/tags/money/index.html",
            "Money",
            &[("/en/account/billing/invoices/", "Invoices")],
        ),
    ];
    for (path, name, articles) in cases {
        let html = page(path);
        let heading = format!("<h1><span class=\"meta\">Tag</span> {name}</h1>");
        assert!(html.contains(&heading), "{path}: {html}");
        let main = part(html, "<main", "</main>");
        assert_eq!(article_list(main), expected(articles), "{path}");
    }
}

#[test]
fn contact_and_search_pages_have_their_titles_and_search_in_their_language() {
    // (page, <title>, <h1>, where its search form sends the query)
    let cases = [
        (
            "en/contact/index.html",
            "Contact us · Tiny Help",
            "Contact us",
            "/en/search/",
        ),
        (
            "en/search/index.html",
            "Search · Tiny Help",
            "Search",
            "/en/search/",
        ),
        (
            "ar/contact/index.html",
            "اتصل بنا · مساعدة صغيرة",
            "اتصل بنا",
            "/ar/search/",
        ),
        (
            "ar/search/index.html",
            "البحث · مساعدة صغيرة",
            "البحث",
            "/ar/search/",
        ),
    ];
    for (path, title, heading, action) in cases {
        let html = page(path);
        assert!(
            html.contains(&format!("<title>{title}</title>")),
            "{path}: {html}"
        );
        assert!(
            html.contains(&format!("<h1>{heading}</h1>")),
            "{path}: {html}"
        );
        let form = part(
            part(html, "<main", "</main>"),
            "<form class=\"search\"",
            ">",
        );
        assert!(
            form.contains(&format!("action=\"{action}\"")),
            "{path}: {form}"
        );
    }
}

#[test]
fn widget_page_shows_search_and_promoted_articles_and_stays_out_of_search_engines() {
    let html = page("en/widget/index.html");
    assert!(
        html.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{html}"
    );
    assert!(
        html.contains("<h1 class=\"widget-title\">How can we help?</h1>"),
        "{html}"
    );
    assert!(html.contains("action=\"/en/search/\""), "{html}");
    let popular = part(html, "aria-labelledby=\"widget-popular\"", "</section>");
    assert_eq!(
        article_list(popular),
        expected(&[("/en/getting-started/", "Getting started")])
    );
    let ar = page("ar/widget/index.html");
    assert!(
        ar.starts_with("<!doctype html>\n<html lang=\"ar\" dir=\"rtl\""),
        "{ar}"
    );
}

#[test]
fn not_found_pages_are_in_their_language_and_the_root_one_in_the_default() {
    // (page, its <html> opening, <h1>, the way back home)
    let cases = [
        (
            "en/404.html",
            "<html lang=\"en\" dir=\"ltr\"",
            "Page not found",
            "/en/",
        ),
        (
            "ar/404.html",
            "<html lang=\"ar\" dir=\"rtl\"",
            "الصفحة غير موجودة",
            "/ar/",
        ),
        (
            "404.html",
            "<html lang=\"en\" dir=\"ltr\"",
            "Page not found",
            "/en/",
        ),
    ];
    for (path, html_tag, heading, home) in cases {
        let html = page(path);
        assert!(html.contains(html_tag), "{path}: {html}");
        assert!(
            html.contains(&format!("<h1>{heading}</h1>")),
            "{path}: {html}"
        );
        let back = format!("<a class=\"button\" href=\"{home}\">");
        assert!(html.contains(&back), "{path}: {html}");
    }
}

#[test]
fn languages_page_lists_every_language() {
    let html = page("index.html");
    assert!(html.contains("<h1>Tiny Help</h1>"), "{html}");
    assert_eq!(
        links(part(html, "<ul data-hb-languages>", "</ul>")),
        expected(&[("/en/", "English"), ("/ar/", "العربية")])
    );
}

#[test]
fn an_alias_is_a_page_sending_visitors_to_the_article() {
    let html = page("en/old/refunds/index.html");
    let target = "https://help.example.com/en/account/billing/refunds/";
    assert!(
        html.contains(&format!(
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")),
        "{html}"
    );
}

#[test]
fn search_documents_name_the_folders_of_each_article() {
    let site = &rendered().site;
    let en = site.language("en").expect("English");
    let documents = search_documents(en);
    // (article, the folder label its search results show)
    let cases = [
        ("/en/getting-started/", ""),
        ("/en/account/overview/", "Account"),
        ("/en/account/billing/refunds/", "Account › Billing"),
        (
            "/en/account/billing/cards/saved-cards/",
            "Account › Billing › Cards",
        ),
    ];
    for (url, label) in cases {
        let document = documents
            .iter()
            .find(|d| d.url == url)
            .unwrap_or_else(|| panic!("no search document for {url}"));
        assert_eq!(document.category, label, "{url}");
    }
    assert_eq!(documents.len(), en.articles.len());
}
