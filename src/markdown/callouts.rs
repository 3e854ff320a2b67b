//! Callouts in the syntaxes writers bring from other tools: MkDocs Material admonitions
//! (`!!! note`, `??? tip "Title"`, `???+ warning`) and Docusaurus or VitePress containers
//! (`:::tip`, `:::tip[Title]`, `::: details Title` … `:::`).
//!
//! pulldown-cmark knows none of them, so a pre-pass rewrites them before parsing, and only
//! when some line starts with `!!!`, `???` or `:::`; other articles cost one scan for line
//! starts. The copy replaces each callout's first and last line with an HTML comment on a
//! line of its own (an HTML block that ends on that line and may interrupt a paragraph),
//! takes the indentation off an admonition's body, and copies everything else byte for byte.
//! The renderer knows the comments by their offset, never by their text, so a writer cannot
//! forge one and `allow_raw_html` cannot escape one; it puts the same markup in their place
//! as a GitHub alert gets. The copied runs are kept, so an offset in the copy maps back to
//! the writer's file and warnings keep their line and column.

use pulldown_cmark::BlockQuoteKind;

/// The Markdown with its callouts rewritten, and how to get back to the original.
#[derive(Debug)]
pub struct Rewritten {
    pub text: String,
    /// `(offset in text, offset in the original)` where each run copied unchanged begins.
    runs: Vec<(usize, usize)>,
    /// In the order of their offsets.
    markers: Vec<Marker>,
}

impl Rewritten {
    /// The offset in the original body of what is at `offset` in the rewritten text.
    pub fn original_offset(&self, offset: usize) -> usize {
        match self.runs.partition_point(|&(at, _)| at <= offset) {
            0 => offset,
            after => {
                let (at, from) = self.runs[after - 1];
                from + (offset - at)
            }
        }
    }

    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }
}

/// A line of the rewritten text that stands for a callout's start or end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Offset in the rewritten text of the HTML comment that holds its place.
    pub at: usize,
    pub edge: Edge,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    Open(Opening),
    /// Ends the innermost open callout, which the renderer keeps track of.
    Close,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub kind: BlockQuoteKind,
    pub title: Title,
    /// `Some` for a callout that folds (`???`, `::: details`): whether it starts open.
    pub disclosure: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// The kind's title in the article's language, as GitHub alerts have.
    Default,
    /// `!!! note ""`: MkDocs hides the title bar, and writers who wrote it meant that.
    Hidden,
    /// Plain text, escaped when written.
    Custom(String),
}

/// Rewrites `body`, or `None` when it has no callout and can be parsed as it is.
pub fn rewrite(body: &str) -> Option<Rewritten> {
    if !has_callout_line(body) {
        return None;
    }
    let mut writer = Writer::new(body);
    let mut start = 0;
    while start < body.len() {
        let end =
            memchr::memchr(b'\n', &body.as_bytes()[start..]).map_or(body.len(), |i| start + i + 1);
        writer.line(start, end);
        start = end;
    }
    writer.finish()
}

/// The cheap test that keeps articles without callouts on the fast path: no allocation,
/// one search for line ends.
fn has_callout_line(body: &str) -> bool {
    let bytes = body.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
        .any(|start| {
            matches!(
                &bytes[start..],
                [b'!', b'!', b'!', ..] | [b'?', b'?', b'?', ..] | [b':', b':', b':', ..]
            )
        })
}

/// The text the renderer finds at each marker's offset. Only its offset matters; a comment
/// is an HTML block that ends on its own line, so the line after it starts a new block.
pub const MARKER_TEXT: &str = "<!-- callout -->\n";

/// An open code fence: its character and how many of them opened it.
#[derive(Debug, Clone, Copy)]
struct Fence {
    byte: u8,
    len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// The article itself, around every callout.
    Root,
    /// An admonition, whose body is indented by four spaces or a tab.
    Indented,
    /// A container opened by this many colons and closed by a line of at least as many.
    Colons(usize),
}

#[derive(Debug)]
struct Frame {
    style: Style,
    /// A code fence open in this frame's body, inside which no line is a marker.
    fence: Option<Fence>,
}

struct Writer<'a> {
    source: &'a str,
    out: String,
    runs: Vec<(usize, usize)>,
    markers: Vec<Marker>,
    /// Never empty: the root frame stays at the bottom.
    frames: Vec<Frame>,
    /// Where the last copy ended in the source, while nothing has been written after it.
    copied_to: Option<usize>,
}

