//! ASCII tests on eight bytes at once, each answered in the high bit of
//! its byte of a `u64`. `v + (0x80 - lo)` has its high bit set where
//! `v >= lo`, for bytes below 0x80, without carrying into the next.

/// `byte` in each byte of a `u64`.
pub(super) const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of every byte.
pub(super) const HIGH: u64 = splat(0x80);

/// The eight bytes of `raw` from `at` (in the order of a little-endian
/// `u64`), those past its end 0.
pub(super) fn eight_bytes(raw: &[u8], at: usize) -> u64 {
    match raw.get(at..at + 8) {
        Some(chunk) => {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(chunk);
            u64::from_le_bytes(bytes)
        }
        None => raw
            .get(at..)
            .unwrap_or_default()
            .iter()
            .rev()
            .fold(0, |bytes, &b| bytes << 8 | u64::from(b)),
    }
}

/// The high bit of each byte of `chunk` that is not an ASCII letter or
/// digit.
pub(super) fn not_alphanumeric(chunk: u64) -> u64 {
    let at_least = |v: u64, lo: u8| v.wrapping_add(splat(0x80 - lo));
    let ascii = chunk & splat(0x7f);
    let digit = at_least(ascii, b'0') & !at_least(ascii, b'9' + 1);
    let folded = ascii | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    !((digit | letter) & !chunk) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_classed_as_the_standard_library_classes_it() {
        for b in 0..=u8::MAX {
            // Alone and among others, at each place in the chunk.
            for place in 0..8 {
                let mut bytes = [b'a', b'Z', b'5', b' ', 0xC3, b'@', b'[', b'`'];
                bytes[place] = b;
                let chunk = u64::from_le_bytes(bytes);
                let bit = |mask: u64| mask >> (8 * place + 7) & 1 == 1;
                assert_eq!(
                    bit(not_alphanumeric(chunk)),
                    !b.is_ascii_alphanumeric(),
                    "{b}"
                );
            }
        }
    }

    #[test]
    fn bytes_past_the_end_read_as_zero() {
        assert_eq!(
            eight_bytes(b"abc", 0),
            u64::from_le_bytes(*b"abc\0\0\0\0\0")
        );
        assert_eq!(
            eight_bytes(b"abcdefghij", 1),
            u64::from_le_bytes(*b"bcdefghi")
        );
        assert_eq!(eight_bytes(b"ab", 2), 0);
    }
}
