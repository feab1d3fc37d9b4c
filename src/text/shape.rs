use std::sync::{LazyLock, OnceLock};

use super::eight::{self, eight_bytes};
use super::stopwords::{WordCounts, WordTable};
use super::{is_closing, is_mark, is_opening_quote, is_terminal};

/// How a line's first character looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Initial {
    /// An uppercase letter.
    Upper,
    /// A lowercase letter.
    Lower,
    /// A letter without case (CJK, Arabic, ...).
    Caseless,
    /// A digit.
    Digit,
    /// An opening quotation mark.
    Quote,
    /// A list bullet or dash.
    Bullet,
    /// Anything else, or nothing.
    #[default]
    Other,
}

/// Shallow features of one line, found in a single pass over its characters.
///
/// Cleaners use them to tell prose from headlines, menus and captions
/// without each re-reading the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Bytes of trimmed text.
    pub bytes: u32,
    /// Characters of trimmed text.
    pub chars: u32,
    /// Words (runs of letters and digits).
    pub words: u32,
    /// Words starting with an uppercase letter.
    pub capitalized: u32,
    /// Words of four letters or more.
    pub long_words: u32,
    /// Words of four letters or more starting with an uppercase letter.
    pub long_capitalized: u32,
    /// Words made only of digits.
    pub numbers: u32,
    /// Letters.
    pub letters: u32,
    /// Uppercase letters.
    pub uppercase: u32,
    /// Digits.
    pub digits: u32,
    /// Sentence-ending marks followed by a space and more text: a rough
    /// count of sentence breaks inside the line.
    pub inner_stops: u32,
    /// Commas.
    pub commas: u32,
    /// How the line starts.
    pub initial: Initial,
    /// The line ends a sentence (`.`, `!`, `?`, `…`, possibly inside closing
    /// quotes or brackets).
    pub ends_sentence: bool,
    /// The line ends with a colon.
    pub ends_colon: bool,
    /// The line ends with an ellipsis (`...` or `…`): a truncated teaser.
    pub ends_ellipsis: bool,
    /// The line starts with an opening quote and ends with a closing one.
    pub quoted: bool,
}

impl Shape {
    /// Measures `line` (already trimmed).
    #[must_use]
    pub fn of(line: &str) -> Shape {
        Shape::with_key(line, None, None)
    }

    /// Measures `line` (already trimmed) and, when `key` is given, appends
    /// its lookup key to the keys it holds, as [`push_key`](super::push_key)
    /// does; when `words` is given, sets it to the line's [`WordCounts`].
    /// Most lines are ASCII: their words are then read once for all three.
    pub(crate) fn with_key(
        line: &str,
        mut key: Option<(&mut Vec<u8>, &mut KeyBuffer)>,
        mut words: Option<&mut WordCounts>,
    ) -> Shape {
        // Written as the words are counted, but for the longest lines.
        let long = line.len() > MAX_ASCII_KEY_BYTES;
        let counted = Shape::count_ascii_words(
            line,
            key.as_mut()
                .map(|(keys, buffer)| (&mut **keys, &mut **buffer))
                .filter(|_| !long),
            words.as_mut().map(|words| {
                **words = WordCounts::default();
                (&mut **words, WordCounts::words())
            }),
        );
        let mut s = match counted {
            Some(s) => {
                if let Some((keys, _)) = key.filter(|_| long) {
                    super::push_key_by_chars(line, keys);
                }
                s
            }
            None => Shape::count_beyond_ascii(line, key.map(|(keys, _)| keys), words),
        };
        s.bytes = line.len() as u32;
        s.initial = initial(line);
        let tail = line.trim_end_matches(is_closing);
        let last = tail.chars().next_back();
        s.ends_sentence = last.is_some_and(is_terminal);
        s.ends_colon = matches!(last, Some(':' | '\u{FF1A}'));
        s.ends_ellipsis = line.ends_with("...") || line.ends_with('\u{2026}');
        s.quoted = line.chars().next().is_some_and(is_opening_quote)
            && line.chars().next_back().is_some_and(is_closing)
            && line.chars().nth(2).is_some();
        s
    }

