//! Which contact channels book.toml may name and what their values must look like.
//!
//! `config` checks every channel with these rules when it reads book.toml, so they live here,
//! below `contact`, which builds the links and re-exports `KINDS` and `validate_channel`.

use crate::config::ChannelConfig;

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
