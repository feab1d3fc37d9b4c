//! Shallow features of each line and of its surroundings.
//!
//! Two kinds: what a line is on its own (length, sentence punctuation, the
//! share of stop words, capitalisation, digits, chrome vocabulary), and
//! where it stands (its neighbours, the density of prose around it, runs of
//! short lines, repeats, its place on the page and against the page's
//! densest block of prose). All are computed in a few linear passes.

use std::sync::LazyLock;

use crate::Document;
use crate::document::LineFact;
use crate::text::{Initial, StopWordCounts, StopWords, WordTable, word_keys};

/// Features of a line on its own.
pub(super) const LINE: usize = 21;
/// Features the first stage scores: the line, its context, its place.
pub(super) const STAGE1: usize = LINE + 16 + 6 + 5 + 7 + 3;
/// Features the second stage scores: the first stage's, and the first
/// stage's scores around the line.
pub(super) const STAGE2: usize = STAGE1 + 11;

/// The bit of words of page furniture in [`WORDS`].
const CHROME: u16 = 1 << 15;

/// The stop words of every language, and words of page furniture, in
/// lowercase: menus, sharing, accounts, legal. One lookup per word.
static WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut table = StopWords::table().clone();
    "share shares tweet facebook twitter linkedin instagram pinterest whatsapp youtube tiktok email subscribe \
     subscription newsletter sign login log register account cookie cookies privacy policy terms copyright \
     rights reserved menu search home comment comments reply posted tag tags category categories related \
     popular trending advertisement advertising sponsored click download app contact follow skip navigation \
     previous next prev older newer page author by teilen anmelden datenschutz impressum kommentare partager \
     connexion confidentialité commentaires compartir iniciar privacidad comentarios condividi accedi"
        .split_whitespace()
        .for_each(|word| table.insert(word, CHROME));
    table
});

/// What the features read of a line's words: computed once per line and
/// document, however often the kept lines change.
#[derive(Clone, Copy, Debug, Default)]
struct LineWords {
    stop_words: StopWordCounts,
    chrome_words: u32,
    /// Separators of menus and breadcrumbs: `|`, `»`, `·`, ` / `.
    separators: bool,
    copyright: bool,
}

static LINE_WORDS: LineFact<LineWords> = LineFact::new(|doc, i| {
    let text = doc.line_text(i);
    let mut stop_words = StopWordCounts::default();
    let mut chrome_words = 0u32;
    // Forced once per line, not once per word.
    let words = &*WORDS;
    word_keys(text, |key| {
        let bits = key.map_or(0, |key| words.bits_of_key(key));
        stop_words.add_bits(bits);
        chrome_words += u32::from(bits & CHROME != 0);
    });
    let (separators, copyright_sign) = separators_and_copyright_sign(text);
    LineWords {
        stop_words,
        chrome_words,
        separators,
        copyright: copyright_sign || mentions_copyright(text),
    }
});