    /// [`count`](Shape::count) of a line with a letter, digit or mark beyond
    /// ASCII, appending its key to `keys` and setting `words` to its
    /// [`WordCounts`] when given. Kept out of [`with_key`](Shape::with_key)
    /// (`inline(never)`), so as not to slow its code for ASCII words, which
    /// runs on nearly every line.
    #[inline(never)]
    fn count_beyond_ascii(
        line: &str,
        mut keys: Option<&mut Vec<u8>>,
        words: Option<&mut WordCounts>,
    ) -> Shape {
        let start = keys.as_ref().map(|keys| keys.len());
        let (s, key_words_differ) = Shape::count(line, keys.as_deref_mut());
        let key = keys.zip(start).map(|(keys, start)| &keys[start..]);
        if let Some(words) = words {
            *words = match key {
                // Its words are the key's, already in lowercase: read there,
                // no character is decoded or classed again.
                Some(key) if !key_words_differ => WordCounts::of_key(key, line),
                _ => WordCounts {
                    key_words_differ,
                    ..WordCounts::of(line)
                },
            };
        }
        s
    }

    /// [`count`](Shape::count) of a line whose words are all ASCII: nearly
    /// all lines, ASCII ones and those whose only other characters are
    /// quotes, dashes and the like. A byte of a word is a character, and
    /// its class is in a table. Appends the line's key to the keys of `key`
    /// when given, by way of its buffer, for a line of at most
    /// [`MAX_ASCII_KEY_BYTES`], and counts its
    /// words into `words` when given, with the table they are looked up
    /// in. `None`, with nothing appended, for a line with a letter, digit
    /// or mark beyond ASCII.
    fn count_ascii_words(
        line: &str,
        mut key: Option<(&mut Vec<u8>, &mut KeyBuffer)>,
        mut words: Option<(&mut WordCounts, &WordTable)>,
    ) -> Option<Shape> {
        let table = &*ASCII_BITS;
        let bytes = line.as_bytes();
        // Less a character's bytes after its first, for each beyond ASCII.
        let mut s = Shape {
            chars: bytes.len() as u32,
            ..Shape::default()
        };
        // The key is written eight bytes at a time, each word's last eight
        // running past its end into what the next overwrites.
        let mut key_len = 0;
        let mut prev_terminal = false;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // Most of what stands between words, and no count's business:
            // a sentence break stands across it, as `count_punctuation`
            // has it for any whitespace.
            if byte == b' ' {
                at += 1;
                continue;
            }
            if !byte.is_ascii() {
                // Between words, as words end at any byte beyond ASCII.
                let c = line.get(at..)?.chars().next()?;
                let c_bits = class_bits(c);
                if c_bits & (ALNUM | MARK) != 0 {
                    return None;
                }
                s.count_punctuation(c_bits, &mut prev_terminal);
                s.chars -= c.len_utf8() as u32 - 1;
                at += c.len_utf8();
                continue;
            }
            let c = table[usize::from(byte)];
            if c & ALNUM == 0 {
                s.count_punctuation(c, &mut prev_terminal);
                at += 1;
                continue;
            }
            let upper = c & UPPER != 0;
            s.inner_stops += u32::from(std::mem::take(&mut prev_terminal) && upper);
            if let Some((_, buffer)) = key.as_mut() {
                // A space parts a word from the one before, if any.
                buffer.0[key_len] = b' ';
                key_len += usize::from(key_len > 0);
            }
            let mut word = Word::default();
            let start = at;
            // The word's own key, as `word_keys` gives it, in two halves:
            // from its first chunk and its second, if any. Apart, not in an
            // array indexed by the chunk, they stay in registers.
            let (mut key_low, mut key_high) = (0u64, 0u64);
            loop {
                let chunk = eight_bytes(bytes, at);
                let (run, run_bytes) = word.add_ascii(chunk);
                // `| 0x20` lowercases a letter, and leaves a digit as it is.
                let lower = chunk | eight::splat(0x20);
                match at - start {
                    0 => key_low = lower & run_bytes,
                    8 => key_high = lower & run_bytes,
                    _ => {}
                }
                at += run as usize;
                if let Some((_, buffer)) = key.as_mut() {
                    buffer.0[key_len..key_len + 8].copy_from_slice(&lower.to_le_bytes());
                    key_len += run as usize;
                }
                if run < 8 {
                    break;
                }
            }
            s.count_word(&word, upper);
            if let Some((words, table)) = words.as_mut() {
                let spelled = &bytes[start..at];
                let lookup = u128::from(key_high) << 64 | u128::from(key_low);
                words.add_ascii_word(table, spelled, (spelled.len() <= 16).then_some(lookup));
            }
        }
        if let Some((keys, buffer)) = key {
            keys.extend_from_slice(&buffer.0[..key_len]);
        }
        Some(s)
    }

    /// Counts words, letters, digits, commas and sentence breaks, a word at
    /// a time. ASCII bytes, nearly all there are, are classed by a table,
    /// and inside words eight at a time; marks are part of the letter
    /// before them, as in NFC. Also tells whether the line holds a mark or
    /// a [`WORD_GAP`] (see [`WordCounts::key_words_differ`]), as it classes
    /// every character beyond ASCII anyway. Appends the line's key to `key`
    /// when given, from the same reading of each character.
    fn count(line: &str, key: Option<&mut Vec<u8>>) -> (Shape, bool) {
        let bytes = line.as_bytes();
        let table = &*ASCII_BITS;
        let mut key_words_differ = false;
        let mut key = key.map(KeyWriter::new);
        // The class of the character at `at`, marks skipped, moving `at`
        // past it. Every character read, marks too, goes to the key.
        let mut next = |at: &mut usize, key: &mut Option<KeyWriter<'_>>| -> Option<u8> {
            loop {
                let &b = bytes.get(*at)?;
                let (c, bits) = if b.is_ascii() {
                    *at += 1;
                    (char::from(b), table[usize::from(b)])
                } else {
                    let c = line[*at..].chars().next()?;
                    *at += c.len_utf8();
                    (c, class_bits(c))
                };
                if let Some(key) = key.as_mut() {
                    key.add(c, bits);
                }
                key_words_differ |= bits & (MARK | WORD_GAP) != 0;
                if bits & MARK == 0 {
                    return Some(bits);
                }
            }
        };
        let mut s = Shape::default();
        let mut prev_terminal = false;
        let mut at = 0;
        // A character after a word, read while looking for the word's end.
        let mut pending = None;
        while let Some(c) = pending.take().or_else(|| next(&mut at, &mut key)) {
            s.chars += 1;
            if c & ALNUM == 0 {
                s.count_punctuation(c, &mut prev_terminal);
                continue;
            }
            let upper = c & UPPER != 0;
            s.inner_stops += u32::from(std::mem::take(&mut prev_terminal) && upper);
            let mut word = Word::default();
            word.add(c);
            loop {
                let (run, _) = word.add_ascii(eight_bytes(bytes, at));
                if let Some(key) = key.as_mut() {
                    key.continue_word(&bytes[at..at + run as usize]);
                }
                at += run as usize;
                s.chars += run;
                if run == 8 {
                    continue;
                }
                if bytes.get(at).is_none_or(u8::is_ascii) {
                    break;
                }
                match next(&mut at, &mut key) {
                    Some(after) if after & ALNUM != 0 => {
                        s.chars += 1;
                        word.add(after);
                    }
                    after => {
                        pending = after;
                        break;
                    }
                }
            }
            s.count_word(&word, upper);
        }
        (s, key_words_differ)
    }

    /// Counts a character that is no letter or digit, of class `c`: a comma,
    /// and whether a sentence break stands before what follows.
    fn count_punctuation(&mut self, c: u8, prev_terminal: &mut bool) {
        // Without branches, as in `close_word`: a sentence's end (`.`, `!`,
        // `?`) starts a break, a neutral character leaves it as it was, any
        // other (a comma too) ends it.
        self.commas += u32::from(c & COMMA != 0);
        *prev_terminal = (c & TERMINAL != 0) | ((c & NEUTRAL != 0) & *prev_terminal);
    }

    /// Counts `word`, starting with an uppercase letter when `upper`.
    fn count_word(&mut self, word: &Word, upper: bool) {
        self.letters += word.letters;
        self.digits += word.digits;
        self.uppercase += word.uppercase;
        self.close_word(word.letters, upper);
    }

    /// Counts a word of `letters` letters (none: a number), starting with
    /// an uppercase letter when `upper`.
    fn close_word(&mut self, letters: u32, upper: bool) {
        // Added to, 0 or 1, rather than branched on: whether a word is
        // capitalised or long is as good as random to branch prediction.
        let (upper, long) = (u32::from(upper), u32::from(letters >= 4));
        self.words += 1;
        self.capitalized += upper;
        self.long_words += long;
        self.long_capitalized += long & upper;
        self.numbers += u32::from(letters == 0);
    }

    /// Most words of four letters or more are capitalised, as in
    /// `Fuel Your Fall With Scratch` or a menu entry.
    #[must_use]
    pub fn is_title_case(&self) -> bool {
        self.long_words > 0 && self.long_capitalized * 10 >= self.long_words * 8
    }

    /// Reads like a headline: a few words, starting with a capital, digit or
    /// quote, with no sentence-ending or colon at the end.
    #[must_use]
    pub fn is_headline_like(&self) -> bool {
        (3..=24).contains(&self.words)
            && self.chars <= 180
            && !self.ends_sentence
            && !self.ends_colon
            && matches!(
                self.initial,
                Initial::Upper | Initial::Digit | Initial::Quote | Initial::Caseless
            )
    }

    /// Reads like a paragraph of prose: a finished sentence of some length,
    /// or simply long.
    #[must_use]
    pub fn is_prose(&self) -> bool {
        (self.words >= 10 && (self.ends_sentence || self.ends_colon)) || self.words >= 30
    }

    /// Whether the line is all ASCII: its characters counted (marks not
    /// among them) are never more than its bytes, and as many only when
    /// every character is one byte.
    #[must_use]
    pub(crate) fn is_ascii(&self) -> bool {
        self.chars == self.bytes
    }

    /// Share of letters that are uppercase (0 when there are none).
    #[must_use]
    pub fn upper_ratio(&self) -> f32 {
        if self.letters == 0 {
            0.0
        } else {
            self.uppercase as f32 / self.letters as f32
        }
    }
}

