//! helpbook turns a folder of Markdown articles into a static, multilingual help center.
//!
//! The pipeline runs one way: `config` and `content` are read into the `site` model, which is
//! built once and then only read by `markdown`, `search`, `theme` and `output`.

pub mod allocator;
pub mod build;
pub mod check;
pub mod config;
pub mod contact;
pub mod content;
pub mod error;
pub mod files;
pub mod fingerprint;
pub mod markdown;
pub mod output;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod text;
pub mod theme;
pub mod timings;
