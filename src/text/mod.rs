//! Shallow text analysis shared by the cleaners: trimming, line keys, the
//! shape of a line (words, case, punctuation), dates.

pub(crate) mod dates;
mod eight;
mod shape;
mod stopwords;
mod word_regex;

pub(crate) use shape::KeyBuffer;
pub use shape::{Initial, Shape};
pub(crate) use stopwords::{
    AD_MARKER_WORDS, AGENCY_WORDS, CHROME_FORM_WORDS, COOKIE_WORDS, FURNITURE_LINK_WORDS,
    MEDIA_NOUN_WORDS, NEWSLETTER_WORDS, OFFER_WORDS, PRESS_NAME_WORDS, PROMPT_WORDS,
    RIGHTS_RESERVED_WORDS, WIDGET_FORM_WORDS, WordClass, WordCounts,
};
pub use stopwords::{Language, StopWords};
#[cfg(test)]
pub(crate) use word_regex::COMPILED_ON_THIS_THREAD;
pub(crate) use word_regex::Regex;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use crate::Span;

/// Whether `c` is whitespace, a control character or an invisible
/// formatting character that scrapers leave at the edges of lines
/// (zero-width space, BOM, word joiner, soft hyphen, direction marks): what
/// the body never shows.
#[must_use]
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_invisible(c)
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
    // ASCII whitespace and controls first: they are nearly all there is.
    let ascii_blank = |b: u8| b == b' ' || b.is_ascii_control();
    while start < end && ascii_blank(bytes[start]) {
        start += 1;
    }
    while end > start && ascii_blank(bytes[end - 1]) {
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

/// Appends the lookup key of `line` (normalised, see [`normalized`]) to
/// `out`: lowercase words separated by single spaces, all punctuation and
/// symbols dropped. `"- Advertisement -"` and `"ADVERTISEMENT"` share the
/// key `advertisement`.
pub(crate) fn push_key(line: &str, out: &mut Vec<u8>) {
    // The words of an ASCII line are read eight bytes at a time where its
    // shape is measured, in the same pass.
    Shape::with_key(line, Some((out, &mut KeyBuffer::default())), None);
}

/// [`push_key`] a character at a time, for any line.
// Out of line: inlined, it slows `Shape::with_key`'s reading of ASCII words.
#[inline(never)]
pub(super) fn push_key_by_chars(line: &str, out: &mut Vec<u8>) {
    let mut key = shape::KeyWriter::new(out);
    for c in line.chars() {
        key.add(c, shape::class_bits(c));
    }
}

/// The key of `line`, see [`push_key`].
#[must_use]
pub(crate) fn key(line: &str) -> String {
    let mut out = Vec::with_capacity(line.len());
    push_key(line, &mut out);
    keys_text(out)
}

/// Keys that [`push_key`] wrote, as text. They are whole characters, so
/// always text: written as bytes, they are checked once, not key by key.
pub(crate) fn keys_text(keys: Vec<u8>) -> String {
    String::from_utf8(keys).unwrap_or_default()
}

/// `word` in lowercase, borrowed when it is already (as most words are).
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` has at least `n` characters.
pub(crate) fn has_chars(word: &str, n: usize) -> bool {
    // A character takes at most four bytes.
    n == 0 || (word.len() >= n && (word.len() >= 4 * n || word.chars().nth(n - 1).is_some()))
}

/// Combining marks continue the word they follow (decomposed accents,
/// Indic vowel signs), and so do the zero-width joiners.
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && (matches!(c, '\u{200C}' | '\u{200D}')
            || unicode_normalization::char::is_combining_mark(c))
}

/// Whether `c` is part of a word as [`words`] cuts them: alphanumeric, or
/// a mark.
pub(crate) fn in_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    shape::class_bits(c) & (shape::ALNUM | shape::MARK) != 0
}

/// The words of `text`: maximal runs of alphanumeric characters (and the
/// combining marks inside them), as the evaluation metric's `\w+` sees them,
/// underscores aside.
pub(crate) fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !in_word(c)).filter(|w| !w.is_empty())
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

/// Builds the tables and patterns of this module that are built on first
/// use; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    LazyLock::force(&PLAIN_NFC);
    stopwords::prepare();
    shape::prepare();
    dates::prepare();
}

/// Whether `line` (trimmed) differs from its [`normalized`] form, or might:
/// a quick scan, since nearly all lines are plain ASCII with single spaces,
/// and most others are already in NFC.
#[must_use]
pub(crate) fn needs_normalizing(line: &str) -> bool {
    let bytes = line.as_bytes();
    // Eight bytes at a time, in one pass: most lines are short, and pass.
    let (mut controls, mut doubled, mut beyond_ascii) = (0, 0, 0);
    let mut look = |chunk: u64, spaces_before: u64| {
        let spaces = eight::spaces(chunk);
        controls |= eight::controls(chunk);
        doubled |= spaces & (spaces << 8 | spaces_before >> 56);
        beyond_ascii |= eight::beyond_ascii(chunk);
        spaces
    };
    let mut chunks = bytes.chunks_exact(8);
    // The spaces of the eight bytes before, for a pair across two chunks.
    let mut spaces_before = 0;
    for chunk in &mut chunks {
        let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        spaces_before = look(chunk, spaces_before);
    }
    if !chunks.remainder().is_empty() {
        match bytes.len().checked_sub(8) {
            // The last eight bytes, some read again: pairs among them are
            // all pairs of the line's end.
            Some(from) => {
                let chunk = u64::from_le_bytes(bytes[from..].try_into().unwrap_or_default());
                look(chunk, 0);
            }
            // Padded with a letter, which changes none of the three.
            None => {
                let mut padded = [b'a'; 8];
                padded[..bytes.len()].copy_from_slice(bytes);
                look(u64::from_le_bytes(padded), 0);
            }
        }
    }
    if controls | doubled != 0 || bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return true;
    }
    beyond_ascii != 0 && !is_plain_nfc(line)
}

/// Whether [`normalized`] would return `line`, which has no ASCII control
/// character, no two spaces together and none at its ends, unchanged: no
/// other whitespace, no invisible or control character, and certainly NFC.
fn is_plain_nfc(line: &str) -> bool {
    // Nearly every line beyond ASCII is told by one reading of its
    // characters in a table, where the searches below read it three times
    // and stop at many characters (Japanese kana all start with 0xE3).
    if is_ascii_or_plain(line, &PLAIN_NFC) {
        return true;
    }
    let bytes = line.as_bytes();
    // Other whitespace, invisible and control characters start with one of
    // these bytes, which few common characters share but for 0xE2 (quotes,
    // dashes): found by `memchr`, then told apart by the bytes after.
    let dropped_or_space = memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes)
        .chain(memchr::memchr2_iter(0xE1, 0xE3, bytes))
        .any(|at| is_dropped_or_space_at(bytes, at));
    !dropped_or_space
        && unicode_normalization::is_nfc_quick(line.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Whether each character of `line` is ASCII or set in `plain`. The
/// ASCII, most of any line, is passed over eight bytes at a time: only the
/// other characters are decoded.
fn is_ascii_or_plain(line: &str, plain: &Bits) -> bool {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            // To the next byte beyond ASCII, which starts a character.
            at += eight::bytes_before(eight::beyond_ascii(eight::eight_bytes(bytes, at))) as usize;
            continue;
        }
        // The characters beyond ASCII from there, in a run: all of a line
        // in many scripts. The first is one, so each turn moves on.
        let Some(rest) = line.get(at..) else {
            return false;
        };
        for c in rest.chars() {
            if c.is_ascii() {
                break;
            }
            if !plain.get(c as usize) {
                return false;
            }
            at += c.len_utf8();
        }
    }
    true
}

/// One bit per character of the Basic Multilingual Plane: set for a
/// starter (combining class 0) whose NFC quick check is yes, and which
/// [`normalized`] keeps as it is (no whitespace, invisible or control
/// character). A line of ASCII and such characters passes the quick check,
/// and is its own normal form.
static PLAIN_NFC: LazyLock<Bits> = LazyLock::new(|| {
    let mut bits = Bits::new(0x10000);
    for c in (0x80..0x10000).filter_map(char::from_u32) {
        if !is_blank_char(c)
            && unicode_normalization::char::canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes
        {
            bits.set(c as usize);
        }
    }
    bits
});

/// Whether the byte at `at` of `bytes` starts a character [`normalized`]
/// drops or turns into a plain space: whitespace, invisible and control
/// characters. Read from the UTF-8 bytes, since decoding each character of
/// a line costs more than the rest of the check.
fn is_dropped_or_space_at(bytes: &[u8], at: usize) -> bool {
    let next = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    match bytes[at] {
        // ASCII whitespace and controls.
        0x00..=0x20 | 0x7F => true,
        // U+0080 to U+00A0 (controls, next line, no-break space), soft hyphen.
        0xC2 => matches!(next(1), 0x80..=0xA0 | 0xAD),
        // U+1680, the ogham space.
        0xE1 => next(1) == 0x9A && next(2) == 0x80,
        // U+2000 to U+200B, U+200E, U+200F, U+2028, U+2029, U+202F,
        // U+205F, U+2060; not the joiners U+200C and U+200D.
        0xE2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8B | 0x8E | 0x8F | 0xA8 | 0xA9 | 0xAF),
            0x81 => matches!(next(2), 0x9F | 0xA0),
            _ => false,
        },
        // U+3000, the ideographic space.
        0xE3 => next(1) == 0x80 && next(2) == 0x80,
        // U+FEFF, the byte order mark.
        0xEF => next(1) == 0xBB && next(2) == 0xBF,
        _ => false,
    }
}

/// `line` as the body shows it: Unicode NFC, invisible and control
/// characters dropped, each run of whitespace one plain space, no
/// whitespace at the edges.
#[must_use]
pub(crate) fn normalized(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    let mut push = |c: char| {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    };
    // Dropped before composing: a letter and its accent may sit on either
    // side of what is dropped.
    let shown = line.chars().filter(|&c| !is_dropped(c));
    // Text already in NFC (nearly all of it) is its own NFC.
    if unicode_normalization::is_nfc_quick(shown.clone())
        == unicode_normalization::IsNormalized::Yes
    {
        shown.for_each(&mut push);
    } else {
        shown.nfc().for_each(&mut push);
    }
    out
}

/// Characters [`normalized`] drops: invisible ones, and controls that are
/// no whitespace.
pub(crate) fn is_dropped(c: char) -> bool {
    !c.is_whitespace() && (is_invisible(c) || c.is_control())
}

/// A set of boilerplate phrases, looked up by line key.
///
/// Nearly every key looked up is none of them (a few in a hundred are), so
/// a filter of the keys' first eight bytes and length turns most away
/// before a key is hashed whole.
#[derive(Debug)]
pub(crate) struct Phrases {
    keys: FixedSet<Box<str>>,
    /// One bit per [`Phrases::filter_bit`], set for the keys held.
    filter: Bits,
}

/// A set built once from fixed entries and then only looked up: hashed
/// with a fixed seed, as crafted keys cannot make lookups of a fixed set
/// slow.
pub(crate) type FixedSet<T> = HashSet<T, foldhash::fast::FixedState>;

impl Phrases {
    /// Phrases as printed; each is stored by its [`key`].
    pub(crate) fn new(phrases: &[&str]) -> Phrases {
        #[cfg(test)]
        COMPILED_ON_THIS_THREAD.with(|count| count.set(count.get() + 1));
        let keys: FixedSet<Box<str>> = phrases.iter().map(|p| key(p).into_boxed_str()).collect();
        let mut filter = Bits::new(1 << 12);
        for key in &keys {
            filter.set(Phrases::filter_bit(key));
        }
        Phrases { keys, filter }
    }

    // Inlined into the cleaners' modules, as `Document::line_text` is:
    // the filter turns nearly every key away.
    #[inline]
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.filter.get(Phrases::filter_bit(key)) && self.keys.contains(key)
    }

    /// A bit of the filter, one of 4096, for `key`: from its first eight
    /// bytes and its length, which tell most keys of lines apart.
    fn filter_bit(key: &str) -> usize {
        (spread(eight::eight_bytes(key.as_bytes(), 0) ^ key.len() as u64) >> 52) as usize
    }
}

/// `x` times 2^64 over the golden ratio: the product's high bits depend on
/// every bit of `x`, for hashing by them.
pub(crate) fn spread(x: u64) -> u64 {
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// A fixed number of bits, each set or not.
#[derive(Clone, Debug)]
pub(crate) struct Bits(Box<[u64]>);

impl Bits {
    /// `len` bits, none set; `len` is a multiple of 64.
    pub(crate) fn new(len: usize) -> Bits {
        debug_assert!(len % 64 == 0, "{len} bits");
        Bits(vec![0; len / 64].into_boxed_slice())
    }

    /// Sets `bit`, which is below the length (else panics, as indexing).
    pub(crate) fn set(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether `bit` is set: false for a bit past the length.
    pub(crate) fn get(&self, bit: usize) -> bool {
        self.0
            .get(bit / 64)
            .is_some_and(|word| word >> (bit % 64) & 1 == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_in_words_are_those_of_the_unicode_tables() {
        for c in (0..0x3000)
            .chain(0x1_0000..0x1_0100)
            .filter_map(char::from_u32)
        {
            assert_eq!(in_word(c), c.is_alphanumeric() || is_mark(c), "{c:?}");
        }
    }

    #[test]
    fn trims_unicode_and_invisible_edges() {
        let text = "\u{FEFF}\u{00A0} Hello\u{200B} \r\n";
        let span = trim_span(text, Span::new(0, text.len()));
        assert_eq!(&text[span.range()], "Hello");
    }

    #[test]
    fn control_characters_are_blank() {
        let text = "\0\u{1}\u{85}\u{7f}";
        assert_eq!(trim_span(text, Span::new(0, text.len())), Span::new(0, 0));
        let text = "\u{b}\0 x\u{1}y \u{200b}\u{7}";
        let span = trim_span(text, Span::new(0, text.len()));
        assert_eq!(&text[span.range()], "x\u{1}y");
    }

    #[test]
    fn blank_span_collapses_to_its_start() {
        let text = "ab \u{00A0}\t\n";
        assert_eq!(trim_span(text, Span::new(2, text.len())), Span::new(2, 2));
    }

    /// [`push_key_by_chars`] as its definition reads: a character at a
    /// time.
    fn key_by_definition(line: &str) -> String {
        let mut out = String::new();
        let mut gap = false;
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
        out
    }

    proptest::proptest! {
        #[test]
        fn keys_are_those_of_the_definition(
            // Marks that are letters too (a Miao and a Devanagari vowel
            // sign) stay in keys.
            line in "(a|Z|9| |,|é|É|İ|ß|ǅ|\u{301}|\u{200d}|\u{16F51}|\u{93E}|\u{2019}|Ⅷ|٣|。|\u{1F600}|\\PC){0,40}|(Ab1 ){60,70}é"
        ) {
            let mut key = b"earlier keys ".to_vec();
            push_key_by_chars(&line, &mut key);
            proptest::prop_assert_eq!(String::from_utf8(key), Ok(format!("earlier keys {}", key_by_definition(&line))));
            // As a line's reading writes it.
            proptest::prop_assert_eq!(super::key(&line), key_by_definition(&line));
        }
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

    proptest::proptest! {
        #[test]
        fn lines_said_normal_are_their_normal_form(
            line in "(a|E|1|,| |  |\u{a0}|\t|\u{7}|\u{200b}|e\u{301}|\u{301}|é|\u{1F600}|\u{2019}|\\PC){0,12}"
        ) {
            let line = line.trim_matches(is_blank_char);
            if !needs_normalizing(line) {
                proptest::prop_assert_eq!(normalized(line), line);
            }
        }

        #[test]
        fn lines_plain_and_nfc_are_told_as_by_the_quick_check(
            line in "(a|é|e|\u{301}|\u{316}|\u{334}|\u{5B0}|\u{5B1}|\u{1100}|\u{1161}|\u{AC00}|\u{2001}|\u{958}|\u{F900}|\u{1F600}|\u{a0}|\u{ad}|\u{200b}|\u{3000}|\u{feff}|\u{3042}|\u{2019}|\\PC){0,10}"
        ) {
            let quick = unicode_normalization::is_nfc_quick(line.chars())
                == unicode_normalization::IsNormalized::Yes;
            let blank = line.chars().any(|c| !c.is_ascii() && is_blank_char(c));
            proptest::prop_assert_eq!(is_plain_nfc(&line), quick && !blank);
        }

        #[test]
        fn lines_ascii_or_plain_are_those_of_the_definition(
            // Runs of ASCII longer and shorter than the eight bytes passed
            // over at once, between characters of one to four bytes.
            line in "(abcdefg|abcdefgh|abcdefghi|a|é|e\u{301}|\u{2019}|\u{a0}|\u{1F600}|\u{3042}|\\PC){0,12}"
        ) {
            let plain = &*PLAIN_NFC;
            proptest::prop_assert_eq!(
                is_ascii_or_plain(&line, plain),
                line.chars().all(|c| c.is_ascii() || plain.get(c as usize))
            );
        }

        #[test]
        fn normal_forms_are_normal(line in "\\PC{0,20}|(e|\u{7}|\u{200b}|\u{301}|\u{316}| ){0,8}") {
            let once = normalized(&line);
            proptest::prop_assert_eq!(normalized(&once), once);
        }
    }

    #[test]
    fn phrases_are_found_by_key_and_only_they() {
        let phrases = Phrases::new(&[
            "Share",
            "Follow us on X",
            "- Advertisement -",
            "Subscribe now",
        ]);
        for held in ["share", "follow us on x", "advertisement", "subscribe now"] {
            assert!(phrases.contains(held), "{held}");
        }
        // The same first eight bytes and length as one held, or a part of one.
        for other in [
            "subscribe nah",
            "shar",
            "shares",
            "follow",
            "",
            "advertisements",
        ] {
            assert!(!phrases.contains(other), "{other}");
        }
    }

    /// Lines of every length around the eight bytes read at once, with a
    /// control character, a space or two spaces at every place.
    #[test]
    fn ascii_lines_need_normalizing_exactly_when_they_change() {
        for len in 0..=20 {
            for at in 0..len {
                for odd in [" ", "  ", "\t", "\u{7f}", "\u{1}"] {
                    let mut line = "a".repeat(len);
                    line.replace_range(at..(at + odd.len()).min(len), odd);
                    assert_eq!(
                        needs_normalizing(&line),
                        normalized(&line) != line,
                        "{line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn bytes_tell_dropped_and_space_characters() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(is_dropped_or_space_at(bytes, 0), is_blank_char(c), "{c:?}");
        }
    }

    #[test]
    fn lowercase_borrows_what_is_lowercase_already() {
        assert!(matches!(lowercase("bridge42"), Cow::Borrowed("bridge42")));
        assert_eq!(lowercase("Bridge"), "bridge");
        assert_eq!(lowercase("ÉTÉ"), "été");
        assert!(has_chars("été!", 4) && !has_chars("été", 4) && has_chars("abcd", 4));
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("It's 9:30 — “time”, they said.").collect();
        assert_eq!(w, ["It", "s", "9", "30", "time", "they", "said"]);
    }
}