/// The letters and digits of a word being counted.
#[derive(Default)]
struct Word {
    letters: u32,
    digits: u32,
    uppercase: u32,
}

impl Word {
    /// Counts a character of class `c`, a letter or digit.
    fn add(&mut self, c: u8) {
        if c & DIGIT == 0 {
            self.letters += 1;
            self.uppercase += u32::from(c & UPPER != 0);
        } else {
            self.digits += 1;
        }
    }

    /// Counts the ASCII letters and digits that `chunk`, eight bytes of a
    /// line (see [`eight_bytes`]), starts with: how many there were, and
    /// the mask of their bytes. Fewer than eight means the byte after them
    /// is none (or the line has ended).
    fn add_ascii(&mut self, chunk: u64) -> (u32, u64) {
        let ends = eight::not_alphanumeric(chunk);
        // Bytes past the line read as 0, which ends a word.
        let run = eight::bytes_before(ends);
        // The bits below the first end's high bit: all of them for none.
        let before_end = ((ends & ends.wrapping_neg()) >> 7).wrapping_sub(1);
        // Every byte of the run is a letter or digit.
        let digits = eight::count_high(eight::digits_among_alphanumeric(chunk) & before_end);
        self.letters += run - digits;
        self.digits += digits;
        self.uppercase +=
            eight::count_high(eight::uppercase_among_alphanumeric(chunk) & before_end);
        (run, before_end)
    }
}

