//! `book.toml`: the site's configuration.
//!
//! Every table denies unknown keys, because a misspelt key silently ignored is a setting the
//! writer believes is on. The error names the key's line and suggests the closest known key.

pub mod channels;
pub mod hours;
mod localized;
pub mod rules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use localized::LocalizedText;

use hours::{Schedule, ScheduleConfig};

use crate::error::{suggest, Error, Location, SourceError, SourceErrors};

/// The file name helpbook looks for in a site folder.
pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: SiteConfig,
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub contact: ContactConfig,
    /// Per-language settings, keyed by language code.
    #[serde(default)]
    pub language: BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    pub feedback: FeedbackConfig,
    /// Banners shown at the top of every page between two dates.
    #[serde(default)]
    pub announcements: Vec<AnnouncementConfig>,
    #[serde(default)]
    pub check: CheckConfig,
}

/// How strictly `helpbook check` treats each kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Warning,
    Error,
}

/// `[check]`: the rules of `helpbook check` and how it treats links to other sites.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// An article whose `updated` date is older than this many days is stale.
    #[serde(default = "default_stale_days")]
    pub stale_after_days: u32,
    /// Rule name to `error`, `warning` or `off`, replacing the rule's default.
    #[serde(default)]
    pub rules: BTreeMap<String, Severity>,
    /// Seconds to wait for another site to answer.
    #[serde(default = "default_external_timeout")]
    pub external_timeout_secs: u64,
    /// Extra attempts after a timeout or a 5xx or 429 answer.
    #[serde(default = "default_external_retries")]
    pub external_retries: u32,
    /// Pause between two requests to the same host, so a check never floods a site.
    #[serde(default = "default_external_delay")]
    pub external_delay_ms: u64,
    /// How long a link that worked is trusted without asking again.
    #[serde(default = "default_external_cache")]
    pub external_cache_hours: u64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            stale_after_days: default_stale_days(),
            rules: BTreeMap::new(),
            external_timeout_secs: default_external_timeout(),
            external_retries: default_external_retries(),
            external_delay_ms: default_external_delay(),
            external_cache_hours: default_external_cache(),
        }
    }
}

fn default_stale_days() -> u32 {
    365
}
fn default_external_timeout() -> u64 {
    10
}
fn default_external_retries() -> u32 {
    2
}
fn default_external_delay() -> u64 {
    250
}
fn default_external_cache() -> u64 {
    24
}

/// Where "Was this article helpful?" votes go; with nothing set they go nowhere.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackConfig {
    /// A URL that receives `POST` JSON `{ article, lang, vote }` through `navigator.sendBeacon`.
    pub endpoint: Option<String>,
    /// `plausible`, `umami` or `ga4`: send the vote as an event of the analytics tool the
    /// shop already loads on its pages.
    pub analytics: Option<String>,
}

/// The analytics tools a vote can be reported to.
pub const ANALYTICS_TOOLS: &[&str] = &["plausible", "umami", "ga4"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnouncementConfig {
    /// Remembers that a customer dismissed this banner; change it for a new message.
    pub id: String,
    pub text: LocalizedText,
    pub starts: Option<toml::value::Datetime>,
    pub ends: Option<toml::value::Datetime>,
    /// Where "Read more" leads, e.g. an article's site path.
    pub link: Option<LocalizedText>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    /// Language codes; the first is the default.
    pub languages: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeConfig {
    /// The shop's name, shown beside the help center's title.
    pub shop_name: Option<String>,
    /// Path of the logo, relative to the site's `static/` folder.
    pub logo: Option<String>,
    /// A CSS colour for links, buttons and accents.
    pub brand_color: Option<String>,
    /// Where the shop itself lives, linked from the header.
    pub shop_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// Whether raw HTML inside Markdown reaches the page; writers are trusted by default.
    #[serde(default = "yes")]
    pub allow_raw_html: bool,
    /// How many recently updated articles the home page lists.
    #[serde(default = "default_recent")]
    pub recent_articles: usize,
    /// How many promoted articles the home page and the widget list, in article order.
    #[serde(default = "default_promoted")]
    pub promoted_articles: usize,
    /// How many related articles an article lists.
    #[serde(default = "default_related")]
    pub related_articles: usize,
    /// How many articles a category's or tag's page lists before the rest go on further
    /// pages; 0 lists them all on one.
    #[serde(default = "default_per_page")]
    pub articles_per_page: usize,
    /// How many of each section's articles its category's page shows before a link to the
    /// rest, as Zendesk's category pages do.
    #[serde(default = "default_section_preview")]
    pub section_preview_articles: usize,
    /// Writes `<lang>/articles.json`, every article as data, for other tools.
    #[serde(default = "yes")]
    pub articles_json: bool,
    /// Writes `<lang>/llms.txt` and a Markdown copy of each article, for AI assistants.
    #[serde(default = "yes")]
    pub llms_txt: bool,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            allow_raw_html: true,
            recent_articles: default_recent(),
            promoted_articles: default_promoted(),
            related_articles: default_related(),
            articles_per_page: default_per_page(),
            section_preview_articles: default_section_preview(),
            articles_json: true,
            llms_txt: true,
        }
    }
}

