use std::any::Any;
use std::cell::{OnceCell, Ref, RefCell};
use std::collections::HashMap;
use std::fmt;

use crate::Span;
use crate::pipeline::Favor;
use crate::scratch::Scratch;
use crate::text::{self, KeyBuffer, Regex, Shape, WordClass, WordCounts};

/// One line of a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The whole line, its terminator (`\n` or `\r\n`) included.
    pub span: Span,
    /// The line's text without surrounding whitespace or invisible
    /// characters; empty (at the line's start) for a blank line.
    pub content: Span,
}

impl Line {
    /// Whether the line holds nothing but whitespace.
    #[must_use]
    pub const fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
}

/// The text a pipeline cleans, split into lines once.
///
/// Cleaners read a `Document` and record what to drop in
/// [`Marks`](crate::Marks); they never change it. Analyses that several
/// cleaners need (the [`Shape`] of each line) are computed on first use and
/// shared.
///
/// ```
/// let doc = newsclean::Document::new("Headline\r\n\n  A paragraph.  \n");
/// assert_eq!(doc.len(), 3);
/// assert_eq!(doc.line_text(0), "Headline");
/// assert!(doc.line(1).is_blank());
/// assert_eq!(doc.line_text(2), "A paragraph.");
/// ```
pub struct Document<'a> {
    text: &'a str,
    lines: Vec<Line>,
    favor: Favor,
    readings: OnceCell<Readings>,
    key_ids: OnceCell<KeyIds>,
    /// See [`Document::normalized`].
    normalized: OnceCell<Vec<Option<Box<str>>>>,
    /// Per [`LineFact`] asked (by address): per line, its value once known.
    facts: RefCell<Vec<(usize, Box<dyn Any + Send>)>>,
    /// Per pattern and haystack asked (by address, see
    /// [`Document::may_match`]): per line, whether it may match.
    candidates: RefCell<Vec<(usize, Vec<bool>)>>,
    /// Memory of the last cleaning for the tables above, and for cleaners'
    /// own per-line tables.
    scratch: RefCell<Scratch>,
}

