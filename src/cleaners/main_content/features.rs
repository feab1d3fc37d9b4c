//! Shallow features of each line and of its surroundings.
//!
//! Two kinds: what a line is on its own (length, sentence punctuation, the
//! share of stop words, capitalisation, digits, chrome vocabulary), and
//! where it stands (its neighbours, the density of prose around it, runs of
//! short lines, repeats, its place on the page and against the page's
//! densest block of prose). All are computed in a few linear passes.

use std::iter;
use std::ops::Range;
use std::sync::LazyLock;

use crate::Document;
use crate::document::LineFact;
use crate::text::{Initial, StopWords};

/// Features of a line on its own.
pub(super) const LINE: usize = 21;
/// Features the first stage scores: the line, its context, its place.
pub(super) const STAGE1: usize = LINE + 16 + 6 + 5 + 7 + 3;
/// Features the second stage scores: the first stage's, and the first
/// stage's scores around the line.
pub(super) const STAGE2: usize = STAGE1 + 11;

/// What the features read of a line's text beyond its words and shape:
/// computed once per line and document, however often the kept lines
/// change.
#[derive(Clone, Copy, Debug, Default)]
struct LineMarks {
    /// Separators of menus and breadcrumbs: `|`, `»`, `·`, ` / `.
    separators: bool,
    /// `©`, or `copyright` in any case.
    copyright: bool,
}

static LINE_MARKS: LineFact<LineMarks> = LineFact::new(|doc, i| {
    let (separators, copyright_sign) = separators_and_copyright_sign(doc.line_text(i));
    LineMarks {
        separators,
        copyright: copyright_sign || doc.word_counts(i).copyright,
    }
});

/// [`ln_1p`] of the counts below 1024.
static LN_1P_OF_SMALL: LazyLock<[f32; 1024]> =
    LazyLock::new(|| std::array::from_fn(|x| (x as f32).ln_1p()));

/// Builds the tables of this module, which are built on first use; see
/// [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(super) fn prepare() {
    LazyLock::force(&LN_1P_OF_SMALL);
}

/// `(x as f32).ln_1p()`, looked up for the small counts nearly all are.
/// The table is fetched once, by this call, rather than at each lookup: a
/// document's features take a dozen per line.
fn ln_1p_of_counts() -> impl Fn(usize) -> f32 + Copy {
    let table: &'static [f32; 1024] = &LN_1P_OF_SMALL;
    move |x| match table.get(x) {
        Some(&y) => y,
        None => (x as f32).ln_1p(),
    }
}

/// The features of one document's non-blank lines.
pub(super) struct Features {
    /// Document line index of each non-blank line.
    pub lines: Vec<usize>,
    base: Vec<[f32; LINE]>,
    /// Per line: words, whether prose, chrome words.
    words: Vec<f32>,
    chrome: Vec<f32>,
    repeats: Vec<u32>,
    /// Prefix sums over lines of: log words, sentence end, stop share,
    /// chrome-word lines.
    sums: [Vec<f32>; 4],
    cumulative_words: Vec<f32>,
    short_run: Vec<u32>,
    prose_distance: Vec<u32>,
    block: (usize, usize),
    /// How much of the whole text is prose: the share of prose lines, of
    /// words in prose lines, and the mean words per line. Tidy extracted
    /// text is nearly all prose; a page is not.
    tidiness: [f32; 3],
}

