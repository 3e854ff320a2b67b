//! Whole-site tests of callouts written as MkDocs and Docusaurus/VitePress write them: they
//! must reach the page with the very markup GitHub alerts get, whatever `allow_raw_html` says.

mod common;

use common::*;

const PAGE: &str = "en/moving/new-address/index.html";

/// Every callout on the fixture's page, as the markup that starts it.
const CALLOUT_OPENINGS: &[&str] = &[
    // GitHub, for comparison: the others must look exactly like it.
    "<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>",
    "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Orders on the way &lt;keep&gt; their address</p>",
    "<details class=\"callout callout-tip\"><summary class=\"callout-title\">Can I have two addresses?</summary>",
    "<details class=\"callout callout-caution\" open><summary class=\"callout-title\">Caution</summary>",
    "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Before you move</p>",
    "<details class=\"callout callout-note\"><summary class=\"callout-title\">Why we ask again</summary>",
];

fn assert_callouts(html: &str) {
    for opening in CALLOUT_OPENINGS {
        assert!(html.contains(opening), "missing {opening:?} in\n{html}");
    }
    assert_eq!(
        html.matches("class=\"callout callout-").count(),
        6,
        "{html}"
    );
    assert!(
        html.contains("<li>Or see <a href=\"/en/moving/steps/\">the steps</a>.</li>"),
        "the body is Markdown, links included: {html}"
    );
    assert!(
        html.contains("!!! note\n:::tip\n"),
        "callout syntax in a code block stays as written: {html}"
    );
}

#[test]
fn callouts_of_other_tools_render_as_github_alerts() {
    let (_temp, site) = fixture("callouts");
    let out = build_ok(&site, &[]);
    assert_callouts(&read(&out, PAGE));
}

#[test]
fn callouts_keep_their_markup_when_raw_html_is_off() {
    let (_temp, site) = fixture("callouts");
    append_config(&site, "[build]\nallow_raw_html = false\n");
    let out = build_ok(&site, &[]);
    assert_callouts(&read(&out, PAGE));
}

#[test]
fn a_broken_link_after_callouts_is_reported_on_its_own_line() {
    let (_temp, site) = fixture("callouts");
    let output = helpbook(&site, &["build", "."]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    // Line 36 of the file, below six callouts that the Markdown was rewritten around.
    let expected = "content/en/moving/new-address.md:36:5: broken link: `gone.md`";
    assert!(err.contains(expected), "{err}");
}
