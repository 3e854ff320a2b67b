//! Contact channels: turning what book.toml says into links a phone can open.
//!
//! Each kind of channel has one deep-link form (`mailto:`, `tel:`, `https://wa.me/...`), built
//! here and nowhere else, so pages, the contact page and scripts agree on it.

pub mod hours;

use serde::Serialize;

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
}

/// The kinds of channel helpbook knows how to link to.
pub const KINDS: &[&str] = &[
    "email",
    "phone",
    "whatsapp",
    "sms",
    "chat",
    "messenger",
    "instagram",
    "tiktok",
    "x",
    "telegram",
    "forum",
    "form",
    "custom",
];

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
            Channel {
                kind: channel.kind.clone(),
                label: if label.is_empty() {
                    strings
                        .text(&format!("channel_{}", channel.kind))
                        .to_string()
                } else {
                    label
                },
                url: deep_link(channel),
                note: text(&channel.note),
                response_time: text(&channel.response_time),
                icon: channel
                    .icon
                    .clone()
                    .unwrap_or_else(|| icon_for(&channel.kind).to_string()),
            }
        })
        .collect()
}

/// The link that opens `channel` on a customer's device.
pub fn deep_link(channel: &ChannelConfig) -> String {
    let value = channel.value.trim();
    let handle = value.trim_start_matches('@');
    match channel.kind.as_str() {
        "email" => format!("mailto:{value}"),
        "phone" => format!("tel:{}", phone_digits(value, true)),
        "sms" => format!("sms:{}", phone_digits(value, true)),
        "whatsapp" => format!("https://wa.me/{}", phone_digits(value, false)),
        "messenger" if !is_url(value) => format!("https://m.me/{handle}"),
        "instagram" if !is_url(value) => format!("https://ig.me/m/{handle}"),
        "tiktok" if !is_url(value) => format!("https://www.tiktok.com/@{handle}"),
        "x" if !is_url(value) => format!("https://x.com/{handle}"),
        "telegram" if !is_url(value) => format!("https://t.me/{handle}"),
        _ => value.to_string(),
    }
}

/// Checks a channel's kind and value; the message says what is wrong with the value.
pub fn validate_channel(channel: &ChannelConfig) -> Result<(), String> {
    let value = channel.value.trim();
    match channel.kind.as_str() {
        "email" if !is_email(value) => Err(format!("`{value}` is not an e-mail address")),
        "phone" | "sms" | "whatsapp" if !is_e164(value) => Err(format!(
            "`{value}` is not a phone number in international form, e.g. +48 22 555 01 23"
        )),
        "chat" | "forum" | "form" | "custom" if !is_http_url(value) => {
            Err(format!("`{value}` is not an http(s) URL"))
        }
        "messenger" | "instagram" | "tiktok" | "x" | "telegram"
            if !(is_http_url(value) || is_handle(value)) =>
        {
            Err(format!(
                "`{value}` is neither a user name nor an http(s) URL"
            ))
        }
        kind if !KINDS.contains(&kind) => {
            let hint = crate::error::suggest(kind, KINDS.iter().copied()).map_or_else(
                || format!("known kinds: {}", KINDS.join(", ")),
                |k| format!("did you mean `{k}`?"),
            );
            Err(format!("`{kind}` is not a kind of channel; {hint}"))
        }
        _ => Ok(()),
    }
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || "<>\"(),;:[]\\".contains(c))
}

/// E.164: a plus, a country code that does not start with 0, and at most 15 digits in all.
/// Spaces, dashes, dots and parentheses that people write for reading are allowed.
fn is_e164(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('+') else {
        return false;
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    rest.chars()
        .all(|c| c.is_ascii_digit() || " -.()".contains(c))
        && (7..=15).contains(&digits.len())
        && !digits.starts_with('0')
}

fn is_http_url(value: &str) -> bool {
    url::Url::parse(value)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

fn is_handle(value: &str) -> bool {
    let handle = value.trim_start_matches('@');
    !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || "._-".contains(c))
}

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
            assert_eq!(deep_link(&channel(kind, value)), expected, "{kind}");
        }
    }
}
