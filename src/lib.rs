//! helpbook turns a folder of Markdown articles into a static, multilingual help center.
//!
//! The modules are the stages of a pipeline, and each uses only the stages below it: `error`
//! and the helpers (`files`, `text`, `slug`, `fingerprint`, `timings`, `allocator`); `config`;
//! `content`, `markdown` and `output`; `theme`; the `site` model, built once and then only
//! read; `search` and `contact`; `render`; `build`; `check`; `report`; the `serve` and
//! `scaffold` commands. `docs/architecture.md` draws it and `tests/architecture.rs` enforces it.

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
