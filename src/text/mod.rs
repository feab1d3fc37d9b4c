//! Shallow text analysis shared by the cleaners: trimming, line keys, the
//! shape of a line (words, case, punctuation), dates.

pub(crate) mod dates;
mod shape;
mod stopwords;

pub use shape::{Initial, Shape};
pub use stopwords::{Language, StopWords};

use unicode_normalization::UnicodeNormalization;

use crate::Span;

/// Whether `c` is whitespace or an invisible formatting character that
/// scrapers leave at the edges of lines (zero-width space, BOM, word joiner,
/// soft hyphen, direction marks).
#[must_use]
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Invisible characters that carry no text. Zero-width joiners (U+200C,
/// U+200D) are not among them: Persian, Indic scripts and emoji need them.
#[must_use]
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}'
    )
}

/// `span` of `text` without leading and trailing blank characters. A span
/// with nothing else collapses to an empty span at its start.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (span.start, span.end);
    // ASCII whitespace first: it is nearly all there is.
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    if start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80) {
        let inner = &text[start..end];
        let trimmed_start = inner.trim_start_matches(is_blank_char);
        let trimmed = trimmed_start.trim_end_matches(is_blank_char);
        start += inner.len() - trimmed_start.len();
        end = start + trimmed.len();
    }
    if start >= end {
        return Span::new(span.start, span.start);
    }
    Span::new(start, end)
}

/// Writes the lookup key of `line` (normalised, see [`normalized`]) into `out`: lowercase words separated by
/// single spaces, all punctuation and symbols dropped. `"- Advertisement -"`
/// and `"ADVERTISEMENT"` share the key `advertisement`.
pub(crate) fn key_into(line: &str, out: &mut String) {
    out.clear();
    let mut gap = false;
    if line.is_ascii() {
        for &b in line.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                gap = true;
            }
        }
        return;
    }
    for c in line.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if !is_mark(c) {
            gap = true;
        }
    }
}

/// The key of `line`, see [`key_into`].
#[must_use]
pub(crate) fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    key_into(line, &mut out);
    out
}

/// Combining marks continue the word they follow (decomposed accents,
/// Indic vowel signs), and so do the zero-width joiners.
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && (matches!(c, '\u{200C}' | '\u{200D}')
            || unicode_normalization::char::is_combining_mark(c))
}

/// The words of `text`: maximal runs of alphanumeric characters (and the
/// combining marks inside them), as the evaluation metric's `\w+` sees them,
/// underscores aside.
pub(crate) fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| !w.is_empty())
}

/// Whether `c` closes a quotation or parenthesis.
#[must_use]
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{2019}'
            | '\u{201D}'
            | '\u{00BB}'
            | '\u{203A}'
            | ')'
            | ']'
            | '\u{300D}'
            | '*'
    )
}

/// Whether `c` opens a quotation.
#[must_use]
pub(crate) fn is_opening_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{2018}' | '\u{201C}' | '\u{00AB}' | '\u{2039}' | '\u{201E}' | '\u{300C}'
    )
}

/// Whether `c` ends a sentence.
#[must_use]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{0964}'
    )
}

/// Whether `line` (trimmed) differs from its [`normalized`] form, or might:
/// a quick scan, since nearly all lines are plain ASCII with single spaces.
#[must_use]
pub(crate) fn needs_normalizing(line: &str) -> bool {
    let mut prev_space = false;
    for &b in line.as_bytes() {
        if !(0x20..0x7F).contains(&b) {
            return true;
        }
        let space = b == b' ';
        if space && prev_space {
            return true;
        }
        prev_space = space;
    }
    false
}

/// `line` as the body shows it: Unicode NFC, invisible and control
/// characters dropped, each run of whitespace one plain space, no
/// whitespace at the edges.
#[must_use]
pub(crate) fn normalized(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.nfc() {
        if c.is_whitespace() {
            space = true;
        } else if !(is_invisible(c) || c.is_control()) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A set of boilerplate phrases, looked up by line key.
#[derive(Debug)]
pub(crate) struct Phrases {
    keys: std::collections::HashSet<Box<str>>,
}

impl Phrases {
    /// Phrases as printed; each is stored by its [`key`].
    pub(crate) fn new(phrases: &[&str]) -> Phrases {
        Phrases {
            keys: phrases.iter().map(|p| key(p).into_boxed_str()).collect(),
        }
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_and_invisible_edges() {
        let text = "\u{FEFF}\u{00A0} Hello\u{200B} \r\n";
        let span = trim_span(text, Span::new(0, text.len()));
        assert_eq!(&text[span.range()], "Hello");
    }

    #[test]
    fn blank_span_collapses_to_its_start() {
        let text = "ab \u{00A0}\t\n";
        assert_eq!(trim_span(text, Span::new(2, text.len())), Span::new(2, 2));
    }

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(key("- Advertisement -"), "advertisement");
        assert_eq!(
            key("Already a member? Sign in here"),
            "already a member sign in here"
        );
        assert_eq!(key("PUBLICITÉ"), "publicité");
        assert_eq!(
            key("100\u{2019}s of premium titles."),
            "100 s of premium titles"
        );
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("It's 9:30 — “time”, they said.").collect();
        assert_eq!(w, ["It", "s", "9", "30", "time", "they", "said"]);
    }
}