/// Something cleaners learn about one line from the document alone (not
/// from the marks), asked for again and again: by several cleaners, and in
/// each round of those that run until nothing changes. A
/// [`Document`] computes it once per line, on first use.
///
/// Declare one as a `static`: its address tells facts apart.
pub(crate) struct LineFact<T> {
    /// Whether a line may have the fact, by a test of what is read of every
    /// line (its shape, its words) that turns most lines away: those have
    /// the default value, neither computed nor looked up, as a lookup costs
    /// more than such a test.
    may_apply: fn(&Document<'_>, usize) -> bool,
    compute: fn(&Document<'_>, usize) -> T,
}

impl<T> LineFact<T> {
    pub(crate) const fn new(compute: fn(&Document<'_>, usize) -> T) -> LineFact<T> {
        LineFact {
            may_apply: |_, _| true,
            compute,
        }
    }

    /// A fact computed only for the lines `may_apply` lets through.
    pub(crate) const fn of_lines(
        may_apply: fn(&Document<'_>, usize) -> bool,
        compute: fn(&Document<'_>, usize) -> T,
    ) -> LineFact<T> {
        LineFact { may_apply, compute }
    }
}

/// Lookup keys of the short lines, in one buffer.
struct Keys {
    /// The keys, each followed by `\n`, so that one search of them finds
    /// what is in each.
    text: String,
    /// Per line: where its key is in `text`.
    spans: Vec<KeySpan>,
}

/// Where a line's key is in [`Keys::text`], in 8 bytes rather than the 24
/// of an `Option<(usize, usize)>`: its start and its length (under 2^16, as
/// keys are made of lines of at most [`KEY_MAX_BYTES`]), or nothing for a
/// line too long to have a key.
#[derive(Clone, Copy)]
struct KeySpan(u64);

impl KeySpan {
    const NONE: KeySpan = KeySpan(u64::MAX);

    fn new(start: usize, end: usize) -> KeySpan {
        debug_assert!(end - start < 1 << 16 && start < 1 << 48);
        KeySpan(((start as u64) << 16) | (end - start) as u64)
    }

    /// The key's range, or `None` for a line without a key.
    fn range(self) -> Option<(usize, usize)> {
        (self.0 != u64::MAX).then(|| {
            let start = (self.0 >> 16) as usize;
            (start, start + (self.0 & 0xFFFF) as usize)
        })
    }
}

/// What one reading of each line's words gives, per line.
struct Readings {
    shapes: Vec<Shape>,
    keys: Keys,
    words: Vec<WordCounts>,
}

/// Small numbers standing for the keys of the lines, so that counting
/// lines by key needs no hashing.
struct KeyIds {
    /// Per line: the id of its key, or `NO_KEY`.
    ids: Vec<u32>,
    /// How many ids there are.
    count: usize,
}

const NO_KEY: u32 = u32::MAX;

/// Lines whose keys' table is sized at once, up to: 16k keys, whose table
/// (about 768 KB) stays in a core's cache.
const KEY_TABLE_PRESIZED: usize = 1 << 14;

/// Lines longer than this have no key: boilerplate phrases are short.
pub(crate) const KEY_MAX_BYTES: usize = 240;

impl<'a> Document<'a> {
    /// Splits `text` into lines (on `\n`, keeping each terminator with its
    /// line, as [`str::split_inclusive`] does).
    #[must_use]
    pub fn new(text: &'a str) -> Document<'a> {
        Document::with_scratch(text, Favor::default(), Scratch::default())
    }

    pub(crate) fn with_scratch(text: &'a str, favor: Favor, mut scratch: Scratch) -> Document<'a> {
        let bytes = text.as_bytes();
        // Counting first sizes the table: growing it by doubling would
        // touch twice its memory, which costs more than the count.
        let count = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let mut lines: Vec<Line> = scratch.take_for_result(count);
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', bytes) {
            lines.push(make_line(text, start, newline + 1));
            start = newline + 1;
        }
        if start < bytes.len() {
            lines.push(make_line(text, start, bytes.len()));
        }
        Document {
            text,
            lines,
            favor,
            readings: OnceCell::new(),
            key_ids: OnceCell::new(),
            normalized: OnceCell::new(),
            facts: RefCell::new(Vec::new()),
            candidates: RefCell::new(Vec::new()),
            scratch: RefCell::new(scratch),
        }
    }

    /// The whole text.
    #[must_use]
    pub const fn text(&self) -> &'a str {
        self.text
    }

    /// All lines, in order.
    #[must_use]
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The lines, for a result that outlives the document, and the memory
    /// of its tables, for the next document.
    pub(crate) fn into_parts(self) -> (Vec<Line>, Scratch) {
        let Document {
            lines,
            readings,
            key_ids,
            facts,
            candidates,
            scratch,
            ..
        } = self;
        let mut scratch = scratch.into_inner();
        if let Some(Readings {
            shapes,
            keys,
            words,
        }) = readings.into_inner()
        {
            scratch.give(shapes);
            scratch.give(keys.text.into_bytes());
            scratch.give(keys.spans);
            scratch.give(words);
        }
        if let Some(key_ids) = key_ids.into_inner() {
            scratch.give(key_ids.ids);
        }
        for (_, table) in facts.into_inner() {
            scratch.give_table(table);
        }
        for (_, lines) in candidates.into_inner() {
            scratch.give(lines);
        }
        (lines, scratch)
    }

    /// An empty vector for a table of this document, with memory a
    /// table of the last document gave back where there is some: at most
    /// a few values per line or byte, to let a far larger document's go.
    pub(crate) fn buffer<T: Send + 'static>(&self) -> Vec<T> {
        let max_len = 4 * (self.lines.len() + self.text.len());
        self.scratch.borrow_mut().take(max_len)
    }

    /// An empty vector with room for `len` values, for a table the result
    /// takes with it (see [`Scratch::take_for_result`]).
    pub(crate) fn result_buffer<T: Send + 'static>(&self, len: usize) -> Vec<T> {
        self.scratch.borrow_mut().take_for_result(len)
    }

    /// Gives a table's memory back, for the next [`buffer`](Document::buffer).
    pub(crate) fn recycle<T: Send + 'static>(&self, buffer: Vec<T>) {
        self.scratch.borrow_mut().give(buffer);
    }

    /// The number of lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether the document has no lines (the text is empty).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `index`. Panics when out of range, as slice indexing does.
    #[must_use]
    pub fn line(&self, index: usize) -> Line {
        self.lines[index]
    }

    /// The text of line `index` as the body would show it: trimmed, in
    /// Unicode NFC, with invisible characters dropped and each run of
    /// whitespace one space. Cleaners match on this text, so that cleaning
    /// a result again reads every line as the first time.
    #[must_use]
    // Asked for line after line by every cleaner, built in or a user's:
    // inlined into them, which calls across crates and codegen units
    // otherwise are not.
    #[inline]
    pub fn line_text(&self, index: usize) -> &str {
        match self.normalized().get(index) {
            Some(Some(normalized)) => normalized,
            _ => self.raw_line_text(index),
        }
    }

    /// The trimmed text of line `index`, as in the source.
    #[must_use]
    #[inline]
    pub fn raw_line_text(&self, index: usize) -> &'a str {
        &self.text[self.lines[index].content.range()]
    }

    /// Whether line `index` reads in the source as [`line_text`] gives it.
    ///
    /// [`line_text`]: Document::line_text
    #[must_use]
    pub fn is_normalized(&self, index: usize) -> bool {
        !matches!(self.normalized().get(index), Some(Some(_)))
    }

    /// Part of [`line_text`](Document::line_text), borrowed from the source
    /// when the line needed no normalisation.
    #[must_use]
    pub fn line_slice(
        &self,
        index: usize,
        range: std::ops::Range<usize>,
    ) -> std::borrow::Cow<'a, str> {
        match self.normalized().get(index) {
            Some(Some(normalized)) => {
                std::borrow::Cow::Owned(normalized.get(range).unwrap_or_default().to_owned())
            }
            _ => {
                std::borrow::Cow::Borrowed(self.raw_line_text(index).get(range).unwrap_or_default())
            }
        }
    }