impl<'a> Writer<'a> {
    fn new(source: &'a str) -> Self {
        Writer {
            source,
            // Room for a few markers; the copy is never much longer than the source.
            out: String::with_capacity(source.len() + 4 * MARKER_TEXT.len()),
            runs: Vec::new(),
            markers: Vec::new(),
            frames: vec![Frame {
                style: Style::Root,
                fence: None,
            }],
            copied_to: None,
        }
    }

    /// Reads the source line `start..end`, its line end included.
    fn line(&mut self, start: usize, end: usize) {
        let content = self.enter_frames(start, end);
        let text = &self.source[content..end];
        let top = self
            .frames
            .last_mut()
            .expect("the root frame is never closed");
        if let Some(fence) = top.fence {
            if closes_fence(text, fence) {
                top.fence = None;
            }
            return self.copy(content, end);
        }
        if let Some(fence) = opens_fence(text) {
            top.fence = Some(fence);
            return self.copy(content, end);
        }
        match parse_marker_line(text) {
            Some(MarkerLine::Open(style, opening)) => self.open(style, opening),
            Some(MarkerLine::Close(colons)) if closes_container(top.style, colons) => {
                self.close_top()
            }
            _ => self.copy(content, end),
        }
    }

    /// Takes off the indentation of each open admonition the line belongs to, closes those it
    /// does not belong to, and returns where the rest of the line starts.
    fn enter_frames(&mut self, start: usize, end: usize) -> usize {
        let line = &self.source.as_bytes()[start..end];
        let blank = line.iter().all(u8::is_ascii_whitespace);
        let mut at = 0;
        for depth in 1..self.frames.len() {
            if self.frames[depth].style != Style::Indented {
                continue;
            }
            match indent_width(&line[at..]) {
                Some(width) => at += width,
                // Blank lines belong to the body, however little they are indented.
                None if blank => at = line.len() - trailing_line_end(line),
                None => {
                    while self.frames.len() > depth {
                        self.close_top();
                    }
                    break;
                }
            }
        }
        start + at
    }

    fn open(&mut self, style: Style, opening: Opening) {
        self.marker(Edge::Open(opening));
        self.frames.push(Frame { style, fence: None });
    }

    fn close_top(&mut self) {
        let frame = self.frames.pop().expect("only callout frames are closed");
        match frame.fence {
            Some(fence) => {
                // A fence left open would swallow the end of the callout and the rest of the
                // page. The marker follows at once: if the fence was not one after all, the
                // marker is the first line of code, where the renderer still knows it.
                self.start_line();
                let closing = char::from(fence.byte).to_string().repeat(fence.len);
                self.write(&closing);
                self.write("\n");
                self.place_marker(Edge::Close);
            }
            None => self.marker(Edge::Close),
        }
    }

    fn marker(&mut self, edge: Edge) {
        self.start_line();
        // The blank line ends whatever block came before, an HTML block of the writer's too.
        self.write("\n");
        self.place_marker(edge);
    }

    fn place_marker(&mut self, edge: Edge) {
        self.markers.push(Marker {
            at: self.out.len(),
            edge,
        });
        self.write(MARKER_TEXT);
    }

    fn start_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.write("\n");
        }
    }

    fn write(&mut self, text: &str) {
        self.out.push_str(text);
        self.copied_to = None;
    }

    fn copy(&mut self, from: usize, to: usize) {
        if self.copied_to != Some(from) {
            self.runs.push((self.out.len(), from));
        }
        self.out.push_str(&self.source[from..to]);
        self.copied_to = Some(to);
    }

    fn finish(mut self) -> Option<Rewritten> {
        // An unclosed container ends with the article, so none of its text is lost.
        while self.frames.len() > 1 {
            self.close_top();
        }
        if self.markers.is_empty() {
            return None;
        }
        Some(Rewritten {
            text: self.out,
            runs: self.runs,
            markers: self.markers,
        })
    }
}

/// The bytes of one level of admonition indentation at the start of `line`: four spaces, or
/// a tab after fewer.
fn indent_width(line: &[u8]) -> Option<usize> {
    let spaces = line.iter().take(4).take_while(|&&b| b == b' ').count();
    match line.get(spaces) {
        _ if spaces == 4 => Some(4),
        Some(b'\t') => Some(spaces + 1),
        _ => None,
    }
}

fn trailing_line_end(line: &[u8]) -> usize {
    match line {
        [.., b'\r', b'\n'] => 2,
        [.., b'\n'] => 1,
        _ => 0,
    }
}

fn closes_container(style: Style, colons: usize) -> bool {
    matches!(style, Style::Colons(opened) if colons >= opened)
}

