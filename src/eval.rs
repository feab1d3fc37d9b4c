//! The quality metric of the public article-extraction benchmarks.
//!
//! Text is cut into words (`\w+`, as Python's `re` reads it, case kept), the
//! words into the multiset of their 4-grams ("shingles"; a text of fewer than
//! four words gives one shingle of all its words, an empty text none).
//! Precision is the share of the prediction's shingles found in the gold,
//! recall the share of the gold's found in the prediction, both counted as
//! multisets. Over a corpus, precision is averaged over documents with a
//! prediction, recall over documents with a gold, and F1 is taken of the two
//! means.
//!
//! ```
//! use newsclean::eval::{Score, Summary};
//!
//! let score = Score::of("the cat sat on the mat", "the cat sat on a mat");
//! assert_eq!(score.true_positives, 1); // "the cat sat on"
//! assert_eq!(score.precision(), Some(1.0 / 3.0));
//! let mut summary = Summary::default();
//! summary.add(&score);
//! assert!((summary.f1() - 1.0 / 3.0).abs() < 1e-12);
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Shingle length, in words.
const N: usize = 4;

/// The words of `text`: maximal runs of letters, digits and underscores.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// A multiset of shingles, each kept as a 64-bit hash of its words.
#[derive(Clone, Debug, Default)]
pub struct Shingles {
    counts: HashMap<u64, u32, BuildHasherDefault<Identity>>,
    total: u64,
}

impl Shingles {
    /// The shingles of `text`.
    #[must_use]
    pub fn of(text: &str) -> Shingles {
        let words: Vec<&str> = words(text).collect();
        let mut shingles = Shingles::default();
        if words.is_empty() {
            return shingles;
        }
        if words.len() < N {
            shingles.insert(hash(&words));
        } else {
            for window in words.windows(N) {
                shingles.insert(hash(window));
            }
        }
        shingles
    }

    fn insert(&mut self, shingle: u64) {
        *self.counts.entry(shingle).or_default() += 1;
        self.total += 1;
    }

    /// How many shingles, repeats counted.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.total
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Size of the multiset intersection with `other`.
    #[must_use]
    pub fn common(&self, other: &Shingles) -> u64 {
        let (small, large) = if self.counts.len() <= other.counts.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .counts
            .iter()
            .map(|(shingle, &n)| u64::from(n.min(large.counts.get(shingle).copied().unwrap_or(0))))
            .sum()
    }
}

/// The score of one prediction against its gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Shingles of the prediction.
    pub predicted: u64,
    /// Shingles of the gold.
    pub gold: u64,
    /// Shingles in both (multiset intersection).
    pub true_positives: u64,
}

impl Score {
    /// Scores `predicted` against `gold`.
    #[must_use]
    pub fn of(predicted: &str, gold: &str) -> Score {
        Score::of_shingles(&Shingles::of(predicted), &Shingles::of(gold))
    }

    /// Scores shingles already taken.
    #[must_use]
    pub fn of_shingles(predicted: &Shingles, gold: &Shingles) -> Score {
        Score {
            predicted: predicted.len(),
            gold: gold.len(),
            true_positives: predicted.common(gold),
        }
    }

    /// Precision, or `None` for an empty prediction.
    #[must_use]
    pub fn precision(&self) -> Option<f64> {
        (self.predicted > 0).then(|| self.true_positives as f64 / self.predicted as f64)
    }

    /// Recall, or `None` for an empty gold.
    #[must_use]
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.true_positives as f64 / self.gold as f64)
    }

    /// F1 of this one document (0 when either side is empty).
    #[must_use]
    pub fn f1(&self) -> f64 {
        f1(
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        )
    }
}

/// Means over a corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    precision_sum: f64,
    precision_count: u64,
    recall_sum: f64,
    recall_count: u64,
    documents: u64,
}

impl Summary {
    /// Counts one document.
    pub fn add(&mut self, score: &Score) {
        self.documents += 1;
        if let Some(p) = score.precision() {
            self.precision_sum += p;
            self.precision_count += 1;
        }
        if let Some(r) = score.recall() {
            self.recall_sum += r;
            self.recall_count += 1;
        }
    }