fn yes() -> bool {
    true
}
fn default_recent() -> usize {
    5
}
fn default_promoted() -> usize {
    10
}
fn default_related() -> usize {
    4
}
fn default_per_page() -> usize {
    100
}
fn default_section_preview() -> usize {
    5
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactConfig {
    #[serde(default)]
    pub channels: Vec<ChannelConfig>,
    /// Named opening hours that channels refer to.
    #[serde(default)]
    pub hours: BTreeMap<String, ScheduleConfig>,
}

/// One way to reach the shop's support team.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelConfig {
    /// `email`, `phone`, `whatsapp`, `sms`, `chat`, `messenger`, `instagram`, `tiktok`, `x`,
    /// `telegram`, `forum`, `form` or `custom`.
    pub kind: String,
    /// The address, number, user name or URL, depending on the kind.
    pub value: String,
    pub label: Option<LocalizedText>,
    pub note: Option<LocalizedText>,
    pub response_time: Option<LocalizedText>,
    /// Icon name for custom channels.
    pub icon: Option<String>,
    /// The name of a schedule in `[contact.hours]`; a channel without one is always open.
    pub hours: Option<String>,
}

/// Settings that differ per language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The site's title in this language.
    pub title: Option<String>,
    pub description: Option<String>,
    /// The language's own name, shown in the language switcher.
    pub name: Option<String>,
}

