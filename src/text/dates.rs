//! Dates as news pages print them, in the major European languages.
//!
//! A date is read by hand, not by a regular expression: the expression it
//! replaces built its automaton's states as text came, and a process's
//! first pages paid for them (80 million instructions on the development
//! set's 788 pages, most of them for lines beyond ASCII). The reader
//! builds nothing, and finds what that expression finds: a test holds it
//! to the expression, which it keeps.

use std::iter;
use std::ops::Range;
use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};

use super::Regex;
use super::stopwords::WordTable;

/// Months' names and abbreviations, in lowercase.
const MONTHS: &str = "january february march april may june july august september october november \
    december jan feb mar apr jun jul aug sep sept oct nov dec januar jänner februar märz \
    mai juni juli oktober dezember janvier février mars avril juin juillet août \
    septembre octobre novembre décembre enero febrero marzo abril mayo junio julio \
    agosto septiembre setiembre octubre noviembre diciembre gennaio febbraio aprile \
    maggio giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho \
    julho setembro outubro dezembro januari februari maart mei augustus";

/// Weekdays' names and abbreviations, in lowercase.
const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur \
    thurs fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi \
    mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes \
    sábado domingo lunedì martedì mercoledì giovedì venerdì sabato domenica \
    segunda-feira terça-feira quarta-feira quinta-feira sexta-feira maandag dinsdag \
    woensdag donderdag vrijdag zaterdag zondag";

/// What a name of [`NAMES`] is, bit by bit.
const MONTH: u32 = 1;
const WEEKDAY: u32 = 2;
const LABEL: u32 = 4;

/// [`MONTHS`], [`WEEKDAYS`] and [`LABELS`], each keyed by its bytes, as
/// [`Folded::is`] looks them up.
static NAMES: LazyLock<WordTable> = LazyLock::new(|| {
    let mut names = WordTable::default();
    for (words, bits) in [(MONTHS, MONTH), (WEEKDAYS, WEEKDAY), (LABELS, LABEL)] {
        for name in words.split_whitespace() {
            names.insert(name, bits);
        }
    }
    names
});

/// What may stand between a day and its month: an ordinal's ending.
const DAY_ENDINGS: [&str; 6] = ["st", "nd", "rd", "th", ".", "er"];

/// Units of `3 hours ago`, each plural first.
const UNITS: [&str; 14] = [
    "minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "days", "day", "weeks",
    "week", "months", "month",
];

/// What may stand between a date and its time, in the order tried: a
/// space stands for one or more whitespace characters, `_` for any number.
const BEFORE_TIME: [&str; 11] = [
    "_,_", " at ", " - ", " ", "_|_", " à ", " um ", " a las ", " alle ", " às ", " om ",
];

/// Compiles the patterns of dates, which are compiled on first use.
pub(crate) fn prepare() {
    LazyLock::force(&UPDATED);
    LazyLock::force(&NAMES);
    LazyLock::force(&DIGITS_BEYOND_ASCII);
}

/// The dates in `line`, leftmost first, each searched for after the one
/// before. A date is one of
/// - a day, a month's name and a year: `29 January 2022`, `4. Dezember
///   2021`, `3rd May 2023`, `12 de marzo de 2022`;
/// - a month's name, a day and a year: `January 29, 2022`, `Dec. 4th 2021`;
/// - ISO 8601: `2023-05-01`, `2023-05-01T10:00:00.5+01:00`;
/// - numbers: `29/01/2022`, `1.2.22`;
/// - an age: `3 hours ago`;
///
/// each after an optional weekday (`Saturday`, `Sat.,`) and before an
/// optional time (`, 07:38`, ` at 6:53 pm`, ` à 10h30`, ` 07:38 GMT`).
/// Digits, whitespace and word boundaries are Unicode's, and names match
/// in any case, as the regular expression the reader replaces read them
/// (see the tests); an alternative that the expression tried first wins
/// here too.
fn dates(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    iter::from_fn(move || {
        let found = first_date(line, from)?;
        from = found.end;
        Some(found)
    })
}

/// The first date in `line` that starts at `from` or after.
fn first_date(line: &str, from: usize) -> Option<Range<usize>> {
    let text = Text(line);
    // Every date starts a word: a number, or a weekday's or month's name
    // two words at most before a number, with nothing but whitespace,
    // dots, commas and hyphens between. When a number comes, the last
    // three such words are read, the first first, then the number.
    let mut names = [0; 3];
    let mut named = 0;
    let mut after_word = line[..from].chars().next_back().is_some_and(is_word);
    let bytes = line.as_bytes();
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            line[at..].chars().next()?
        };
        let word = is_word(c);
        if word && !after_word {
            if is_digit(c) {
                for &start in &names[..named] {
                    if let Some(end) = text.named_date(start) {
                        return Some(start..end);
                    }
                }
                named = 0;
                if let Some(end) = text.numbered_date(at) {
                    return Some(at..end);
                }
            } else if named < names.len() {
                names[named] = at;
                named += 1;
            } else {
                names.rotate_left(1);
                names[named - 1] = at;
            }
        } else if !(word || c.is_whitespace() || matches!(c, '.' | ',' | '-')) {
            named = 0;
        }
        after_word = word;
        at += c.len_utf8();
    }
    None
}

