//! Building the model from small content trees written in a temporary folder: sections,
//! translations, drafts, tags, and the aliases writers give their articles.

use std::path::Path;

use super::*;

/// The model of a site whose `content/` holds `files` (path under `content/`, text), in the
/// languages `en` and `pl`.
fn site_of(files: &[(&str, &str)], options: &SiteOptions) -> Result<Site, SourceErrors> {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path();
    write(
        root,
        "book.toml",
        "[site]\ntitle = \"Help\"\nbase_url = \"https://help.example.com\"\nlanguages = [\"en\", \"pl\"]\n",
    );
    for (path, text) in files {
        write(&root.join("content"), path, text);
    }
    let config = Config::load(root).expect("book.toml is valid");
    let sources = crate::content::load(&root.join("content"), &config.site.languages);
    build(config, sources, Vec::new(), &BTreeMap::new(), options, None)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("folder made");
    std::fs::write(path, text).expect("file written");
}

fn article(title: &str, front: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{front}\n+++\n\nText.\n")
}

fn built(files: &[(&str, &str)]) -> Site {
    site_of(files, &SiteOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn sections_come_in_tree_order_with_their_urls() {
    let b = article("B", "weight = 2");
    let a = article("A", "weight = 1");
    let site = built(&[
        ("en/resources/vpn/setup.md", &a),
        ("en/resources/email/imap.md", &b),
        ("en/resources/overview.md", &a),
        ("en/returns/refunds.md", &a),
    ]);
    let en = site.language("en").unwrap();
    let folders: Vec<(&str, &str)> = en
        .categories
        .iter()
        .map(|c| (c.folder.as_str(), c.url.as_str()))
        .collect();
    assert_eq!(
        folders,
        [
            ("resources", "/en/resources/"),
            ("resources/email", "/en/resources/email/"),
            ("resources/vpn", "/en/resources/vpn/"),
            ("returns", "/en/returns/"),
        ]
    );
    let setup = site.article_at("en/resources/vpn/setup.md").unwrap();
    assert_eq!(setup.url, "/en/resources/vpn/setup/");
    let trail: Vec<&str> = en
        .trail_of(en.articles.iter().position(|a| a.slug == "setup").unwrap())
        .iter()
        .map(|c| c.folder.as_str())
        .collect();
    assert_eq!(trail, ["resources", "resources/vpn"]);
}

#[test]
fn translations_are_found_by_key_and_folder() {
    let site = built(&[
        ("en/returns/refunds.md", &article("Refunds", "")),
        ("pl/returns/refunds.md", &article("Zwroty", "")),
        ("en/returns/exchange.md", &article("Exchange", "")),
    ]);
    let (en, pl) = (site.language("en").unwrap(), site.language("pl").unwrap());
    let refunds = en.article_by_key("returns/refunds").unwrap();
    assert_eq!(pl.article_by_key(refunds.key()).unwrap().title, "Zwroty");
    assert!(pl.article_by_key("returns/exchange").is_none());
    assert_eq!(
        pl.category_by_folder("returns").map(|c| c.url.as_str()),
        Some("/pl/returns/")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let files = [
        ("en/returns/refunds.md", article("Refunds", "")),
        ("en/returns/soon.md", article("Soon", "draft = true")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let site = built(&files);
    assert!(site.article_at("en/returns/soon.md").is_none());
    assert!(site.has_content_at_or_under("en/returns/soon.md"));
    let with_drafts = SiteOptions {
        include_drafts: true,
        ..SiteOptions::default()
    };
    let site = site_of(&files, &with_drafts).unwrap();
    assert!(site.article_at("en/returns/soon.md").unwrap().draft);
}

#[test]
fn tags_are_ordered_by_slug_and_list_their_articles() {
    let site = built(&[
        (
            "en/a.md",
            &article("A", "tags = [\"Shipping\", \"returns\"]"),
        ),
        ("en/b.md", &article("B", "tags = [\"Returns\"]")),
    ]);
    let en = site.language("en").unwrap();
    let tags: Vec<(&str, &str, usize)> = en
        .tags
        .iter()
        .map(|t| (t.slug.as_str(), t.url.as_str(), t.articles.len()))
        .collect();
    assert_eq!(
        tags,
        [
            ("returns", "/en/tags/returns/", 2),
            ("shipping", "/en/tags/shipping/", 1)
        ]
    );
}

#[test]
fn aliases_are_checked_where_the_model_is_built() {
    let moved = |aliases: &str| article("Refunds", &format!("aliases = [{aliases}]"));
    // (aliases of en/returns/refunds.md, the error expected, or none)
    let cases: [(&str, Option<&str>); 7] = [
        ("\"/en/old/refunds/\"", None),
        ("\"/en/old.html\"", None),
        ("\"/../outside/\"", Some("alias `/../outside/` must be a path inside the site")),
        (
            "\"/en/returns/exchange/\"",
            Some("alias `/en/returns/exchange/` is the address of another page (en/returns/exchange/index.html, "),
        ),
        ("\"/en/tags/\"", Some("is the address of another page (en/tags/index.html, helpbook's tags page in en)")),
        ("\"/\"", Some("is the address of another page (index.html, the list of languages)")),
        ("\"/pl/404.html\"", Some("is the address of another page (pl/404.html, the 404 page of pl)")),
    ];
    for (aliases, expected) in cases {
        let text = moved(aliases);
        let result = site_of(
            &[
                ("en/returns/refunds.md", &text),
                ("en/returns/exchange.md", &article("Exchange", "")),
            ],
            &SiteOptions::default(),
        );
        match (result, expected) {
            (Ok(_), None) => {}
            (Err(errors), Some(message)) => {
                let error = &errors.0[0];
                assert!(error.message.contains(message), "{aliases}: {error}");
                assert!(error.location.path.ends_with("en/returns/refunds.md"));
                assert_eq!(error.location.line, 3, "the line of `aliases`: {error}");
            }
            (Ok(_), Some(message)) => panic!("{aliases}: expected {message}"),
            (Err(errors), None) => panic!("{aliases}: {errors}"),
        }
    }
}

#[test]
fn an_alias_of_two_articles_is_an_error_of_the_second() {
    let old = "aliases = [\"/en/old/\"]";
    let errors = site_of(
        &[
            ("en/returns/refunds.md", &article("Refunds", old)),
            ("en/returns/exchange.md", &article("Exchange", old)),
        ],
        &SiteOptions::default(),
    )
    .unwrap_err();
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert!(
        errors.0[0]
            .message
            .contains("alias `/en/old/` is also an alias of"),
        "{errors}"
    );
    assert_eq!(
        errors.0[0].rule,
        Some(crate::error::ErrorRule::AliasCollision)
    );
}
