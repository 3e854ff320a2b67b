//! What every page of a language shares, made once per language: the template variables
//! that do not depend on the page, the footer and other parts rendered once, the contact
//! channels, and each article's summary.

use std::collections::BTreeMap;

use serde_json::Value;
use tera::{Context, Tera};

use super::assets::assets_context;
use super::context::{article_summaries, nav_of, LanguageContext, SiteContext};
use super::pages::template_error;
use super::related::Relatedness;
use super::seo::script_safe_json;
use crate::contact;
use crate::site::{Language, Site};

/// The most categories every page's footer links to; the home page lists them all. A large
/// help center's full list in every footer made most of each article page's bytes.
const FOOTER_CATEGORIES: usize = 8;

/// The part of a page's context that is the same on every page of a language.
pub(super) struct LanguageShared {
    pub(super) context: Context,
    pub(super) channels: Vec<contact::Channel>,
    pub(super) relatedness: Relatedness,
    /// Each article's summary as the templates read it, by article index. Category, tag
    /// and related lists name each article many times over; converting its summary once
    /// makes each listing a shared reference.
    pub(super) summaries: Vec<tera::Value>,
}

/// Everything on a language's pages that does not depend on the page.
pub(super) fn language_shared(
    site: &Site,
    language: &Language,
    tera: &Tera,
) -> anyhow::Result<LanguageShared> {
    let channels = contact::channels_for(&site.config, &language.code, &language.strings);
    let mut context = Context::new();
    context.insert("site", &SiteContext::new(site, language));
    context.insert("lang", &LanguageContext::new(language));
    context.insert("t", language.strings.values());
    context.insert("home_url", &language.home_url);
    let nav = nav_of(language);
    context.insert("footer_nav", &nav[..nav.len().min(FOOTER_CATEGORIES)]);
    context.insert("nav", &nav);
    let own_pages: BTreeMap<&str, String> = (site.urls.own_page_urls(&language.code))
        .into_iter()
        .map(|(url, name)| (name, url))
        .collect();
    context.insert("own_pages", &own_pages);
    context.insert("contact", &contact_value(site, language, channels.clone()));
    context.insert(
        "feedback",
        &serde_json::json!({
            "endpoint": site.config.feedback.endpoint.clone().unwrap_or_default(),
            "analytics": site.config.feedback.analytics.clone().unwrap_or_default(),
        }),
    );
    context.insert("announcements", &announcements(site, language));
    context.insert("assets", &assets_context(site));
    context.insert("strings_json", &script_safe_json(&script_strings(language)));
    context.insert("build_date", &site.build_date.to_string());
    let parts = language_parts(tera, &context)?;
    context.insert("parts", &parts);
    Ok(LanguageShared {
        context,
        channels,
        relatedness: Relatedness::of(language),
        summaries: article_summaries(language),
    })
}

/// The parts of every page that depend on nothing but the language, each rendered once per
/// language from the language's shared variables. Rendered on each page, the footer and the
/// header's search form were a sixth of all template work; the feedback box's texts were
/// eight of an article page's 157 variable lookups.
const LANGUAGE_PARTS: [(&str, &str); 3] = [
    ("footer", "partials/footer.html"),
    ("search_form", "partials/search_form.html"),
    ("feedback", "partials/feedback.html"),
];

fn language_parts(tera: &Tera, shared: &Context) -> anyhow::Result<BTreeMap<&'static str, String>> {
    LANGUAGE_PARTS
        .into_iter()
        .map(|(name, template)| {
            let html = tera
                .render(template, shared)
                .map_err(|e| template_error(template, &e))?;
            Ok((name, html))
        })
        .collect()
}

/// The `contact` variable of templates.
pub(super) fn contact_value(
    site: &Site,
    language: &Language,
    channels: Vec<contact::Channel>,
) -> Value {
    let data = serde_json::json!({ "schedules": contact::schedules_json(&site.config) });
    serde_json::json!({
        "channels": channels,
        "page_url": site.urls.contact(&language.code),
        "data_json": script_safe_json(&data),
    })
}

/// Banners for `language` that have not ended by the build date. Those not yet started
/// are rendered hidden; the script shows and hides them by the visitor's date.
fn announcements(site: &Site, language: &Language) -> Vec<Value> {
    let fallback = site.config.default_language();
    let today = site.build_date.to_string();
    let as_date =
        |d: &Option<toml::value::Datetime>| d.as_ref().and_then(|d| d.date).map(|d| d.to_string());
    site.config
        .announcements
        .iter()
        .filter_map(|a| {
            let text = a.text.get(&language.code, fallback)?;
            let (starts, ends) = (as_date(&a.starts), as_date(&a.ends));
            if ends.as_ref().is_some_and(|end| *end < today) {
                return None;
            }
            let link = a.link.as_ref().and_then(|l| l.get(&language.code, fallback)).map(|l| match l.strip_prefix('/') {
                Some(path) => format!("{}{path}", site.urls.base_path),
                None => l.to_string(),
            });
            let active = starts.as_ref().is_none_or(|start| *start <= today);
            Some(serde_json::json!({
                "id": a.id, "text": text, "link": link.unwrap_or_default(),
                "starts": starts.unwrap_or_default(), "ends": ends.unwrap_or_default(), "active": active,
            }))
        })
        .collect()
}

/// Strings the scripts need, for a JSON block on every page.
/// The page carries only what the contact status script needs; the search strings travel in
/// the search index's root, which only a search loads.
fn script_strings(language: &Language) -> Value {
    strings_with(language, |key| {
        key.starts_with("status_") || key == "contact_us"
    })
}

/// The interface strings whose keys `wanted` accepts.
pub(super) fn strings_with(language: &Language, wanted: impl Fn(&str) -> bool) -> Value {
    let strings: serde_json::Map<String, Value> = language
        .strings
        .values()
        .iter()
        .filter(|(key, _)| wanted(key))
        .filter_map(|(key, value)| value.as_str().map(|v| (key.clone(), Value::from(v))))
        .collect();
    Value::Object(strings)
}