    /// Per line: its normalised text, where that differs; empty when no
    /// line differs, to spare a slot per line.
    fn normalized(&self) -> &[Option<Box<str>>] {
        self.normalized.get_or_init(|| {
            let mut normalized = Vec::new();
            for (i, line) in self.lines.iter().enumerate() {
                let raw = &self.text[line.content.range()];
                if !text::needs_normalizing(raw) {
                    continue;
                }
                let text = text::normalized(raw);
                if text != raw {
                    normalized.resize(self.lines.len(), None);
                    normalized[i] = Some(text.into_boxed_str());
                }
            }
            normalized
        })
    }

    /// The text of any span of this document.
    #[must_use]
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    /// How the pipeline weighs precision against recall, for cleaners whose
    /// decisions are a matter of degree.
    #[must_use]
    pub const fn favor(&self) -> Favor {
        self.favor
    }

    /// The [`Shape`] of line `index`: word counts, punctuation, case.
    #[must_use]
    pub fn shape(&self, index: usize) -> &Shape {
        &self.shapes()[index]
    }

    /// Shapes of all lines, computed once per document.
    #[must_use]
    pub fn shapes(&self) -> &[Shape] {
        &self.readings().shapes
    }

    /// The lookup key of line `index`: its words in lowercase, joined by
    /// single spaces, punctuation dropped (`"- Advertisement -"` gives
    /// `"advertisement"`). `None` for lines over 240 bytes, which no
    /// boilerplate phrase is.
    #[must_use]
    pub fn key(&self, index: usize) -> Option<&str> {
        let keys = self.keys();
        let (start, end) = keys.spans.get(index)?.range()?;
        keys.text.get(start..end)
    }

