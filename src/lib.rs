//! helpbook turns a folder of Markdown articles into a static, multilingual help center.
//!
//! The pipeline runs one way: `config` and `content` are read into the `site` model, which is
//! built once and then only read by `markdown`, `search`, `theme` and `output`.

pub mod output;
pub mod search;
