//! An article's page: its body, table of contents, tags, related articles, and the contact
//! channels with a first message that names the article.

use serde_json::Value;
use tera::Context;

use super::{trail_links, PageRenderer};
use crate::contact;
use crate::render::context::{ArticleView, Link, LinkRef, TagView};
use crate::render::seo::{self, script_safe_json};
use crate::render::shared::contact_value;
use crate::site::{Article, Language};

impl PageRenderer<'_> {
    pub(super) fn article(&self, language: &Language, index: usize) -> Context {
        let article = &language.articles[index];
        let trail = language.trail_of(index);
        let (parent_title, parent_url) = match trail.last() {
            Some(folder) => (folder.title.as_str(), folder.url.as_str()),
            None => (language.title.as_str(), language.home_url.as_str()),
        };
        let alternates =
            self.translations(|l| l.article_by_key(article.key()).map(|a| a.url.clone()));
        let page = self.page(
            "article",
            article.title.clone(),
            article.description.clone(),
            article.url.clone(),
            alternates,
        );
        let mut context = self.base_context(language, page);
        let mut crumbs = trail_links(&trail);
        crumbs.push(Link {
            title: article.title.clone(),
            url: article.url.clone(),
        });
        let breadcrumbs = self.breadcrumbs(language, &crumbs);
        let toc: Vec<_> = article
            .rendered
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .collect();
        let tags: Vec<Link> = article
            .tags
            .iter()
            .map(|&t| Link {
                title: language.tags[t].name.clone(),
                url: language.tags[t].url.clone(),
            })
            .collect();
        let related = self.shared[&language.code].relatedness.related(
            language,
            index,
            self.site.config.build.related_articles,
        );
        let related = self.summaries(language, &related);
        let reading_minutes = article.rendered.word_count.div_ceil(200).max(1);
        context.insert(
            "article",
            &ArticleView {
                title: &article.title,
                description: &article.description,
                html: &article.rendered.html,
                toc,
                updated: article.updated_texts.as_ref().map(|d| d.iso.as_str()),
                updated_display: article.updated_texts.as_ref().map(|d| d.display.as_str()),
                tags: tags
                    .iter()
                    .map(|t| TagView {
                        name: &t.title,
                        url: &t.url,
                    })
                    .collect(),
                category: LinkRef {
                    title: parent_title,
                    url: parent_url,
                },
                related,
                reading_minutes,
                reading_text: reading_time(language, reading_minutes),
                faq: article.faq,
                extra: &article.extra,
            },
        );
        context.insert("needs_syntax_css", &article.rendered.has_highlighted_code);
        let absolute_url = self.site.urls.absolute(&article.url);
        let prefill = self.article_prefill(language, article, &absolute_url);
        context.insert("contact", &self.prefilled_contact(language, &prefill));
        context.insert(
            "json_ld",
            &script_safe_json(&seo::article_json_ld(
                self.site,
                language,
                article,
                &absolute_url,
                &breadcrumbs,
            )),
        );
        context.insert("breadcrumbs", &breadcrumbs);
        context
    }

    /// The contact channels of `language` with a first message naming `prefill`'s article.
    fn prefilled_contact(&self, language: &Language, prefill: &contact::Prefill) -> Value {
        let channels = contact::with_prefill(
            &self.shared[&language.code].channels,
            &self.site.config,
            prefill,
        );
        contact_value(self.site, language, channels)
    }

    /// What a message sent from an article's page, at absolute `url`, says about the article.
    fn article_prefill(
        &self,
        language: &Language,
        article: &Article,
        url: &str,
    ) -> contact::Prefill {
        let fill = |key: &str, fallback: &str| {
            let text = language.strings.get(key).unwrap_or(fallback);
            crate::theme::i18n::fill(text, &[("title", &article.title), ("url", url)])
        };
        contact::Prefill {
            subject: fill("contact_prefill_subject", "Question about: {title}"),
            text: fill(
                "contact_prefill_text",
                "Hello! I have a question about \"{title}\" ({url}).",
            ),
        }
    }
}

/// "3 min read" in `language`: its plural forms where its strings have them, else the
/// number before the older `minutes_read` text of sites' own strings files.
fn reading_time(language: &Language, minutes: usize) -> String {
    if language.strings.get("reading_time_other").is_some() {
        language.strings.plural("reading_time", minutes)
    } else {
        format!("{minutes} {}", language.strings.text("minutes_read"))
    }
}