impl Config {
    /// Reads and validates `book.toml` in `site_dir`.
    pub fn load(site_dir: &Path) -> Result<Config, Error> {
        let path = site_dir.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::cannot_run(format!(
                "cannot read {}: {e}\n  = help: run `helpbook init` to create a help center here, or name the folder that holds {CONFIG_FILE}",
                path.display()
            ))
        })?;
        Config::parse(&text, &path).map_err(Error::Config)
    }

    /// Parses the text of `book.toml`; `path` is used in error messages. Every mistake found
    /// is returned at once, as `content` does for articles, so a writer fixes them in one go.
    pub fn parse(text: &str, path: &Path) -> Result<Config, SourceErrors> {
        let (config, mut errors) = deserialize_past_unknown_keys(text, path);
        if let Some(config) = &config {
            errors.extend(config.problems(text, path));
        }
        match config {
            Some(config) if errors.is_empty() => Ok(config),
            _ => Err(SourceErrors(errors)),
        }
    }

    pub fn default_language(&self) -> &str {
        &self.site.languages[0]
    }

    /// Every mistake in the values of a `book.toml` that has the right shape.
    fn problems(&self, text: &str, path: &Path) -> Vec<SourceError> {
        let mut errors = self.site_problems(text, path);
        if let Some(color) = &self.theme.brand_color {
            if !is_css_color(color) {
                errors.push(
                    SourceError::new(
                        format!("`{color}` is not a colour helpbook can use"),
                        key_location(text, path, "brand_color"),
                    )
                    .with_source(text)
                    .with_help("use a hex colour such as \"#0f766e\", or rgb(15 118 110)"),
                );
            }
        }
        errors.extend(self.contact_problems(text, path));
        errors.extend(self.feedback_and_announcement_problems(text, path));
        errors.extend(self.check_rule_problems(text, path));
        for code in self.language.keys() {
            if !self.site.languages.contains(code) {
                errors.push(
                    SourceError::new(
                        format!("[language.{code}] is not one of site.languages"),
                        key_location(text, path, &format!("language.{code}")),
                    )
                    .with_source(text),
                );
            }
        }
        errors
    }

    fn site_problems(&self, text: &str, path: &Path) -> Vec<SourceError> {
        let at_key = |key: &str| key_location(text, path, key);
        let mut errors = Vec::new();
        if self.site.languages.is_empty() {
            errors.push(
                SourceError::new("`site.languages` is empty", at_key("languages"))
                    .with_source(text)
                    .with_help("list at least one language code, e.g. languages = [\"en\"]"),
            );
        }
        for code in &self.site.languages {
            if !is_language_code(code) {
                errors.push(
                    SourceError::new(
                        format!("`{code}` is not a language code"),
                        at_key("languages"),
                    )
                    .with_source(text)
                    .with_help("use codes like \"en\", \"ar\", \"pl\" or \"pt-br\""),
                );
            }
        }
        if let Some(dup) = first_duplicate(&self.site.languages) {
            errors.push(
                SourceError::new(
                    format!("language `{dup}` is listed twice"),
                    at_key("languages"),
                )
                .with_source(text),
            );
        }
        if !(self.site.base_url.starts_with("http://")
            || self.site.base_url.starts_with("https://"))
        {
            errors.push(
                SourceError::new(
                    "`site.base_url` must be an absolute http(s) URL",
                    at_key("base_url"),
                )
                .with_source(text)
                .with_help("e.g. base_url = \"https://help.example.com\""),
            );
        }
        errors
    }

    fn check_rule_problems(&self, text: &str, path: &Path) -> Vec<SourceError> {
        let mut errors = Vec::new();
        for rule in self.check.rules.keys() {
            if rules::rule_named(rule).is_none() {
                let names = rules::RULES.iter().map(|r| r.name);
                let help = suggest(rule, names).map_or_else(
                    || "`helpbook check --list-rules` shows the rules".to_string(),
                    |best| format!("did you mean `{best}`?"),
                );
                errors.push(
                    SourceError::new(
                        format!("check.rules: there is no rule `{rule}`"),
                        key_location(text, path, rule),
                    )
                    .with_source(text)
                    .with_help(help),
                );
            }
        }
        errors
    }
}

impl Config {
    fn contact_problems(&self, text: &str, path: &Path) -> Vec<SourceError> {
        let mut errors = Vec::new();
        for (name, schedule) in &self.contact.hours {
            if let Err(problem) = Schedule::parse(schedule) {
                let key = problem
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .split('[')
                    .next()
                    .unwrap_or_default();
                let location =
                    key_location_in_table(text, path, &format!("contact.hours.{name}"), key);
                errors.push(
                    SourceError::new(format!("contact.hours.{name}.{problem}"), location)
                        .with_source(text),
                );
            }
        }
        for (i, channel) in self.contact.channels.iter().enumerate() {
            let at = || nth_table_location(text, path, "[[contact.channels]]", i);
            if let Err(problem) = channels::validate_channel(channel) {
                errors.push(
                    SourceError::new(
                        format!("contact.channels[{i}] ({}): {problem}", channel.kind),
                        at(),
                    )
                    .with_source(text),
                );
            }
            if let Some(hours) = &channel.hours {
                if !self.contact.hours.contains_key(hours) {
                    let known: Vec<&str> = self.contact.hours.keys().map(String::as_str).collect();
                    let help = match suggest(hours, known.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("define it as [contact.hours.{hours}] with a timezone and weekday hours"),
                    };
                    errors.push(
                        SourceError::new(
                            format!("contact.channels[{i}].hours: there is no schedule `{hours}`"),
                            at(),
                        )
                        .with_source(text)
                        .with_help(help),
                    );
                }
            }
        }
        errors
    }
}

