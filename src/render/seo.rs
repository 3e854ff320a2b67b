//! What search engines and link previews read: sitemap, robots.txt and JSON-LD.

use serde_json::{json, Value};

use crate::markdown::escape_html;
use crate::render::context::{Alternate, Link};
use crate::site::{Article, Language, Site};

/// JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are escaped so no
/// text a writer wrote can close the script element.
pub fn script_safe_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values always serialize");
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Structured data for an article page: the article and its breadcrumb trail.
pub fn article_json_ld(
    site: &Site,
    language: &Language,
    article: &Article,
    breadcrumbs: &[Link],
) -> Value {
    let mut article_data = json!({
        "@type": "Article",
        "headline": article.title,
        "description": article.description,
        "inLanguage": language.code,
        "mainEntityOfPage": site.urls.absolute(&article.url),
        "url": site.urls.absolute(&article.url),
    });
    if let Some(updated) = article.updated {
        article_data["dateModified"] = json!(updated.to_string());
    }
    let mut graph = vec![article_data, breadcrumb_list(site, breadcrumbs)];
    if article.faq && !article.rendered.faq.is_empty() {
        graph.push(faq_page(site, article));
    }
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// FAQPage data, which search engines may show as expandable questions.
fn faq_page(site: &Site, article: &Article) -> Value {
    let questions: Vec<Value> = article
        .rendered
        .faq
        .iter()
        .map(|entry| {
            json!({
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": { "@type": "Answer", "text": entry.answer },
            })
        })
        .collect();
    json!({ "@type": "FAQPage", "url": site.urls.absolute(&article.url), "mainEntity": questions })
}

pub fn breadcrumb_list(site: &Site, breadcrumbs: &[Link]) -> Value {
    let items: Vec<Value> = breadcrumbs
        .iter()
        .enumerate()
        .map(|(i, crumb)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": crumb.title,
                "item": site.urls.absolute(&crumb.url),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// One page of the sitemap with its translations.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub url: String,
    pub updated: Option<String>,
    pub alternates: Vec<Alternate>,
}

/// `sitemap.xml` with `hreflang` alternates, in the order given.
pub fn sitemap(site: &Site, entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape_html(&site.urls.absolute(&entry.url))
        ));
        if let Some(updated) = &entry.updated {
            xml.push_str(&format!("    <lastmod>{updated}</lastmod>\n"));
        }
        if entry.alternates.len() > 1 {
            for alternate in &entry.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape_html(&alternate.code),
                    escape_html(&site.urls.absolute(&alternate.url))
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots_txt(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.urls
            .absolute(&format!("{}sitemap.xml", site.urls.base_path))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let text =
            script_safe_json(&json!({ "headline": "</script><script>alert(1)</script> & co" }));
        assert!(!text.contains("</script>"), "{text}");
        assert!(!text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
    }
}