    /// Documents counted.
    #[must_use]
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Mean precision over documents with a prediction.
    #[must_use]
    pub fn precision(&self) -> f64 {
        mean(self.precision_sum, self.precision_count)
    }

    /// Mean recall over documents with a gold.
    #[must_use]
    pub fn recall(&self) -> f64 {
        mean(self.recall_sum, self.recall_count)
    }

    /// F1 of the two means.
    #[must_use]
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn mean(sum: f64, count: u64) -> f64 {
    if count == 0 { 0.0 } else { sum / count as f64 }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Whether `snippet` is in `text`: its words occur there in a row. A snippet
/// of three words or fewer (a menu entry such as `Home`) must be a line of
/// `text` by itself, so that the word inside a sentence does not count.
#[must_use]
pub fn contains_snippet(text: &str, snippet: &str) -> bool {
    let wanted: Vec<&str> = words(snippet).collect();
    if wanted.is_empty() {
        return false;
    }
    if wanted.len() <= 3 {
        return text
            .lines()
            .any(|line| words(line).eq(wanted.iter().copied()));
    }
    let have: Vec<&str> = words(text).collect();
    have.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// FNV-1a over the shingle's words, each followed by a separator.
fn hash(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in words {
        for &b in word.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The keys are hashes already.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_word_characters() {
        let w: Vec<_> = words("It's 9:30 — “time_out”, naïve!").collect();
        assert_eq!(w, ["It", "s", "9", "30", "time_out", "naïve"]);
    }

    #[test]
    fn identical_texts_score_one() {
        let s = Score::of("a b c d e f", "a b c d e f");
        assert_eq!((s.predicted, s.gold, s.true_positives), (3, 3, 3));
        assert_eq!(s.f1(), 1.0);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        // "a b c" is one shingle; "a b c d" is one 4-gram: they differ.
        let s = Score::of("a b c", "a b c d");
        assert_eq!((s.predicted, s.gold, s.true_positives), (1, 1, 0));
        assert_eq!(Score::of("Home", "Home").true_positives, 1);
    }

    #[test]
    fn repeats_count_as_a_multiset() {
        // prediction: "x x x x x" has two shingles "x x x x"; gold has one.
        let s = Score::of("x x x x x", "x x x x");
        assert_eq!((s.predicted, s.gold, s.true_positives), (2, 1, 1));
        assert_eq!(s.precision(), Some(0.5));
        assert_eq!(s.recall(), Some(1.0));
    }

    #[test]
    fn hand_computed_partial_overlap() {
        // pred: one two three four five | six seven eight nine
        // 4-grams of pred (9 words): 6; gold (7 words "three ... nine"): 4;
        // shared: "three four five six" .. "six seven eight nine" = 4.
        let s = Score::of(
            "one two three four five\nsix seven eight nine",
            "three four five six seven eight nine",
        );
        assert_eq!((s.predicted, s.gold, s.true_positives), (6, 4, 4));
        assert_eq!(s.precision(), Some(4.0 / 6.0));
        assert_eq!(s.recall(), Some(1.0));
        assert!((s.f1() - 0.8).abs() < 1e-12);
    }

    #[test]
    fn case_matters() {
        assert_eq!(
            Score::of("The cat sat down", "the cat sat down").true_positives,
            0
        );
    }

    #[test]
    fn empty_sides_leave_the_means() {
        let mut summary = Summary::default();
        summary.add(&Score::of("", "a b c d"));
        summary.add(&Score::of("a b c d", "a b c d"));
        summary.add(&Score::of("a b c d", ""));
        assert_eq!(summary.documents(), 3);
        // precision: docs 2 and 3 → (1 + 0) / 2; recall: docs 1 and 2 → (0 + 1) / 2.
        assert_eq!(summary.precision(), 0.5);
        assert_eq!(summary.recall(), 0.5);
        assert_eq!(summary.f1(), 0.5);
    }

    #[test]
    fn snippets_short_as_lines_long_as_word_runs() {
        let text = "Home\nWe moved home last week, and the new house is lovely.";
        assert!(contains_snippet(text, "Home"));
        assert!(!contains_snippet("We moved home.\nHomeowners", "Home"));
        assert!(contains_snippet(text, "the new house is lovely"));
        assert!(!contains_snippet(text, "the new house is ugly"));
    }
}
