//! Whole-site tests of `helpbook build` on fixture sites, through the real binary.

mod common;

use common::*;

#[test]
fn fixture_site_builds_pages_at_pretty_urls() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    for page in [
        "index.html",
        "404.html",
        "en/index.html",
        "en/returns/index.html",
        "en/returns/refunds/index.html",
        "en/returns/send-back/index.html",
        "en/tags/index.html",
        "en/tags/money/index.html",
        "en/contact/index.html",
        "en/search/index.html",
        "en/404.html",
        "ar/returns/refunds/index.html",
        "sitemap.xml",
        "robots.txt",
        "humans.txt",
        "en/shipping/label.svg",
        "assets/helpbook.css",
        "assets/syntax.css",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
    assert!(
        !out.join("en/returns/secret/index.html").exists(),
        "drafts stay out by default"
    );
}

#[test]
fn markdown_links_become_page_urls_under_the_base_path() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let refunds = read(&out, "en/returns/refunds/index.html");
    assert!(
        refunds.contains("href=\"/support/en/shipping/label/\""),
        "link to a sibling category's article"
    );
    assert!(
        refunds.contains("href=\"/support/en/returns/send-back/#steps\""),
        "link with an anchor"
    );
    assert!(
        refunds.contains("<h2 id=\"timing\">"),
        "explicit heading id"
    );
    assert!(
        refunds.contains("class=\"callout callout-note\""),
        "GitHub alert"
    );
    let label = read(&out, "en/shipping/label/index.html");
    assert!(
        label.contains("src=\"/support/en/shipping/label.svg\""),
        "{label}"
    );
}

#[test]
fn writer_gets_warnings_with_file_and_line_for_dead_links() {
    let (_temp, site) = fixture("basic");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success());
    let err = stderr(&output);
    let expected = "warning: content/en/returns/send-back.md:15:3: broken link: `missing.md`";
    assert!(err.contains(expected), "{err}");
    assert!(
        err.contains("has no _index.md"),
        "category without _index.md: {err}"
    );
    assert!(
        err.contains("built ") && err.contains("3 articles") || err.contains("articles in en, ar"),
        "{err}"
    );
}

#[test]
fn drafts_are_built_on_request() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &["--drafts"]);
    assert!(out.join("en/returns/secret/index.html").is_file());
}

#[test]
fn aliases_redirect_to_the_article() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let redirect = read(&out, "en/old/refund-policy/index.html");
    assert!(
        redirect.contains("https://help.example.com/support/en/returns/refunds/"),
        "{redirect}"
    );
}

#[test]
fn an_alias_at_the_address_of_a_page_fails_the_build() {
    let (_temp, site) = fixture("basic");
    let refunds = site.join("content/en/returns/refunds.md");
    let text = std::fs::read_to_string(&refunds).unwrap().replace(
        "aliases = [\"/en/old/refund-policy/\"]",
        "aliases = [\"/en/returns/send-back/\"]",
    );
    std::fs::write(&refunds, text).unwrap();
    let output = helpbook(&site, &["build"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("is the address of another page"),
        "{message}"
    );
}

#[test]
fn a_static_file_replaces_the_file_the_build_makes_at_its_path() {
    let (_temp, site) = fixture("basic");
    std::fs::write(
        site.join("static/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    let out = build_ok(&site, &[]);
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(read(&out, "sitemap.xml").contains("<urlset"));
}

#[test]
fn sitemap_lists_translations_with_hreflang() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://help.example.com/support/en/returns/refunds/</loc>"));
    assert!(sitemap
        .contains("hreflang=\"ar\" href=\"https://help.example.com/support/ar/returns/refunds/\""));
    assert!(sitemap.contains("<lastmod>2026-10-14</lastmod>"));
    assert!(
        read(&out, "robots.txt").contains("Sitemap: https://help.example.com/support/sitemap.xml")
    );
}

#[test]
fn pages_link_their_translations_once_under_the_base_path() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let refunds = read(&out, "en/returns/refunds/index.html");
    for (lang, url) in [
        ("en", "https://help.example.com/support/en/returns/refunds/"),
        ("ar", "https://help.example.com/support/ar/returns/refunds/"),
    ] {
        let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">");
        assert!(refunds.contains(&link), "{link} is missing");
    }
    assert!(
        !refunds.contains("/support/support/"),
        "the base path is in each address once"
    );
    let chooser = read(&out, "index.html");
    let link =
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://help.example.com/support/ar/\">";
    assert!(
        chooser.contains(link),
        "{link} is missing from the language chooser"
    );
}

