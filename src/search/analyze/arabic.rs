//! Arabic: letters written several ways made one, and light stemming.
//!
//! Customers type without hamza, short vowels or the final ة; the index must not care.
//! Canonical decomposition already turns أ إ آ ؤ ئ into a base letter and a mark that folding
//! drops; the rest is mapped here. The stemmer strips only the article ال (with a letter
//! before it), the conjunction و on long words, and common suffixes, keeping at least three
//! letters: ب, ل, ف and ك alone are too often a word's own first letter (بطاقة، فاتورة).

/// The letter `c` stands for in search: ٱ to ا, ى to ي, ة to ه.
pub fn unify_letter(c: char) -> char {
    match c {
        'ٱ' | 'أ' | 'إ' | 'آ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        other => other,
    }
}

/// Longest first, so the article is taken with the letter before it.
const PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال", "و"];
const SUFFIXES: &[&str] = &[
    "هما", "كما", "تها", "تك", "ها", "ان", "ات", "ون", "ين", "يه", "ته", "كم", "هم", "نا", "ه",
    "ي", "ك",
];

/// Light stem of a folded Arabic word.
pub fn stem(word: &str) -> String {
    let mut stem = word;
    for prefix in PREFIXES {
        if let Some(rest) = stem.strip_prefix(prefix) {
            // و may be the word's own first letter (وصول): only a long word loses it.
            let keep = if prefix.chars().count() == 1 { 4 } else { 2 };
            if rest.chars().count() >= keep {
                stem = rest;
            }
            break;
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = stem.strip_suffix(suffix) {
            if rest.chars().count() >= 3 {
                stem = rest;
                break;
            }
        }
    }
    stem.to_string()
}
