//! English: stop words and a light suffix stemmer.
//!
//! A full Porter stemmer would have to be written twice (here and in the browser) and merges
//! words a help center keeps apart ("general" and "generous"); these few rules join the plural
//! and verb forms customers actually type ("refunds", "tracking", "delivered").

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "has", "have", "i", "if",
    "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their",
    "then", "this", "to", "was", "we", "were", "what", "when", "where", "which", "will", "with",
    "you", "your",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

pub fn stem(word: &str) -> String {
    let len = word.chars().count();
    if len >= 5 {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
    }
    for (ending, shortest) in [("ing", 6), ("ed", 5)] {
        if len >= shortest {
            if let Some(stem) = word.strip_suffix(ending) {
                return undouble(stem);
            }
        }
    }
    if len >= 5 {
        if let Some(stem) = word.strip_suffix("es") {
            // "boxes" loses "es", "purchases" only its "s".
            let sibilant = ["ss", "sh", "ch", "x", "z"]
                .iter()
                .any(|s| stem.ends_with(s));
            return if sibilant {
                stem.to_string()
            } else {
                word[..word.len() - 1].to_string()
            };
        }
    }
    if len >= 4 {
        if let Some(stem) = word.strip_suffix('s') {
            if !(stem.ends_with('s') || stem.ends_with('u') || stem.ends_with('i')) {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

/// "shipp" (from "shipping") to "ship"; "ll", "ss" and "zz" stay, as in "fill" or "pass".
fn undouble(stem: &str) -> String {
    let chars: Vec<char> = stem.chars().collect();
    match chars.as_slice() {
        [.., a, b] if a == b && a.is_alphabetic() && !"aeioulsz".contains(*a) => {
            chars[..chars.len() - 1].iter().collect()
        }
        _ => stem.to_string(),
    }
}
