//! Markdown to HTML, with what the rest of the site needs to know about each article.
//!
//! One pass over pulldown-cmark's events does everything: headings get ids and anchors (and
//! feed the table of contents), links to files become links to pages, GitHub alerts become
//! callouts, fenced code is highlighted, and the plain text is collected for search. The
//! result is a pure function of the article and the link targets, so articles render in
//! parallel. Callouts written as MkDocs or Docusaurus write them are rewritten before that
//! pass (`callouts`), into markers the pass turns into the same markup as GitHub alerts.

pub mod callouts;
pub mod highlight;
pub mod links;

use std::path::Path;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use rustc_hash::FxHashMap;

use crate::error::{LineStarts, Location, Warning};
use crate::slug::slugify;
use crate::text::{collapse_whitespace, escape_html};
pub use links::{LinkTargets, Resolution};

/// The words a callout's title shows, in the article's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertTitles {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
}

impl Default for AlertTitles {
    fn default() -> Self {
        AlertTitles {
            note: "Note".into(),
            tip: "Tip".into(),
            important: "Important".into(),
            warning: "Warning".into(),
            caution: "Caution".into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    pub alert_titles: AlertTitles,
    /// When false, raw HTML in Markdown is shown as text.
    pub allow_raw_html: bool,
}

/// The Markdown body of one file and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownInput<'a> {
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    pub display_path: &'a Path,
    /// Content-relative path, for resolving relative links.
    pub rel_path: &'a str,
    /// A question-and-answer article: each `##` heading is a question, and it and its answer
    /// become a disclosure (`<details>`), which works without JavaScript.
    pub faq: bool,
}

/// One question of an FAQ article with its answer as plain text, for FAQPage structured data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
}

/// A heading of an article, for the table of contents and for search.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link from an article to a page of the site, for checking anchors later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    /// The URL it was rewritten to, fragment included.
    pub url: String,
    pub location: Location,
}

/// A link to another site, checked only by `helpbook check --external`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub url: String,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    pub plain_text: String,
    /// Words in `plain_text`, counted once here for reading times and reports.
    pub word_count: usize,
    /// Whether any code was highlighted, so the page needs the highlighting stylesheet.
    pub has_highlighted_code: bool,
    pub page_links: Vec<PageLink>,
    pub faq: Vec<FaqEntry>,
    pub warnings: Vec<Warning>,
    /// Images whose alternative text is empty, which screen readers cannot describe.
    pub images_without_alt: Vec<Location>,
    pub external_links: Vec<ExternalLink>,
    /// Links to a heading of the same article (`#fees`), for checking that it exists.
    pub local_anchors: Vec<PageLink>,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders one article's body.
pub fn render(
    input: MarkdownInput<'_>,
    targets: &LinkTargets,
    options: &MarkdownOptions,
) -> RenderedMarkdown {
    let rewritten = callouts::rewrite(input.body);
    let source = rewritten.as_ref().map_or(input.body, |r| r.text.as_str());
    let mut renderer = Renderer::new(input, targets, options, rewritten.as_ref());
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        renderer.handle(event, range.start);
    }
    renderer.finish()
}

/// Bytes of Markdown per event, about, in articles of prose and lists.
const EVENT_BYTES: usize = 16;

/// A heading being collected until its end, so its text can become its id.
struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<String>,
    events: Vec<Event<'a>>,
    text: String,
}

/// A fenced or indented code block being collected until its end.
struct OpenCode {
    lang: String,
    text: String,
}

struct Renderer<'a, 'o> {
    input: MarkdownInput<'a>,
    targets: &'o LinkTargets,
    options: &'o MarkdownOptions,
    events: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode>,
    used_ids: FxHashMap<String, usize>,
    line_starts: Option<LineStarts>,
    /// The source with other tools' callouts rewritten, when it had any: events' offsets
    /// are in its text, and its markers are where callouts start and end.
    callouts: Option<&'a callouts::Rewritten>,
    /// The first of the callout markers not yet reached.
    next_marker: usize,
    /// For each callout open around the current event, whether it is a disclosure. Ends
    /// follow this rather than the markers, so the HTML stays balanced even if the parser
    /// read a marker as something else.
    open_callouts: Vec<bool>,
    /// Whether an FAQ answer is open and collecting text.
    in_faq_answer: bool,
    /// An image being read, with the alternative text seen so far.
    open_image: Option<(Location, String)>,
    out: RenderedMarkdown,
}