impl Features {
    /// The features of the lines of `doc` that `kept` admits: those the
    /// cleaners before this one left.
    pub(super) fn of(doc: &Document<'_>, kept: impl Fn(usize) -> bool) -> Features {
        let ln_1p = ln_1p_of_counts();
        let mut lines: Vec<usize> = doc.buffer();
        lines.extend(doc.content_lines().filter(|&i| kept(i)));
        let line_marks = doc.facts(&LINE_MARKS, &lines);
        // Known for each of `lines`.
        let marks_of = |i: usize| line_marks.get(i).copied().flatten().unwrap_or_default();
        let stop_words =
            StopWords::guess_from_counts(lines.iter().map(|&i| doc.word_counts(i).stop_words));
        let n = lines.len();
        let mut base: Vec<[f32; LINE]> = doc.buffer();
        let mut word_counts: Vec<f32> = doc.buffer();
        let mut chrome: Vec<f32> = doc.buffer();
        base.reserve(n);
        word_counts.reserve(n);
        chrome.reserve(n);
        // Summed as each row is made: a second pass would read the whole
        // table again, from memory when the document is long. The columns
        // summed are none of those set against the page's prose below.
        let mut sums: [Vec<f32>; 4] = std::array::from_fn(|_| {
            let mut sums: Vec<f32> = doc.buffer();
            sums.reserve(n + 1);
            sums.push(0.0);
            sums
        });
        let mut totals = [0.0f32; 4];
        for &i in &lines {
            let line = marks_of(i);
            let words = doc.word_counts(i);
            let shape = doc.shape(i);
            let stops = stop_words.hits(&words.stop_words);
            let w = shape.words as f32;
            let per_word = |x: f32| if shape.words == 0 { 0.0 } else { x / w };
            let chars = shape.chars.max(1) as f32;
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            let row = [
                ln_1p(shape.words as usize),
                ln_1p(shape.chars as usize),
                flag(shape.ends_sentence),
                flag(shape.ends_colon),
                per_word(stops as f32),
                ln_1p(stops as usize),
                per_word(shape.capitalized as f32),
                if shape.long_words == 0 {
                    0.0
                } else {
                    shape.long_capitalized as f32 / shape.long_words as f32
                },
                shape.digits as f32 / chars,
                shape.upper_ratio(),
                per_word(shape.commas as f32),
                ln_1p(shape.inner_stops as usize),
                per_word(shape.letters as f32) / 10.0,
                flag(line.separators),
                flag(line.copyright),
                flag(shape.initial == Initial::Bullet),
                flag(shape.initial == Initial::Lower),
                flag(shape.words <= 2),
                flag(shape.words <= 4),
                flag(shape.words >= 20),
                flag(shape.ends_ellipsis),
            ];
            let summed = [row[0], row[2], row[4], flag(words.furniture > 0)];
            for ((sums, total), x) in sums.iter_mut().zip(&mut totals).zip(summed) {
                *total += x;
                sums.push(*total);
            }
            base.push(row);
            word_counts.push(w);
            chrome.push(words.furniture as f32);
        }
        drop(line_marks);

        // Capitalisation and word length say "menu" or "headline" against
        // the page's own prose: German capitalises its nouns, and its words
        // are longer.
        const CAPITALIZED: usize = 6;
        const TITLE_CASE: usize = 7;
        const WORD_LENGTH: usize = 12;
        let mut prose_like: Vec<usize> = doc.buffer();
        prose_like.extend((0..n).filter(|&k| word_counts[k] >= 10.0 && base[k][2] > 0.0));
        let reference = |column: usize, default: f32| {
            if prose_like.is_empty() {
                default
            } else {
                prose_like.iter().map(|&k| base[k][column]).sum::<f32>() / prose_like.len() as f32
            }
        };
        let references = [
            (CAPITALIZED, reference(CAPITALIZED, 0.15)),
            (TITLE_CASE, reference(TITLE_CASE, 0.25)),
            (WORD_LENGTH, reference(WORD_LENGTH, 0.47)),
        ];
        debug_assert!(
            references
                .iter()
                .all(|(column, _)| ![0, 2, 4].contains(column))
        );
        for row in &mut base {
            for &(column, value) in &references {
                row[column] -= value;
            }
        }

        // Lines without a key count as the empty key.
        let key_id = |i: usize| doc.key_id(i).unwrap_or(0) as usize;
        let mut repeat_count: Vec<u32> = doc.buffer();
        repeat_count.resize(doc.key_ids(), 0);
        for &i in &lines {
            repeat_count[key_id(i)] += 1;
        }
        let mut repeats = doc.buffer();
        repeats.extend(lines.iter().map(|&i| repeat_count[key_id(i)] - 1));
        doc.recycle(repeat_count);

        let total_words: f32 = word_counts.iter().sum::<f32>().max(1.0);
        let mut cumulative_words: Vec<f32> = doc.buffer();
        cumulative_words.reserve(n);
        let mut before = 0.0;
        for &w in &word_counts {
            cumulative_words.push(before / total_words);
            before += w;
        }

        // Runs of short lines (menus, link lists).
        let short = |k: usize| word_counts[k] <= 5.0;
        let mut short_run: Vec<u32> = doc.buffer();
        short_run.resize(n, 0);
        let mut k = 0;
        while k < n {
            if short(k) {
                let start = k;
                while k < n && short(k) {
                    k += 1;
                }
                for slot in &mut short_run[start..k] {
                    *slot = (k - start) as u32;
                }
            } else {
                k += 1;
            }
        }

        // Distance to the nearest prose line, capped.
        let mut prose: Vec<bool> = doc.buffer();
        prose.extend(
            (0..n).map(|k| (word_counts[k] >= 10.0 && base[k][2] > 0.0) || word_counts[k] >= 30.0),
        );
        const FAR: u32 = 40;
        let mut prose_distance: Vec<u32> = doc.buffer();
        prose_distance.resize(n, FAR);
        let mut last: Option<usize> = None;
        for k in 0..n {
            if prose[k] {
                last = Some(k);
            }
            if let Some(l) = last {
                // At most `FAR`.
                prose_distance[k] = (k - l).min(FAR as usize) as u32;
            }
        }
        last = None;
        for k in (0..n).rev() {
            if prose[k] {
                last = Some(k);
            }
            if let Some(l) = last {
                prose_distance[k] = (prose_distance[k] as usize).min(l - k) as u32;
            }
        }

        // The densest block of prose: the run of lines with the largest sum
        // of words, counting prose-like lines for and other lines against.
        let mut block = (0, 0);
        let (mut best, mut current, mut start) = (0.0f32, 0.0f32, 0usize);
        for k in 0..n {
            let w = word_counts[k];
            let value = if (base[k][2] > 0.0 || base[k][4] > 0.25) && w >= 6.0 {
                w
            } else {
                -w.max(3.0)
            };
            if current <= 0.0 {
                current = value;
                start = k;
            } else {
                current += value;
            }
            if current > best {
                best = current;
                block = (start, k);
            }
        }

        let prose_lines = prose.iter().filter(|&&p| p).count() as f32;
        let prose_words: f32 = (0..n).filter(|&k| prose[k]).map(|k| word_counts[k]).sum();
        let tidiness = [
            prose_lines / n.max(1) as f32,
            prose_words / total_words,
            (total_words / n.max(1) as f32).ln_1p(),
        ];
        doc.recycle(prose);
        doc.recycle(prose_like);

        Features {
            tidiness,
            lines,
            base,
            words: word_counts,
            chrome,
            repeats,
            sums,
            cumulative_words,
            short_run,
            prose_distance,
            block,
        }
    }