impl Config {
    fn feedback_and_announcement_problems(&self, text: &str, path: &Path) -> Vec<SourceError> {
        let mut errors = Vec::new();
        if let Some(endpoint) = &self.feedback.endpoint {
            let is_url =
                url::Url::parse(endpoint).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
            if !is_url && !endpoint.starts_with('/') {
                errors.push(
                    SourceError::new(
                        format!(
                            "feedback.endpoint: `{endpoint}` is not an http(s) URL or a site path"
                        ),
                        key_location(text, path, "endpoint"),
                    )
                    .with_source(text),
                );
            }
        }
        if let Some(tool) = &self.feedback.analytics {
            if !ANALYTICS_TOOLS.contains(&tool.as_str()) {
                let help = suggest(tool, ANALYTICS_TOOLS.iter().copied()).map_or_else(
                    || format!("use one of {}", ANALYTICS_TOOLS.join(", ")),
                    |t| format!("did you mean `{t}`?"),
                );
                errors.push(
                    SourceError::new(
                        format!(
                            "feedback.analytics: `{tool}` is not a tool helpbook can report to"
                        ),
                        key_location(text, path, "analytics"),
                    )
                    .with_source(text)
                    .with_help(help),
                );
            }
        }
        for (i, announcement) in self.announcements.iter().enumerate() {
            let at = || nth_table_location(text, path, "[[announcements]]", i);
            let problem = |message: String| SourceError::new(message, at()).with_source(text);
            let date = |d: &Option<toml::value::Datetime>| {
                d.as_ref()
                    .and_then(|d| d.date)
                    .map(|d| (d.year, d.month, d.day))
            };
            if announcement.starts.is_some() && date(&announcement.starts).is_none()
                || announcement.ends.is_some() && date(&announcement.ends).is_none()
            {
                errors.push(problem(format!(
                    "announcements[{i}]: starts and ends are dates like 2026-12-01"
                )));
            }
            if let (Some(starts), Some(ends)) =
                (date(&announcement.starts), date(&announcement.ends))
            {
                if ends < starts {
                    errors.push(problem(format!(
                        "announcements[{i}]: ends before it starts"
                    )));
                }
            }
            if !crate::slug::is_path_segment(&announcement.id) {
                errors.push(problem(format!(
                    "announcements[{i}].id: `{}` must be letters, digits and hyphens",
                    announcement.id
                )));
            }
        }
        errors
    }
}

/// Deserializes `book.toml`, reporting every unknown key rather than the first: serde stops
/// at the first, so each one's line is made a comment and the text read again. Only a line
/// that holds nothing but that key and a value is hidden this way, so what is read again
/// is what the writer wrote less the unknown keys. A key missing after that (a misspelt
/// `title`) is not reported: its misspelling already was.
fn deserialize_past_unknown_keys(text: &str, path: &Path) -> (Option<Config>, Vec<SourceError>) {
    let mut read = text.to_string();
    let mut errors = Vec::new();
    loop {
        match toml::from_str::<Config>(&read) {
            Ok(config) => return (Some(config), errors),
            Err(e) => {
                let unknown = e.message().starts_with("unknown field");
                if errors.is_empty() || unknown || !e.message().starts_with("missing field") {
                    errors.push(toml_error(&e, text, path));
                }
                match e.span().filter(|_| unknown) {
                    Some(span) if hide_key_line(&mut read, span.start) => {}
                    _ => return (None, errors),
                }
            }
        }
    }
}

/// Turns the line whose key starts at `offset` into a comment, keeping every offset in
/// `text` where it was; `false` when that line is not a single `key = value`.
fn hide_key_line(text: &mut String, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let starts_at_key = line[..offset - line_start].trim().is_empty();
    if !starts_at_key || line.trim_start().starts_with('[') {
        return false;
    }
    if toml::from_str::<toml::Table>(line).is_err() || !text.is_char_boundary(offset + 1) {
        return false;
    }
    text.replace_range(offset..offset + 1, "#");
    true
}

