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
    fn path_segment_cases() {
        for ok in ["refunds", "order-api", "zwrot_pieniedzy", "إرجاع"] {
            assert!(is_path_segment(ok), "{ok}");
        }
        for bad in ["", ".git", "a b", "a/b", "..", "x?y"] {
            assert!(!is_path_segment(bad), "{bad}");
        }
    }
}