#[test]
fn dates_are_written_in_each_language_on_articles_and_in_lists() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let english = "<time datetime=\"2026-10-14\">October 14, 2026</time>";
    assert!(read(&out, "en/returns/refunds/index.html").contains(english));
    let arabic = "<time datetime=\"2026-10-14\">14 أكتوبر 2026</time>";
    assert!(read(&out, "ar/returns/refunds/index.html").contains(arabic));
    assert!(
        read(&out, "en/index.html").contains("Returns · October 14, 2026"),
        "recently updated articles on the home page"
    );
}

#[test]
fn base_url_can_be_replaced_on_the_command_line() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &["--base-url", "https://preview.example.org/"]);
    let refunds = read(&out, "en/returns/refunds/index.html");
    assert!(
        refunds.contains("href=\"/en/returns/send-back/#steps\""),
        "base path follows the new base URL"
    );
    assert!(read(&out, "sitemap.xml").contains("https://preview.example.org/en/"));
}

#[test]
fn two_builds_are_byte_identical_whatever_the_thread_count() {
    let (_temp, site) = fixture("basic");
    let first = snapshot(&build_ok(&site, &[]));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_helpbook"))
        .args(["build", "."])
        .current_dir(&site)
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    assert!(output.status.success());
    let second = snapshot(&site.join("public"));
    assert_eq!(first.len(), second.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in first.iter().zip(&second) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{} differs between builds",
            path_a.display()
        );
    }
}

#[test]
fn broken_front_matter_fails_and_keeps_the_previous_output() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    let before = snapshot(&out);
    std::fs::write(
        site.join("content/en/returns/refunds.md"),
        "+++\ntitle = \"Refunds\"\nupdated = 2026-13-01\n+++\nBody\n",
    )
    .unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("--> content/en/returns/refunds.md:3:11"),
        "{err}"
    );
    assert!(err.contains("front matter is not valid TOML"), "{err}");
    assert!(err.contains("3 | updated = 2026-13-01"), "{err}");
    assert_eq!(snapshot(&out), before, "the previous output is untouched");
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let (_temp, site) = fixture("basic");
    std::fs::write(
        site.join("content/en/returns/refunds.md"),
        "+++\ntitle = \n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/ar/returns/refunds.md"),
        "---\ntitle: x\n",
    )
    .unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("2 errors"), "{err}");
    assert!(err.contains("never closed"), "{err}");
}