/// Where `key` is set inside the table `[table]`, else the table's header.
fn key_location_in_table(text: &str, path: &Path, table: &str, key: &str) -> Location {
    let header = format!("[{table}]");
    let mut offset = 0;
    let mut in_table = false;
    let mut header_offset = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_table = trimmed == header;
            if in_table {
                header_offset = Some(offset);
            }
        } else if in_table && !key.is_empty() && trimmed.starts_with(key) {
            return Location::from_offset(
                path,
                text,
                offset + (line.len() - line.trim_start().len()),
                1,
            );
        }
        offset += line.len();
    }
    Location::from_offset(path, text, header_offset.unwrap_or(0), 1)
}

/// Where the `index`-th `[[array]]` table header stands.
fn nth_table_location(text: &str, path: &Path, header: &str, index: usize) -> Location {
    let offset = text
        .match_indices(header)
        .nth(index)
        .map_or(0, |(offset, _)| offset);
    Location::from_offset(path, text, offset, 1)
}

/// Language codes are lower-case letters with an optional region: `en`, `pt-br`.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A colour in hex (`#0f766e`) or a simple CSS colour function; nothing that could end the
/// CSS declaration it is written into.
fn is_css_color(value: &str) -> bool {
    let value = value.trim();
    if let Some(hex) = value.strip_prefix('#') {
        return [3, 4, 6, 8].contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    let functions = ["rgb(", "rgba(", "hsl(", "hsla(", "oklch(", "oklab("];
    functions.iter().any(|f| value.starts_with(f))
        && value.ends_with(')')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ,.%/()-".contains(c))
}

fn first_duplicate(items: &[String]) -> Option<&String> {
    items
        .iter()
        .enumerate()
        .find(|(i, item)| items[..*i].contains(item))
        .map(|(_, item)| item)
}

/// Where `key` is first set in the TOML text, or the file's first line.
fn key_location(text: &str, path: &Path, key: &str) -> Location {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    // split_inclusive keeps each line's own end (`\n` or `\r\n`), so offsets stay right in
    // a book.toml saved with Windows line ends.
    let offset = text
        .split_inclusive('\n')
        .scan(0, |start, line| {
            let here = *start;
            *start += line.len();
            Some((here, line))
        })
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            trimmed.starts_with(leaf) || trimmed.starts_with(&format!("[{key}]"))
        })
        .map(|(start, line)| start + (line.len() - line.trim_start().len()))
        .unwrap_or(0);
    Location::from_offset(path, text, offset, 1)
}

/// Turns a TOML or schema error into one that points at the line and suggests a fix.
pub(crate) fn toml_error(err: &toml::de::Error, text: &str, path: &Path) -> SourceError {
    let offset = err.span().map_or(0, |s| s.start);
    let location = Location::from_offset(path, text, offset, 1);
    let message = err.message().trim().to_string();
    let help = unknown_key_help(&message);
    let mut error = SourceError::new(describe_toml_message(&message), location).with_source(text);
    if let Some(help) = help {
        error = error.with_help(help);
    }
    error
}

fn describe_toml_message(message: &str) -> String {
    if message.starts_with("unknown field") {
        format!("unknown key in {CONFIG_FILE}: {message}")
    } else {
        message.to_string()
    }
}

/// serde says "unknown field `titel`, expected one of `title`, `base_url`"; we say which.
pub(crate) fn unknown_key_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match suggest(unknown, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("known keys here: {}", candidates.join(", "))),
    }
}

/// The folder that holds the site, and the paths helpbook reads inside it.
#[derive(Debug, Clone)]
pub struct SitePaths {
    pub root: PathBuf,
}