/// A fenced code block's opening line, as CommonMark has it: up to three spaces, then three
/// or more backticks or tildes.
fn opens_fence(line: &str) -> Option<Fence> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let byte = *rest
        .as_bytes()
        .first()
        .filter(|&&b| b == b'`' || b == b'~')?;
    let len = rest.bytes().take_while(|&b| b == byte).count();
    // A backtick in the info string would make the line inline code, not a fence.
    let info_ok = byte == b'~' || !rest[len..].contains('`');
    (len >= 3 && info_ok).then_some(Fence { byte, len })
}

fn closes_fence(line: &str, fence: Fence) -> bool {
    let rest = line.trim_start_matches(' ');
    let len = rest.bytes().take_while(|&b| b == fence.byte).count();
    // Spaces only after it: pulldown-cmark does not take a tab there, and the two must agree.
    let after = rest[len..].trim_end_matches(['\r', '\n']);
    line.len() - rest.len() <= 3 && len >= fence.len && after.bytes().all(|b| b == b' ')
}

#[derive(Debug, PartialEq, Eq)]
enum MarkerLine {
    Open(Style, Opening),
    /// A line of only colons, this many.
    Close(usize),
}

fn parse_marker_line(line: &str) -> Option<MarkerLine> {
    let line = line.trim_end();
    if let Some(rest) = line.strip_prefix("!!!") {
        let opening = parse_admonition(rest, None)?;
        return Some(MarkerLine::Open(Style::Indented, opening));
    }
    if let Some(rest) = line.strip_prefix("???+") {
        let opening = parse_admonition(rest, Some(true))?;
        return Some(MarkerLine::Open(Style::Indented, opening));
    }
    if let Some(rest) = line.strip_prefix("???") {
        let opening = parse_admonition(rest, Some(false))?;
        return Some(MarkerLine::Open(Style::Indented, opening));
    }
    let colons = line.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim_start();
    if rest.is_empty() {
        return Some(MarkerLine::Close(colons));
    }
    let opening = parse_container(rest)?;
    Some(MarkerLine::Open(Style::Colons(colons), opening))
}

/// `note`, `warning "Title"`, `tip inline end ""`: a type, any further class names (which
/// only MkDocs' own themes use), and an optional title in double quotes. Anything else is
/// not an admonition and stays text, as "!!! Sale ends today !!!" should.
fn parse_admonition(rest: &str, disclosure: Option<bool>) -> Option<Opening> {
    let mut rest = rest.trim_start();
    let mut kind = None;
    let mut title = Title::Default;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let inner = quoted.strip_suffix('"')?;
            title = match inner {
                // A disclosure needs something to click on, so it keeps its default title.
                "" if disclosure.is_some() => Title::Default,
                "" => Title::Hidden,
                text => Title::Custom(text.to_string()),
            };
            break;
        }
        let (word, after) = split_word(rest);
        if word.is_empty() {
            return None;
        }
        kind.get_or_insert_with(|| kind_for(word));
        rest = after.trim_start();
    }
    Some(Opening {
        kind: kind?,
        title,
        disclosure,
    })
}

/// `tip`, `tip Title`, `tip[Title]`, `details Title`: a type, then a title in brackets or
/// the rest of the line. Directive attributes (`tip{#id}`, `tip[Title]{#id}`) are dropped;
/// any other text glued to the type (`tip(new)`) means the line is not a container, so
/// nothing the writer wrote disappears.
fn parse_container(rest: &str) -> Option<Opening> {
    let (word, after) = split_word(rest);
    if word.is_empty() {
        return None;
    }
    let title = if let Some(bracketed) = after.strip_prefix('[') {
        match bracketed.rfind(']') {
            Some(end) if is_attributes(&bracketed[end + 1..]) => &bracketed[..end],
            _ => bracketed,
        }
    } else if is_attributes(after) {
        ""
    } else if after.starts_with(char::is_whitespace) {
        after
    } else {
        return None;
    }
    .trim();
    let title = match title {
        "" => Title::Default,
        text => Title::Custom(text.to_string()),
    };
    let details = word.eq_ignore_ascii_case("details");
    Some(Opening {
        kind: kind_for(word),
        title,
        disclosure: details.then_some(false),
    })
}

/// Nothing, or a directive's attributes in braces.
fn is_attributes(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text.starts_with('{') && text.ends_with('}')
}

/// The leading run of ASCII letters, digits, `-` and `_`, and what follows it.
fn split_word(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(text.len());
    text.split_at(end)
}

