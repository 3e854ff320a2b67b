//! Pages as written to disk: the indentation and blank lines of the templates taken out.

/// Takes out of `html` the indentation and blank lines templates are written with, in place.
/// Inside `<pre>` every character counts, so preformatted blocks are left exactly as they are.
/// Only whole white-space characters go, so valid UTF-8 stays valid.
pub(super) fn compact_html(html: &mut Vec<u8>) {
    // Found once for the whole page: searching each line anew cost more than the rest of
    // the compaction.
    let mut marks = pre_marks(html).into_iter().peekable();
    let mut in_pre = false;
    // Lines are read at `line_start` and written back at `written`, which never passes it.
    let mut written = 0;
    let mut line_start = 0;
    while line_start < html.len() {
        // memchr's vectorised search: looking at a word at a time was most of the cost.
        let line_end =
            memchr::memchr(b'\n', &html[line_start..]).map_or(html.len(), |at| line_start + at + 1);
        let kept_from = if in_pre {
            line_start
        } else {
            // A line of white space only trims to nothing, newline and all.
            line_start + leading_white_space(&html[line_start..line_end])
        };
        html.copy_within(kept_from..line_end, written);
        written += line_end - kept_from;
        // Only the last <pre or </pre> on a line decides what the next line is.
        while let Some(&(_, opens)) = marks.peek().filter(|(at, _)| *at < line_end) {
            in_pre = opens;
            marks.next();
        }
        line_start = line_end;
    }
    html.truncate(written);
}

/// How many bytes of white space `line` starts with, as `str::trim_start` counts white space.
fn leading_white_space(line: &[u8]) -> usize {
    let mut at = 0;
    loop {
        match crate::text::white_space_width(&line[at..]) {
            0 => return at,
            width => at += width,
        }
    }
}

/// Where each `<pre` (true) and `</pre>` (false) starts in `html`, in order.
fn pre_marks(html: &[u8]) -> Vec<(usize, bool)> {
    let opens = memchr::memmem::find_iter(html, b"<pre").map(|at| (at, true));
    let closes = memchr::memmem::find_iter(html, b"</pre>").map(|at| (at, false));
    let mut marks: Vec<(usize, bool)> = opens.chain(closes).collect();
    marks.sort_unstable();
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compacted(html: &str) -> String {
        let mut bytes = html.as_bytes().to_vec();
        compact_html(&mut bytes);
        String::from_utf8(bytes).expect("compaction keeps UTF-8 valid")
    }

    #[test]
    fn indentation_goes_but_preformatted_text_stays() {
        let html = "<main>\n    <p>Hi</p>\n\n  <pre class=\"code\"><code>{\n    \"a\": 1\n}\n</code></pre>\n    <p>End</p>\n</main>\n";
        assert_eq!(
            compacted(html),
            "<main>\n<p>Hi</p>\n<pre class=\"code\"><code>{\n    \"a\": 1\n}\n</code></pre>\n<p>End</p>\n</main>\n"
        );
    }

    #[test]
    fn the_last_mark_on_a_line_decides() {
        let html = "<pre>a</pre> <pre>\n    kept\n</pre><pre>b</pre>\n    trimmed\n";
        assert_eq!(
            compacted(html),
            "<pre>a</pre> <pre>\n    kept\n</pre><pre>b</pre>\ntrimmed\n"
        );
    }

    #[test]
    fn blank_lines_go_and_a_last_line_without_newline_stays() {
        assert_eq!(compacted("a\n \t \n\n  b"), "a\nb");
        assert_eq!(compacted("\n\n"), "");
        assert_eq!(compacted(""), "");
    }

    #[test]
    fn white_space_is_what_str_trim_start_calls_white_space() {
        // No-break and ideographic spaces are white space; a letter after them is kept whole,
        // whatever its length in bytes.
        let lines = [
            "\u{a0} a",
            "\u{3000}\u{2003}\tب",
            "\u{200b}zero width is no space",
            "ż",
            "  \u{1f600}",
        ];
        for line in lines {
            assert_eq!(
                compacted(&format!("{line}\n")),
                format!("{}\n", line.trim_start())
            );
        }
    }
}
