//! Polish: light stemming of inflected endings, on words whose diacritics are already folded.
//!
//! Polish inflects nouns and adjectives through seven cases; a customer types "zwrotu" or
//! "zwroty" for the article titled "Zwrot". Stripping the longest common ending while keeping
//! a stem of at least four letters joins most forms of a word without a dictionary. Stems
//! whose vowel alternates (pieniądze, pieniędzy) are left to typo tolerance.

/// Endings written without diacritics, longest first.
const ENDINGS: &[&str] = &[
    "owania", "owanie", "aniem", "iach", "iami", "ami", "ach", "owi", "ego", "emu", "ych", "ymi",
    "ich", "imi", "iej", "iem", "ow", "om", "em", "ie", "ia", "iu", "ii", "ej", "ym", "im", "a",
    "e", "i", "o", "u", "y",
];

pub fn stem(word: &str) -> String {
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 4 {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}