/// `(x as f32).ln_1p()`, looked up for the small counts nearly all are.
fn ln_1p(x: usize) -> f32 {
    static SMALL: LazyLock<[f32; 1024]> =
        LazyLock::new(|| std::array::from_fn(|x| (x as f32).ln_1p()));
    match SMALL.get(x) {
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
        let mut lines: Vec<usize> = doc.buffer();
        lines.extend(doc.content_lines().filter(|&i| kept(i)));
        let line_words = doc.facts(&LINE_WORDS, &lines);
        // Known for each of `lines`.
        let words_of = |i: usize| line_words.get(i).copied().flatten().unwrap_or_default();
        let stop_words =
            StopWords::guess_from_counts(lines.iter().map(|&i| words_of(i).stop_words));
        let n = lines.len();
        let mut base: Vec<[f32; LINE]> = doc.buffer();
        let mut word_counts: Vec<f32> = doc.buffer();
        let mut chrome: Vec<f32> = doc.buffer();
        base.reserve(n);
        word_counts.reserve(n);
        chrome.reserve(n);
        for &i in &lines {
            let line = words_of(i);
            let shape = doc.shape(i);
            let stops = stop_words.hits(&line.stop_words);
            let w = shape.words as f32;
            let per_word = |x: f32| if shape.words == 0 { 0.0 } else { x / w };
            let chars = shape.chars.max(1) as f32;
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            base.push([
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
            ]);
            word_counts.push(w);
            chrome.push(line.chrome_words as f32);
        }
        drop(line_words);

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

        let column =
            |c: usize| prefix_sums(base.iter().map(|row: &[f32; LINE]| row[c]), doc.buffer());
        let sums = [
            column(0),
            column(2),
            column(4),
            prefix_sums(
                chrome.iter().map(|&x| if x > 0.0 { 1.0 } else { 0.0 }),
                doc.buffer(),
            ),
        ];
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

    fn mean(&self, which: usize, k: usize, radius: usize) -> f32 {
        let lo = k.saturating_sub(radius);
        let hi = (k + radius + 1).min(self.len());
        window_mean(&self.sums[which], lo, hi)
    }

    /// The first stage's features of line `k` (an index into `lines`).
    pub(super) fn stage1(&self, k: usize) -> [f32; STAGE1] {
        let n = self.len();
        let mut row = [0.0f32; STAGE1];
        row[..LINE].copy_from_slice(&self.base[k]);
        let mut at = LINE;
        for offset in [-2isize, -1, 1, 2] {
            if let Some(j) = k.checked_add_signed(offset).filter(|&j| j < n) {
                let b = &self.base[j];
                row[at..at + 4].copy_from_slice(&[b[0], b[2], b[4], b[7]]);
            }
            at += 4;
        }
        for radius in [3, 8] {
            row[at] = self.mean(0, k, radius);
            row[at + 1] = self.mean(1, k, radius);
            row[at + 2] = self.mean(2, k, radius);
            at += 3;
        }
        let chrome_near = self.mean(3, k, 3) * (k.min(3) + (n - 1 - k).min(3) + 1) as f32;
        row[at..at + 5].copy_from_slice(&[
            if self.words[k] <= 5.0 {
                ln_1p(self.short_run[k] as usize)
            } else {
                0.0
            },
            ln_1p(self.prose_distance[k] as usize),
            ln_1p(self.chrome[k] as usize),
            self.chrome[k] / self.words[k].max(1.0),
            chrome_near.ln_1p(),
        ]);
        at += 5;
        let (b0, b1) = self.block;
        row[at..at + 7].copy_from_slice(&[
            k as f32 / n as f32,
            self.cumulative_words[k],
            ln_1p(self.repeats[k] as usize),
            if (b0..=b1).contains(&k) { 1.0 } else { 0.0 },
            ln_1p(b0.saturating_sub(k)),
            ln_1p(k.saturating_sub(b1)),
            ln_1p(n),
        ]);
        at += 7;
        row[at..at + 3].copy_from_slice(&self.tidiness);
        row
    }

    /// The second stage's features of line `k`, given the first stage's
    /// probabilities `p` of all lines and their prefix sums `p_sums`.
    #[cfg(test)]
    pub(super) fn stage2(&self, k: usize, p: &[f32], p_sums: &[f32]) -> [f32; STAGE2] {
        let mut row = [0.0f32; STAGE2];
        row[..STAGE1].copy_from_slice(&self.stage1(k));
        row[STAGE1..].copy_from_slice(&self.stage2_own(k, p, p_sums));
        row
    }

    /// The features the second stage adds to the first's for line `k`:
    /// the first stage's scores around it.
    pub(super) fn stage2_own(&self, k: usize, p: &[f32], p_sums: &[f32]) -> [f32; STAGE2 - STAGE1] {
        let n = self.len();
        let mut row = [0.0f32; STAGE2 - STAGE1];
        row[0] = p[k];
        let mut at = 1;
        for offset in [-3isize, -2, -1, 1, 2, 3] {
            if let Some(j) = k.checked_add_signed(offset).filter(|&j| j < n) {
                row[at] = p[j];
            }
            at += 1;
        }
        let mean = |lo: usize, hi: usize| window_mean(p_sums, lo, hi);
        for radius in [5, 15] {
            row[at] = mean(k.saturating_sub(radius), (k + radius + 1).min(n));
            at += 1;
        }
        row[at] = mean(0, k);
        row[at + 1] = mean(k + 1, n);
        row
    }
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

fn mentions_copyright(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Only where a `c` is: `memchr` finds those faster than each place is
    // compared.
    memchr::memchr2_iter(b'c', b'C', bytes).any(|at| {
        bytes
            .get(at..at + 9)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"copyright"))
    })
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
            assert_eq!(
                mentions_copyright(text),
                text.to_ascii_lowercase().contains("copyright"),
                "{text}"
            );
        }
    }
}
