//! Contact channels: turning what book.toml says into links a phone can open.
//!
//! Each kind of channel has one deep-link form (`mailto:`, `tel:`, `https://wa.me/...`), built
//! here and nowhere else, so pages, the contact page and scripts agree on it.

pub use crate::config::hours;

use serde::Serialize;

pub use crate::config::channels::{validate_channel, KINDS};
use crate::config::{ChannelConfig, Config};
use crate::theme::Strings;

/// A channel as templates show it, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub kind: String,
    pub label: String,
    pub url: String,
    pub note: String,
    pub response_time: String,
    pub icon: String,
    /// The name of its schedule, empty when the channel is always open.
    pub hours: String,
    /// The schedule's week for people, Monday first: `[{ day, hours }]`.
    pub hours_table: Vec<HoursRow>,
    /// The IANA time zone the hours are in.
    pub hours_timezone: String,
}

/// One row of an opening-hours table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursRow {
    pub day: String,
    pub hours: String,
}

/// What a message to support can say about where the customer came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefill {
    pub subject: String,
    pub text: String,
}

/// The channels of the site in `lang`, in the order book.toml lists them.
pub fn channels_for(config: &Config, lang: &str, strings: &Strings) -> Vec<Channel> {
    let fallback = config.default_language();
    config
        .contact
        .channels
        .iter()
        .map(|channel| {
            let text = |value: &Option<crate::config::LocalizedText>| {
                value
                    .as_ref()
                    .and_then(|t| t.get(lang, fallback))
                    .unwrap_or_default()
                    .to_string()
            };
            let label = text(&channel.label);
            let schedule = channel
                .hours
                .as_ref()
                .and_then(|name| config.contact.hours.get(name));
            Channel {
                kind: channel.kind.clone(),
                label: if label.is_empty() {
                    strings
                        .text(&format!("channel_{}", channel.kind))
                        .to_string()
                } else {
                    label
                },
                url: deep_link(channel, None),
                note: text(&channel.note),
                response_time: text(&channel.response_time),
                icon: channel
                    .icon
                    .clone()
                    .unwrap_or_else(|| icon_for(&channel.kind).to_string()),
                hours: channel.hours.clone().unwrap_or_default(),
                hours_timezone: schedule.map(|s| s.timezone.clone()).unwrap_or_default(),
                hours_table: schedule
                    .and_then(|s| hours::Schedule::parse(s).ok())
                    .map(|s| hours_table(&s, strings))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// `channels` (as `channels_for` made them from `config`) with links that carry `prefill`.
pub fn with_prefill(channels: &[Channel], config: &Config, prefill: &Prefill) -> Vec<Channel> {
    channels
        .iter()
        .zip(&config.contact.channels)
        .map(|(channel, source)| Channel {
            url: deep_link(source, Some(prefill)),
            ..channel.clone()
        })
        .collect()
}

/// The week of `schedule` for people: weekday names and hours in the language's words.
fn hours_table(schedule: &hours::Schedule, strings: &Strings) -> Vec<HoursRow> {
    let names = strings.list("weekdays");
    schedule
        .week
        .iter()
        .enumerate()
        .map(|(i, intervals)| HoursRow {
            day: names
                .get(i)
                .map_or_else(|| (i + 1).to_string(), |n| n.to_string()),
            hours: if intervals.is_empty() {
                strings.text("hours_closed").to_string()
            } else {
                intervals
                    .iter()
                    .map(|i| hours::format_interval(*i))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        })
        .collect()
}

/// Everything the live-status script needs: each schedule by name.
pub fn schedules_json(config: &Config) -> serde_json::Value {
    let schedules: serde_json::Map<String, serde_json::Value> = config
        .contact
        .hours
        .iter()
        .filter_map(|(name, s)| {
            hours::Schedule::parse(s)
                .ok()
                .map(|s| (name.clone(), serde_json::json!(s)))
        })
        .collect();
    serde_json::Value::Object(schedules)
}

/// The link that opens `channel` on a customer's device, with a first message if given.
pub fn deep_link(channel: &ChannelConfig, prefill: Option<&Prefill>) -> String {
    let value = channel.value.trim();
    let handle = value.trim_start_matches('@');
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, QUERY_VALUE).to_string();
    let with = |base: String, query: String| match prefill {
        Some(_) => format!("{base}?{query}"),
        None => base,
    };
    let (subject, text) = prefill.map_or((String::new(), String::new()), |p| {
        (encode(&p.subject), encode(&p.text))
    });
    match channel.kind.as_str() {
        // The subject names the article; a body would repeat it and weigh on every page.
        "email" => with(format!("mailto:{value}"), format!("subject={subject}")),
        "phone" => format!("tel:{}", phone_digits(value, true)),
        "sms" => with(
            format!("sms:{}", phone_digits(value, true)),
            format!("body={text}"),
        ),
        "whatsapp" => with(
            format!("https://wa.me/{}", phone_digits(value, false)),
            format!("text={text}"),
        ),
        "messenger" if !is_url(value) => {
            with(format!("https://m.me/{handle}"), format!("text={text}"))
        }
        "instagram" if !is_url(value) => format!("https://ig.me/m/{handle}"),
        "tiktok" if !is_url(value) => format!("https://www.tiktok.com/@{handle}"),
        "x" if !is_url(value) => format!("https://x.com/{handle}"),
        "telegram" if !is_url(value) => format!("https://t.me/{handle}"),
        _ => value.to_string(),
    }
}

/// Everything but unreserved characters is encoded, as `encodeURIComponent` does.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

fn is_url(value: &str) -> bool {
    value.starts_with("https://") || value.starts_with("http://")
}

/// `+48 22 555 01 23` to `+48225550123` (or without the plus, as wa.me wants it).
fn phone_digits(value: &str, keep_plus: bool) -> String {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if keep_plus && value.trim_start().starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

fn icon_for(kind: &str) -> &'static str {
    match kind {
        "email" => "email",
        "phone" => "phone",
        "whatsapp" => "whatsapp",
        "sms" => "sms",
        "chat" => "chat",
        "messenger" => "messenger",
        "instagram" => "instagram",
        "tiktok" => "tiktok",
        "x" => "x",
        "telegram" => "telegram",
        "forum" => "forum",
        "form" => "form",
        _ => "link",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(kind: &str, value: &str) -> ChannelConfig {
        ChannelConfig {
            kind: kind.into(),
            value: value.into(),
            label: None,
            note: None,
            response_time: None,
            icon: None,
            hours: None,
        }
    }

    #[test]
    fn deep_link_cases() {
        let cases = [
            ("email", "help@shop.example", "mailto:help@shop.example"),
            ("phone", "+48 22 555 01 23", "tel:+48225550123"),
            ("sms", "+48 600-100-200", "sms:+48600100200"),
            ("whatsapp", "+48 600 100 200", "https://wa.me/48600100200"),
            ("messenger", "juniperlane", "https://m.me/juniperlane"),
            ("instagram", "@juniperlane", "https://ig.me/m/juniperlane"),
            (
                "tiktok",
                "juniperlane",
                "https://www.tiktok.com/@juniperlane",
            ),
            ("x", "@juniperlane", "https://x.com/juniperlane"),
            ("telegram", "juniperlane", "https://t.me/juniperlane"),
            (
                "forum",
                "https://community.shop.example",
                "https://community.shop.example",
            ),
            (
                "instagram",
                "https://instagram.com/x",
                "https://instagram.com/x",
            ),
        ];
        for (kind, value, expected) in cases {
            assert_eq!(deep_link(&channel(kind, value), None), expected, "{kind}");
        }
    }

    #[test]
    fn prefilled_links_name_the_article() {
        let prefill = Prefill {
            subject: "Question: Zwrot pieniędzy".into(),
            text: "Hi! About https://help.example.com/pl/zwroty/zwrot/ & more".into(),
        };
        let cases = [
            ("email", "help@shop.example", "mailto:help@shop.example?subject=Question%3A%20Zwrot%20pieni%C4%99dzy"),
            ("whatsapp", "+48 600 100 200", "https://wa.me/48600100200?text=Hi!%20About%20https%3A%2F%2Fhelp.example.com%2Fpl%2Fzwroty%2Fzwrot%2F%20%26%20more"),
            ("phone", "+48 22 555 01 23", "tel:+48225550123"),
            ("instagram", "juniperlane", "https://ig.me/m/juniperlane"),
        ];
        for (kind, value, expected) in cases {
            assert_eq!(
                deep_link(&channel(kind, value), Some(&prefill)),
                expected,
                "{kind}"
            );
        }
    }
}
