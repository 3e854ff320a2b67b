//! Turning text into search terms, the same way at build time and in the browser.
//!
//! One specification, two implementations: this module and
//! `themes/default/static/js/analyze.js`. Both run the cases in `tests/vectors/analyzers.json`,
//! so a word indexed here is the word the browser looks up. Every language gets word
//! segmentation, lower case and accent folding; Arabic, Polish and English also get their own
//! normalisation and light stemming.
//!
//! Words are cut by a small rule set rather than by a UAX #29 library, because the browser's
//! segmenter (`Intl.Segmenter`) uses dictionaries for Chinese, Japanese and Thai that no Rust
//! crate reproduces: a word is a run of letters, marks and digits (joined across an apostrophe,
//! and across `.` or `,` between digits), and each Han or Hiragana character is a word of its
//! own, as UAX #29 has it.

mod arabic;
mod english;
mod polish;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One term of an analysed text, with its word position for proximity scoring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub position: u32,
}

/// The terms of `text` in `lang`, stop words removed (their positions are kept, so phrases
/// still count as adjacent).
pub fn analyze(text: &str, lang: &str) -> Vec<Token> {
    let primary = lang.split('-').next().unwrap_or(lang);
    let mut tokens = Vec::new();
    for (position, word) in words(text).enumerate() {
        if let Some(term) = analyze_word(word, primary) {
            tokens.push(Token {
                term,
                position: position as u32,
            });
        }
    }
    tokens
}

/// The term for one word, or `None` for a stop word.
pub fn analyze_word(word: &str, lang: &str) -> Option<String> {
    let folded = fold(word, lang);
    if folded.is_empty() {
        return None;
    }
    match lang {
        "ar" => Some(arabic::stem(&folded)),
        "pl" => Some(polish::stem(&folded)),
        "en" if english::is_stop_word(&folded) => None,
        "en" => Some(english::stem(&folded)),
        _ => Some(folded),
    }
}

/// The words of `text` by the rules above, as they come: the index reads each word once, so
/// none are collected.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        offset: 0,
        before: None,
        pending: None,
    }
}

/// The iterator `words` gives.
pub struct Words<'a> {
    text: &'a str,
    /// Where the next character starts.
    offset: usize,
    /// The character before it.
    before: Option<char>,
    /// An ideograph met right after a word: both end there, so it waits its turn.
    pending: Option<&'a str>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some(ideograph) = self.pending.take() {
            return Some(ideograph);
        }
        let text = self.text;
        let bytes = text.as_bytes();
        let mut start: Option<usize> = None;
        while self.offset < bytes.len() {
            let offset = self.offset;
            let byte = bytes[offset];
            // Runs of ASCII letters and digits, most of most texts, are crossed a byte at a
            // time without decoding characters: indexing spent most of its word splitting here.
            if byte.is_ascii_alphanumeric() {
                start.get_or_insert(offset);
                self.offset += bytes[offset..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - offset);
                self.before = Some(char::from(bytes[self.offset - 1]));
                continue;
            }
            // Runs of two-byte letters (Polish, Arabic) are crossed the same way, decoded by
            // hand: no ideograph is two bytes long, and no two-byte letter joins anything.
            if let Some(c) = two_byte_char(bytes, offset).filter(|&c| is_word_char(c)) {
                start.get_or_insert(offset);
                let mut last = c;
                self.offset += 2;
                while let Some(c) = two_byte_char(bytes, self.offset).filter(|&c| is_word_char(c)) {
                    last = c;
                    self.offset += 2;
                }
                self.before = Some(last);
                continue;
            }
            let c = if byte.is_ascii() {
                // Spaces and ASCII punctuation need neither decoding nor the letter tables.
                char::from(byte)
            } else {
                text[offset..].chars().next()?
            };
            let next = offset + c.len_utf8();
            let before = self.before.replace(c);
            self.offset = next;
            // Past ASCII letters and digits, an ASCII character is never part of a word,
            // though it may join the words on either side.
            if !byte.is_ascii() {
                if is_ideograph(c) {
                    let ideograph = &text[offset..next];
                    let Some(s) = start else {
                        return Some(ideograph);
                    };
                    self.pending = Some(ideograph);
                    return Some(&text[s..offset]);
                }
                if is_word_char(c) {
                    start.get_or_insert(offset);
                    continue;
                }
            }
            if let Some(s) = start {
                if !joins(before, c, text[next..].chars().next()) {
                    return Some(&text[s..offset]);
                }
            }
        }
        start.map(|s| &text[s..])
    }
}