/// The GitHub kind that looks like a type of the other tools. Types no table lists are
/// notes: the writer still sees a callout, and the text is not lost.
fn kind_for(name: &str) -> BlockQuoteKind {
    const TIP: &[&str] = &[
        "tip", "hint", "success", "check", "done", "question", "help", "faq",
    ];
    const IMPORTANT: &[&str] = &["important"];
    const WARNING: &[&str] = &["warning", "attention", "bug"];
    const CAUTION: &[&str] = &["caution", "danger", "error", "failure", "fail", "missing"];
    let is_in = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if is_in(TIP) {
        BlockQuoteKind::Tip
    } else if is_in(IMPORTANT) {
        BlockQuoteKind::Important
    } else if is_in(WARNING) {
        BlockQuoteKind::Warning
    } else if is_in(CAUTION) {
        BlockQuoteKind::Caution
    } else {
        // note, info, abstract, summary, tldr, todo, seealso, example, quote, cite, details
        BlockQuoteKind::Note
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(kind: BlockQuoteKind, title: Title, disclosure: Option<bool>) -> Opening {
        Opening {
            kind,
            title,
            disclosure,
        }
    }

    fn custom(text: &str) -> Title {
        Title::Custom(text.to_string())
    }

    #[test]
    fn marker_lines() {
        use BlockQuoteKind::*;
        use MarkerLine::{Close, Open};
        let cases: Vec<(&str, Option<MarkerLine>)> = vec![
            (
                "!!! note",
                Some(Open(Style::Indented, opening(Note, Title::Default, None))),
            ),
            (
                "!!!tip\r\n",
                Some(Open(Style::Indented, opening(Tip, Title::Default, None))),
            ),
            (
                "!!! warning \"Mind the <gap> & 'step'\"",
                Some(Open(
                    Style::Indented,
                    opening(Warning, custom("Mind the <gap> & 'step'"), None),
                )),
            ),
            (
                "!!! tip \"\"",
                Some(Open(Style::Indented, opening(Tip, Title::Hidden, None))),
            ),
            (
                "!!! danger inline end \"Side\"",
                Some(Open(
                    Style::Indented,
                    opening(Caution, custom("Side"), None),
                )),
            ),
            (
                "??? question \"Why?\"",
                Some(Open(
                    Style::Indented,
                    opening(Tip, custom("Why?"), Some(false)),
                )),
            ),
            (
                "???+ bug",
                Some(Open(
                    Style::Indented,
                    opening(Warning, Title::Default, Some(true)),
                )),
            ),
            (
                "??? note \"\"",
                Some(Open(
                    Style::Indented,
                    opening(Note, Title::Default, Some(false)),
                )),
            ),
            (
                "!!! whatever",
                Some(Open(Style::Indented, opening(Note, Title::Default, None))),
            ),
            (
                ":::tip",
                Some(Open(Style::Colons(3), opening(Tip, Title::Default, None))),
            ),
            (
                ":::info Before you start",
                Some(Open(
                    Style::Colons(3),
                    opening(Note, custom("Before you start"), None),
                )),
            ),
            (
                ":::danger[Do <not> do this]",
                Some(Open(
                    Style::Colons(3),
                    opening(Caution, custom("Do <not> do this"), None),
                )),
            ),
            (
                "::: warning",
                Some(Open(
                    Style::Colons(3),
                    opening(Warning, Title::Default, None),
                )),
            ),
            (
                ":::tip[Fast]{#fast}",
                Some(Open(Style::Colons(3), opening(Tip, custom("Fast"), None))),
            ),
            (
                ":::tip[Half",
                Some(Open(Style::Colons(3), opening(Tip, custom("Half"), None))),
            ),
            (
                ":::tip{#fast}",
                Some(Open(Style::Colons(3), opening(Tip, Title::Default, None))),
            ),
            (
                "::: details Show the steps",
                Some(Open(
                    Style::Colons(3),
                    opening(Note, custom("Show the steps"), Some(false)),
                )),
            ),
            (
                "::::caution",
                Some(Open(
                    Style::Colons(4),
                    opening(Caution, Title::Default, None),
                )),
            ),
            (":::", Some(Close(3))),
            ("::::  ", Some(Close(4))),
            // Not callouts: prose that happens to start the same way stays text.
            ("!!! Sale ends today !!!", None),
            ("!!!", None),
            ("!!! note \"unclosed", None),
            ("???", None),
            ("::", None),
            ("::: {.note}", None),
            (":::tip(new)", None),
            (":::tipé", None),
            ("Note: !!! note", None),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_marker_line(line), expected, "{line:?}");
        }
    }

    #[test]
    fn types_map_to_the_five_github_kinds() {
        use BlockQuoteKind::*;
        let cases: &[(&str, BlockQuoteKind)] = &[
            ("note", Note),
            ("info", Note),
            ("abstract", Note),
            ("summary", Note),
            ("tldr", Note),
            ("todo", Note),
            ("seealso", Note),
            ("example", Note),
            ("quote", Note),
            ("cite", Note),
            ("details", Note),
            ("unheard-of", Note),
            ("tip", Tip),
            ("hint", Tip),
            ("success", Tip),
            ("check", Tip),
            ("done", Tip),
            ("question", Tip),
            ("help", Tip),
            ("faq", Tip),
            ("important", Important),
            ("IMPORTANT", Important),
            ("warning", Warning),
            ("attention", Warning),
            ("bug", Warning),
            ("caution", Caution),
            ("danger", Caution),
            ("error", Caution),
            ("failure", Caution),
            ("fail", Caution),
            ("missing", Caution),
        ];
        for (name, kind) in cases {
            assert_eq!(kind_for(name), *kind, "{name}");
        }
    }

    #[test]
    fn only_articles_with_a_callout_are_rewritten() {
        let cases: &[(&str, bool)] = &[
            ("", false),
            ("Plain text.\n\n- a list\n", false),
            ("Wow!!! Really??? Yes::: no\n", false),
            ("  !!! note\n      indented, so code or text\n", false),
            (":::\n", false),
            ("```\n!!! note\n    in a fence\n```\n", false),
            ("!!! note\n    Body\n", true),
            ("Text\n:::tip\nBody\n", true),
        ];
        for (body, rewritten) in cases {
            assert_eq!(rewrite(body).is_some(), *rewritten, "{body:?}");
        }
    }

    /// The markers' offsets in the rewritten text, for the renderer to find.
    fn edges(rewritten: &Rewritten) -> Vec<String> {
        rewritten
            .markers()
            .iter()
            .map(|marker| {
                assert_eq!(
                    &rewritten.text[marker.at..][..MARKER_TEXT.len()],
                    MARKER_TEXT
                );
                match &marker.edge {
                    Edge::Open(opening) => format!("open {:?}", opening.kind),
                    Edge::Close => "close".to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn bodies_end_where_the_writer_ended_them() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "!!! note\n    one\n\n\tTab-indented\n\n    two\nafter\n",
                &["open Note", "close"],
                "one\n\nTab-indented\n\ntwo\n\n<!-- callout -->\nafter\n",
            ),
            (
                "!!! note\n    outer\n\n    !!! tip\n        inner\n\n    outer again\n",
                &["open Note", "open Tip", "close", "close"],
                "inner\n\n\n<!-- callout -->\nouter again\n",
            ),
            (
                "::::tip\n:::note\ninner\n:::\nouter\n::::\nafter\n",
                &["open Tip", "open Note", "close", "close"],
                "outer\n\n<!-- callout -->\nafter\n",
            ),
            (
                ":::tip\n```\n:::\n```\n:::\n",
                &["open Tip", "close"],
                "```\n:::\n```\n",
            ),
            // The fence is closed before the callout, or it would swallow the rest.
            (
                "!!! note\n    ~~~~\n    code\nafter\n",
                &["open Note", "close"],
                "~~~~\ncode\n~~~~\n<!-- callout -->\nafter\n",
            ),
            (
                ":::warning\nnever closed\n",
                &["open Warning", "close"],
                "never closed\n\n<!-- callout -->\n",
            ),
            (
                ":::tip\nno line end",
                &["open Tip", "close"],
                "no line end\n\n<!-- callout -->\n",
            ),
        ];
        for (body, expected_edges, expected_text) in cases {
            let rewritten = rewrite(body).expect("a callout");
            assert_eq!(edges(&rewritten), *expected_edges, "{body:?}");
            assert!(
                rewritten.text.contains(expected_text),
                "{body:?}\n  expected {expected_text:?}\n  in {:?}",
                rewritten.text
            );
        }
    }

    #[test]
    fn offsets_in_the_rewritten_text_lead_back_to_the_source() {
        let body = "Intro\n!!! note \"T\"\n    see [a](a.md)\n\n    !!! tip\n        [b](b.md)\n:::tip\n[c](c.md)\n:::\n[d](d.md)\n";
        let rewritten = rewrite(body).expect("callouts");
        for link in ["[a]", "[b]", "[c]", "[d]", "Intro"] {
            let at = rewritten.text.find(link).expect("copied");
            let original = rewritten.original_offset(at);
            assert_eq!(&body[original..original + link.len()], link);
        }
    }
}