    /// A number standing for the [`key`](Document::key) of line `index`:
    /// lines have the same id when they have the same key, and the empty
    /// key has id 0. `None` for a line without a key.
    pub(crate) fn key_id(&self, index: usize) -> Option<u32> {
        let id = *self.key_id_table().ids.get(index)?;
        (id != NO_KEY).then_some(id)
    }

    /// [`key_id`](Document::key_id) of a line with a non-empty key, as an
    /// index below [`key_ids`](Document::key_ids).
    pub(crate) fn nonempty_key_id(&self, index: usize) -> Option<usize> {
        self.key_id(index)
            .filter(|&id| id != 0)
            .map(|id| id as usize)
    }

    /// How many ids [`key_id`](Document::key_id) gives, at most: all are
    /// below it.
    pub(crate) fn key_ids(&self) -> usize {
        self.key_id_table().count
    }

    fn key_id_table(&self) -> &KeyIds {
        self.key_ids.get_or_init(|| {
            // Sized for every line of a page at once: growing hashes each key
            // again. Not beyond: a long document's lines mostly repeat a few
            // keys (menus, markers), and a table sized for all its lines
            // would scatter those few over more memory than the cache holds.
            let mut known: HashMap<&str, u32, foldhash::fast::RandomState> =
                HashMap::with_capacity_and_hasher(
                    (self.lines.len() + 1).min(KEY_TABLE_PRESIZED),
                    Default::default(),
                );
            known.insert("", 0);
            let mut ids = self.buffer();
            ids.extend((0..self.lines.len()).map(|i| match self.key(i) {
                Some(key) => {
                    let next = known.len() as u32;
                    *known.entry(key).or_insert(next)
                }
                None => NO_KEY,
            }));
            KeyIds {
                ids,
                count: known.len(),
            }
        })
    }

    /// The keys of all lines, computed on first use.
    fn keys(&self) -> &Keys {
        &self.readings().keys
    }

    /// The word counts of line `index` (see [`WordCounts`]).
    // Inlined, as `line_text` is.
    #[inline]
    pub(crate) fn word_counts(&self, index: usize) -> &WordCounts {
        &self.readings().words[index]
    }

    /// The shapes, keys and word counts of all lines: one reading of each
    /// line's words gives all three, and nearly every cleaning needs them.
    // Inlined, as `line_text` is.
    #[inline]
    fn readings(&self) -> &Readings {
        self.readings.get_or_init(|| {
            let mut shapes = self.buffer();
            shapes.reserve(self.lines.len());
            let mut words = self.buffer();
            words.reserve(self.lines.len());
            let mut text: Vec<u8> = self.buffer();
            let mut spans = self.buffer();
            spans.reserve(self.lines.len());
            let mut key_buffer = KeyBuffer::default();
            for i in 0..self.lines.len() {
                let line = self.line_text(i);
                let mut counts = WordCounts::default();
                if line.len() > KEY_MAX_BYTES {
                    shapes.push(Shape::with_key(line, None, Some(&mut counts)));
                    spans.push(KeySpan::NONE);
                } else {
                    let start = text.len();
                    shapes.push(Shape::with_key(
                        line,
                        Some((&mut text, &mut key_buffer)),
                        Some(&mut counts),
                    ));
                    spans.push(KeySpan::new(start, text.len()));
                    text.push(b'\n');
                }
                words.push(counts);
            }
            Readings {
                shapes,
                keys: Keys {
                    text: text::keys_text(text),
                    spans,
                },
                words,
            }
        })
    }

    /// Whether `pattern` matches the [`key`](Document::key) of line `index`
    /// (false for a line without one).
    pub(crate) fn key_matches(&self, pattern: &'static Regex, index: usize) -> bool {
        self.key(index)
            .is_some_and(|key| self.may_match(pattern, index) && pattern.is_match(key))
    }

    /// Whether line `index` may hold a word of `class` as `\b` parts its
    /// text or key: false only when none of its words is of `class`, and
    /// its words are those of its key (see [`WordCounts::key_words_differ`]).
    // Inlined, as `line_text` is.
    #[inline]
    pub(crate) fn may_hold(&self, class: WordClass, index: usize) -> bool {
        let counts = self.word_counts(index);
        counts.classes & class != 0 || counts.key_words_differ
    }

