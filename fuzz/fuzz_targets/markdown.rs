//! Renders any text as an article body, with links resolved against a small site, both as a
//! plain article and as an FAQ article, with raw HTML allowed and not.

#![no_main]

use std::path::Path;

use helpbook::markdown::{self, LinkTargets, MarkdownInput, MarkdownOptions};
use libfuzzer_sys::fuzz_target;

fn targets() -> LinkTargets {
    LinkTargets {
        base_path: "/help/".into(),
        pages: [
            ("en/returns/refunds.md", "/help/en/returns/refunds/"),
            ("en/returns/_index.md", "/help/en/returns/"),
            ("en/shipping/label.md", "/help/en/shipping/label/"),
        ]
        .into_iter()
        .map(|(file, url)| (file.to_string(), url.to_string()))
        .collect(),
        files: ["en/shipping/label.svg".to_string()].into(),
    }
}

fuzz_target!(|input: (u8, &str)| {
    let (flags, body) = input;
    let markdown_input = MarkdownInput {
        body,
        body_line: 5,
        display_path: Path::new("content/en/returns/fuzzed.md"),
        rel_path: "en/returns/fuzzed.md",
        faq: flags & 1 == 1,
    };
    let options = MarkdownOptions {
        allow_raw_html: flags & 2 == 2,
        ..Default::default()
    };
    let rendered = markdown::render(markdown_input, &targets(), &options);
    for warning in &rendered.warnings {
        let _ = warning.to_string();
    }
    if !options.allow_raw_html {
        assert!(
            !rendered.html.contains("<script"),
            "raw HTML turned off, yet a script tag came through"
        );
    }
});