/// Most bytes of a name of [`NAMES`].
const NAME_BYTES: usize = 16;

/// A line being read, and where in it: each reading returns where it
/// ends, `None` when the text there is not what it reads.
#[derive(Clone, Copy)]
struct Text<'l>(&'l str);

impl Text<'_> {
    /// A date starting at `at`, and its time if any.
    fn date_at(self, at: usize) -> Option<usize> {
        // A date starts a word.
        if self.0[..at].chars().next_back().is_some_and(is_word) {
            return None;
        }
        if is_digit(self.char_at(at)?) {
            self.numbered_date(at)
        } else {
            self.named_date(at)
        }
    }

    /// A date starting at `at` with a number, and its time if any.
    fn numbered_date(self, at: usize) -> Option<usize> {
        let end = self.day_first(at)?;
        Some(self.time(end).unwrap_or(end))
    }

    /// A date starting at `at` with a weekday's or a month's name, and its
    /// time if any.
    fn named_date(self, at: usize) -> Option<usize> {
        // A weekday's name is all the letters and hyphens there, as a
        // dot, comma or whitespace follows it; a month's, all the letters.
        let name = self.folded(at, |c| is_word(c) || c == '-')?;
        let after_weekday = || {
            if !name.is(WEEKDAY) {
                return None;
            }
            let q = self.optional(self.optional(name.end, '.'), ',');
            let q = self.spaces(q, 1)?;
            self.day_first(q).or_else(|| self.month_first(q))
        };
        let after_month = || {
            if name.bytes().contains(&b'-') {
                self.month_first(at)
            } else {
                name.is(MONTH).then(|| self.after_month(name.end))?
            }
        };
        let end = after_weekday().or_else(after_month)?;
        Some(self.time(end).unwrap_or(end))
    }

    /// A date that starts with its day: a day and month's name, ISO 8601,
    /// numbers or an age.
    fn day_first(self, at: usize) -> Option<usize> {
        // Each form goes on after its first number with one of a few
        // characters: most numbers are ruled out by what follows them.
        let end = self.skip(at, is_digit);
        let digits = self.0[at..end].chars().count();
        let goes_on = self.char_at(end).is_some_and(|c| match digits {
            1..=3 => {
                c.is_whitespace() || matches!(fold(c), '.' | '/' | 's' | 'n' | 'r' | 't' | 'e')
            }
            4 => c == '-',
            _ => false,
        });
        if !goes_on {
            return None;
        }
        self.day_month_year(at)
            .or_else(|| self.iso(at))
            .or_else(|| self.numeric(at))
            .or_else(|| self.age(at))
    }

    /// `29 January 2022`, `4. Dezember 2021`, `12 de marzo de 2022`.
    fn day_month_year(self, at: usize) -> Option<usize> {
        let q = self.number(at, 2)?;
        let q = DAY_ENDINGS
            .iter()
            .find_map(|ending| self.name(q, ending))
            .unwrap_or(q);
        let q = self.spaces(q, 1)?;
        let month_year = |q| {
            let q = self.month(q)?;
            let q = self.optional(self.optional(q, '.'), ',');
            let q = self.spaces(q, 1)?;
            self.de(q)
                .and_then(|q| self.year(q))
                .or_else(|| self.year(q))
        };
        self.de(q).and_then(month_year).or_else(|| month_year(q))
    }

    /// `January 29, 2022`, `Dec. 4th 2021`.
    fn month_first(self, at: usize) -> Option<usize> {
        self.after_month(self.month(at)?)
    }

    /// The rest of [`month_first`](Text::month_first) after the month's
    /// name, which ends at `at`.
    fn after_month(self, at: usize) -> Option<usize> {
        let q = self.spaces(self.optional(at, '.'), 1)?;
        let q = self.number(q, 2)?;
        let q = DAY_ENDINGS[..4]
            .iter()
            .find_map(|ending| self.name(q, ending))
            .unwrap_or(q);
        let q = self.spaces(self.optional(q, ','), 1)?;
        self.year(q)
    }

    /// `2023-05-01`, with an optional time: `T10:00`, ` 10:00:00.5+01:00`.
    fn iso(self, at: usize) -> Option<usize> {
        let q = self.digits(at, 4)?;
        let q = self.digits(self.char(q, '-')?, 2)?;
        let q = self.digits(self.char(q, '-')?, 2)?;
        let time = || {
            let r = self.one_of(q, &['T', 't', ' '])?;
            let r = self.digits(r, 2)?;
            let r = self.digits(self.char(r, ':')?, 2)?;
            let r = self
                .char(r, ':')
                .and_then(|r| self.digits(r, 2))
                .unwrap_or(r);
            let r = self
                .char(r, '.')
                .and_then(|r| self.some_digits(r))
                .unwrap_or(r);
            let offset = || {
                let s = self.one_of(r, &['+', '-'])?;
                let s = self.digits(s, 2)?;
                self.digits(self.optional(s, ':'), 2)
            };
            Some(self.one_of(r, &['Z', 'z']).or_else(offset).unwrap_or(r))
        };
        Some(time().unwrap_or(q))
    }

    /// `29/01/2022`, `1.2.22`.
    fn numeric(self, at: usize) -> Option<usize> {
        let q = self.one_of(self.number(at, 2)?, &['.', '/'])?;
        let q = self.one_of(self.number(q, 2)?, &['.', '/'])?;
        self.digits(q, 4)
            .filter(|&end| self.ends_word(end))
            .or_else(|| self.digits(q, 2).filter(|&end| self.ends_word(end)))
    }

    /// `3 hours ago`.
    fn age(self, at: usize) -> Option<usize> {
        let q = self.spaces(self.number(at, 3)?, 1)?;
        let q = UNITS
            .iter()
            .find_map(|unit| self.spaces(self.name(q, unit)?, 1))?;
        self.name(q, "ago").filter(|&end| self.ends_word(end))
    }

    /// A time after a date ending at `at`: `, 07:38`, ` at 6:53 pm`,
    /// ` 10h30`, ` 07:38:12 CET`.
    fn time(self, at: usize) -> Option<usize> {
        let clock = |q| {
            let q = self.number(q, 2)?;
            let part = |q| self.digits(self.one_of(q, &[':', '.', 'h', 'H'])?, 2);
            let q = part(q)?;
            let q = part(q).unwrap_or(q);
            let meridiem = || {
                let r = self.one_of(self.spaces(q, 0)?, &['a', 'A', 'p', 'P'])?;
                let r = self.one_of(self.optional(r, '.'), &['m', 'M'])?;
                Some(self.optional(r, '.'))
            };
            let q = meridiem().unwrap_or(q);
            Some(self.zone(q).unwrap_or(q))
        };
        BEFORE_TIME
            .iter()
            .find_map(|between| clock(self.between(at, between)?))
    }

    /// A time zone after whitespace, if any: two to four capitals making a
    /// word (`GMT`, `CEST`), or `UTC` or `GMT` with an offset (`UTC+1`).
    fn zone(self, at: usize) -> Option<usize> {
        let q = self.spaces(at, 0)?;
        let capitals = self.skip(q, |c| c.is_ascii_uppercase()) - q;
        if (2..=4).contains(&capitals) && self.ends_word(q + capitals) {
            return Some(q + capitals);
        }
        let rest = &self.0[q..];
        if rest.starts_with("UTC") || rest.starts_with("GMT") {
            let r = self.one_of(q + 3, &['+', '-']).unwrap_or(q + 3);
            return Some(self.skip(r, is_digit));
        }
        None
    }

    /// A month's name at `at`, a whole word.
    fn month(self, at: usize) -> Option<usize> {
        let word = self.folded(at, is_word)?;
        word.is(MONTH).then_some(word.end)
    }

    /// The characters from `at` on that `test` accepts, folded (see
    /// [`fold`]), when they are few enough to be a name.
    fn folded(self, at: usize, test: impl Fn(char) -> bool) -> Option<Folded> {
        let mut folded = Folded {
            bytes: [0; NAME_BYTES],
            len: 0,
            end: at,
        };
        // ASCII letters first, nearly all there are.
        let ascii = self.0.as_bytes()[at..]
            .iter()
            .take(NAME_BYTES)
            .take_while(|&&b| b.is_ascii_alphabetic() && test(char::from(b)));
        for (to, &b) in folded.bytes.iter_mut().zip(ascii) {
            *to = b | 0x20;
            folded.len += 1;
        }
        folded.end += folded.len;
        for c in self.0[folded.end..].chars().take_while(|&c| test(c)) {
            let lower = fold(c);
            let len = folded.len + lower.len_utf8();
            lower.encode_utf8(folded.bytes.get_mut(folded.len..len)?);
            folded.len = len;
            folded.end += c.len_utf8();
        }
        Some(folded)
    }

    /// `de` and whitespace, as in `12 de marzo de 2022`.
    fn de(self, at: usize) -> Option<usize> {
        self.spaces(self.name(at, "de")?, 1)
    }

    /// A year: four digits ending a word.
    fn year(self, at: usize) -> Option<usize> {
        self.digits(at, 4).filter(|&end| self.ends_word(end))
    }

    /// What stands between a date and its time, as [`BEFORE_TIME`] writes
    /// it.
    fn between(self, mut at: usize, written: &str) -> Option<usize> {
        for c in written.chars() {
            at = match c {
                ' ' => self.spaces(at, 1)?,
                '_' => self.spaces(at, 0)?,
                c => self.name(at, c.encode_utf8(&mut [0; 4]))?,
            };
        }
        Some(at)
    }

    /// `name` at `at`, in any case (by Unicode's simple case folding: see
    /// [`fold`]).
    fn name(self, at: usize, name: &str) -> Option<usize> {
        // Most texts differ at the first byte, which folds as it is in ASCII.
        let first = *self.0.as_bytes().get(at)?;
        if first.is_ascii() && Some(&first.to_ascii_lowercase()) != name.as_bytes().first() {
            return None;
        }
        let mut text = self.0.get(at..)?.char_indices();
        for expected in name.chars() {
            let (_, c) = text.next()?;
            if fold(c) != expected {
                return None;
            }
        }
        Some(text.next().map_or(self.0.len(), |(end, _)| at + end))
    }

    /// One to `most` digits at `at`, and no more.
    fn number(self, at: usize, most: usize) -> Option<usize> {
        let end = self.skip(at, is_digit);
        let count = self.0[at..end].chars().count();
        (1..=most).contains(&count).then_some(end)
    }

    /// Exactly `count` digits at `at`, whatever follows them.
    fn digits(self, mut at: usize, count: usize) -> Option<usize> {
        for _ in 0..count {
            at = self.one(at, is_digit)?;
        }
        Some(at)
    }

    /// One digit or more at `at`.
    fn some_digits(self, at: usize) -> Option<usize> {
        let end = self.skip(at, is_digit);
        (end > at).then_some(end)
    }

    /// At least `least` whitespace characters at `at`, and all that follow.
    fn spaces(self, at: usize, least: usize) -> Option<usize> {
        let end = self.skip(at, char::is_whitespace);
        (self.0[at..end].chars().count() >= least).then_some(end)
    }

    /// Past `c` at `at`, if it is there.
    fn optional(self, at: usize, c: char) -> usize {
        self.char(at, c).unwrap_or(at)
    }

    /// `c` at `at`.
    fn char(self, at: usize, c: char) -> Option<usize> {
        self.one(at, |found| found == c)
    }

    /// One of `chars` at `at`.
    fn one_of(self, at: usize, chars: &[char]) -> Option<usize> {
        self.one(at, |c| chars.contains(&c))
    }

    /// A character at `at` that `test` accepts.
    fn one(self, at: usize, test: impl Fn(char) -> bool) -> Option<usize> {
        let c = self.char_at(at)?;
        test(c).then_some(at + c.len_utf8())
    }

    /// Past the characters from `at` on that `test` accepts.
    fn skip(self, at: usize, test: impl Fn(char) -> bool) -> usize {
        // A byte at a time while the bytes are ASCII, as most are.
        let ascii = self.0.as_bytes()[at..]
            .iter()
            .take_while(|&&b| b.is_ascii() && test(char::from(b)))
            .count();
        let rest = &self.0[at + ascii..];
        at + ascii + rest.find(|c| !test(c)).unwrap_or(rest.len())
    }

    /// Whether a word ends at `at`: what follows is no word character.
    fn ends_word(self, at: usize) -> bool {
        !self.char_at(at).is_some_and(is_word)
    }

    fn char_at(self, at: usize) -> Option<char> {
        self.0.get(at..)?.chars().next()
    }
}