    /// [`key_matches`](Document::key_matches) for a pattern every match of
    /// which holds a word of `class` whole, bounded by `\b`, a space or an
    /// end: a line that cannot hold one (see [`may_hold`](Document::may_hold))
    /// is not searched. The whole document is never searched for where
    /// matches may start: the words rule out more.
    // Inlined, as `line_text` is.
    #[inline]
    pub(crate) fn key_matches_holding(
        &self,
        pattern: &Regex,
        class: WordClass,
        index: usize,
    ) -> bool {
        // The word counts first: they rule out most lines.
        self.may_hold(class, index) && self.key(index).is_some_and(|key| pattern.is_match(key))
    }

    /// [`key_matches_holding`](Document::key_matches_holding) on the
    /// [`line_text`](Document::line_text) of line `index`.
    // Inlined, as `line_text` is.
    #[inline]
    pub(crate) fn text_matches_holding(
        &self,
        pattern: &Regex,
        class: WordClass,
        index: usize,
    ) -> bool {
        self.may_hold(class, index) && pattern.is_match(self.line_text(index))
    }

    /// Whether `pattern` may match line `index`'s key: false only where
    /// none of the places its matches may start is. Those are found for all
    /// lines at once, in one search of all keys, on first use: most patterns
    /// match few lines, and one call of the regex engine costs more than a
    /// line's share of that search. For a pattern tried on few lines, that
    /// the words or shape of a line pick out, the search costs more than it
    /// saves: those are matched line by line.
    fn may_match(&self, pattern: &'static Regex, index: usize) -> bool {
        let id = std::ptr::from_ref(pattern).addr();
        if let Some((_, lines)) = self.candidates.borrow().iter().find(|(p, _)| *p == id) {
            return lines[index];
        }
        let keys = self.keys();
        let lines = pattern.match_starts(&keys.text).map(|starts| {
            lines_holding(
                starts,
                keys.spans.iter().map(|span| span.range().unwrap_or((0, 0))),
                self.buffer(),
            )
        });
        let Some(lines) = lines else {
            return true;
        };
        let may = lines[index];
        self.candidates.borrow_mut().push((id, lines));
        may
    }

