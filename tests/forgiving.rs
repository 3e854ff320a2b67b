//! What a writer's previous tool accepted builds with a warning naming the file and line, on
//! fixture sites through the real binary: only what would publish a wrong site is an error.

mod common;

use common::*;

#[test]
fn a_repeated_yaml_key_keeps_its_last_value_with_a_warning() {
    let (_temp, site) = fixture("repeated-key");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = "warning: content/en/returns/refund.md:5:1: front matter key `description` \
                   is repeated (first on line 3); the value on line 5 is used";
    assert!(stderr(&output).contains(warning), "{}", stderr(&output));
    let page = read(&site.join("public"), "en/returns/refund/index.html");
    assert!(
        page.contains(r#"<meta name="description" content="How and when your money comes back.">"#),
        "the later description is published"
    );
    assert!(!page.contains("left over from the old help center"));
}

#[test]
fn check_reports_a_repeated_key_under_its_own_rule() {
    let (_temp, site) = fixture("repeated-key");
    let output = helpbook(&site, &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "a warning only");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["rule"] == "repeated-key"
            && f["file"]
                .as_str()
                .unwrap()
                .ends_with("content/en/returns/refund.md")
            && f["line"] == 5),
        "{json:#}"
    );
}

/// How many strings the theme's English file has, which the warning tells a translator.
fn english_string_count() -> usize {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml");
    let text = std::fs::read_to_string(path).unwrap();
    text.parse::<toml::Table>().unwrap().len()
}

#[test]
fn a_language_without_interface_strings_builds_in_its_direction_with_english_ones() {
    let (_temp, site) = fixture("farsi");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = format!(
        "warning: no interface strings for language `fa`: using English; add i18n/fa.toml ({} \
         strings) to translate them",
        english_string_count()
    );
    assert!(stderr(&output).contains(&warning), "{}", stderr(&output));
    assert!(!stderr(&output).contains("`en`"), "English has its strings");
    let public = site.join("public");
    let article = read(&public, "fa/returns/refund/index.html");
    assert!(
        article.contains(r#"<html lang="fa" dir="rtl""#),
        "{article}"
    );
    assert!(article.contains("اول کالا را پس بفرستید."));
    let home = read(&public, "fa/index.html");
    assert!(home.contains("How can we help?"), "English strings fill in");
    let english = read(&public, "en/index.html");
    assert!(english.contains(r#"<html lang="en" dir="ltr""#));
    assert!(
        english.contains(r#"lang="fa" dir="rtl">فارسی<"#),
        "the switcher names Farsi in Farsi, not \"English\""
    );
}