/// Characters of a line, folded as names are compared (see [`fold`]).
struct Folded {
    bytes: [u8; NAME_BYTES],
    len: usize,
    /// Where the characters end in the line.
    end: usize,
}

impl Folded {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Whether these characters are a name of [`NAMES`] of `kind`: its
    /// key is their bytes, as the table packs a name in lowercase.
    fn is(&self, kind: u32) -> bool {
        NAMES.bits_of_key(u128::from_le_bytes(self.bytes)) & kind != 0
    }
}

/// `c` as the names' letters are written, when it matches one of them in
/// any case: lowercase, for the letters of Latin-1, and `s` and `k` for the
/// long s and the Kelvin sign, which Unicode's simple case folding takes
/// for them. No other character folds to a letter of the names.
fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        _ => c,
    }
}

/// Whether `c` is a word character, as `\b` reads one.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// Whether `c` is a decimal digit, as `\d` reads one: of any script.
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // The ranges are sorted and apart: the first not wholly before `c` is
    // the one that may hold it.
    let after = DIGITS_BEYOND_ASCII.partition_point(|range| *range.end() < c);
    DIGITS_BEYOND_ASCII
        .get(after)
        .is_some_and(|range| range.contains(&c))
}

/// Unicode's decimal digits, as ranges, from the regex crate's own tables.
static DIGITS_BEYOND_ASCII: LazyLock<Vec<std::ops::RangeInclusive<char>>> =
    LazyLock::new(
        || match regex_syntax::parse(r"\d").map(|hir| hir.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(digits))) => digits
                .iter()
                .map(|range| range.start()..=range.end())
                .filter(|range| !range.start().is_ascii())
                .collect(),
            // Not so in any version of the crate: ASCII's alone then.
            _ => Vec::new(),
        },
    );