/// What the counts of [`Shape`] need to know of a character.
#[derive(Clone, Copy, Debug)]
struct Class {
    alphanumeric: bool,
    numeric: bool,
    uppercase: bool,
    punctuation: Punctuation,
}

/// How a character that is no letter or digit bears on sentence breaks.
#[derive(Clone, Copy, Debug)]
enum Punctuation {
    /// Ends a sentence.
    Terminal,
    Comma,
    /// Whitespace, quotes and closing brackets: a sentence break stands
    /// across them.
    Neutral,
    Other,
}

impl Class {
    /// The class in a byte, as the counts read it.
    fn bits(self) -> u8 {
        let bit = |on: bool, bit: u8| if on { bit } else { 0 };
        bit(self.alphanumeric, ALNUM)
            | bit(self.numeric, DIGIT)
            | bit(self.uppercase, UPPER)
            | match self.punctuation {
                Punctuation::Terminal => TERMINAL,
                Punctuation::Comma => COMMA,
                Punctuation::Neutral => NEUTRAL,
                Punctuation::Other => 0,
            }
    }

    fn of(c: char) -> Class {
        let alphanumeric = c.is_alphanumeric();
        let punctuation = if is_terminal(c) {
            Punctuation::Terminal
        } else if c == ',' {
            Punctuation::Comma
        } else if c.is_whitespace() || is_opening_quote(c) || is_closing(c) {
            Punctuation::Neutral
        } else {
            Punctuation::Other
        };
        Class {
            alphanumeric,
            numeric: c.is_numeric(),
            uppercase: c.is_uppercase(),
            punctuation,
        }
    }
}

/// Where [`Shape::count_ascii_words`] writes a line's key, eight bytes at a
/// time, before it is added to the keys. A document's readings keep one
/// from line to line: made (and zeroed) for each line, it cost more than
/// what is written to it. What a line leaves in it past its key is never
/// read.
pub(crate) struct KeyBuffer([u8; MAX_ASCII_KEY_BYTES + 8]);

impl Default for KeyBuffer {
    fn default() -> KeyBuffer {
        KeyBuffer([0; MAX_ASCII_KEY_BYTES + 8])
    }
}

