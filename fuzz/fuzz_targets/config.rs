//! Parses any text as `book.toml`, validation included.

#![no_main]

use std::path::Path;

use helpbook::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(err) = Config::parse(text, Path::new("book.toml")) {
        let _ = err.to_string();
    }
});