impl<'a, 'o> Renderer<'a, 'o> {
    fn new(
        input: MarkdownInput<'a>,
        targets: &'o LinkTargets,
        options: &'o MarkdownOptions,
        callouts: Option<&'a callouts::Rewritten>,
    ) -> Self {
        // Both fill up as the body is read; starting them near their final size saves the
        // copies of growing them, a few percent of rendering.
        let events = Vec::with_capacity(input.body.len() / EVENT_BYTES);
        let plain_text = String::with_capacity(input.body.len());
        Renderer {
            input,
            targets,
            options,
            events,
            heading: None,
            code: None,
            used_ids: FxHashMap::default(),
            line_starts: None,
            callouts,
            next_marker: 0,
            open_callouts: Vec::new(),
            in_faq_answer: false,
            open_image: None,
            out: RenderedMarkdown {
                plain_text,
                ..RenderedMarkdown::default()
            },
        }
    }

    fn location(&mut self, offset: usize) -> Location {
        // Found once, on the first link: scanning from the start for every link made a long
        // article with many links take quadratic time.
        let body = self.input.body;
        let offset = self
            .callouts
            .map_or(offset, |rewritten| rewritten.original_offset(offset));
        let line_starts = self
            .line_starts
            .get_or_insert_with(|| LineStarts::new(body));
        line_starts.location(self.input.display_path, body, offset, self.input.body_line)
    }