#[test]
fn unknown_config_key_is_an_error_with_a_suggestion() {
    let (_temp, site) = fixture("basic");
    let config =
        read(&site, "book.toml").replace("title = \"Fixture Help\"", "titel = \"Fixture Help\"");
    std::fs::write(site.join("book.toml"), config).unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("book.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
}

#[test]
fn missing_config_explains_what_to_do() {
    let temp = tempfile::tempdir().unwrap();
    let output = helpbook(temp.path(), &["build", "."]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("book.toml") && err.contains("helpbook init"),
        "{err}"
    );
}

#[test]
fn json_mode_reports_for_ci() {
    let (_temp, site) = fixture("basic");
    let output = helpbook(&site, &["build", ".", "--format", "json"]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["report"]["articles"], 4);
    assert_eq!(
        report["report"]["languages"],
        serde_json::json!(["en", "ar"])
    );
    assert!(report["report"]["warnings"].as_array().unwrap().len() >= 2);

    std::fs::write(
        site.join("content/en/returns/refunds.md"),
        "+++\ntitle = \n+++\n",
    )
    .unwrap();
    let output = helpbook(&site, &["build", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["kind"], "content");
    assert_eq!(report["errors"][0]["line"], 2);
}

#[test]
fn every_mistake_in_book_toml_is_reported_in_one_run() {
    let (_temp, site) = fixture("basic");
    let config = read(&site, "book.toml")
        .replace(
            "title = \"Fixture Help\"",
            "title = \"Fixture Help\"\ntheme_colour = 1",
        )
        .replace("[site]", "[check.rules]\nbroken-lnk = \"off\"\n\n[site]");
    let config = format!("{config}\n[theme]\nbrand_color = \"teal;\"\n");
    std::fs::write(site.join("book.toml"), config).unwrap();
    let output = helpbook(&site, &["build", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["kind"], "config", "{report:#}");
    let messages: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("theme_colour"), "{messages:#?}");
    assert!(messages[1].contains("not a colour"), "{messages:#?}");
    assert!(messages[2].contains("broken-lnk"), "{messages:#?}");
}

#[test]
fn quiet_mode_prints_nothing_on_success() {
    let (_temp, site) = fixture("basic");
    let output = helpbook(&site, &["build", ".", "--quiet"]);
    assert!(output.status.success());
    assert_eq!(stderr(&output), "");
}

#[test]
fn output_folder_can_be_chosen_and_foreign_folders_are_refused() {
    let (temp, site) = fixture("basic");
    let out = temp.path().join("elsewhere/site");
    let output = helpbook(&site, &["build", ".", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("en/index.html").is_file());

    let foreign = temp.path().join("notes");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("todo.txt"), "keep me").unwrap();
    let output = helpbook(&site, &["build", ".", "-o", foreign.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "helpbook cannot run there");
    assert!(stderr(&output).contains("not written by helpbook"));
    assert_eq!(read(&foreign, "todo.txt"), "keep me");
}

#[test]
fn init_scaffolds_a_site_that_builds_and_new_adds_an_article() {
    let temp = tempfile::tempdir().unwrap();
    let output = helpbook(temp.path(), &["init", "shop-help"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let site = temp.path().join("shop-help");
    assert!(site.join("book.toml").is_file());
    assert!(
        site.join("themes/default/templates").is_dir(),
        "a place for template overrides"
    );

    let output = helpbook(&site, &["new", "pl/zwroty/zwrot-towaru"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let article = read(&site, "content/pl/zwroty/zwrot-towaru.md");
    assert!(
        article.starts_with("+++\ntitle = \"Zwrot towaru\""),
        "{article}"
    );
    assert!(site.join("content/pl/zwroty/_index.md").is_file());

    let out = build_ok(&site, &[]);
    assert!(out.join("pl/zwroty/zwrot-towaru/index.html").is_file());
    assert!(out.join("ar/index.html").is_file());

    let again = helpbook(temp.path(), &["init", "shop-help"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "init never overwrites a help center"
    );
    let duplicate = helpbook(&site, &["new", "pl/zwroty/zwrot-towaru"]);
    assert_eq!(duplicate.status.code(), Some(2));
    let unknown_language = helpbook(&site, &["new", "de/x/y"]);
    assert!(stderr(&unknown_language).contains("not one of the site's languages"));
}

#[test]
fn a_sites_own_footer_shows_on_every_page_in_its_language() {
    let (_temp, site) = fixture("basic");
    own_footer(
        &site,
        "<footer>Our own footer, {{ lang.code }}: {{ t.contact_us }} at {{ contact.page_url }}</footer>",
    );
    let out = build_ok(&site, &[]);
    for page in [
        "en/index.html",
        "en/returns/refunds/index.html",
        "en/tags/money/index.html",
        "en/404.html",
    ] {
        assert!(
            read(&out, page).contains("Our own footer, en: Contact us at /support/en/contact/"),
            "{page} lacks the site's footer"
        );
    }
    let arabic = read(&out, "ar/returns/refunds/index.html");
    assert!(arabic.contains("Our own footer, ar:"), "{arabic}");
    assert!(arabic.contains("at /support/ar/contact/"), "{arabic}");
}

#[test]
fn a_broken_footer_partial_fails_the_build_and_names_it() {
    let (_temp, site) = fixture("basic");
    own_footer(&site, "<footer>{{ no_such.value }}</footer>");
    let output = helpbook(&site, &["build"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("partials/footer.html:1:12"), "{message}");
    assert!(message.contains("`no_such` is not defined"), "{message}");
}

#[test]
fn a_template_syntax_error_fails_the_build_and_points_at_it() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    own_footer(&site, "<footer>\n{% if lang.code %}</footer>");
    let output = helpbook(&site, &["build"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("cannot load the theme's templates"),
        "{message}"
    );
    assert!(message.contains("partials/footer.html:3:1"), "{message}");
    assert!(!message.contains("error: error:"), "{message}");
    assert!(
        read(&out, "en/index.html").contains("site-footer"),
        "the previous site stays"
    );
}

/// Gives `site` a footer partial of its own.
fn own_footer(site: &std::path::Path, template: &str) {
    let partials = site.join("themes/default/templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(partials.join("footer.html"), format!("{template}\n")).unwrap();
}

/// The structured data of the page at `page`, parsed.
fn json_ld(out: &std::path::Path, page: &str) -> serde_json::Value {
    let html = read(out, page);
    let (_, after) = html
        .split_once("<script type=\"application/ld+json\">")
        .expect("structured data");
    let (json, _) = after.split_once("</script>").unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn article_pages_describe_the_article_its_trail_and_its_questions() {
    let (_temp, site) = fixture("basic");
    std::fs::write(
        site.join("content/en/returns/questions.md"),
        "+++\ntitle = \"Return <questions>\"\nfaq = true\nupdated = 2026-01-05\n+++\n\n## Can I return a gift?\n\nYes, within 30 days & free.\n",
    )
    .unwrap();
    let out = build_ok(&site, &[]);
    let data = json_ld(&out, "en/returns/refunds/index.html");
    let graph = data["@graph"].as_array().unwrap();
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(graph[0]["@type"], "Article");
    assert_eq!(graph[0]["headline"], "Refunds");
    assert_eq!(graph[0]["inLanguage"], "en");
    assert_eq!(graph[0]["dateModified"], "2026-10-14");
    assert!(graph[0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/support/en/returns/refunds/"));
    assert_eq!(graph[0]["url"], graph[0]["mainEntityOfPage"]);
    assert_eq!(graph[1]["@type"], "BreadcrumbList");
    let trail: Vec<_> = graph[1]["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["position"].as_u64().unwrap(),
                item["name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(trail.len(), 3);
    assert_eq!(trail[2], (3, "Refunds"));
    assert_eq!(graph.len(), 2, "no questions on an ordinary article");

    let faq = json_ld(&out, "en/returns/questions/index.html");
    let graph = faq["@graph"].as_array().unwrap();
    assert_eq!(graph[0]["headline"], "Return <questions>");
    assert_eq!(graph[2]["@type"], "FAQPage");
    let question = &graph[2]["mainEntity"][0];
    assert_eq!(question["name"], "Can I return a gift?");
    assert_eq!(question["acceptedAnswer"]["@type"], "Answer");
    assert!(question["acceptedAnswer"]["text"]
        .as_str()
        .unwrap()
        .contains("30 days & free"));
    let html = read(&out, "en/returns/questions/index.html");
    assert!(
        !html.contains("Return <questions>\""),
        "the title is escaped in the script"
    );
}

#[test]
fn related_articles_rank_shared_tags_over_the_category_and_keep_article_order_in_ties() {
    let (_temp, site) = fixture("basic");
    let write = |path: &str, title: &str, tags: &str, weight: u32| {
        std::fs::write(
            site.join("content/en").join(path),
            format!("+++\ntitle = \"{title}\"\ntags = [{tags}]\nweight = {weight}\n+++\n\nText.\n"),
        )
        .unwrap();
    };
    write("returns/anchor.md", "Anchor", "\"x\", \"y\"", 10);
    write("returns/both-tags.md", "Both tags", "\"x\", \"y\"", 11);
    write("shipping/elsewhere.md", "Elsewhere", "\"x\", \"y\"", 1);
    write("returns/zeta.md", "Zeta", "\"x\"", 12);
    write("returns/alpha.md", "Alpha", "\"x\"", 13);
    append_config(&site, "[build]\nrelated_articles = 5\n");
    let out = build_ok(&site, &[]);
    let page = read(&out, "en/returns/anchor/index.html");
    let (_, section) = page
        .split_once("<section class=\"related\"")
        .expect("a related section");
    let (section, _) = section.split_once("</section>").unwrap();
    let titles: Vec<&str> = section
        .split("<span class=\"title\">")
        .skip(1)
        .map(|rest| rest.split_once("</span>").unwrap().0)
        .collect();
    // Two shared tags and the category, two tags, one tag and the category (equal, so by
    // weight), then the category alone, by weight.
    assert_eq!(
        titles,
        [
            "Both tags",
            "Elsewhere",
            "Zeta",
            "Alpha",
            "Send an item back"
        ]
    );
}

#[test]
fn a_tag_named_twice_by_one_article_lists_it_once() {
    let (_temp, site) = fixture("basic");
    let write = |path: &str, title: &str, tags: &str| {
        std::fs::write(
            site.join("content/en").join(path),
            format!("+++\ntitle = \"{title}\"\ntags = [{tags}]\n+++\n\nText.\n"),
        )
        .unwrap();
    };
    write(
        "returns/first.md",
        "Quokka first",
        "\"Gift cards\", \"gift cards\"",
    );
    write(
        "returns/second.md",
        "Quokka second",
        "\"gift-cards\", \"x\", \"Gift Cards\"",
    );
    write("returns/third.md", "Quokka third", "\"x\"");
    let out = build_ok(&site, &[]);
    let tag_page = read(&out, "en/tags/gift-cards/index.html");
    assert_eq!(tag_page.matches("Quokka first").count(), 1, "{tag_page}");
    assert_eq!(tag_page.matches("Quokka second").count(), 1, "{tag_page}");
    assert!(!tag_page.contains("Quokka third"));
    let article = read(&out, "en/returns/second/index.html");
    assert_eq!(article.matches("/support/en/tags/gift-cards/\"").count(), 1);
}

#[test]
fn long_lists_of_articles_go_on_numbered_pages() {
    let (_temp, site) = fixture("basic");
    let out = build_ok(&site, &[]);
    assert!(!read(&out, "en/returns/index.html").contains("class=\"pagination\""));
    assert!(!out.join("en/returns/page").exists());

    append_config(&site, "[build]\narticles_per_page = 1\n");
    let out = build_ok(&site, &[]);
    let first = read(&out, "en/returns/index.html");
    let second = read(&out, "en/returns/page/2/index.html");
    assert!(first.contains(r#"<a rel="next" href="/support/en/returns/page/2/">"#));
    assert!(!first.contains(r#"rel="prev""#));
    assert!(second.contains(r#"<a rel="prev" href="/support/en/returns/">"#));
    assert!(!second.contains(r#"rel="next""#));
    assert!(second.contains("Page 2 of 2") && second.contains("<title>Returns · Page 2 of 2"));
    assert!(second
        .contains(r#"rel="canonical" href="https://help.example.com/support/en/returns/page/2/""#));
    // Each article is listed on one page only, in the category's order.
    assert!(
        first.contains("/support/en/returns/send-back/")
            && !first.contains("/support/en/returns/refunds/\"")
    );
    assert!(
        second.contains("/support/en/returns/refunds/")
            && !second.contains("/support/en/returns/send-back/\"")
    );
    assert!(!out.join("en/returns/page/3").exists());
    let tag_second = read(&out, "en/tags/returns/page/2/index.html");
    assert!(tag_second.contains(r#"<a rel="prev" href="/support/en/tags/returns/">"#));
    // The Arabic category has one article: one page, no navigation.
    assert!(!out.join("ar/returns/page").exists());
}

#[test]
fn the_home_page_lists_the_first_promoted_articles_up_to_the_limit() {
    let (_temp, site) = fixture("basic");
    let article = site.join("content/en/returns/send-back.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replacen("weight: 1\n", "weight: 1\npromoted: true\n", 1),
    )
    .unwrap();
    let promoted_section = |out: &std::path::Path| {
        let home = read(out, "en/index.html");
        let start = home
            .find("id=\"promoted-title\"")
            .expect("a promoted section");
        let end = home[start..].find("</section>").unwrap() + start;
        home[start..end].to_string()
    };
    let out = build_ok(&site, &[]);
    let both = promoted_section(&out);
    assert!(both.contains("/en/returns/send-back/") && both.contains("/en/returns/refunds/"));

    append_config(&site, "[build]\npromoted_articles = 1\n");
    let out = build_ok(&site, &[]);
    let first = promoted_section(&out);
    assert!(first.contains("/en/returns/send-back/"), "{first}");
    assert!(!first.contains("/en/returns/refunds/"), "{first}");
}

#[test]
fn files_too_large_for_static_hosts_are_named_in_a_warning() {
    let (_temp, site) = fixture("basic");
    let big = std::fs::File::create(site.join("static/catalogue.pdf")).unwrap();
    big.set_len(26 << 20).unwrap();
    std::fs::write(site.join("static/small.txt"), "small").unwrap();
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    let shown = stderr(&output);
    let warning = shown
        .lines()
        .find(|l| l.contains("catalogue.pdf"))
        .unwrap_or_else(|| panic!("no warning names the large file:\n{shown}"));
    assert!(
        warning.contains("27 MB") && warning.contains("Cloudflare Pages"),
        "{warning}"
    );
    assert!(!shown.contains("small.txt"), "{shown}");
}