/// Words that may surround dates on a date line, in lowercase.
const LABELS: &str = "published updated last first posted on at modified date dated created edited revised \
    publié publie le mis à a jour veröffentlicht aktualisiert zuletzt am um stand \
    actualizado publicado el pubblicato aggiornato il gepubliceerd bijgewerkt op \
    atualizado em originally time read uhr de del h";

static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)updat|modifi|aktualisiert|mis à jour|actualiz|aggiorn|bijgewerkt|atualiz|edited|revised")
        .expect("updated pattern compiles")
});

/// The dates a date line carries, as byte ranges into the line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DateLine {
    pub published: Option<(usize, usize)>,
    pub updated: Option<(usize, usize)>,
}

impl DateLine {
    /// Adds the date at `span`, after the labels `before` it: the first is
    /// the published date, unless its labels say it was updated.
    fn add(&mut self, before: &str, span: (usize, usize)) {
        if UPDATED.is_match(before) {
            self.updated.get_or_insert(span);
        } else if self.published.is_none() {
            self.published = Some(span);
        } else {
            self.updated.get_or_insert(span);
        }
    }
}

/// Whether `line` could hold a date at all: a cheap test before reading.
fn may_hold_date(line: &str) -> bool {
    line.len() <= 240 && line.bytes().any(|b| b.is_ascii_digit())
}