    /// The value of `fact` for line `index`, computed on first use.
    // Inlined, so that each fact's test is known where it is asked for.
    #[inline]
    pub(crate) fn fact<T: Copy + Default + Send + 'static>(
        &self,
        fact: &'static LineFact<T>,
        index: usize,
    ) -> T {
        if (fact.may_apply)(self, index) {
            self.recorded_fact(fact, index)
        } else {
            T::default()
        }
    }

    /// [`fact`](Document::fact) of a line its test let through: recorded,
    /// or computed and recorded.
    fn recorded_fact<T: Copy + Send + 'static>(
        &self,
        fact: &'static LineFact<T>,
        index: usize,
    ) -> T {
        let id = std::ptr::from_ref(fact).addr();
        if let Some(value) = self
            .known_facts::<T>(id)
            .and_then(|known| known.get(index).copied().flatten())
        {
            return value;
        }
        // Computed without a borrow: a fact may ask for others.
        let value = (fact.compute)(self, index);
        self.record_facts(id, &[index], [value]);
        value
    }

    /// The values of `fact` for every line, computed first for those of
    /// `lines` not yet known: `Some` for each of `lines` (and any line asked
    /// before). One lookup of the fact serves all lines; the values stay
    /// borrowed until the result is dropped.
    pub(crate) fn facts<T: Copy + Default + Send + 'static>(
        &self,
        fact: &'static LineFact<T>,
        lines: &[usize],
    ) -> Ref<'_, [Option<T>]> {
        let id = std::ptr::from_ref(fact).addr();
        // Computed without a borrow, as a fact may ask for others, so held
        // aside meanwhile: a chunk at a time, not a copy of the table.
        const CHUNK: usize = 256;
        let mut missing = Vec::with_capacity(CHUNK.min(lines.len()));
        let mut values = Vec::with_capacity(missing.capacity());
        for chunk in lines.chunks(CHUNK) {
            missing.clear();
            match self.known_facts::<T>(id) {
                Some(known) => missing.extend(
                    chunk
                        .iter()
                        .copied()
                        .filter(|&i| known.get(i).is_some_and(Option::is_none)),
                ),
                None => missing.extend_from_slice(chunk),
            }
            values.extend(missing.iter().map(|&i| {
                if (fact.may_apply)(self, i) {
                    (fact.compute)(self, i)
                } else {
                    T::default()
                }
            }));
            self.record_facts(id, &missing, values.drain(..));
        }
        Ref::map(self.facts.borrow(), |facts| {
            values_of::<T>(facts, id).map_or(&[][..], Vec::as_slice)
        })
    }

    /// Per line, the value of the fact at address `id` where known.
    fn known_facts<T: 'static>(&self, id: usize) -> Option<Ref<'_, Vec<Option<T>>>> {
        Ref::filter_map(self.facts.borrow(), |facts| values_of::<T>(facts, id)).ok()
    }

    /// Keeps `values` of the fact at address `id` for `lines`.
    fn record_facts<T: Copy + Send + 'static>(
        &self,
        id: usize,
        lines: &[usize],
        values: impl IntoIterator<Item = T>,
    ) {
        let mut facts = self.facts.borrow_mut();
        let slot = match facts.iter().position(|(f, _)| *f == id) {
            Some(slot) => slot,
            None => {
                let mut table: Vec<Option<T>> = self.buffer();
                table.resize(self.lines.len(), None);
                facts.push((id, Box::new(table)));
                facts.len() - 1
            }
        };
        if let Some(known) = facts[slot].1.downcast_mut::<Vec<Option<T>>>() {
            for (&i, value) in lines.iter().zip(values) {
                if let Some(known) = known.get_mut(i) {
                    *known = Some(value);
                }
            }
        }
    }

    /// Indices of the non-blank lines, in order.
    pub fn content_lines(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, line)| !line.is_blank())
            .map(|(i, _)| i)
    }
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("bytes", &self.text.len())
            .field("lines", &self.lines.len())
            .field("favor", &self.favor)
            .finish_non_exhaustive()
    }
}

/// Per line, the values of the fact at address `id` among `facts`, where
/// known.
fn values_of<T: 'static>(
    facts: &[(usize, Box<dyn Any + Send>)],
    id: usize,
) -> Option<&Vec<Option<T>>> {
    let (_, values) = facts.iter().find(|(f, _)| *f == id)?;
    values.downcast_ref::<Vec<Option<T>>>()
}