    fn handle(&mut self, event: Event<'a>, offset: usize) {
        if self.code.is_some() {
            return self.handle_in_code(event, offset);
        }
        if let Event::Html(_) = &event {
            if let Some(edge) = self.callout_edge(offset) {
                return self.push_callout_edge(edge);
            }
        }
        if let Event::Start(tag) = &event {
            if starts_block(tag) {
                // A tight list item has no paragraph to end, so its words would run into
                // the next block's: `item0item1`.
                self.collect_text(" ");
            }
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    level,
                    explicit_id: id.map(|id| id.to_string()),
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some(OpenCode {
                    lang,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.rewrite(dest_url, offset);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.open_image = Some((self.location(offset), String::new()));
                let dest_url = self.rewrite(dest_url, offset);
                self.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let html = callout_start(kind, Some(self.alert_title(kind)), None);
                self.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((location, alt)) = self.open_image.take() {
                    if alt.trim().is_empty() {
                        self.out.images_without_alt.push(location);
                    }
                }
                self.push(event);
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.push(Event::Html(callout_end(false).into()));
            }
            Event::Start(Tag::Table(alignments)) => {
                self.push(Event::Html("<div class=\"table-wrap\">".into()));
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.push(Event::End(TagEnd::Table));
                self.push(Event::Html("</div>\n".into()));
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.options.allow_raw_html => {
                self.push(Event::Text(html));
            }
            Event::Text(text) => {
                self.collect_text(&text);
                self.push(Event::Text(text));
            }
            Event::Code(text) => {
                self.collect_text(&text);
                self.push(Event::Code(text));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell)
            | Event::SoftBreak
            | Event::HardBreak => {
                self.collect_text(" ");
                self.push(event);
            }
            other => self.push(other),
        }
    }

    fn handle_in_code(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::Text(text) => {
                let text = self.without_markers(text, offset);
                if let Some(code) = &mut self.code {
                    code.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => self.close_code_block(),
            _ => {}
        }
    }

    /// Code text at `offset` without the callout markers in it. The parser reads a marker as
    /// code when the pre-pass took a line for a fence that was not one (inside a writer's
    /// HTML block, say); it is not shown, and `finish` closes its callout.
    fn without_markers(&mut self, text: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(rewritten) = self.callouts else {
            return text;
        };
        let end = offset + text.len();
        let marker_bytes = callouts::MARKER_TEXT.as_bytes();
        let mut kept = String::new();
        let mut copied = 0;
        while let Some(marker) = rewritten.markers().get(self.next_marker) {
            if marker.at >= end {
                break;
            }
            self.next_marker += 1;
            let Some(at) = marker.at.checked_sub(offset) else {
                continue;
            };
            if text.as_bytes()[at..].starts_with(marker_bytes) {
                kept.push_str(&text[copied..at]);
                copied = at + marker_bytes.len();
            }
        }
        if copied == 0 {
            return text;
        }
        kept.push_str(&text[copied..]);
        kept.into()
    }

    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(heading) => heading.events.push(event),
            None => self.events.push(event),
        }
    }

    fn collect_text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.open_image {
            alt.push_str(text);
        }
        let mut in_question = false;
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
            in_question = self.input.faq && heading.level == HeadingLevel::H2;
        }
        if self.in_faq_answer && !in_question {
            if let Some(entry) = self.out.faq.last_mut() {
                entry.answer.push_str(text);
            }
        }
        self.out.plain_text.push_str(text);
    }

    fn rewrite(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        match self.targets.resolve(&dest, self.input.rel_path) {
            Resolution::Unchanged => {
                if dest.starts_with("https://") || dest.starts_with("http://") {
                    let location = self.location(offset);
                    self.out.external_links.push(ExternalLink {
                        url: dest.to_string(),
                        location,
                    });
                } else if dest.len() > 1 && dest.starts_with('#') {
                    let location = self.location(offset);
                    self.out.local_anchors.push(PageLink {
                        url: dest.to_string(),
                        location,
                    });
                }
                dest
            }
            Resolution::Rewritten(url) => {
                let asset = url
                    .strip_prefix(self.targets.base_path.as_str())
                    .is_some_and(|path| path.starts_with("assets"));
                if !asset && !dest.contains("://") {
                    let location = self.location(offset);
                    self.out.page_links.push(PageLink {
                        url: url.clone(),
                        location,
                    });
                }
                url.into()
            }
            Resolution::Missing(why) => {
                let path = dest.split(['#', '?']).next().unwrap_or_default();
                let rule = if path.ends_with(".md") || path.ends_with('/') {
                    "broken-link"
                } else {
                    "missing-file"
                };
                let warning = Warning::at(self.location(offset), format!("broken link: {why}"));
                self.out.warnings.push(warning.rule(rule));
                dest
            }
        }
    }

    /// The callout edge whose marker is the HTML at `offset`, if it is one. Markers are
    /// known by where they are, so a writer's own comment never passes for one.
    fn callout_edge(&mut self, offset: usize) -> Option<&'a callouts::Edge> {
        let markers = self.callouts?.markers();
        // A marker the parser read as something else (as code, say) is passed by, so one
        // lost marker does not put every later one out of step.
        while markers.get(self.next_marker)?.at < offset {
            self.next_marker += 1;
        }
        let marker = markers.get(self.next_marker).filter(|m| m.at == offset)?;
        self.next_marker += 1;
        Some(&marker.edge)
    }

    fn push_callout_edge(&mut self, edge: &callouts::Edge) {
        let html = match edge {
            callouts::Edge::Open(opening) => {
                self.open_callouts.push(opening.disclosure.is_some());
                let title = match &opening.title {
                    callouts::Title::Default => Some(self.alert_title(opening.kind)),
                    callouts::Title::Hidden => None,
                    callouts::Title::Custom(text) => {
                        // The writer's own words, so search finds the callout by them.
                        self.collect_text(text);
                        self.collect_text(" ");
                        Some(text.as_str())
                    }
                };
                callout_start(opening.kind, title, opening.disclosure)
            }
            callouts::Edge::Close => match self.open_callouts.pop() {
                Some(disclosure) => callout_end(disclosure).to_string(),
                None => return,
            },
        };
        self.push(Event::Html(html.into()));
    }

    fn alert_title(&self, kind: BlockQuoteKind) -> &str {
        let titles = &self.options.alert_titles;
        match kind {
            BlockQuoteKind::Note => &titles.note,
            BlockQuoteKind::Tip => &titles.tip,
            BlockQuoteKind::Important => &titles.important,
            BlockQuoteKind::Warning => &titles.warning,
            BlockQuoteKind::Caution => &titles.caution,
        }
    }

    fn close_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        self.collect_text(" ");
        let (text, _) = collapse_whitespace(&heading.text);
        let id = self.unique_id(heading.explicit_id.unwrap_or_else(|| slugify(&text)));
        let mut inner = String::new();
        pulldown_cmark::html::push_html(&mut inner, heading.events.into_iter());
        let level = heading.level as u8;
        let id_attr = escape_html(&id);
        // Pieces pushed in turn rather than `format!`, which cost three times as much for
        // each of a help center's many headings.
        let mut html = String::with_capacity(inner.len() + 2 * id_attr.len() + 160);
        if self.input.faq && level == 2 {
            self.open_faq_item(&text);
            for piece in [
                "<details class=\"faq-item\" id=\"",
                &id_attr,
                "\"><summary><h2 class=\"faq-question\">",
                &inner,
                "</h2></summary><div class=\"faq-answer\">\n",
            ] {
                html.push_str(piece);
            }
        } else {
            let digit = char::from(b'0' + level);
            html.push_str("<h");
            html.push(digit);
            for piece in [
                " id=\"",
                &id_attr,
                "\">",
                &inner,
                " <a class=\"heading-anchor\" href=\"#",
                &id_attr,
                "\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h",
            ] {
                html.push_str(piece);
            }
            html.push(digit);
            html.push_str(">\n");
        }
        self.events.push(Event::Html(html.into()));
        self.out.headings.push(Heading { level, id, text });
    }

    /// Closes the previous question's disclosure, if any, and starts collecting a new answer.
    fn open_faq_item(&mut self, question: &str) {
        self.close_faq_item();
        self.in_faq_answer = true;
        self.out.faq.push(FaqEntry {
            question: question.to_string(),
            answer: String::new(),
        });
    }

    fn close_faq_item(&mut self) {
        if self.in_faq_answer {
            self.events.push(Event::Html("</div></details>\n".into()));
            self.in_faq_answer = false;
            if let Some(entry) = self.out.faq.last_mut() {
                entry.answer = collapse_whitespace(&entry.answer).0;
            }
        }
    }

    /// Two headings with the same text get `-1`, `-2` suffixes so each anchor is unique.
    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let count = self.used_ids.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }

    fn close_code_block(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        self.collect_text(&code.text);
        self.collect_text(" ");
        let lang = code
            .lang
            .split([' ', ',', '{'])
            .next()
            .unwrap_or_default()
            .to_string();
        let highlighted = if lang.is_empty() {
            None
        } else {
            highlight::highlight(&code.text, &lang)
        };
        let body = match highlighted {
            Some(html) => {
                self.out.has_highlighted_code = true;
                html
            }
            None => escape_html(&code.text),
        };
        let lang_attr = if lang.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape_html(&lang))
        };
        let html = format!(
            "<pre class=\"code\"{lang_attr} dir=\"ltr\" tabindex=\"0\"><code>{body}</code></pre>\n"
        );
        self.push(Event::Html(html.into()));
    }

    fn finish(mut self) -> RenderedMarkdown {
        while let Some(disclosure) = self.open_callouts.pop() {
            self.push(Event::Html(callout_end(disclosure).into()));
        }
        self.close_faq_item();
        pulldown_cmark::html::push_html(&mut self.out.html, self.events.into_iter());
        self.out.html = without_spare_capacity(std::mem::take(&mut self.out.html));
        let (text, words) = collapse_whitespace(&self.out.plain_text);
        self.out.plain_text = text;
        self.out.word_count = words;
        self.out
    }
}