/// Longest line whose key [`Shape::count_ascii_words`] writes; the keys of
/// longer ones are written a character at a time. The document's lines
/// with keys are all shorter.
const MAX_ASCII_KEY_BYTES: usize = 256;

/// Bits of [`ASCII_BITS`]: [`Class`] in a byte.
pub(super) const ALNUM: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const TERMINAL: u8 = 8;
const COMMA: u8 = 16;
const NEUTRAL: u8 = 32;

/// Not a bit of [`Class`]: a mark, which [`Shape`] counts as part of the
/// letter before it (some are letters too).
pub(super) const MARK: u8 = 64;

/// Not a bit of [`Class`] either: a letter or digit that is no word
/// character to the `regex` crate, whose `\b` parts it from the letters
/// around it (`²`, and letters of a Unicode newer than its tables).
pub(super) const WORD_GAP: u8 = 128;

/// Builds the tables of character classes that most pages read, which are
/// built on first use.
pub(super) fn prepare() {
    LazyLock::force(&ASCII_BITS);
    LazyLock::force(&CLASS_BITS_BELOW_2800);
}

/// [`Class::bits`] of each ASCII character.
static ASCII_BITS: LazyLock<[u8; 128]> =
    LazyLock::new(|| std::array::from_fn(|b| Class::of(char::from(b as u8)).bits()));

/// [`Class::bits`] of any character `c`, with [`MARK`] for a mark. Looked
/// up in a table: the Unicode tables cost hundreds of instructions a
/// character, and a page of Chinese, Japanese or Korean has thousands of
/// characters of a few blocks.
pub(super) fn class_bits(c: char) -> u8 {
    match CLASS_BITS_BELOW_2800.get(c as usize) {
        Some(&bits) => bits,
        None => class_page(c as usize / PAGE)[c as usize % PAGE],
    }
}

/// [`class_bits`] of each character below U+2800: the alphabets, general
/// punctuation and the like, which most pages read. In one table, built
/// whole, since a lookup there costs less than in [`CLASS_PAGES`].
static CLASS_BITS_BELOW_2800: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    (0..0x2800)
        .map(|c| char::from_u32(c).map_or(0, class_bits_of))
        .collect()
});

/// Characters per page of [`CLASS_PAGES`]: few enough that the pages a
/// text reads hold few characters it does not (the 788 documents of the
/// development set read 187 table pages, 12,000 characters, where pages of
/// 256 would have been 84 and 21,500 characters, each of which costs the
/// Unicode tables' search to build).
const PAGE: usize = 64;

// The pages tile the characters.
const _: () = assert!((char::MAX as usize + 1) % PAGE == 0);

/// [`class_bits_of`] of each character, a page of [`PAGE`] at a time, each
/// built on first use: a text reads few pages of the 17,408, each often
/// (the kana, the ideographs or the hangul syllables of its language). The
/// slots themselves, 272 KiB, are made on first use too: a static array of
/// them would be as much data in every binary.
static CLASS_PAGES: LazyLock<Box<[OnceLock<ClassPage>]>> = LazyLock::new(|| {
    (0..(char::MAX as usize + 1) / PAGE)
        .map(|_| OnceLock::new())
        .collect()
});

/// A page of [`CLASS_PAGES`].
type ClassPage = Box<[u8; PAGE]>;

/// Page `page` of [`CLASS_PAGES`], built if it is not yet.
fn class_page(page: usize) -> &'static [u8; PAGE] {
    CLASS_PAGES[page].get_or_init(|| {
        let first = page * PAGE;
        let class = |c: usize| char::from_u32(c as u32).map_or(0, class_bits_of);
        if UNIFORM_BLOCKS
            .iter()
            .any(|block| block.contains(&first) && block.contains(&(first + PAGE - 1)))
        {
            return Box::new([class(first); PAGE]);
        }
        Box::new(std::array::from_fn(|low| class(first + low)))
    })
}

/// Blocks all of whose characters are of one class, letters without case:
/// a page inside one is built from its first character alone. The CJK
/// ideographs and the Hangul syllables are most of the pages that Chinese,
/// Japanese and Korean text reads (139 of the 187 the development set
/// reads), and each character's class costs the Unicode tables' searches.
const UNIFORM_BLOCKS: [std::ops::RangeInclusive<usize>; 2] = [0x4E00..=0x9FFF, 0xAC00..=0xD7A3];

