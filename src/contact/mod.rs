//! Contact channels: turning what book.toml says into links a phone can open.
//!
//! Each kind of channel has one deep-link form (`mailto:`, `tel:`, `https://wa.me/...`), built
//! here and nowhere else, so pages, the contact page and scripts agree on it.

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
