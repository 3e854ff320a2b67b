//! What search engines and link previews read: sitemap, robots.txt and JSON-LD.

use serde::Serialize;

use crate::render::context::{alternates, Alternate, Link};
use crate::site::{Article, Language, Site};
use crate::text::escape_html;

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are escaped so no
/// text a writer wrote can close the script element.
pub fn script_safe_json(value: &impl Serialize) -> String {
    let text = crate::output::json_string(value).expect("JSON values always serialize");
    // Every article page has structured data, and most of it holds none of the three: then
    // the text is used as it is, instead of being copied three times over.
    if memchr::memchr3(b'<', b'>', b'&', text.as_bytes()).is_none() {
        return text;
    }
    let mut safe = String::with_capacity(text.len() + 32);
    for c in text.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

// Structured data is written from structs that borrow from the model: every article page
// has some, and building a JSON tree of it first cost as much as a tenth of the page's own
// values. Each node's `@type` comes first and its fields follow in alphabetical order: the
// order of a JSON tree's keys.

/// A schema.org graph: the nodes one page describes.
#[derive(Serialize)]
pub struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Article(ArticleNode<'a>),
    Breadcrumbs(BreadcrumbList),
    Faq(FaqPage<'a>),
}

#[derive(Serialize)]
#[serde(tag = "@type", rename = "Article")]
struct ArticleNode<'a> {
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    description: &'a str,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    url: &'a str,
}

/// A page's breadcrumb trail as search engines read it.
#[derive(Serialize)]
#[serde(tag = "@type", rename = "BreadcrumbList")]
pub struct BreadcrumbList {
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem>,
}

#[derive(Serialize)]
#[serde(tag = "@type", rename = "ListItem")]
struct ListItem {
    item: String,
    name: String,
    position: usize,
}

/// FAQPage data, which search engines may show as expandable questions.
#[derive(Serialize)]
#[serde(tag = "@type", rename = "FAQPage")]
struct FaqPage<'a> {
    #[serde(rename = "mainEntity")]
    questions: Vec<Question<'a>>,
    url: &'a str,
}

#[derive(Serialize)]
#[serde(tag = "@type", rename = "Question")]
struct Question<'a> {
    #[serde(rename = "acceptedAnswer")]
    answer: Answer<'a>,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(tag = "@type", rename = "Answer")]
struct Answer<'a> {
    text: &'a str,
}

/// Structured data for an article page: the article and its breadcrumb trail.
pub fn article_json_ld<'a>(
    site: &Site,
    language: &'a Language,
    article: &'a Article,
    url: &'a str,
    breadcrumbs: &[Link],
) -> Graph<'a> {
    let mut graph = vec![
        Node::Article(ArticleNode {
            date_modified: article.updated.map(|d| d.to_string()),
            description: &article.description,
            headline: &article.title,
            in_language: &language.code,
            main_entity_of_page: url,
            url,
        }),
        Node::Breadcrumbs(breadcrumb_list(site, breadcrumbs)),
    ];
    if article.faq && !article.rendered.faq.is_empty() {
        graph.push(Node::Faq(FaqPage {
            questions: article
                .rendered
                .faq
                .iter()
                .map(|entry| Question {
                    answer: Answer {
                        text: &entry.answer,
                    },
                    name: &entry.question,
                })
                .collect(),
            url,
        }));
    }
    Graph {
        context: "https://schema.org",
        graph,
    }
}

pub fn breadcrumb_list(site: &Site, breadcrumbs: &[Link]) -> BreadcrumbList {
    BreadcrumbList {
        items: breadcrumbs
            .iter()
            .enumerate()
            .map(|(i, crumb)| ListItem {
                item: site.urls.absolute(&crumb.url),
                name: crumb.title.clone(),
                position: i + 1,
            })
            .collect(),
    }
}

/// One page of the sitemap with its translations.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub url: String,
    pub updated: Option<String>,
    pub alternates: Vec<Alternate>,
}

/// How much one sitemap file may hold, by the sitemaps protocol: 50,000 URLs and 50 MB
/// uncompressed. Search engines ignore a larger file.
const SITEMAP_URLS: usize = 50_000;
const SITEMAP_BYTES: usize = 50_000_000;

const URLSET_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_END: &str = "</urlset>\n";

/// The sitemap files, by output path, with `hreflang` alternates, in the order given:
/// `sitemap.xml` alone while the site fits in one file, else `sitemap-1.xml`,
/// `sitemap-2.xml`... with `sitemap.xml` as their index, so robots.txt names one file
/// whatever the size.
pub fn sitemaps(site: &Site, entries: &[SitemapEntry]) -> Vec<(String, String)> {
    sitemaps_within(site, entries, SITEMAP_URLS, SITEMAP_BYTES)
}

