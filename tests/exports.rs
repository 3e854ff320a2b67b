//! The exports for other programs: `articles.json`, `llms.txt` and the Markdown copies.

mod common;

use common::{append_config, build_ok, fixture, read};

#[test]
fn articles_json_has_every_article_as_data() {
    let (_temp, site) = fixture("clean");
    let public = build_ok(&site, &[]);
    let text = read(&public, "en/articles.json");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["language"], "en");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    // One article a line, between the opening and the closing line.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), articles.len() + 2, "{text}");
    assert!(lines[1].starts_with("{\"title\":") && lines[2].starts_with("{\"title\":"));
    let track = articles
        .iter()
        .find(|a| a["title"] == "Track an order")
        .unwrap();
    assert_eq!(track["url"], "https://help.example.com/en/orders/track/");
    assert_eq!(track["description"], "Where your parcel is right now.");
    assert_eq!(track["category"], "Orders");
    assert_eq!(track["tags"], serde_json::json!(["delivery"]));
    assert_eq!(track["updated"], "2026-10-01");
    assert_eq!(track["headings"][0]["text"], "Late parcels");
    assert!(track["body"]
        .as_str()
        .unwrap()
        .starts_with("Open the link in your shipping e-mail."));
}

#[test]
fn llms_txt_indexes_markdown_copies_whose_links_still_work() {
    let (_temp, site) = fixture("clean");
    let public = build_ok(&site, &[]);
    let index = read(&public, "pl/llms.txt");
    assert!(index.starts_with("# Clean Help\n"), "{index}");
    assert!(index.contains("## Zamówienia\n\n- [Śledzenie zamówienia](https://help.example.com/pl/orders/track.md): Gdzie jest teraz Twoja paczka.\n"), "{index}");
    let root = read(&public, "llms.txt");
    assert!(
        root.contains("(https://help.example.com/en/llms.txt)"),
        "{root}"
    );

    let copy = read(&public, "en/orders/track.md");
    assert!(
        copy.starts_with("# Track an order\n\n> Where your parcel is right now.\n\nOpen the link"),
        "{copy}"
    );
    assert!(!copy.contains("+++"), "no front matter in the copy");
    // The writer's relative links point at the other copies and at the copied image.
    assert!(
        copy.contains("](../returns/refund.md#when-the-money-arrives)"),
        "{copy}"
    );
    assert!(public.join("en/returns/refund.md").is_file());
    assert!(public.join("en/orders/map.svg").is_file());

    let full = read(&public, "en/llms-full.txt");
    assert!(
        full.contains("Source: https://help.example.com/en/returns/refund/\n\n# Get a refund\n"),
        "{full}"
    );
    assert!(full.contains("# Track an order"), "{full}");
}

#[test]
fn exports_can_be_turned_off() {
    let (_temp, site) = fixture("clean");
    append_config(&site, "[build]\narticles_json = false\nllms_txt = false\n");
    let public = build_ok(&site, &[]);
    for gone in [
        "en/articles.json",
        "en/llms.txt",
        "llms.txt",
        "en/orders/track.md",
    ] {
        assert!(!public.join(gone).exists(), "{gone} is written");
    }
    assert!(public.join("en/orders/track/index.html").is_file());
}

#[test]
fn markdown_copies_are_the_same_from_memory_and_from_disk() {
    let (_temp, site_dir) = fixture("clean");
    let options = helpbook::site::SiteOptions::default();
    let (mut site, theme) = helpbook::build::load_site(&site_dir, &options).unwrap();
    assert!(
        site.languages[0].articles.iter().all(|a| a.body.is_some()),
        "a small site keeps its Markdown bodies"
    );
    let render = |site: &helpbook::site::Site| {
        helpbook::render::render_site(site, &theme, &Default::default()).unwrap()
    };
    let from_memory = render(&site);
    for language in &mut site.languages {
        for article in &mut language.articles {
            article.body = None;
        }
    }
    let from_disk = render(&site);
    for path in ["en/llms-full.txt", "pl/llms-full.txt", "en/orders/track.md"] {
        assert!(from_memory.contains_key(path), "{path}");
        assert_eq!(from_memory[path], from_disk[path], "{path}");
    }
}