    /// Gives the tables' memory back to `doc`.
    pub(super) fn recycle(self, doc: &Document<'_>) {
        doc.recycle(self.lines);
        doc.recycle(self.base);
        for floats in [self.words, self.chrome, self.cumulative_words]
            .into_iter()
            .chain(self.sums)
        {
            doc.recycle(floats);
        }
        for counts in [self.repeats, self.short_run, self.prose_distance] {
            doc.recycle(counts);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    /// The first stage's features of the lines of `lines` (indices into
    /// [`lines`](Features::lines)), a feature at a time: calls `f` with
    /// each feature's index and its values, one per line of `lines`. A
    /// column is added to every line's sum at once, several lines at a
    /// time; a row at a time, the sum is one feature after another.
    /// `column` holds each column while `f` reads it.
    pub(super) fn stage1_columns(
        &self,
        lines: Range<usize>,
        column: &mut Vec<f32>,
        f: impl FnMut(usize, &[f32]),
    ) {
        let ln_1p = ln_1p_of_counts();
        let n = self.len();
        // The features also read from the two lines either side: each such
        // column is a slice of one with those lines' values around it.
        const SHIFTED: [usize; 4] = [0, 2, 4, 7];
        const PAD: usize = 2;
        let width = lines.len() + 2 * PAD;
        let mut padded = Vec::with_capacity(SHIFTED.len() * width);
        for c in SHIFTED {
            extend_padded(&mut padded, &self.base, lines.clone(), PAD, |row| row[c]);
        }
        let shifted = |k: usize, offset: isize| {
            let from = (k * width + PAD).saturating_add_signed(offset);
            &padded[from..from + lines.len()]
        };
        let mut out = Columns::new(column, 0, f);
        let base = &self.base[lines.clone()];
        for c in 0..LINE {
            match SHIFTED.iter().position(|&s| s == c) {
                Some(k) => out.give(shifted(k, 0)),
                None => out.push(base.iter().map(|row| row[c])),
            }
        }
        for offset in [-2, -1, 1, 2] {
            for k in 0..SHIFTED.len() {
                out.give(shifted(k, offset));
            }
        }
        for radius in [3, 8] {
            for sums in &self.sums[..3] {
                out.fill(|column| extend_window_means(column, sums, lines.clone(), radius));
            }
        }
        out.push(lines.clone().map(|k| {
            if self.words[k] <= 5.0 {
                ln_1p(self.short_run[k] as usize)
            } else {
                0.0
            }
        }));
        out.push(
            self.prose_distance[lines.clone()]
                .iter()
                .map(|&d| ln_1p(d as usize)),
        );
        out.push(
            self.chrome[lines.clone()]
                .iter()
                .map(|&c| ln_1p(c as usize)),
        );
        out.push(
            lines
                .clone()
                .map(|k| self.chrome[k] / self.words[k].max(1.0)),
        );
        // The chrome-word lines within three lines: the prefix sums of ones
        // and zeros are whole numbers, so their difference is the count,
        // which the window's mean times its width also gives.
        let chrome_lines = &self.sums[3];
        out.push(lines.clone().map(|k| {
            let near = chrome_lines[(k + 4).min(n)] - chrome_lines[k.saturating_sub(3)];
            ln_1p(near as usize)
        }));
        let (b0, b1) = self.block;
        out.push(lines.clone().map(|k| k as f32 / n as f32));
        out.push(self.cumulative_words[lines.clone()].iter().copied());
        out.push(
            self.repeats[lines.clone()]
                .iter()
                .map(|&r| ln_1p(r as usize)),
        );
        out.push(
            lines
                .clone()
                .map(|k| if (b0..=b1).contains(&k) { 1.0 } else { 0.0 }),
        );
        out.push(lines.clone().map(|k| ln_1p(b0.saturating_sub(k))));
        out.push(lines.clone().map(|k| ln_1p(k.saturating_sub(b1))));
        out.push(iter::repeat_n(ln_1p(n), lines.len()));
        for share in self.tidiness {
            out.push(iter::repeat_n(share, lines.len()));
        }
        debug_assert_eq!(out.next, STAGE1);
    }

    /// The features the second stage adds to the first's, as
    /// [`stage1_columns`](Features::stage1_columns) gives those (from
    /// index [`STAGE1`]): the first stage's scores around each line of
    /// `lines`, given those of all lines `p` and their prefix sums
    /// `p_sums`.
    pub(super) fn stage2_columns(
        &self,
        lines: Range<usize>,
        p: &[f32],
        p_sums: &[f32],
        column: &mut Vec<f32>,
        f: impl FnMut(usize, &[f32]),
    ) {
        let n = self.len();
        const PAD: usize = 3;
        let mut padded = Vec::with_capacity(lines.len() + 2 * PAD);
        extend_padded(&mut padded, p, lines.clone(), PAD, |&p| p);
        let shifted = |offset: isize| {
            let from = PAD.saturating_add_signed(offset);
            &padded[from..from + lines.len()]
        };
        let mut out = Columns::new(column, STAGE1, f);
        out.give(&p[lines.clone()]);
        for offset in [-3, -2, -1, 1, 2, 3] {
            out.give(shifted(offset));
        }
        for radius in [5, 15] {
            out.fill(|column| extend_window_means(column, p_sums, lines.clone(), radius));
        }
        let mean = |lo: usize, hi: usize| window_mean(p_sums, lo, hi);
        out.push(lines.clone().map(|k| mean(0, k)));
        out.push(lines.clone().map(|k| mean(k + 1, n)));
        debug_assert_eq!(out.next, STAGE2);
    }

    /// The first stage's features of each line, as rows.
    #[cfg(test)]
    pub(super) fn stage1_rows(&self) -> Vec<[f32; STAGE1]> {
        let mut rows = vec![[0.0; STAGE1]; self.len()];
        self.stage1_columns(0..self.len(), &mut Vec::new(), |c, values| {
            for (row, &x) in rows.iter_mut().zip(values) {
                row[c] = x;
            }
        });
        rows
    }

    /// The second stage's features of each line, as rows; see
    /// [`stage2_columns`](Features::stage2_columns).
    #[cfg(test)]
    pub(super) fn stage2_rows(&self, p: &[f32], p_sums: &[f32]) -> Vec<[f32; STAGE2]> {
        let mut rows = vec![[0.0; STAGE2]; self.len()];
        for (row, first) in rows.iter_mut().zip(self.stage1_rows()) {
            row[..STAGE1].copy_from_slice(&first);
        }
        self.stage2_columns(0..self.len(), p, p_sums, &mut Vec::new(), |c, values| {
            for (row, &x) in rows.iter_mut().zip(values) {
                row[c] = x;
            }
        });
        rows
    }
}

/// Hands out columns of features, numbered in the order they come.
struct Columns<'c, F> {
    column: &'c mut Vec<f32>,
    next: usize,
    f: F,
}

impl<'c, F: FnMut(usize, &[f32])> Columns<'c, F> {
    fn new(column: &'c mut Vec<f32>, first: usize, f: F) -> Columns<'c, F> {
        Columns {
            column,
            next: first,
            f,
        }
    }

    /// The next column: one value per line.
    fn push(&mut self, values: impl Iterator<Item = f32>) {
        self.fill(|column| column.extend(values));
    }

    /// The next column, `values` as they are.
    fn give(&mut self, values: &[f32]) {
        (self.f)(self.next, values);
        self.next += 1;
    }

    /// The next column, as `fill` writes it into an empty one.
    fn fill(&mut self, fill: impl FnOnce(&mut Vec<f32>)) {
        self.column.clear();
        fill(self.column);
        (self.f)(self.next, self.column);
        self.next += 1;
    }
}

/// Appends to `column` the values of `items` at the indices `lines` and
/// `pad` places either side of them, 0 where there is none: the column
/// of `items` shifted by any offset up to `pad` is a slice of it.
fn extend_padded<T>(
    column: &mut Vec<f32>,
    items: &[T],
    lines: Range<usize>,
    pad: usize,
    value: impl Fn(&T) -> f32,
) {
    // The places that hold an item: from `first` to `end`, within
    // `start..stop`.
    let (start, stop) = (lines.start as isize - pad as isize, lines.end + pad);
    let first = start.max(0) as usize;
    let end = stop.min(items.len()).max(first);
    column.extend(iter::repeat_n(0.0, (first as isize - start) as usize));
    column.extend(items[first..end].iter().map(value));
    column.extend(iter::repeat_n(0.0, stop - end));
}

/// Appends to `column`, for each of the values at the indices `lines`
/// among those whose prefix sums are `sums`, the mean of those up to
/// `radius` places from it: at the ends, of fewer. Within them, every
/// window is as wide, and one division by that width serves all.
fn extend_window_means(column: &mut Vec<f32>, sums: &[f32], lines: Range<usize>, radius: usize) {
    let n = sums.len() - 1;
    let edge = |k: usize| window_mean(sums, k.saturating_sub(radius), (k + radius + 1).min(n));
    // Whole windows are those of `radius..n - radius`, if any; here,
    // those of them among `lines`.
    let first_whole = radius.min(n).clamp(lines.start, lines.end);
    let end_whole = n.saturating_sub(radius).clamp(first_whole, lines.end);
    column.extend((lines.start..first_whole).map(edge));
    if end_whole > first_whole {
        let width = (2 * radius + 1) as f32;
        column.extend(
            sums[first_whole + radius + 1..end_whole + radius + 1]
                .iter()
                .zip(&sums[first_whole - radius..end_whole - radius])
                .map(|(hi, lo)| (hi - lo) / width),
        );
    }
    column.extend((end_whole..lines.end).map(edge));
}

/// Prefix sums of `values`, starting at 0, for window means; in `sums`,
/// empty.
pub(super) fn prefix_sums(values: impl IntoIterator<Item = f32>, mut sums: Vec<f32>) -> Vec<f32> {
    let values = values.into_iter();
    sums.reserve(values.size_hint().0 + 1);
    let mut total = 0.0;
    sums.push(0.0);
    for x in values {
        total += x;
        sums.push(total);
    }
    sums
}

/// The mean of the values from `lo` to `hi` (exclusive) whose prefix sums
/// are `sums`; 0 for an empty window.
fn window_mean(sums: &[f32], lo: usize, hi: usize) -> f32 {
    if hi > lo {
        (sums[hi] - sums[lo]) / (hi - lo) as f32
    } else {
        0.0
    }
}

/// Whether `text` has a separator of menus and breadcrumbs (`|`, `»`, `·`,
/// ` / `), and whether it has a `©`: all found in one search for the bytes
/// they start with or hinge on (`»`, `·` and `©` are 0xC2 and one more).
fn separators_and_copyright_sign(text: &str) -> (bool, bool) {
    let bytes = text.as_bytes();
    let (mut separators, mut sign) = (false, false);
    for at in memchr::memchr3_iter(b'|', b'/', 0xC2, bytes) {
        match (bytes[at], bytes.get(at + 1)) {
            (b'|', _) | (0xC2, Some(0xBB | 0xB7)) => separators = true,
            (b'/', Some(b' ')) => separators |= at > 0 && bytes[at - 1] == b' ',
            (0xC2, Some(0xA9)) => sign = true,
            _ => {}
        }
        if separators && sign {
            break;
        }
    }
    (separators, sign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_those_of_each_line_alone() {
        // Every run of lines of documents of up to 40 lines, as the blocks
        // of `scores` take them: whole windows of the widest radius, 15,
        // need 31.
        for n in 0..=40usize {
            let values: Vec<f32> = (0..n).map(|k| (k * 7 % 11) as f32 / 3.0).collect();
            let sums = prefix_sums(values.iter().copied(), Vec::new());
            let runs = (0..=n).flat_map(|start| (start..=n).map(move |end| start..end));
            for lines in runs {
                for radius in [0, 1, 3, 8, 15] {
                    let mut means = Vec::new();
                    extend_window_means(&mut means, &sums, lines.clone(), radius);
                    let by_line: Vec<f32> = lines
                        .clone()
                        .map(|k| {
                            window_mean(&sums, k.saturating_sub(radius), (k + radius + 1).min(n))
                        })
                        .collect();
                    // To the bit: the model's sums must not depend on how
                    // the columns were computed.
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&means), bits(&by_line), "{lines:?} radius {radius}");
                }
                let mut padded = Vec::new();
                extend_padded(&mut padded, &values, lines.clone(), 3, |&x| x);
                assert_eq!(padded.len(), lines.len() + 6);
                for offset in -3isize..=3 {
                    let from = (3 + offset) as usize;
                    let shifted = &padded[from..from + lines.len()];
                    let by_line: Vec<f32> = lines
                        .clone()
                        .map(|k| {
                            k.checked_add_signed(offset)
                                .and_then(|j| values.get(j))
                                .map_or(0.0, |&x| x)
                        })
                        .collect();
                    assert_eq!(shifted, by_line, "{lines:?} offset {offset}");
                }
            }
        }
    }

    #[test]
    fn separators_and_copyright_are_found_by_their_bytes() {
        for text in [
            "Home | News",
            "News » World",
            "A · B",
            "Café ½ ©",
            "Plain words",
            "COPYRIGHT 2024",
            "Copyrigh",
            "© cC copyright",
            "a / b",
            "a/ b / c",
            "/ a /",
            " /",
        ] {
            assert_eq!(
                separators_and_copyright_sign(text),
                (
                    text.contains(['|', '»', '·']) || text.contains(" / "),
                    text.contains('©')
                ),
                "{text}"
            );
        }
    }
}