fn sitemaps_within(
    site: &Site,
    entries: &[SitemapEntry],
    max_urls: usize,
    max_bytes: usize,
) -> Vec<(String, String)> {
    let room = max_bytes - URLSET_START.len() - URLSET_END.len();
    let mut parts: Vec<(String, usize)> = vec![(String::new(), 0)];
    for entry in entries {
        let xml = sitemap_url(site, entry);
        let (part, urls) = parts.last_mut().expect("there is always a part");
        if *urls == max_urls || part.len() + xml.len() > room {
            parts.push((xml, 1));
        } else {
            part.push_str(&xml);
            *urls += 1;
        }
    }
    let urlset = |urls: &str| format!("{URLSET_START}{urls}{URLSET_END}");
    if parts.len() == 1 {
        return vec![("sitemap.xml".to_string(), urlset(&parts[0].0))];
    }
    let mut files = Vec::with_capacity(parts.len() + 1);
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, (urls, _)) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let url = site
            .urls
            .absolute(&format!("{}{name}", site.urls.base_path));
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>\n",
            escape_html(&url)
        ));
        files.push((name, urlset(urls)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_string(), index));
    files
}

/// One `<url>` of a sitemap.
fn sitemap_url(site: &Site, entry: &SitemapEntry) -> String {
    let mut xml = format!(
        "  <url>\n    <loc>{}</loc>\n",
        escape_html(&site.urls.absolute(&entry.url))
    );
    if let Some(updated) = &entry.updated {
        xml.push_str(&format!("    <lastmod>{updated}</lastmod>\n"));
    }
    if entry.alternates.len() > 1 {
        for alternate in &entry.alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape_html(&alternate.code),
                escape_html(&alternate.absolute_url)
            ));
        }
    }
    xml.push_str("  </url>\n");
    xml
}

pub fn robots_txt(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls
            .absolute(&format!("{}sitemap.xml", site.urls.base_path))
    )
}

/// Every page the sitemap lists: each language's home, categories and sections, and articles,
/// each with its translations.
pub fn sitemap_entries(site: &Site) -> Vec<SitemapEntry> {
    let mut entries = Vec::new();
    for language in &site.languages {
        entries.push(SitemapEntry {
            url: language.home_url.clone(),
            updated: None,
            alternates: alternates(site, |l| Some(l.home_url.clone())),
        });
        for category in &language.categories {
            entries.push(SitemapEntry {
                url: category.url.clone(),
                updated: None,
                alternates: alternates(site, |l| {
                    l.category_by_folder(&category.folder)
                        .map(|c| c.url.clone())
                }),
            });
        }
        for article in &language.articles {
            entries.push(SitemapEntry {
                url: article.url.clone(),
                updated: article.updated.map(|d| d.to_string()),
                alternates: alternates(site, |l| {
                    l.article_by_key(article.key()).map(|a| a.url.clone())
                }),
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn a_sitemap_too_large_for_one_file_is_split_under_an_index() {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let (site, _) = crate::build::load_site(&fixture, &Default::default()).unwrap();
        let entries: Vec<SitemapEntry> = (0..7)
            .map(|i| SitemapEntry {
                url: format!("/support/en/a{i}/"),
                updated: None,
                alternates: Vec::new(),
            })
            .collect();
        let names = |files: &[(String, String)]| -> Vec<String> {
            files.iter().map(|(name, _)| name.clone()).collect()
        };
        let urls = |xml: &str| xml.matches("<url>").count();

        let one = sitemaps_within(&site, &entries, 7, SITEMAP_BYTES);
        assert_eq!(names(&one), ["sitemap.xml"]);
        assert!(one[0].1.starts_with(URLSET_START) && urls(&one[0].1) == 7);

        let by_count = sitemaps_within(&site, &entries, 3, SITEMAP_BYTES);
        assert_eq!(
            names(&by_count),
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &by_count[0].1;
        assert!(index.contains("<sitemapindex") && urls(index) == 0);
        assert!(index.contains("<loc>https://help.example.com/support/sitemap-3.xml</loc>"));
        let counts: Vec<usize> = by_count[1..].iter().map(|(_, xml)| urls(xml)).collect();
        assert_eq!(counts, [3, 3, 1]);
        let all: String = by_count[1..].iter().map(|(_, xml)| xml.as_str()).collect();
        let order: Vec<usize> = (0..7)
            .map(|i| all.find(&format!("/en/a{i}/<")).unwrap())
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "every URL once, in order"
        );

        let url_bytes = sitemap_url(&site, &entries[0]).len();
        // Exactly two URLs fit in a file.
        let limit = URLSET_START.len() + URLSET_END.len() + 2 * url_bytes;
        let by_size = sitemaps_within(&site, &entries, SITEMAP_URLS, limit);
        assert_eq!(by_size.len(), 5, "two URLs a file, and the index");
        assert!(by_size[1..].iter().all(|(_, xml)| xml.len() <= limit));
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let text =
            script_safe_json(&json!({ "headline": "</script><script>alert(1)</script> & co" }));
        for special in ['<', '>', '&'] {
            assert!(!text.contains(special), "{text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
        let plain = json!({ "headline": "Zwrot «pieniędzy» \"now\"" });
        assert_eq!(script_safe_json(&plain), plain.to_string());
    }
}
