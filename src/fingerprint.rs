//! Fingerprints of inputs, by which `serve` rebuilds only what an edit changed.
//!
//! A fingerprint is compared within one process and never stored, so it need not stay the
//! same between versions. It must be fast, since a build takes one of every article's text,
//! and must all but never collide, since a collision would show a writer a stale page: so
//! XXH3's 64 bits. SipHash, std's default, spent 1% of a 10,000-article build on it.

use std::hash::{Hash, Hasher};

/// The hasher of fingerprints. Bytes fed to it in pieces give what they give whole.
pub type Fingerprinter = xxhash_rust::xxh3::Xxh3;

/// A hasher to feed the parts of a fingerprint to, one by one.
pub fn hasher() -> Fingerprinter {
    Fingerprinter::new()
}

/// The fingerprint of `value`.
pub fn of(value: &impl Hash) -> u64 {
    let mut hasher = hasher();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    #[test]
    fn bytes_in_pieces_fingerprint_as_they_do_whole() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = super::hasher();
        whole.write(&bytes);
        let mut pieces = super::hasher();
        for piece in bytes.chunks(4093) {
            pieces.write(piece);
        }
        assert_eq!(whole.finish(), pieces.finish());
    }

    #[test]
    fn equal_inputs_agree_and_a_changed_letter_differs() {
        let text = "Track your parcel from the link in your e-mail.".repeat(50);
        assert_eq!(
            super::of(&(text.as_str(), 3)),
            super::of(&(text.clone(), 3))
        );
        assert_ne!(
            super::of(&(text.as_str(), 3)),
            super::of(&(text.as_str(), 4))
        );
        let edited = text.replacen("parcel", "parcal", 1);
        assert_ne!(super::of(&text), super::of(&edited));
    }
}
