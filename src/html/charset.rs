//! Bytes to text: the encoding a page declares or, failing that, the one it
//! most likely has.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for, as browsers do.
const PRESCAN_BYTES: usize = 1024;

/// Decodes an HTML page: by its byte-order mark; else by the `<meta
/// charset>` or `http-equiv="Content-Type"` in its first 1024 bytes; else
/// as UTF-8 when it is valid UTF-8, and as windows-1252 (which every byte
/// sequence is) when not. Bytes invalid in the chosen encoding become
/// U+FFFD. Borrows when the page is valid UTF-8 without a byte-order mark.
///
/// ```
/// use newsclean::html::decode;
///
/// assert_eq!(decode(b"<p>caf\xc3\xa9"), "<p>café");
/// assert_eq!(decode(b"<meta charset=iso-8859-1><p>caf\xe9"), "<meta charset=iso-8859-1><p>café");
/// assert_eq!(decode(b"<p>caf\xe9"), "<p>café"); // not UTF-8: windows-1252
/// ```
#[must_use]
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    if let Some(encoding) = declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        return encoding.decode_without_bom_handling(bytes).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The encoding a `<meta>` tag in `head` declares. A page cannot declare
/// itself UTF-16 in ASCII, so such declarations mean UTF-8, as browsers
/// read them.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let mut at = 0;
    while let Some(found) = find_ascii_ci(&head[at..], b"<meta") {
        let start = at + found + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |i| start + i);
        let tag = &head[start..end];
        if let Some(label) = charset_in(tag)
            && let Some(encoding) = Encoding::for_label(label)
        {
            return Some(match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => WINDOWS_1252,
                _ => encoding,
            });
        }
        at = end;
    }
    None
}

/// The value after `charset=` in a tag's attributes: `charset="utf-8"` or
/// `content="text/html; charset=iso-8859-1"`.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ascii_ci(tag, b"charset")? + 7;
    let rest = &tag[at..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_win() {
        assert_eq!(decode(b"\xef\xbb\xbf<p>x"), "<p>x");
        assert_eq!(decode(b"\xff\xfe<\x00p\x00>\x00"), "<p>");
        assert_eq!(
            decode(b"\xef\xbb\xbf<meta charset=iso-8859-1>\xc3\xa9"),
            "<meta charset=iso-8859-1>é"
        );
    }

    #[test]
    fn http_equiv_declarations() {
        let page = b"<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\"></head>\xcf\xf0\xe8";
        assert!(decode(page).ends_with("При"));
        assert!(decode(b"<meta charset='koi8-r'>\xf0").ends_with('П'));
    }

    #[test]
    fn declarations_late_or_unknown_are_ignored() {
        let late = [
            b"<p>".repeat(400).as_slice(),
            b"<meta charset=iso-8859-1>\xc3\xa9",
        ]
        .concat();
        assert!(decode(&late).ends_with('é'));
        assert_eq!(decode(b"<meta charset=bogus>\xe9"), "<meta charset=bogus>é");
        assert_eq!(decode(b"<meta charset=utf-16>x"), "<meta charset=utf-16>x");
    }

    #[test]
    fn declared_utf8_with_bad_bytes_gets_replacements() {
        assert_eq!(
            decode(b"<meta charset=utf-8>a\xffb"),
            "<meta charset=utf-8>a\u{fffd}b"
        );
    }
}