impl SitePaths {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root: PathBuf = root.into();
        // `.` adds nothing to the paths shown to writers but noise: `./content/...`.
        let root = if root == Path::new(".") {
            PathBuf::new()
        } else {
            root
        };
        SitePaths { root }
    }
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }
    pub fn static_files(&self) -> PathBuf {
        self.root.join("static")
    }
    pub fn theme_overrides(&self) -> PathBuf {
        self.root.join("themes").join("default")
    }
    pub fn i18n(&self) -> PathBuf {
        self.root.join("i18n")
    }
    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "[site]\ntitle = \"Help\"\nbase_url = \"https://help.example.com\"\nlanguages = [\"en\", \"ar\"]\n";

    /// The config, or the first of its mistakes.
    fn parse(text: &str) -> Result<Config, SourceError> {
        Config::parse(text, Path::new("book.toml")).map_err(|errors| errors.0[0].clone())
    }

    fn all_mistakes(text: &str) -> Vec<(usize, String)> {
        let errors = Config::parse(text, Path::new("book.toml")).expect_err(text);
        errors
            .0
            .iter()
            .map(|e| (e.location.line, e.to_string()))
            .collect()
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let text = format!(
            "{MINIMAL}[build]\nallow_raw_htm = false\n[theme]\nbrand_color = \"teal;\"\nlogo_url = \"x.png\"\n[check.rules]\nbroken-lnk = \"off\"\n[[contact.channels]]\nkind = \"phone\"\nvalue = \"22 555 01 23\"\nhours = \"office\"\n"
        );
        let found = all_mistakes(&text);
        // (line, what the message says), in the order they are reported
        let expected = [
            (6, "did you mean `allow_raw_html`?"),
            (9, "unknown key in book.toml: unknown field `logo_url`"),
            (8, "`teal;` is not a colour"),
            (12, "not a phone number in international form"),
            (12, "there is no schedule `office`"),
            (11, "did you mean `broken-link`?"),
        ];
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for ((line, shown), (expected_line, says)) in found.iter().zip(expected) {
            assert_eq!(*line, expected_line, "{shown}");
            assert!(shown.contains(says), "{says:?} not in {shown}");
        }
    }

    #[test]
    fn a_misspelt_required_key_is_reported_once() {
        let found = all_mistakes(
            "[site]\ntitel = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = [\"en\"]\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].1.contains("did you mean `title`?"), "{found:#?}");
    }

    #[test]
    fn unknown_keys_in_a_value_spanning_lines_stop_the_search() {
        let text = format!("{MINIMAL}[theme]\nlogos = [\n  \"a\",\n]\nshop_nam = \"x\"\n");
        let found = all_mistakes(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].0, 6);
    }

    #[test]
    fn minimal_config_parses_with_defaults() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.default_language(), "en");
        assert!(config.build.allow_raw_html);
        assert!(config.contact.channels.is_empty());
    }

    #[test]
    fn mistakes_name_the_line_and_suggest_a_fix() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "[site]\ntitel = \"Help\"\n",
                2,
                "did you mean `title`?",
            ),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = [\"en\"]\n[theme]\nbrand_colour = \"#000\"\n",
                6,
                "did you mean `brand_color`?",
            ),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"help.example.com\"\nlanguages = [\"en\"]\n",
                3,
                "absolute http(s) URL",
            ),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = [\"en\", \"English\"]\n",
                4,
                "not a language code",
            ),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = [\"en\", \"en\"]\n",
                4,
                "listed twice",
            ),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = []\n",
                4,
                "is empty",
            ),
            ("[site\n", 1, "unclosed table"),
            (
                "[site]\ntitle = \"Help\"\nbase_url = \"https://x.org\"\nlanguages = [\"en\"]\n[theme]\nbrand_color = \"red;}body{display:none\"\n",
                6,
                "not a colour",
            ),
        ];
        for (text, line, expected) in cases {
            let err = parse(text).expect_err(text);
            let shown = err.to_string();
            assert_eq!(err.location.line, *line, "{shown}");
            assert!(shown.contains(expected), "{expected:?} not in {shown}");
        }
    }

    #[test]
    fn windows_line_ends_do_not_shift_the_reported_place() {
        let text = "[site]\r\ntitle = \"Help\"\r\nbase_url = \"https://x.org\"\r\nlanguages = [\"en\"]\r\n[theme]\r\n  brand_color = \"nope\"\r\n";
        let err = parse(text).unwrap_err();
        assert_eq!((err.location.line, err.location.column), (6, 3), "{err}");
    }

    #[test]
    fn language_tables_must_name_configured_languages() {
        let text = format!("{MINIMAL}[language.pl]\ntitle = \"Pomoc\"\n");
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("language.pl"), "{err}");
        assert_eq!(err.location.line, 5);
    }

    #[test]
    fn contact_mistakes_name_the_key() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "[contact.hours.support]\ntimezone = \"Europe/Warsaw\"\nmonday = \"18:00-08:00\"\n",
                7,
                "contact.hours.support.monday: `18:00-08:00` ends before it starts",
            ),
            (
                "[contact.hours.support]\ntimezone = \"Mars/Olympus\"\n",
                6,
                "contact.hours.support.timezone",
            ),
            (
                "[[contact.channels]]\nkind = \"email\"\nvalue = \"help at shop\"\n",
                5,
                "contact.channels[0] (email): `help at shop` is not an e-mail address",
            ),
            (
                "[[contact.channels]]\nkind = \"email\"\nvalue = \"a@b.org\"\n[[contact.channels]]\nkind = \"phone\"\nvalue = \"22 555 01 23\"\n",
                8,
                "contact.channels[1] (phone): `22 555 01 23` is not a phone number in international form",
            ),
            (
                "[[contact.channels]]\nkind = \"whatsap\"\nvalue = \"+48600100200\"\n",
                5,
                "did you mean `whatsapp`?",
            ),
            (
                "[[contact.channels]]\nkind = \"chat\"\nvalue = \"javascript:alert(1)\"\n",
                5,
                "is not an http(s) URL",
            ),
            (
                "[contact.hours.support]\ntimezone = \"UTC\"\n[[contact.channels]]\nkind = \"phone\"\nvalue = \"+48225550123\"\nhours = \"suport\"\n",
                7,
                "did you mean `support`?",
            ),
        ];
        for (extra, line, expected) in cases {
            let text = format!("{MINIMAL}{extra}");
            let err = parse(&text).expect_err(extra);
            let shown = err.to_string();
            assert!(shown.contains(expected), "{expected:?} not in {shown}");
            assert_eq!(err.location.line, *line, "{shown}");
        }
    }

    #[test]
    fn feedback_and_announcement_mistakes() {
        let cases: &[(&str, &str)] = &[
            ("[feedback]\nendpoint = \"ftp://x\"\n", "feedback.endpoint: `ftp://x` is not an http(s) URL"),
            ("[feedback]\nanalytics = \"plausable\"\n", "did you mean `plausible`?"),
            ("[[announcements]]\nid = \"x\"\ntext = \"Hi\"\nstarts = 2026-12-10\nends = 2026-12-01\n", "announcements[0]: ends before it starts"),
            ("[[announcements]]\nid = \"two words\"\ntext = \"Hi\"\n", "announcements[0].id"),
        ];
        for (extra, expected) in cases {
            let err = parse(&format!("{MINIMAL}{extra}")).expect_err(extra);
            assert!(
                err.to_string().contains(expected),
                "{expected:?} not in {err}"
            );
        }
        let ok = parse(&format!(
            "{MINIMAL}[feedback]\nendpoint = \"/api/vote\"\nanalytics = \"umami\"\n"
        ))
        .unwrap();
        assert_eq!(ok.feedback.analytics.as_deref(), Some("umami"));
    }

    #[test]
    fn localized_text_takes_one_string_or_a_table() {
        let text = format!(
            "{MINIMAL}[[contact.channels]]\nkind = \"email\"\nvalue = \"a@b.org\"\nlabel = {{ en = \"Mail\", ar = \"بريد\" }}\nnote = \"Any time\"\n"
        );
        let config = parse(&text).unwrap();
        let channel = &config.contact.channels[0];
        assert_eq!(
            channel.label.as_ref().unwrap().get("ar", "en"),
            Some("بريد")
        );
        assert_eq!(
            channel.label.as_ref().unwrap().get("pl", "en"),
            Some("Mail")
        );
        assert_eq!(
            channel.note.as_ref().unwrap().get("ar", "en"),
            Some("Any time")
        );
    }
}
