//! Text helpers every stage shares: HTML escaping and white space.
//!
//! They are written for speed (byte tables, vectorised searches) because they run on every
//! article and every value a template writes. They sit at the bottom of the pipeline, below
//! every stage that escapes or measures text; `markdown` re-exports them under their old paths.

/// `text` with each run of white space made one space and none at either end, and the
/// number of words in it. White space is what `char::is_whitespace` says it is, but found
/// byte by byte, and text between irregular white space is copied whole: splitting it into
/// words with `split_whitespace` was 4% of a build.
pub fn collapse_whitespace(text: &str) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Text from `kept_from` to `at` goes into `out` as it is.
    let mut kept_from = 0;
    let mut at = 0;
    // Most bytes cannot start white space, which one table lookup tells; a search over the
    // rest of the text makes the tightest loop of it.
    while let Some(found) = bytes[at..]
        .iter()
        .position(|&byte| MAY_START_WHITE_SPACE[usize::from(byte)])
    {
        at += found;
        if bytes[at] != b' ' && white_space_width(&bytes[at..]) == 0 {
            at += 1;
            continue;
        }
        let single_space = bytes[at] == b' '
            && at > kept_from
            && bytes.get(at + 1).is_some_and(|&next| {
                !MAY_START_WHITE_SPACE[usize::from(next)]
                    || white_space_width(&bytes[at + 1..]) == 0
            });
        if single_space {
            at += 1;
            continue;
        }
        // White space starts with an ASCII byte or a lead byte, so `at` is a character
        // boundary, and so is `kept_from`, which follows white space or the start.
        out.push_str(&text[kept_from..at]);
        while let width @ 1.. = white_space_width(&bytes[at..]) {
            at += width;
        }
        if at < bytes.len() && !out.is_empty() {
            out.push(' ');
        }
        kept_from = at;
    }
    out.push_str(&text[kept_from..]);
    // Words are now separated by exactly one space each.
    let words = match out.len() {
        0 => 0,
        _ => memchr::memchr_iter(b' ', out.as_bytes()).count() + 1,
    };
    (out, words)
}

/// The bytes that white space can start with: ASCII white space and the four lead bytes of
/// the rest.
const MAY_START_WHITE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = matches!(
            i as u8,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe1 | 0xe2 | 0xe3
        );
        i += 1;
    }
    table
};

/// The length in bytes of the white-space character `bytes` starts with, or 0 when it does
/// not start with one. Every white-space character outside ASCII starts with one of four
/// lead bytes, so other bytes need no decoding.
#[inline]
pub fn white_space_width(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(0xc2 | 0xe1 | 0xe2 | 0xe3) => {
            let width = if bytes[0] == 0xc2 { 2 } else { 3 };
            match std::str::from_utf8(&bytes[..width.min(bytes.len())]) {
                Ok(c) if c.chars().next().is_some_and(char::is_whitespace) => width,
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let Ok(()) = for_each_escaped_piece(text, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    out
}

/// Writes `text` escaped as `escape_html` escapes it. Tera escapes every value it writes
/// through this, straight into the page, without a string in between.
pub fn write_escaped_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for_each_escaped_piece(text, |piece| out.write_all(piece.as_bytes()))
}

/// Hands `emit` the escaped text piece by piece: runs of text as they are, and an entity
/// for each byte that needs one.
fn for_each_escaped_piece<E>(
    text: &str,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    // Most values (titles, addresses) have nothing to escape: two vectorised searches find
    // the first byte that needs it, and everything before it goes out whole. The five bytes
    // are ASCII, so slicing at them is always at a character boundary.
    let bytes = text.as_bytes();
    let first = match (
        memchr::memchr3(b'&', b'<', b'>', bytes),
        memchr::memchr2(b'"', b'\'', bytes),
    ) {
        (Some(a), Some(b)) => a.min(b),
        (Some(at), None) | (None, Some(at)) => at,
        (None, None) => return emit(text),
    };
    let mut copied = 0;
    for (at, byte) in bytes.iter().enumerate().skip(first) {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        emit(&text[copied..at])?;
        emit(entity)?;
        copied = at + 1;
    }
    emit(&text[copied..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_width_agrees_with_char_is_whitespace_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            let expected = if c.is_whitespace() { encoded.len() } else { 0 };
            assert_eq!(white_space_width(encoded), expected, "{:?}", c);
        }
    }

    #[test]
    fn collapsing_matches_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            "  one  two\tthree\n",
            "a\u{a0}b\u{3000}c\u{2003}\u{2003}d\u{85}e",
            "zwrot\u{200b}pieniędzy  إرجاع\u{202f}المنتج \u{1f600} ",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(
                collapse_whitespace(text),
                (words.join(" "), words.len()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & Jerry's</a> zwrot «ok» إرجاع"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; zwrot «ok» إرجاع"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("żółć&"), "żółć&amp;");
        assert_eq!(escape_html("nothing to escape"), "nothing to escape");
        // The first byte to escape may be found by either search, before or after the other.
        assert_eq!(escape_html("it's <b>"), "it&#39;s &lt;b&gt;");
        assert_eq!(escape_html("<b> it's"), "&lt;b&gt; it&#39;s");
    }

    #[test]
    fn the_writer_escapes_exactly_as_escape_html_does() {
        for text in [
            "",
            "plain",
            "a & b",
            "<p class=\"x\">it's</p>",
            "zwrot & إرجاع >",
        ] {
            let mut written = Vec::new();
            write_escaped_html(text, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), escape_html(text));
        }
    }
}