/// Per line, whether one of `starts` (positions in order) falls in it,
/// for lines whose ranges (in order, not overlapping) `lines` gives; in
/// `out`, empty.
fn lines_holding(
    starts: impl Iterator<Item = usize>,
    lines: impl Iterator<Item = (usize, usize)>,
    mut out: Vec<bool>,
) -> Vec<bool> {
    let mut starts = starts.peekable();
    out.extend(lines.map(|(start, end)| {
        while starts.next_if(|&at| at < start).is_some() {}
        starts.peek().is_some_and(|&at| at < end)
    }));
    out
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    let content = text::trim_span(text, Span::new(start, end));
    Line {
        span: Span::new(start, end),
        content,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    /// Patterns whose matches start with a few literals, so that documents
    /// search their keys for those first; one of them is case-insensitive.
    static COOKIES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bcookies?\b.*\b(?:accept|policy)\b|\bwe use\b").unwrap());
    static OUTLETS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:Daily|Times|Gazette)\b").unwrap());
    /// Literals longer than the eight bytes searched for.
    static NOTICES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bunsubscribe at any time\b|\bsomething went wrong\b").unwrap()
    });

    #[test]
    fn lines_that_may_match_are_found_in_one_search() {
        assert!(COOKIES.match_starts("").is_some());
        assert!(OUTLETS.match_starts("").is_some());
        assert!(NOTICES.match_starts("").is_some());
        let text = "We use cookies.\n\
                    Accept the cookie policy\n\
                    \n\
                    the daily   TIMES\n\
                    Cookies, accept: policy\n\
                    cookie\n\
                    accept policy cookies\n\
                    The Gaze\u{301}tte and the Gazette\n\
                    A line far too long to have a key, about the cookie policy we use: "
            .to_owned()
            + &"accept ".repeat(40)
            + "\nLast: we use\nRead the Times today\n\
               You can unsubscribe at any time.\n\
               Unsubscribed? Something went wrong\n\
               unsubscribe now";
        let doc = Document::new(&text);
        for i in 0..doc.len() {
            let key = doc.key(i);
            assert_eq!(
                doc.key_matches(&COOKIES, i),
                key.is_some_and(|key| COOKIES.is_match(key)),
                "line {i}: {key:?}"
            );
            assert_eq!(
                doc.key_matches(&NOTICES, i),
                key.is_some_and(|key| NOTICES.is_match(key)),
                "line {i}: {key:?}"
            );
            assert_eq!(
                doc.key_matches(&OUTLETS, i),
                key.is_some_and(|key| OUTLETS.is_match(key)),
                "line {i}: {key:?}"
            );
        }
        assert!(doc.key_matches(&COOKIES, 1) && doc.key_matches(&COOKIES, 9));
        assert!(!doc.key_matches(&COOKIES, 5) && !doc.key_matches(&COOKIES, 8));
        assert!(doc.key_matches(&NOTICES, 11) && doc.key_matches(&NOTICES, 12));
        assert!(!doc.key_matches(&NOTICES, 13));
        assert!(doc.key_matches(&OUTLETS, 3) && doc.key_matches(&OUTLETS, 7));
        assert!(doc.key_matches(&OUTLETS, 10) && !doc.key_matches(&OUTLETS, 0));
    }

    #[test]
    fn facts_are_computed_once_per_line_whether_asked_alone_or_together() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COMPUTED: AtomicUsize = AtomicUsize::new(0);
        static LENGTH: LineFact<usize> = LineFact::new(|doc, i| {
            COMPUTED.fetch_add(1, Ordering::Relaxed);
            doc.line_text(i).len()
        });
        let doc = Document::new("a\nbb\nccc\ndddd");
        assert_eq!(doc.facts(&LENGTH, &[0, 2])[..3], [Some(1), None, Some(3)]);
        assert_eq!(doc.fact(&LENGTH, 1), 2);
        assert_eq!(doc.fact(&LENGTH, 2), 3);
        assert_eq!(
            doc.facts(&LENGTH, &[0, 1, 2, 3])[..],
            [Some(1), Some(2), Some(3), Some(4)]
        );
        assert_eq!(COMPUTED.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn lines_a_fact_turns_away_have_its_default_and_are_not_computed() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static COMPUTED: AtomicUsize = AtomicUsize::new(0);
        static LONG_LENGTH: LineFact<usize> = LineFact::of_lines(
            |doc, i| doc.shape(i).chars >= 3,
            |doc, i| {
                COMPUTED.fetch_add(1, Ordering::Relaxed);
                doc.line_text(i).len()
            },
        );
        let doc = Document::new("a\nbb\nccc\ndddd");
        assert_eq!(doc.fact(&LONG_LENGTH, 0), 0);
        assert_eq!(doc.fact(&LONG_LENGTH, 2), 3);
        assert_eq!(
            doc.facts(&LONG_LENGTH, &[0, 1, 2, 3])[..],
            [Some(0), Some(0), Some(3), Some(4)]
        );
        assert_eq!(COMPUTED.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn one_hit_per_line_is_enough() {
        let lines = lines_holding(
            [1, 2, 8, 20].into_iter(),
            [(0, 5), (5, 5), (5, 8), (8, 9), (9, 20)].into_iter(),
            Vec::new(),
        );
        assert_eq!(lines, [true, false, false, true, false]);
    }
}