/// `text` in a block of its own length. The model keeps every article's HTML for the whole
/// build, and a string grown by doubling holds up to twice its length: at 100,000 articles,
/// 500 MB of blocks for 341 MB of HTML. `shrink_to_fit` would not give the space back, since
/// mimalloc keeps a block in place when at least half of it stays in use, so the text is
/// copied into a new one when more than an eighth is spare.
fn without_spare_capacity(text: String) -> String {
    if text.capacity() - text.len() > text.len() / 8 {
        text.as_str().to_owned()
    } else {
        text
    }
}

fn starts_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn alert_class(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// The opening markup of a callout, the same for GitHub alerts and the other tools' syntaxes
/// so the theme styles them all alike. `disclosure` is `Some(open)` for one that folds.
fn callout_start(kind: BlockQuoteKind, title: Option<&str>, disclosure: Option<bool>) -> String {
    let class = alert_class(kind);
    match (disclosure, title) {
        (None, Some(title)) => format!(
            "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>",
            escape_html(title)
        ),
        (None, None) => format!("<div class=\"callout callout-{class}\" role=\"note\">"),
        // `details` may not take the note role, and its summary is the title.
        (Some(open), title) => format!(
            "<details class=\"callout callout-{class}\"{}><summary class=\"callout-title\">{}</summary>",
            if open { " open" } else { "" },
            escape_html(title.unwrap_or_default())
        ),
    }
}

fn callout_end(disclosure: bool) -> &'static str {
    if disclosure {
        "</details>\n"
    } else {
        "</div>\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_md(body: &str) -> RenderedMarkdown {
        render_with(
            body,
            &MarkdownOptions {
                allow_raw_html: true,
                ..Default::default()
            },
        )
    }

    /// Renders each case's Markdown and checks its HTML holds the expected piece.
    fn assert_each_renders_containing(cases: &[(&str, &str)]) {
        for (markdown, expected) in cases {
            let html = render_md(markdown).html;
            assert!(
                html.contains(expected),
                "{markdown:?}\n  expected {expected:?}\n  in {html}"
            );
        }
    }

    fn render_with(body: &str, options: &MarkdownOptions) -> RenderedMarkdown {
        let targets = LinkTargets {
            base_path: "/".into(),
            pages: [(
                "en/returns/refunds.md".to_string(),
                "/en/returns/refunds/".to_string(),
            )]
            .into(),
            files: Default::default(),
        };
        let input = MarkdownInput {
            body,
            body_line: 5,
            display_path: Path::new("content/en/returns/policy.md"),
            rel_path: "en/returns/policy.md",
            faq: body.starts_with("Questions"),
        };
        render(input, &targets, options)
    }

    #[test]
    fn html_cases() {
        let cases: &[(&str, &str)] = &[
            ("## When will I get my money? {#timing}\n", "<h2 id=\"timing\">When will I get my money? <a class=\"heading-anchor\" href=\"#timing\""),
            ("## Zwrot *pieniędzy*\n", "<h2 id=\"zwrot-pieniędzy\">Zwrot <em>pieniędzy</em> <a"),
            ("> [!WARNING]\n> Keep the receipt.\n", "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>"),
            ("> [!TIP]\n> Use the app.\n", "callout-tip"),
            ("> Just a quote\n", "<blockquote>"),
            ("| a | b |\n|---|---|\n| 1 | 2 |\n", "<div class=\"table-wrap\"><table>"),
            ("- [x] done\n- [ ] todo\n", "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"),
            ("~~old~~ new\n", "<del>old</del>"),
            ("Note[^1].\n\n[^1]: Footnote text.\n", "class=\"footnote-definition\""),
            ("See [refunds](../returns/refunds.md#timing).\n", "<a href=\"/en/returns/refunds/#timing\">refunds</a>"),
            ("```json\n{\"a\": 1}\n```\n", "<pre class=\"code\" data-lang=\"json\" dir=\"ltr\" tabindex=\"0\"><code>{<span class=\"hl-string\">"),
            ("```\n<b>plain</b>\n```\n", "<code>&lt;b&gt;plain&lt;/b&gt;\n</code>"),
            ("<kbd>Ctrl</kbd>\n", "<kbd>Ctrl</kbd>"),
        ];
        assert_each_renders_containing(cases);
    }

    #[test]
    fn rendered_html_is_kept_without_much_spare_room() {
        // Long enough for the string to grow several times while it is written.
        let body = "A paragraph about returns and refunds.\n\n".repeat(300);
        let html = render_md(&body).html;
        assert!(html.len() > 10_000, "{}", html.len());
        assert!(
            html.capacity() - html.len() <= html.len() / 8,
            "{} bytes in a block of {}",
            html.len(),
            html.capacity()
        );
        assert_eq!(html.matches("<p>").count(), 300);
    }

    #[test]
    fn raw_html_can_be_turned_off() {
        let options = MarkdownOptions {
            allow_raw_html: false,
            ..Default::default()
        };
        let html = render_with("<script>alert(1)</script>\n\nHi <b>x</b>\n", &options).html;
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn headings_are_collected_with_unique_ids() {
        let out = render_md("# Title\n## Steps\n### Steps\n## Steps\n## إِرجاع المنتج\n");
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["title", "steps", "steps-1", "steps-2", "إرجاع-المنتج"]
        );
        assert_eq!(out.headings[4].text, "إِرجاع المنتج");
        assert_eq!(out.headings[1].level, 2);
    }

    #[test]
    fn broken_links_warn_with_file_and_line() {
        let out = render_md("Intro\n\nSee [x](../returns/refnds.md) and ![pic](missing.png).\n");
        let shown: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(
            shown[0].starts_with("content/en/returns/policy.md:7:5: broken link"),
            "{shown:?}"
        );
        assert!(shown[1].contains("missing.png"), "{shown:?}");
        let rules: Vec<_> = out.warnings.iter().map(|w| w.rule).collect();
        assert_eq!(rules, [Some("broken-link"), Some("missing-file")]);
    }

    #[test]
    fn images_without_alt_and_external_links_are_noted_with_their_place() {
        let body = "![](a.png) ![a box](b.png)\n\n[shop](https://shop.example/x) [here](#top)\n";
        let out = render_md(body);
        let at: Vec<_> = out
            .images_without_alt
            .iter()
            .map(|l| (l.line, l.column))
            .collect();
        assert_eq!(at, [(5, 1)]);
        let links: Vec<_> = out
            .external_links
            .iter()
            .map(|l| (l.url.as_str(), l.location.line, l.location.column))
            .collect();
        assert_eq!(links, [("https://shop.example/x", 7, 1)]);
    }

    #[test]
    fn plain_text_has_words_not_markup() {
        let out = render_md("## Refunds\n\nWe **refund** in `5` days.\n\n- one\n- two\n");
        assert_eq!(out.plain_text, "Refunds We refund in 5 days. one two");
        assert_eq!(out.word_count, 8);
        assert!(!out.has_highlighted_code);
    }

    #[test]
    fn plain_text_keeps_blocks_apart() {
        let cases: &[(&str, &str)] = &[
            ("- parent\n  - child\n", "parent child"),
            ("- a\n  > quoted\n", "a quoted"),
            ("- a\n  ```\n  code\n  ```\n", "a code"),
            ("Some *emphasised*word\n", "Some emphasisedword"),
        ];
        for (markdown, expected) in cases {
            assert_eq!(render_md(markdown).plain_text, *expected, "{markdown:?}");
        }
    }

    #[test]
    fn faq_articles_become_disclosures_with_their_answers() {
        let out = render_md("Questions we hear.\n\n## Can I pay later?\n\nYes, with **PayPo**.\n\n### Fees\n\nNone.\n\n## هل يمكنني الإلغاء؟\n\nنعم.\n");
        assert!(out.html.starts_with("<p>Questions we hear.</p>\n<details class=\"faq-item\" id=\"can-i-pay-later\"><summary><h2 class=\"faq-question\">Can I pay later?</h2></summary><div class=\"faq-answer\">"), "{}", out.html);
        assert_eq!(out.html.matches("<details").count(), 2);
        assert_eq!(out.html.matches("</details>").count(), 2);
        assert!(
            out.html.contains("<h3 id=\"fees\">"),
            "deeper headings stay headings"
        );
        assert_eq!(
            out.faq[0],
            FaqEntry {
                question: "Can I pay later?".into(),
                answer: "Yes, with PayPo. Fees None.".into()
            }
        );
        assert_eq!(out.faq[1].question, "هل يمكنني الإلغاء؟");
        assert!(render_md("## Not a FAQ\n").faq.is_empty());
    }

    #[test]
    fn deeply_nested_input_does_not_crash() {
        let quotes = ">".repeat(5000) + " deep\n";
        let lists: String = (0..2000)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect();
        assert!(render_md(&quotes).html.contains("deep"));
        assert!(render_md(&lists).html.contains("item"));
    }

    #[test]
    fn other_tools_callouts_render_exactly_like_github_alerts() {
        let github = render_md("> [!TIP]\n> Use the **app**.\n").html;
        assert!(github.starts_with("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>"), "{github}");
        for markdown in [
            "!!! tip\n    Use the **app**.\n",
            "!!!hint\n\tUse the **app**.\n",
            "!!! success\n\n    Use the **app**.\n\n",
            ":::tip\nUse the **app**.\n:::\n",
            "::: tip\n\nUse the **app**.\n\n:::\n",
        ] {
            assert_eq!(render_md(markdown).html, github, "{markdown:?}");
        }
    }

    #[test]
    fn callout_cases() {
        let cases: &[(&str, &str)] = &[
            ("!!! warning \"Mind <the> & \"gap\"\"\n    Body\n", "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Mind &lt;the&gt; &amp; &quot;gap&quot;</p>\n<p>Body</p>\n</div>"),
            ("!!! tip \"\"\n    No title bar, as in MkDocs.\n", "<div class=\"callout callout-tip\" role=\"note\">\n<p>No title bar"),
            ("!!! abstract\n    Unlisted in GitHub.\n", "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>"),
            ("!!! nonsense\n    Still shown.\n", "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>\n<p>Still shown.</p>"),
            ("??? question \"Can I pay later?\"\n    Yes.\n", "<details class=\"callout callout-tip\"><summary class=\"callout-title\">Can I pay later?</summary>\n<p>Yes.</p>\n</details>"),
            ("???+ danger\n    Open at first.\n", "<details class=\"callout callout-caution\" open><summary class=\"callout-title\">Caution</summary>"),
            (":::info Before you start\nBody\n:::\n", "<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Before you start</p>"),
            (":::caution[Don't <b>panic</b>]\nBody\n:::\n", "<p class=\"callout-title\">Don&#39;t &lt;b&gt;panic&lt;/b&gt;</p>"),
            ("::: details Show me\nHidden\n:::\n", "<details class=\"callout callout-note\"><summary class=\"callout-title\">Show me</summary>\n<p>Hidden</p>\n</details>"),
            ("::: details\nHidden\n:::\n", "<summary class=\"callout-title\">Note</summary>"),
            // The body is Markdown like any other: lists, code, links to pages.
            ("!!! note\n    - one\n    - [two](../returns/refunds.md)\n\n    ```json\n    {\"a\": 1}\n    ```\n", "<ul>\n<li>one</li>\n<li><a href=\"/en/returns/refunds/\">two</a></li>\n</ul>\n<pre class=\"code\" data-lang=\"json\""),
            (":::note\nSee [refunds](../returns/refunds.md).\n:::\n", "<a href=\"/en/returns/refunds/\">refunds</a>"),
            ("!!! note\n    Outer\n\n    !!! tip\n        Inner\n\n    Outer again\n", "<p>Outer</p>\n<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>\n<p>Inner</p>\n</div>\n<p>Outer again</p>\n</div>"),
            ("::::warning\n:::tip\nInner\n:::\nOuter\n::::\nAfter\n", "<p>Inner</p>\n</div>\n<p>Outer</p>\n</div>\n<p>After</p>"),
            (":::warning\n> [!NOTE]\n> GitHub inside.\n:::\n", "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p><div class=\"callout callout-note\""),
            // A paragraph just before or after is not drawn into the callout.
            ("Before\n!!! note\n    Inside\nAfter\n", "<p>Before</p>\n<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>\n<p>Inside</p>\n</div>\n<p>After</p>"),
            // Never closed: it ends with the article, and nothing is dropped.
            (":::warning\nFirst\n\nLast words\n", "<p>First</p>\n<p>Last words</p>\n</div>"),
            ("::::tip\nOuter\n:::\nStill inside\n", "<p>Outer\n:::\nStill inside</p>\n</div>"),
        ];
        assert_each_renders_containing(cases);
    }

    #[test]
    fn callout_syntax_in_code_stays_as_written() {
        let cases: &[(&str, &str)] = &[
            (
                "```\n!!! note\n    Body\n:::tip\n:::\n```\n",
                "<code>!!! note\n    Body\n:::tip\n:::\n</code>",
            ),
            ("~~~md\n??? tip\n~~~\n", "??? tip\n</code>"),
            (
                "Text\n\n    !!! note\n    :::tip\n",
                "<code>!!! note\n:::tip\n</code>",
            ),
            (
                ":::tip\n```\n:::\n```\n:::\n",
                "<code>:::\n</code></pre>\n</div>",
            ),
            ("Inline `!!! note` and\n`:::tip`\n", "<code>!!! note</code>"),
        ];
        for (markdown, expected) in cases {
            let html = render_md(markdown).html;
            assert!(
                html.contains(expected),
                "{markdown:?}\n  expected {expected:?}\n  in {html}"
            );
            let callouts = html.matches("class=\"callout ").count();
            assert!(
                callouts <= 1 && markdown.starts_with(':') == (callouts == 1),
                "{html}"
            );
        }
    }

    #[test]
    fn warnings_after_and_inside_callouts_keep_their_line_and_column() {
        // The body starts on line 5 of the file (see `render_with`).
        let body = "!!! note \"Title\"\n    Inside [a](a.md).\n\n\tTab [b](b.md)\n:::tip\n[c](c.md)\n:::\n??? tip\n    x\n\nAfter [d](d.md)\n";
        let out = render_md(body);
        let at: Vec<(usize, usize)> = out
            .warnings
            .iter()
            .filter_map(|w| w.location.as_ref())
            .map(|l| (l.line, l.column))
            .collect();
        assert_eq!(
            at,
            [(6, 12), (8, 6), (10, 1), (15, 7)],
            "{:?}",
            out.warnings
        );
    }

    #[test]
    fn callout_markup_is_trusted_when_raw_html_is_off() {
        let options = MarkdownOptions {
            allow_raw_html: false,
            ..Default::default()
        };
        let body = "!!! tip\n    <b>x</b>\n\n<!-- callout -->\n\n???+ note\n    y\n";
        let html = render_with(body, &options).html;
        assert!(html.contains("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>"), "{html}");
        assert!(
            html.contains("<details class=\"callout callout-note\" open>"),
            "{html}"
        );
        assert!(html.contains("</details>"), "{html}");
        // The writer's own HTML, and a comment that looks like a marker, stay text.
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
        assert!(html.contains("&lt;!-- callout --&gt;"), "{html}");
    }

    #[test]
    fn callout_markup_stays_balanced_when_the_parser_reads_a_marker_as_code() {
        // The `~~~` is inside the writer's HTML block, not a fence, but the pre-pass cannot
        // tell, and closes it before ending the callout: the end marker lands in code.
        for markdown in [
            "::: details D\n<div>\n~~~\n\nAfter\n",
            "::: details D\n<div>\n~~~\n\nAfter\n:::\n:::tip\n",
        ] {
            let html = render_md(markdown).html;
            assert_eq!(html.matches("<details").count(), 1, "{html}");
            assert_eq!(html.matches("</details>").count(), 1, "{html}");
            assert!(!html.contains("callout --"), "{html}");
            assert!(html.contains("<p>After"), "{html}");
        }
    }

    #[test]
    fn custom_callout_titles_are_searchable_text() {
        let out = render_md(":::tip[Pay later]\nWith PayPo.\n:::\n\n!!! note\n    Plain.\n");
        assert_eq!(out.plain_text, "Pay later With PayPo. Plain.");
    }
}
