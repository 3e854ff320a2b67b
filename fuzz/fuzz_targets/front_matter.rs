//! Splits any text into front matter and body and parses the front matter as an article's
//! and as a category's, the way the content loader does.

#![no_main]

use std::path::Path;

use helpbook::content::front_matter::{self, ArticleFrontMatter, CategoryFrontMatter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = Path::new("content/en/returns/fuzzed.md");
    let Ok(split) = front_matter::split(text, path) else {
        return;
    };
    // The two halves must be the file's own text, in order.
    assert!(split.body.len() + split.front_matter.len() <= text.len());
    assert!(text.ends_with(split.body));
    if let Err(err) = front_matter::parse::<ArticleFrontMatter>(&split, text, path) {
        // Formatting walks the location and source line; it must not panic either.
        let _ = err.to_string();
    }
    if let Err(err) = front_matter::parse::<CategoryFrontMatter>(&split, text, path) {
        let _ = err.to_string();
    }
});