/// [`class_bits`], from the Unicode tables.
fn class_bits_of(c: char) -> u8 {
    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
    Class::of(c).bits()
        | flag(is_mark(c), MARK)
        | flag(
            c.is_alphanumeric() && !regex_syntax::is_word_character(c),
            WORD_GAP,
        )
}

/// A line's key (see [`push_key`](super::push_key)) written a character
/// at a time onto the keys before it.
pub(super) struct KeyWriter<'k> {
    out: &'k mut Vec<u8>,
    /// A word of the line is written.
    any_word: bool,
    /// A character that is no letter, digit or mark came after it.
    gap: bool,
}

impl<'k> KeyWriter<'k> {
    pub(super) fn new(out: &'k mut Vec<u8>) -> KeyWriter<'k> {
        KeyWriter {
            out,
            any_word: false,
            gap: false,
        }
    }

    /// Writes `c`, of class `bits` (see [`class_bits`]): a letter or digit
    /// in lowercase, a space before it where a gap parts it from the word
    /// before. A mark continues its word, and is dropped, unless it is a
    /// letter too.
    pub(super) fn add(&mut self, c: char, bits: u8) {
        if bits & ALNUM == 0 {
            self.gap |= bits & MARK == 0;
            return;
        }
        if self.gap && self.any_word {
            self.out.push(b' ');
        }
        (self.any_word, self.gap) = (true, false);
        if c.is_ascii() {
            // `| 0x20` lowercases a letter, and leaves a digit as it is.
            self.out.push(c as u8 | 0x20);
        } else {
            for lower in c.to_lowercase() {
                self.out
                    .extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
    }

    /// Writes `letters`, ASCII letters and digits right after a letter or
    /// digit written, as [`add`](KeyWriter::add) would one by one.
    fn continue_word(&mut self, letters: &[u8]) {
        self.out.extend(letters.iter().map(|b| b | 0x20));
    }
}

fn initial(line: &str) -> Initial {
    let Some(c) = line.chars().next() else {
        return Initial::Other;
    };
    if c.is_uppercase() {
        Initial::Upper
    } else if c.is_lowercase() {
        Initial::Lower
    } else if c.is_alphabetic() {
        Initial::Caseless
    } else if c.is_numeric() {
        Initial::Digit
    } else if is_opening_quote(c) {
        Initial::Quote
    } else if matches!(
        c,
        '-' | '*' | '\u{2022}' | '\u{2013}' | '\u{2014}' | '\u{00B7}' | '>'
    ) {
        Initial::Bullet
    } else {
        Initial::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_sentence() {
        let s =
            Shape::of("He said it was unclear if Mr Putin had made a final decision to invade.");
        assert_eq!(s.words, 15);
        assert!(s.ends_sentence);
        assert!(s.is_prose());
        assert!(!s.is_headline_like());
        assert_eq!(s.initial, Initial::Upper);
    }

    #[test]
    fn headline_without_stop() {
        let s = Shape::of("Truss: West needs to deter Russia from invading Ukraine");
        assert!(s.is_headline_like());
        assert!(!s.is_title_case());
    }

    #[test]
    fn sentence_end_inside_quotes() {
        assert!(Shape::of("\u{201C}We will respond in unison.\u{201D}").ends_sentence);
        assert!(Shape::of("(Getty Images)").words == 2);
        assert!(Shape::of("\u{201C}No, not yet\u{201D}").quoted);
    }

    #[test]
    fn title_case_and_truncation() {
        assert!(Shape::of("Fuel Your Fall with Scratch").is_title_case());
        assert!(Shape::of("Winger Dominic Young is preferred to England's...").ends_ellipsis);
    }

    /// The counts of `shape` alone, as [`counted_by_definition`] gives
    /// them: what it says of the line's ends and length left out.
    fn counts_of(shape: Shape) -> Shape {
        Shape {
            bytes: 0,
            initial: Initial::Other,
            ends_sentence: false,
            ends_colon: false,
            ends_ellipsis: false,
            quoted: false,
            ..shape
        }
    }

    /// The counts as their definition gives them: a character at a time,
    /// marks dropped.
    fn counted_by_definition(line: &str) -> Shape {
        let mut s = Shape::default();
        let mut word: Option<(u32, bool)> = None;
        let mut prev_terminal = false;
        for c in line.chars().filter(|&c| !is_mark(c)).map(Class::of) {
            s.chars += 1;
            if c.alphanumeric {
                let (letters, _) = word.get_or_insert((0, c.uppercase));
                if c.numeric {
                    s.digits += 1;
                } else {
                    *letters += 1;
                    s.letters += 1;
                    s.uppercase += u32::from(c.uppercase);
                }
                s.inner_stops += u32::from(prev_terminal && c.uppercase);
                prev_terminal = false;
                continue;
            }
            if let Some((letters, upper)) = word.take() {
                s.close_word(letters, upper);
            }
            match c.punctuation {
                Punctuation::Terminal => prev_terminal = true,
                Punctuation::Comma => {
                    s.commas += 1;
                    prev_terminal = false;
                }
                Punctuation::Neutral => {}
                Punctuation::Other => prev_terminal = false,
            }
        }
        if let Some((letters, upper)) = word {
            s.close_word(letters, upper);
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn counts_are_those_of_the_definition(
            // Any characters, or runs of ASCII letters and digits longer
            // than eight bytes between others.
            line in "(a|Z|9|\\.|,| |!|\"|\u{2019}|\u{201D}|é|É|\u{301}|\u{200d}|ß|Ⅷ|٣|。|\\PC){0,40}\
                |([A-Za-z0-9]{0,12}(é|É|\u{301}|ß|Ⅷ|٣|\u{2019}|。| |\\.)){0,6}[A-Za-z0-9]{0,12}"
        ) {
            let (shape, key_words_differ) = Shape::count(&line, None);
            proptest::prop_assert_eq!(shape, counted_by_definition(&line));
            // Its definition by the Unicode tables of each crate.
            proptest::prop_assert_eq!(key_words_differ, line.chars().any(|c| {
                !c.is_ascii()
                    && (is_mark(c) || (c.is_alphanumeric() && !regex_syntax::is_word_character(c)))
            }));
        }

        #[test]
        fn lines_are_ascii_as_their_shapes_say(
            line in "(a|Z|9|\\.| |\u{2019}|é|\u{301}|\u{200d}|。|\u{1F600}|\\PC){0,20}"
        ) {
            proptest::prop_assert_eq!(Shape::of(&line).is_ascii(), line.is_ascii());
        }

        #[test]
        fn counts_of_lines_whose_words_are_ascii_are_those_of_any_line(
            // Any ASCII bytes, or words and gaps of several bytes, the
            // gaps with quotes, dashes and other characters beyond ASCII
            // that no word holds, and some with letters and marks that
            // words do hold.
            line in "[\\x00-\\x7f]{0,40}\
                |([A-Za-z0-9]{1,20}([ -/:-@.!?\\t\u{2019}\u{201C}\u{2014}\u{2026}\u{A0}\u{3002}\u{1F600}]{1,3}|é|\u{301}|Ⅷ)){0,5}[A-Za-z0-9]{0,20}"
        ) {
            // The key read in the same pass, after other keys as the
            // document's are, is the one read a character at a time.
            let mut key = b"earlier keys ".to_vec();
            let mut by_chars = key.clone();
            super::super::push_key_by_chars(&line, &mut by_chars);
            // So are the word counts.
            let mut words = WordCounts::default();
            // Its buffer holds what earlier lines left.
            let mut buffer = KeyBuffer([b'#'; MAX_ASCII_KEY_BYTES + 8]);
            let counted = Shape::count_ascii_words(&line, Some((&mut key, &mut buffer)), Some((&mut words, WordCounts::words())));
            let ascii_words = line.chars().all(|c| c.is_ascii() || !super::super::in_word(c));
            proptest::prop_assert_eq!(counted.is_some(), ascii_words);
            if let Some(counted) = counted {
                proptest::prop_assert_eq!(counted, counted_by_definition(&line));
                proptest::prop_assert_eq!(key, by_chars);
                proptest::prop_assert_eq!(words, WordCounts::of(&line));
            } else {
                proptest::prop_assert_eq!(key.as_slice(), b"earlier keys ".as_slice());
            }
            // The line's reading is the same either way.
            let mut words = WordCounts::default();
            proptest::prop_assert_eq!(Shape::with_key(&line, None, Some(&mut words)), Shape::of(&line));
            let (_, key_words_differ) = Shape::count(&line, None);
            proptest::prop_assert_eq!(words, WordCounts { key_words_differ, ..WordCounts::of(&line) });
            proptest::prop_assert_eq!(counts_of(Shape::of(&line)), counted_by_definition(&line));
        }

        #[test]
        fn word_counts_read_with_the_key_are_those_read_from_the_line(
            // Words with letters beyond ASCII (some of them uppercase,
            // some lowercasing to more bytes), marks, some of them letters
            // too, letters `\b` parts from their neighbours, stop words, and
            // words around 16 bytes, touching or apart.
            line in "((the|Der|und|ÉTÉ|été|İstanbul|ß|ǅ|東京|서울|только|x²|a\u{301}|\u{301}|\u{93E}|क\u{93E}|\u{E31}|\u{16F51}|confidentialité|confidentialités|copyright|COPYRIGHT|[a-zé]{14,18})[ ,.!'\u{2019}\u{3001}\u{3002}-]{0,2}){0,12}"
        ) {
            let mut key = b"earlier keys ".to_vec();
            let mut by_chars = key.clone();
            super::super::push_key_by_chars(&line, &mut by_chars);
            let mut words = WordCounts::of("Copyright the share");
            let shape = Shape::with_key(&line, Some((&mut key, &mut KeyBuffer::default())), Some(&mut words));
            let (_, key_words_differ) = Shape::count(&line, None);
            proptest::prop_assert_eq!(key, by_chars);
            proptest::prop_assert_eq!(words, WordCounts { key_words_differ, ..WordCounts::of(&line) });
            proptest::prop_assert_eq!(shape, Shape::of(&line));
            proptest::prop_assert_eq!(counts_of(shape), counted_by_definition(&line));
        }

        #[test]
        fn word_counts_of_ascii_lines_are_those_read_a_word_at_a_time(
            // Stop words and words of page furniture in any case, some
            // longer than eight bytes, words around 8 and 16 bytes, and
            // `copyright` inside words and cut.
            line in "((the|THE|und|de|Share|SHARES|Advertisement|NAVIGATIONs|subscription\
                |x{1,20}|[A-Za-z]{7,9}|[a-z0-9]{15,17}\
                |cOpYrIgHt|copyrights|x{1,8}copyright[a-z0-9]{0,8}|copy right|copyrigh)[ ,.!'/|-]{1,2}){0,12}"
        ) {
            // Written over what was there.
            let mut words = WordCounts::of("Copyright the share");
            proptest::prop_assert_eq!(Shape::with_key(&line, None, Some(&mut words)), Shape::of(&line));
            proptest::prop_assert_eq!(words, WordCounts::of(&line));
        }
    }

    #[test]
    fn keys_of_lines_of_any_length_are_those_read_a_character_at_a_time() {
        // Around the longest whose key is written eight bytes at a time,
        // ASCII and with quotes and dashes beyond it.
        let ascii = "Ab1, XYZzy...9 ".repeat(30);
        let quoted = "Ab1, \u{201C}XYZzy\u{201D}\u{2014}9 ".repeat(30);
        let lines = [0, 1, 7, 8, 9, 248, 255, 256, 257, 400]
            .into_iter()
            .flat_map(|len| {
                // Cut before the character `len` falls in.
                let cut = (0..=len).rev().find(|&k| quoted.is_char_boundary(k));
                [&ascii[..len], &quoted[..cut.unwrap_or(0)]]
            });
        for line in lines {
            let len = line.len();
            let mut key = b"earlier keys ".to_vec();
            let mut by_chars = key.clone();
            let mut words = WordCounts::default();
            let shape = Shape::with_key(
                line,
                Some((&mut key, &mut KeyBuffer::default())),
                Some(&mut words),
            );
            super::super::push_key_by_chars(line, &mut by_chars);
            assert_eq!(key, by_chars, "{len}");
            assert_eq!(shape, Shape::of(line));
            assert_eq!(counts_of(shape), counted_by_definition(line), "{len}");
            assert_eq!(words, WordCounts::of(line), "{len}");
        }
    }

    #[test]
    fn classes_in_the_tables_are_those_of_the_unicode_tables() {
        // Every character of the blocks of Chinese, Japanese and Korean
        // text, on either side of the first table's end, and a sample of
        // all the others. The pages of the uniform blocks are built from
        // their first characters: every character there is checked.
        let blocks = [
            0x26F0..0x2900,
            0x3000..0x3100,
            0x4DC0..0xA040,
            0xAC00..0xD800,
        ];
        let sample = (0..=char::MAX as u32).step_by(61);
        for c in blocks.into_iter().flatten().chain(sample) {
            if let Some(c) = char::from_u32(c) {
                assert_eq!(class_bits(c), class_bits_of(c), "{:X}", c as u32);
            }
        }
        assert_eq!(class_bits('한'), ALNUM);
        assert_eq!(class_bits('\u{3002}'), TERMINAL);
    }

    #[test]
    fn counts_inner_sentence_breaks() {
        let s = Shape::of("It rained. Then it stopped! Fine.");
        assert_eq!(s.inner_stops, 2);
    }
}
