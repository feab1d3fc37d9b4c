//! ASCII tests on eight bytes at once, each answered in the high bit of
//! its byte of a `u64`. `v + (0x80 - lo)` has its high bit set where
//! `v >= lo`, for bytes below 0x80, without carrying into the next.

/// `byte` in each byte of a `u64`.
pub(super) const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of every byte.
const HIGH: u64 = splat(0x80);

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

/// `v + (0x80 - lo)` in each byte: the high bit set where `v >= lo`.
fn at_least(v: u64, lo: u8) -> u64 {
    v.wrapping_add(splat(0x80 - lo))
}

/// The high bit of each byte of `chunk` from `lo` to `hi`, ASCII both.
fn in_range(chunk: u64, lo: u8, hi: u8) -> u64 {
    let ascii = chunk & splat(0x7f);
    at_least(ascii, lo) & !at_least(ascii, hi + 1) & !chunk & HIGH
}

/// The high bit of each byte of `chunk` that is an ASCII digit.
fn digits(chunk: u64) -> u64 {
    in_range(chunk, b'0', b'9')
}

/// Among bytes of `chunk` that are ASCII letters and digits, the high bit
/// of each digit: the only ones without 0x40. Two operations, where
/// [`digits`] takes six; other bytes' bits are noise, for the caller to
/// mask.
pub(super) fn digits_among_alphanumeric(chunk: u64) -> u64 {
    (!chunk << 1) & HIGH
}

/// Among bytes of `chunk` that are ASCII letters and digits, the high bit
/// of each uppercase letter: the only ones without 0x20. Other bytes'
/// bits are noise, for the caller to mask.
pub(super) fn uppercase_among_alphanumeric(chunk: u64) -> u64 {
    (!chunk << 2) & HIGH
}

/// The high bit of each byte of `chunk` that is not an ASCII letter or
/// digit.
pub(super) fn not_alphanumeric(chunk: u64) -> u64 {
    // Lowercase and uppercase letters differ only in 0x20.
    !(digits(chunk) | in_range(chunk | splat(0x20), b'a', b'z')) & HIGH
}

/// The high bit of each byte of `chunk` that is an ASCII control
/// character (below 0x20, or 0x7F).
pub(super) fn controls(chunk: u64) -> u64 {
    in_range(chunk, 0, 0x1F) | in_range(chunk, 0x7F, 0x7F)
}

/// The high bit of each byte of `chunk` that is `byte`, ASCII.
pub(super) fn equal_to(chunk: u64, byte: u8) -> u64 {
    in_range(chunk, byte, byte)
}

/// The high bit of each byte of `chunk` that is a plain space.
pub(super) fn spaces(chunk: u64) -> u64 {
    equal_to(chunk, b' ')
}

/// The high bit of each byte of `chunk` beyond ASCII.
pub(super) fn beyond_ascii(chunk: u64) -> u64 {
    chunk & HIGH
}

/// How many bytes come before the first whose high bit `mask` sets: 8 when
/// it sets none.
pub(super) fn bytes_before(mask: u64) -> u32 {
    mask.trailing_zeros() / 8
}

/// How many bytes of `mask` have their high bit set (other bits clear).
pub(super) fn count_high(mask: u64) -> u32 {
    // Each byte is 0 or 1 after the shift; the product adds them all up in
    // the top byte, at most 8.
    ((mask >> 7).wrapping_mul(splat(1)) >> 56) as u32
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
                assert_eq!(bit(digits(chunk)), b.is_ascii_digit(), "{b}");
                if b.is_ascii_alphanumeric() {
                    assert_eq!(
                        bit(digits_among_alphanumeric(chunk)),
                        b.is_ascii_digit(),
                        "{b}"
                    );
                    assert_eq!(
                        bit(uppercase_among_alphanumeric(chunk)),
                        b.is_ascii_uppercase(),
                        "{b}"
                    );
                }
                assert_eq!(bit(controls(chunk)), b.is_ascii_control(), "{b}");
                assert_eq!(bit(spaces(chunk)), b == b' ', "{b}");
                assert_eq!(bit(beyond_ascii(chunk)), !b.is_ascii(), "{b}");
            }
        }
    }

    #[test]
    fn high_bits_are_counted() {
        for mask in 0..=u8::MAX {
            let spread = (0..8).fold(0u64, |m, k| m | u64::from(mask >> k & 1) << (8 * k + 7));
            assert_eq!(count_high(spread), mask.count_ones(), "{mask:08b}");
            assert_eq!(bytes_before(spread), mask.trailing_zeros(), "{mask:08b}");
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