/// Reads a line made only of dates and labels (`29 January 2022, 07:38 |
/// Updated: 29 January 2022, 09:49`). Returns `None` when anything else is on
/// the line.
pub(crate) fn date_line(line: &str) -> Option<DateLine> {
    if !may_hold_date(line) {
        return None;
    }
    let text = Text(line);
    let mut found = DateLine::default();
    let mut any = false;
    let (mut last, mut at) = (0, 0);
    // No date starts in a label or between words: each date starts at the
    // first word after the last date that is no label, or the line is no
    // date line.
    while let Some((start, end)) = word_from(line, at) {
        if is_label(&line[start..end]) {
            at = end;
            continue;
        }
        let date_end = text.date_at(start)?;
        let before = &line[last..start];
        found.add(before, (start, trim_date_end(line, start, date_end)));
        any = true;
        (last, at) = (date_end, date_end);
    }
    any.then_some(found)
}

/// The first word of `line` at `at` or after, as [`words`](super::words)
/// reads words: where it starts and ends.
fn word_from(line: &str, at: usize) -> Option<(usize, usize)> {
    let start = at + line[at..].find(super::in_word)?;
    let rest = &line[start..];
    Some((
        start,
        start + rest.find(|c| !super::in_word(c)).unwrap_or(rest.len()),
    ))
}

/// Whether `text` holds a date anywhere.
pub(crate) fn holds_date(text: &str) -> bool {
    may_hold_date(text) && dates(text).next().is_some()
}

/// Splits a headline glued to its date (`...invasion fearson December 4,
/// 2021 at 6:53 pm`) into the headline's end and the date's range.
pub(crate) fn trailing_date(line: &str) -> Option<(usize, (usize, usize))> {
    // The last character first: it rules out most lines at once.
    if !may_end_with_date(line) || !may_hold_date(line) {
        return None;
    }
    let m = dates(line).last()?;
    if !line[m.end..].trim().is_empty() {
        return None;
    }
    let mut head = line[..m.start].trim_end();
    // The scraper's separator: `on`, glued or not, or punctuation.
    head = head
        .trim_end_matches(['|', ',', '-', '\u{2013}', '\u{2014}', '\u{00B7}'])
        .trim_end();
    if let Some(stripped) = head.strip_suffix("on") {
        head = stripped.trim_end();
    }
    if super::words(head).count() < 3 {
        return None;
    }
    Some((head.len(), (m.start, trim_date_end(line, m.start, m.end))))
}

/// Whether `line` may end with a date (see [`dates`]): its last character
/// is one a date ends with (a digit, `ago`, `am`, `a.m.`, a zone like `GMT`, `UTC+`,
/// ISO's `Z`). A cheap test before searching: most lines end otherwise.
fn may_end_with_date(line: &str) -> bool {
    let mut last = line.trim_end().chars().rev();
    match last.next() {
        Some('.') => matches!(last.next(), Some('m' | 'M')),
        Some(c) => {
            c.is_numeric()
                || c.is_ascii_uppercase()
                || matches!(c, 'z' | 'o' | 'm' | '+' | '-')
                || !c.is_ascii()
        }
        None => false,
    }
}

fn trim_date_end(line: &str, start: usize, end: usize) -> usize {
    start + line[start..end].trim_end_matches([',', ' ']).len()
}