/// The character at `at` when it is two bytes long. `bytes` are valid UTF-8, so a lead byte
/// of a two-byte character is always followed by its continuation byte.
fn two_byte_char(bytes: &[u8], at: usize) -> Option<char> {
    let lead = *bytes.get(at)?;
    if !(0xC2..=0xDF).contains(&lead) {
        return None;
    }
    let next = *bytes.get(at + 1)?;
    char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // The letters of Polish and Arabic answer here without the Unicode tables, which were
    // a noticeable part of indexing those languages.
    if matches!(c, '\u{00C0}'..='\u{017F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
        && c != '\u{00D7}'
        && c != '\u{00F7}'
    {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{309F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` joins the word characters on either side of it.
fn joins(before: Option<char>, c: char, after: Option<char>) -> bool {
    let (Some(before), Some(after)) = (before, after) else {
        return false;
    };
    match c {
        '\'' | '\u{2019}' => is_word_char(before) && is_word_char(after) && !is_ideograph(after),
        '.' | ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// Lower case, accents and marks removed, digits of any script made ASCII, and the letters
/// each language writes in several ways made one.
pub fn fold(word: &str, lang: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.nfd() {
        if let Some(mapped) = fold_char(c, lang) {
            folded.extend(mapped.to_lowercase());
        }
    }
    folded
}

fn fold_char(c: char, lang: &str) -> Option<char> {
    match c {
        // Combining marks: accents, and the Arabic short vowels, tanwin and shadda.
        '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
        // Arabic tatweel stretches a word without changing it; apostrophes are typed either way.
        '\u{0640}' | '\'' | '\u{2019}' => None,
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32),
        'ł' => Some('l'),
        'Ł' => Some('L'),
        _ if lang == "ar" => Some(arabic::unify_letter(c)),
        _ => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `words` as the rules say it, a character at a time, to check its fast path against.
    fn words_one_character_at_a_time(text: &str) -> Vec<&str> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        let mut before: Option<char> = None;
        for (offset, c) in text.char_indices() {
            let next = offset + c.len_utf8();
            if is_ideograph(c) {
                if let Some(s) = start.take() {
                    words.push(&text[s..offset]);
                }
                words.push(&text[offset..next]);
            } else if is_word_char(c) {
                start.get_or_insert(offset);
            } else if start.is_some() && joins(before, c, text[next..].chars().next()) {
            } else if let Some(s) = start.take() {
                words.push(&text[s..offset]);
            }
            before = Some(c);
        }
        if let Some(s) = start {
            words.push(&text[s..]);
        }
        words
    }

    #[test]
    fn the_byte_at_a_time_path_splits_like_the_rules() {
        let pieces = [
            "order",
            "Zamówienie",
            "źdźbło",
            "طلب",
            "الطَّلَب",
            "×",
            "÷",
            "1,5",
            "3.14",
            "don't",
            "l'été",
            "注文",
            "ok",
            " ",
            "  ",
            "\u{00A0}",
            ".",
            ",",
            "'",
            "\u{2019}",
            "-",
            "é",
            "ß",
            "Ł",
            "ـ",
            "٣",
            "\u{0301}",
            "x\u{0301}",
            "\n",
            "😀",
        ];
        // Every ordered triple of pieces, so runs of ASCII letters meet every neighbour.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    assert_eq!(
                        split(&text),
                        words_one_character_at_a_time(&text),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_quick_letter_ranges_agree_with_unicode() {
        let ranges = ['\u{00C0}'..='\u{017F}', '\u{0600}'..='\u{06FF}'];
        for c in ranges.into_iter().flatten() {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn words_keep_apostrophes_and_decimals_inside_and_split_ideographs() {
        assert_eq!(
            split("Don't pay 4.99 or 1,5 zł. 'quoted' end. x1.y 日本語abc rock'n'roll طلب3 'a"),
            [
                "Don't",
                "pay",
                "4.99",
                "or",
                "1,5",
                "zł",
                "quoted",
                "end",
                "x1",
                "y",
                "日",
                "本",
                "語",
                "abc",
                "rock'n'roll",
                "طلب3",
                "a"
            ]
        );
        assert_eq!(split("it’s 12.5."), ["it’s", "12.5"]);
        assert_eq!(split("a'日"), ["a", "日"]);
        assert!(split("  ... ,,, ").is_empty());
    }

    fn split(text: &str) -> Vec<&str> {
        words(text).collect()
    }

    /// The shared vectors: the browser's analyser runs the same file.
    #[test]
    fn shared_vectors() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/analyzers.json");
        let vectors: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let cases = vectors["cases"].as_array().unwrap();
        assert!(cases.len() >= 30);
        for case in cases {
            let lang = case["lang"].as_str().unwrap();
            let input = case["input"].as_str().unwrap();
            let terms: Vec<String> = analyze(input, lang).into_iter().map(|t| t.term).collect();
            let expected: Vec<String> = serde_json::from_value(case["terms"].clone()).unwrap();
            assert_eq!(terms, expected, "{lang}: {input}");
        }
    }

    #[test]
    fn positions_keep_gaps_where_stop_words_were() {
        let tokens = analyze("track the parcel", "en");
        assert_eq!(
            tokens.iter().map(|t| t.position).collect::<Vec<_>>(),
            [0, 2]
        );
    }
}
