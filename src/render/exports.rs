//! The knowledge base for other programs: `articles.json` for tools and scripts, and `llms.txt`
//! with a Markdown copy of each article for chatbots and AI assistants, so they answer from
//! the same articles customers read.
//!
//! The Markdown copies sit where their sources sit in `content/`, so the
//! relative links writers put between articles (`../returns/refunds.md`) and to images next
//! to them keep working in the copies without rewriting. All of them are also in one
//! `<lang>/llms-full.txt`, for assistants that read a single file.

use rayon::prelude::*;
use serde::Serialize;

use crate::content::front_matter;
use crate::files::read_text;
use crate::output::{json_string, write_json_records, FileSink};
use crate::site::{Article, Language, Site};
use crate::text::collapse_whitespace;

/// `<lang>/articles.json`: every published article of the language as data, one article a
/// line so that line tools and diffs still read it.
pub fn write_articles_json(
    site: &Site,
    language: &Language,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let record = |i: usize| {
        let article = &language.articles[i];
        let trail = language.trail_of(i);
        ArticleRecord {
            title: &article.title,
            url: site.urls.absolute(&article.url),
            description: &article.description,
            category: trail.first().map_or("", |c| c.title.as_str()),
            section_path: trail.iter().map(|c| c.title.as_str()).collect(),
            tags: article
                .tags
                .iter()
                .map(|&t| language.tags[t].name.as_str())
                .collect(),
            updated: article.updated.map(|d| d.to_string()),
            headings: &article.rendered.headings,
            body: &article.rendered.plain_text,
        }
    };
    sink.put_streamed(format!("{}/articles.json", language.code), &mut |out| {
        // The records are streamed rather than collected into one value, so the file's outer
        // object is written by hand around them.
        writeln!(
            out,
            "{{\"language\":{},\"title\":{},\"articles\":[",
            json_string(&language.code)?,
            json_string(&language.title)?
        )?;
        write_json_records(language.articles.len(), record, b",\n", out)?;
        out.write_all(b"\n]}\n")?;
        Ok(())
    })
}

#[derive(Serialize)]
struct ArticleRecord<'a> {
    title: &'a str,
    url: String,
    description: &'a str,
    /// The top-level category's title; empty for an article beside the home page.
    category: &'a str,
    /// The titles from the category down to the article's own section.
    section_path: Vec<&'a str>,
    tags: Vec<&'a str>,
    updated: Option<String>,
    headings: &'a [crate::markdown::Heading],
    body: &'a str,
}

/// Above this many articles in a language, the Markdown copies go into `llms-full.txt` only:
/// one file per article would double the files of a large site, and static hosts limit them
/// (Cloudflare Pages takes 20,000 per deployment).
pub const MARKDOWN_COPIES_LIMIT: usize = 2000;

/// Articles whose Markdown copies are read and held at once while `llms-full.txt` is
/// written: enough to read them in parallel, few enough that a large language's copies are
/// never all in memory.
const COPIES_AT_ONCE: usize = 512;

/// `<lang>/llms.txt`, the index by category, `<lang>/llms-full.txt` with every article, and
/// the Markdown copy of each article in languages of up to `MARKDOWN_COPIES_LIMIT` articles.
pub fn write_llms_files(
    site: &Site,
    language: &Language,
    sink: &dyn FileSink,
) -> anyhow::Result<()> {
    let separate_copies = language.articles.len() <= MARKDOWN_COPIES_LIMIT;
    sink.put(
        format!("{}/llms.txt", language.code),
        llms_index(site, language, separate_copies).into_bytes(),
    )?;
    sink.put_streamed(format!("{}/llms-full.txt", language.code), &mut |out| {
        writeln!(out, "# {}", language.title)?;
        for articles in language.articles.chunks(COPIES_AT_ONCE) {
            let copies = articles
                .par_iter()
                .map(markdown_copy)
                .collect::<anyhow::Result<Vec<_>>>()?;
            for ((path, bytes), article) in copies.into_iter().zip(articles) {
                write!(
                    out,
                    "\n---\n\nSource: {}\n\n",
                    site.urls.absolute(&article.url)
                )?;
                out.write_all(&bytes)?;
                if separate_copies {
                    sink.put(path, bytes)?;
                }
            }
        }
        Ok(())
    })
}

/// The text of `<lang>/llms.txt`: each category with its articles, linked to their Markdown
/// copies where there are any, else to their pages.
fn llms_index(site: &Site, language: &Language, separate_copies: bool) -> String {
    let mut index = format!("# {}\n", language.title);
    if !language.description.is_empty() {
        index.push_str(&format!("\n> {}\n", one_line(&language.description)));
    }
    let home = (language.title.as_str().into(), &language.home_articles);
    let nodes = (language.categories.iter().enumerate())
        .map(|(i, c)| (language.node_label(i), &c.articles));
    for (heading, articles) in std::iter::once(home).chain(nodes) {
        if articles.is_empty() {
            continue;
        }
        index.push_str(&format!("\n## {}\n\n", one_line(&heading)));
        for &a in articles {
            let article = &language.articles[a];
            index.push_str(&format!(
                "- [{}]({})",
                one_line(&article.title),
                site.urls.absolute(&if separate_copies {
                    markdown_copy_path(site, article)
                } else {
                    article.url.clone()
                })
            ));
            if !article.description.is_empty() {
                index.push_str(&format!(": {}", one_line(&article.description)));
            }
            index.push('\n');
        }
    }
    index
}

/// The root `llms.txt`: the help center's languages, each with its own index.
pub fn root_llms_txt(site: &Site) -> Vec<u8> {
    let mut text = format!("# {}\n\n", site.config.site.title);
    if let Some(description) = &site.config.site.description {
        text.push_str(&format!("> {}\n\n", one_line(description)));
    }
    text.push_str("## Languages\n\n");
    for language in &site.languages {
        text.push_str(&format!(
            "- [{} ({})]({})\n",
            language.name,
            language.code,
            site.urls.absolute(&format!(
                "{}{}/llms.txt",
                site.urls.base_path, language.code
            ))
        ));
    }
    text.into_bytes()
}

/// Site path of an article's Markdown copy: `/en/returns/refunds.md`.
fn markdown_copy_path(site: &Site, article: &Article) -> String {
    let path = crate::markdown::links::encode_path(&article.rel_path);
    format!("{}{path}", site.urls.base_path)
}

/// The article as its writer wrote it, without front matter, under its title. Unless the
/// model kept the body (small sites), the source is read again here: on a large site every
/// article's Markdown in the model would add the size of the content folder to peak memory.
fn markdown_copy(article: &Article) -> anyhow::Result<(String, Vec<u8>)> {
    let text;
    let body = match &article.body {
        Some(body) => body.as_str(),
        None => {
            text = read_text(&article.display_path)?;
            front_matter::split(&text, &article.display_path)?.body
        }
    };
    let mut copy = format!("# {}\n\n", one_line(&article.title));
    if !article.description.is_empty() {
        copy.push_str(&format!("> {}\n\n", one_line(&article.description)));
    }
    copy.push_str(body.trim_start_matches(['\r', '\n']));
    if !copy.ends_with('\n') {
        copy.push('\n');
    }
    Ok((article.rel_path.clone(), copy.into_bytes()))
}

/// Text for one line of Markdown: a title with a line break in it would end the list item.
fn one_line(text: &str) -> String {
    collapse_whitespace(text).0
}