fn is_label(word: &str) -> bool {
    Text(word)
        .folded(0, |_| true)
        .is_some_and(|folded| folded.is(LABEL))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regular expression the reader replaced, as it was: each test
    /// below holds the reader to it.
    fn date_pattern() -> regex::Regex {
        const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december\
            |jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec\
            |januar|jänner|februar|märz|mai|juni|juli|oktober|dezember\
            |janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre\
            |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre\
            |gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre\
            |janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro\
            |januari|februari|maart|mei|augustus";
        const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday\
            |mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun\
            |montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag\
            |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche\
            |lunes|martes|miércoles|jueves|viernes|sábado|domingo\
            |lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica\
            |segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira\
            |maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag";
        let pattern = format!(
            r"(?xi)
            (?:\b(?:{WEEKDAYS})\.?,?\s+)?
            (?:
                \b\d{{1,2}}(?:st|nd|rd|th|\.|er)?\s+(?:de\s+)?(?:{MONTHS})\b\.?,?\s+(?:de\s+)?\d{{4}}\b
              | \b(?:{MONTHS})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b
              | \b\d{{4}}-\d{{2}}-\d{{2}}(?:[T\ ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
              | \b\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d{{2}})\b
              | \b\d{{1,3}}\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b
            )
            (?:
                (?:\s*,\s*|\s+at\s+|\s+-\s+|\s+|\s*\|\s*|\s+à\s+|\s+um\s+|\s+a\s+las\s+|\s+alle\s+|\s+às\s+|\s+om\s+)
                \d{{1,2}}(?:[:.h]\d{{2}}){{1,2}}(?:\s*[ap]\.?m\.?)?
                (?:\s*(?-i:[A-Z]{{2,4}}\b|UTC[+-]?\d*|GMT[+-]?\d*))?
            )?"
        );
        regex::Regex::new(&pattern).unwrap()
    }

    static PATTERN: LazyLock<regex::Regex> = LazyLock::new(date_pattern);

    fn found_by_pattern(line: &str) -> Vec<Range<usize>> {
        PATTERN.find_iter(line).map(|m| m.range()).collect()
    }

    fn found(line: &str) -> Vec<Range<usize>> {
        dates(line).collect()
    }

    #[test]
    fn names_are_in_the_table_as_what_they_are() {
        for (words, kind) in [(MONTHS, MONTH), (WEEKDAYS, WEEKDAY), (LABELS, LABEL)] {
            for name in words.split_whitespace() {
                let folded = Text(name).folded(0, |_| true).unwrap();
                assert!(folded.is(kind), "{name}");
                // Never another kind: a date's name is read as one.
                assert_eq!(NAMES.bits(name), kind, "{name}");
            }
        }
        assert!(!Text("may1").folded(0, |_| true).unwrap().is(MONTH));
    }

    #[test]
    fn reads_the_dates_the_pattern_finds() {
        let lines = [
            "Sat., 5 March 2022 10h30 CEST",
            "Saturday 29 January 2022 07:38 GMT",
            "Terça-Feira, 5 de Março de 2022 às 10:30",
            "segunda-feira, março 5, 2022",
            "lunes 5 de marzo de 2022 a las 10.30",
            "Dec. 4th 2021, 6:53 p.m. EST and 2023-05-01T10:00:00.5+01:00",
            "2023-05-01 10:00:00Z | 1/2/22 | 29.01.2022 at 9:05 am UTC+1",
            "Posted 3 hours ago · 12 mins ago · 120 days ago",
            // A Unicode digit is a digit, a long s an s, a Kelvin sign a k.
            "٣ March 2022, 3rd \u{17F}ept. 2021, 2 wee\u{212A}s ago",
            // A word around the number, a fifth digit, too many capitals.
            "x5 May 2022, 5 May 20221, 5 May 2022 10:30 ABCDE, 5 May 2022 10:30 UTCX",
            "12 de diciembre 2021; 12 de dic 2021; 1 de 2022",
        ];
        for line in lines {
            assert_eq!(found(line), found_by_pattern(line), "{line}");
            assert!(!found(line).is_empty(), "{line}");
        }
    }

    #[test]
    fn reads_the_dates_the_pattern_finds_in_the_sample_of_pages() {
        let mut dates_found = 0;
        for page in crate::cleaners::testing::sample_pages() {
            for line in page.lines() {
                let expected = found_by_pattern(line);
                assert_eq!(found(line), expected, "{line}");
                dates_found += expected.len();
            }
        }
        // The sample is made of news pages: they print dates.
        assert!(dates_found > 100, "{dates_found}");
    }

    /// Dates made of parts, each of which may be one the pattern takes or
    /// one near it: a character before, a weekday, a date of each form, a
    /// time and what follows.
    fn date_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let day = select(&[
            "5", "29", "123", "\u{663}", "05", "3rd", "1st", "4.", "12er", "2ND",
        ]);
        let space = select(&[" ", "  ", "\u{a0}", "\t", "", " de ", " DE "]);
        let month = select(&[
            "January",
            "JAN",
            "jan.",
            "Mär",
            "MÄRZ",
            "\u{17F}ept",
            "août",
            "Décembre",
            "marzo",
            "Mai",
            "mayo",
            "xmay",
            "May",
            "mayx",
            "sep",
            "dic",
        ]);
        let before_year = select(&[" ", ", ", ". ", " de ", "", ",", ".,  ", ". de "]);
        let year = select(&[
            "2022",
            "20221",
            "22",
            "2022x",
            "2022_",
            "2022é",
            "2022\u{301}",
        ]);
        let day_first = (
            day.clone(),
            space.clone(),
            month.clone(),
            before_year.clone(),
            year.clone(),
        )
            .prop_map(|(d, s, m, b, y)| [d, s, m, b, y].concat());
        let month_first = (month, space, day, before_year, year)
            .prop_map(|(m, s, d, b, y)| [m, s, d, b, y].concat());
        let others = select(&[
            "2023-05-01",
            "2023-05-01T10:00",
            "2023-05-01t10:00:00.5+01:00",
            "2023-05-01 10:00:00Z",
            "2023-05-01T10:00+0100",
            "2023-05-01T10:00-01:0",
            "2023-05-1",
            "20230-05-01",
            "2023-05-012",
            "1/2/22",
            "29.01.2022",
            "1/2/2022x",
            "1/2/123",
            "123/1/22",
            "1.2.22",
            "01/02/12345",
            "3 hours ago",
            "12 mins ago",
            "120 DAYS AGO",
            "1234 days ago",
            "2 wee\u{212A}s ago",
            "5 minute ago",
            "5 minutesago",
            "5 hrs agox",
            "3\u{a0}hours ago",
        ])
        .prop_map(str::to_owned);
        let before = select(&["", " ", "x", "_", "é", "\u{663}", "\u{301}", "1", "-", "("]);
        let weekday = select(&[
            "",
            "",
            "Saturday, ",
            "Sat. ",
            "sat.,  ",
            "Terça-Feira ",
            "segunda-feira, ",
            "MIÉRCOLES ",
            "Mon",
            "Montags ",
            "thu ",
            "Sunday,",
        ]);
        let time = select(&[
            "",
            ", 07:38",
            " at 6:53 pm",
            " 10h30 GMT",
            " - 10:30",
            " | 10.30 a.m.",
            " à 10h30",
            " um 10:30 Uhr",
            " a las 10:30",
            " alle 10:30",
            " às 10:30",
            " om 10:30",
            " 10:30 UTC+01",
            " 10:30 ABCDE",
            " 10:30 CEST",
            " 10:30:15",
            "  ,  7:05",
            " at noon",
            " 10:3",
            " AT 10H30 P.M",
            " 10:30 gmt",
            " 10:30 Utc",
            " 10:30pm EST",
        ]);
        let after = select(&["", " ", "x", ".", "5", " and 3 May 2022", "_", "é"]);
        (
            before,
            weekday,
            prop_oneof![day_first, month_first, others],
            time,
            after,
        )
            .prop_map(|(b, w, d, t, a)| [b, w, &d, t, a].concat())
    }

    /// The regular expression [`LABELS`] replaced, as it was.
    static LABEL_PATTERN: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?xi)^(?:
                published|updated|last|first|posted|on|at|modified|date|dated|created|edited|revised
              | publié|publie|le|mis|à|a|jour|veröffentlicht|aktualisiert|zuletzt|am|um|stand
              | actualizado|publicado|el|pubblicato|aggiornato|il|gepubliceerd|bijgewerkt|op
              | atualizado|em|originally|time|read|uhr|de|del|h
            )$",
        )
        .unwrap()
    });

    /// [`date_line`] as it was written with the patterns.
    fn date_line_by_patterns(line: &str) -> Option<DateLine> {
        if !may_hold_date(line) {
            return None;
        }
        let only_labels =
            |text: &str| super::super::words(text).all(|word| LABEL_PATTERN.is_match(word));
        let mut found = DateLine::default();
        let mut last = 0;
        let mut any = false;
        for m in PATTERN.find_iter(line) {
            let before = &line[last..m.start()];
            if !only_labels(before) {
                return None;
            }
            found.add(before, (m.start(), trim_date_end(line, m.start(), m.end())));
            any = true;
            last = m.end();
        }
        (any && only_labels(&line[last..])).then_some(found)
    }

    #[test]
    fn date_lines_are_those_the_patterns_read_in_examples() {
        let lines = [
            "Updated: 29 January 2022",
            "Published 29 January 2022 | Updated 30 January 2022, 10:00",
            "Published _5 May 2022",
            "Published on 2023-05-012",
            "29 January 2022 by x",
            "x 29 January 2022",
            "Veröffentlicht am 4. Dezember 2021, 18:53 Uhr",
            "mis à jour le 5 mai 2022 à 10h30",
            "Published\u{b2}5 May 2022",
        ];
        let mut read = 0;
        for line in lines {
            assert_eq!(date_line(line), date_line_by_patterns(line), "{line}");
            read += usize::from(date_line(line).is_some());
        }
        assert_eq!(read, 4);
    }

    #[test]
    fn labels_are_the_words_the_pattern_matched() {
        for label in LABELS.split_whitespace() {
            let upper = label.to_uppercase();
            for word in [label.to_string(), upper, label.replace('s', "\u{17F}")] {
                assert!(is_label(&word), "{word}");
                assert!(LABEL_PATTERN.is_match(&word), "{word}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn reads_what_the_pattern_finds_in_dates_and_near_dates(line in date_like()) {
            proptest::prop_assert_eq!(found(&line), found_by_pattern(&line), "{}", line);
        }

        #[test]
        fn date_lines_are_those_the_patterns_read(
            parts in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        date_like(),
                        proptest::strategy::Strategy::prop_map(
                            proptest::sample::select(&[
                                "29 January 2022", "Dec. 4th 2021, 6:53 p.m. EST",
                                "2023-05-01T10:00:00Z", "2023-05-012", "3 hours ago",
                                "Published", "on", "Updated:", "Veröffentlicht am", "le", "à",
                                "Uhr", "by", "x", "_", "2", "UPDATED", "Date", "mis à jour",
                                "\u{b2}", "Ⅷ",
                            ]),
                            str::to_owned,
                        ),
                    ],
                    proptest::sample::select(&[" ", "", " | ", ", "]),
                ),
                0..6,
            )
        ) {
            let line: String = parts.iter().flat_map(|(part, gap)| [part.as_str(), gap]).collect();
            proptest::prop_assert_eq!(date_line(&line), date_line_by_patterns(&line), "{}", line);
        }

        #[test]
        fn labels_are_what_the_pattern_matched(
            word in "(?i)(pub|publi|é|ö|ſ|K|lished|updated|de|l|a|à|h|x|ver|ffentlicht|\\PC){1,4}"
        ) {
            // A word, as `date_line` reads one.
            proptest::prop_assume!(super::super::words(&word).count() == 1);
            let word = super::super::words(&word).next().unwrap_or_default();
            proptest::prop_assert_eq!(is_label(word), LABEL_PATTERN.is_match(word), "{}", word);
        }

        #[test]
        fn reads_what_the_pattern_finds_from_any_character(
            line in "(1|12|2022| |,|\\.|-|/|:|T|Z|h|a|m|de|May|mai|ago|days|\\PC){0,24}"
        ) {
            proptest::prop_assert_eq!(found(&line), found_by_pattern(&line), "{}", line);
        }
    }

    fn published(line: &str) -> Option<&str> {
        date_line(line)
            .and_then(|d| d.published)
            .map(|(s, e)| &line[s..e])
    }

    #[test]
    fn published_and_updated_on_one_line() {
        let line = "29 January 2022, 07:38 | Updated: 29 January 2022, 09:49";
        let d = date_line(line).unwrap();
        let (s, e) = d.published.unwrap();
        assert_eq!(&line[s..e], "29 January 2022, 07:38");
        let (s, e) = d.updated.unwrap();
        assert_eq!(&line[s..e], "29 January 2022, 09:49");
    }

    #[test]
    fn labelled_dates_in_several_languages() {
        assert_eq!(
            published("Published on March 3, 2023"),
            Some("March 3, 2023")
        );
        assert_eq!(
            published("Veröffentlicht am 4. Dezember 2021, 18:53 Uhr"),
            Some("4. Dezember 2021, 18:53")
        );
        assert_eq!(
            published("Publié le 12 février 2022 à 10h30"),
            Some("12 février 2022 à 10h30")
        );
        assert_eq!(
            published("2023-05-01T10:00:00Z"),
            Some("2023-05-01T10:00:00Z")
        );
        assert_eq!(
            published("Saturday 29 January 2022 07:38 GMT"),
            Some("Saturday 29 January 2022 07:38 GMT")
        );
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            date_line("On 12 December 2021, the G7 ministers met in Liverpool."),
            None
        );
        assert_eq!(date_line("The vote is on 3 May 2022"), None);
    }

    #[test]
    fn glued_headline_and_date() {
        let line = "Biden and Putin to hold call amid Ukraine invasion fearson December 4, 2021 at 6:53 pm";
        let (head, (s, e)) = trailing_date(line).unwrap();
        assert_eq!(
            &line[..head],
            "Biden and Putin to hold call amid Ukraine invasion fears"
        );
        assert_eq!(&line[s..e], "December 4, 2021 at 6:53 pm");
    }

    #[test]
    fn headline_with_separated_date() {
        let line = "Markets rally as inflation cools | 3 May 2023";
        let (head, (s, e)) = trailing_date(line).unwrap();
        assert_eq!(&line[..head], "Markets rally as inflation cools");
        assert_eq!(&line[s..e], "3 May 2023");
    }
}
