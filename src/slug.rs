//! Turning titles and tags into URL- and anchor-friendly names.
//!
//! Letters of every script are kept (an Arabic heading gets an Arabic anchor, which browsers
//! show as written), so a slug never comes out empty for a non-Latin title.

/// Lower-cases, keeps letters and digits of any script, joins words with `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        match class(c) {
            Class::Silent => {}
            Class::Separator => pending_dash = true,
            Class::Letter => {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                if c.is_ascii() {
                    slug.push(c.to_ascii_lowercase());
                } else if is_arabic_letter(c) {
                    // Arabic has no case: its letters skip both Unicode tables, which were
                    // most of the time an Arabic heading took.
                    slug.push(c);
                } else {
                    slug.extend(c.to_lowercase());
                }
            }
        }
    }
    slug
}

/// What a character is to a slug.
enum Class {
    /// Kept, lower-cased.
    Letter,
    /// Left out without a break: short vowels, tatweel and apostrophes would make two
    /// spellings of a word differ.
    Silent,
    /// Ends a word.
    Separator,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        // Most headings are mostly ASCII, which needs neither the Arabic ranges nor the
        // Unicode tables.
        return match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Class::Letter,
            '\'' => Class::Silent,
            _ => Class::Separator,
        };
    }
    if is_arabic_mark(c) || c == '’' {
        Class::Silent
    } else if is_arabic_letter(c) || c.is_alphanumeric() {
        Class::Letter
    } else {
        Class::Separator
    }
}

/// The Arabic letters: hamza to ghain and feh to yeh.
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether `slug` is safe as one path segment the writer chose (a file or folder name).
pub fn is_path_segment(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('.')
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The URL segment for a file or folder name the writer chose, and whether it differs from
/// the name. A name already fit for a URL is kept as it is, underscores and letters of every
/// script included, so URLs carry over from the writers' previous tool; any other (capitals,
/// dots, spaces, a leading `_`) gets a slug made from it. Names are compared in NFC because
/// macOS writes file names decomposed.
pub fn url_segment(name: &str) -> (String, bool) {
    use unicode_normalization::UnicodeNormalization;
    if is_kept_as_written(name) {
        return (name.to_string(), false);
    }
    let composed: String = name.nfc().collect();
    if is_kept_as_written(&composed) {
        return (composed, false);
    }
    let slug = slugify(&composed);
    if slug.is_empty() {
        // A name of nothing but punctuation: a fixed word, so the file is still published
        // (two such names in one folder meet as a clash of URLs, which is reported).
        return ("untitled".to_string(), true);
    }
    (slug, true)
}

fn is_kept_as_written(name: &str) -> bool {
    is_path_segment(name)
        && !name.starts_with(['_', '-'])
        && !name.chars().any(char::is_uppercase)
        && unicode_normalization::is_nfc(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_are_letters_without_case() {
        for c in ('\u{0600}'..='\u{06ff}').filter(|&c| is_arabic_letter(c)) {
            assert!(c.is_alphanumeric(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string());
        }
    }

    #[test]
    fn slug_cases() {
        let cases = [
            ("When will I get my money?", "when-will-i-get-my-money"),
            (
                "  Zwrot pieniędzy — ile to trwa?",
                "zwrot-pieniędzy-ile-to-trwa",
            ),
            ("إِرجاع المنتج", "إرجاع-المنتج"),
            ("C++ & Rust", "c-rust"),
            (
                "If the refund hasn’t arrived",
                "if-the-refund-hasnt-arrived",
            ),
            ("---", ""),
            ("Étape 2: Payer", "étape-2-payer"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input:?}");
        }
    }

    #[test]
    fn url_segment_cases() {
        let cases = [
            ("refunds", "refunds", false),
            ("zwrot_pieniedzy", "zwrot_pieniedzy", false),
            ("إرجاع", "إرجاع", false),
            ("duck-player.index", "duck-player-index", true),
            ("Privacy Policy", "privacy-policy", true),
            ("FAQ", "faq", true),
            ("_drafts", "drafts", true),
            // "pieniędzy" with the ogonek as a combining mark, as macOS names files.
            ("pienie\u{0328}dzy", "pieniędzy", false),
            ("Zwrot pienie\u{0328}dzy", "zwrot-pieniędzy", true),
            ("!!!", "untitled", true),
        ];
        for (name, segment, changed) in cases {
            assert_eq!(
                url_segment(name),
                (segment.to_string(), changed),
                "{name:?}"
            );
        }
    }

    #[test]
    fn path_segment_cases() {
        for ok in ["refunds", "order-api", "zwrot_pieniedzy", "إرجاع"] {
            assert!(is_path_segment(ok), "{ok}");
        }
        for bad in ["", ".git", "a b", "a/b", "..", "x?y"] {
            assert!(!is_path_segment(bad), "{bad}");
        }
    }
}
