//! The article within a whole page's text.
//!
//! A naive scraper gives every visible line of the page: navigation, menus,
//! cookie banners, related-story grids, comments and footers around the
//! article. This cleaner scores each line's odds of being the article's own
//! text from shallow features of the line and its neighbours (words,
//! sentence punctuation, the share of stop words in the page's language,
//! capitalisation, digits, chrome vocabulary, repeats, runs of short lines,
//! the position on the page and against its densest block of prose), then
//! scores it again with the first scores of the lines around it, so that a
//! short line inside the article survives and a sentence inside a footer
//! goes. Both stages are logistic regressions learned on the development
//! corpus by `train.rs`.
//!
//! It acts only on text that shows the site around its article somewhere
//! (a button, a copyright line, header and footer links; kept or dropped
//! already): text taken out of its page keeps its lists and tables.
//!
//! [`Favor`](crate::Favor) sets the score a line needs to stay.
//!
//! ```
//! use newsclean::Pipeline;
//!
//! let page = "Skip to content\nNews\nSport\nBusiness\nCulture\nWeather\n\
//!     The council voted on Tuesday to approve new cycle lanes along the seafront, after a consultation that drew thousands of responses.\n\
//!     Work is expected to start in the spring and will last for about six months, the council said in a statement.\n\
//!     Opponents said the lanes would take away parking spaces that the shops on the seafront depend on.\n\
//!     Most read\nSchool wins national award\nContact us\nPrivacy notice\nTerms and conditions";
//! let cleaned = Pipeline::news().clean(page);
//! assert_eq!(cleaned.paragraphs().count(), 3);
//! assert!(cleaned.body().starts_with("The council voted"));
//! assert!(cleaned.removals().iter().any(|r| r.cleaner == "main-content"));
//! ```

mod features;
mod model;
#[cfg(test)]
mod train;
mod weights;

use features::{Features, prefix_sums};

use crate::cleaners::site_chrome::is_site_furniture;
use crate::{Cleaner, Document, Favor, Marks};

/// Fewest low-scoring lines, and least share of the lines still kept
/// (one in four), that make a text a whole page rather than an article.
const PAGE_MIN_LINES: usize = 6;

/// Drops what is not the article in a whole page's text.
#[derive(Clone, Copy, Debug, Default)]
pub struct MainContent;

/// Builds the tables of this cleaner, which are built on first use; see
/// [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    features::prepare();
}

/// The score a line needs to stay, per [`Favor`].
pub(crate) fn threshold(favor: Favor) -> f32 {
    match favor {
        Favor::Precision => 0.55,
        Favor::Balanced => 0.45,
        Favor::Recall => 0.25,
    }
}

/// Each kept line's probability of being the article's text, with the
/// line's index.
fn scores(doc: &Document<'_>, marks: &Marks<'_>) -> Vec<(usize, f32)> {
    scores_by_blocks(doc, marks, BLOCK_LINES)
}

/// Lines whose features are summed together, a feature at a time: few
/// enough that their rows of features and their sums stay in the nearest
/// caches while every feature is added. A document of many more lines
/// would otherwise read its whole table of features from memory again
/// for each feature.
const BLOCK_LINES: usize = 1024;

/// [`scores`], summing the features of `block` lines at a time.
fn scores_by_blocks(doc: &Document<'_>, marks: &Marks<'_>, block: usize) -> Vec<(usize, f32)> {
    let features = Features::of(doc, |i| marks.is_kept(i));
    let n = features.len();
    let blocks = || {
        (0..n)
            .step_by(block)
            .map(move |start| start..n.min(start + block))
    };
    // A block long, where the document's buffers are as long as it: kept
    // apart from those, so that none of them is taken for another.
    let mut column = Vec::with_capacity(block.min(n));
    let mut first: Vec<f32> = doc.buffer();
    let mut second: Vec<f32> = doc.buffer();
    first.resize(n, 0.0);
    second.resize(n, 0.0);
    // The second stage's features start with the first's: both sums take
    // each of those while it is at hand.
    for lines in blocks() {
        let (first, second) = (&mut first[lines.clone()], &mut second[lines.clone()]);
        features.stage1_columns(lines, &mut column, |c, values| {
            weights::STAGE_ONE.add_column(c, values, first);
            weights::STAGE_TWO.add_column(c, values, second);
        });
    }
    for p in &mut first {
        *p = weights::STAGE_ONE.probability_of_sum(*p);
    }
    let sums = prefix_sums(first.iter().copied(), doc.buffer());
    for lines in blocks() {
        let second = &mut second[lines.clone()];
        features.stage2_columns(lines, &first, &sums, &mut column, |c, values| {
            weights::STAGE_TWO.add_column(c, values, second);
        });
    }
    let mut scored = doc.buffer();
    scored.extend(
        features
            .lines
            .iter()
            .zip(&second)
            .map(|(&i, &sum)| (i, weights::STAGE_TWO.probability_of_sum(sum))),
    );
    features.recycle(doc);
    for floats in [first, second, sums] {
        doc.recycle(floats);
    }
    scored
}

/// Whether to drop the lines of `low`, those of `scored` under
/// `threshold`.
fn drops_low_lines(
    doc: &Document<'_>,
    scored: &[(usize, f32)],
    low: &[usize],
    threshold: f32,
) -> bool {
    // A whole page has much around its article; text already extracted
    // has a stray line or two at most, which the other cleaners judge.
    // Leaving such text alone also keeps a second cleaning from taking
    // more.
    if low.len() < PAGE_MIN_LINES || low.len() * 4 < scored.len() {
        return false;
    }
    // No line looks like an article, or every paragraph of prose would
    // go while lesser lines stay: the scores misread this text, and
    // keeping the page is better than keeping the wrong part of it.
    if low.len() == scored.len() {
        return false;
    }
    let mut prose_scores = scored
        .iter()
        .filter(|&&(i, _)| doc.shape(i).is_prose())
        .map(|&(_, p)| p)
        .peekable();
    !(prose_scores.peek().is_some() && prose_scores.all(|p| p < threshold))
}

/// Whether any line of `doc`, kept or not, is a piece of the site around
/// an article. Looked for from both ends at once: headers and footers are
/// where such lines are.
fn shows_its_site(doc: &Document<'_>) -> bool {
    let mut lines = doc.content_lines();
    while let Some(first) = lines.next() {
        if is_site_furniture(doc, first)
            || lines
                .next_back()
                .is_some_and(|last| is_site_furniture(doc, last))
        {
            return true;
        }
    }
    false
}

impl Cleaner for MainContent {
    fn name(&self) -> &'static str {
        "main-content"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        // Short lines of text with no site around them are its lists and
        // tables, not menus.
        if !shows_its_site(doc) {
            return;
        }
        let threshold = threshold(doc.favor());
        let scored = scores(doc, marks);
        let mut low: Vec<usize> = doc.buffer();
        low.extend(
            scored
                .iter()
                .filter(|&&(_, p)| p < threshold)
                .map(|&(i, _)| i),
        );
        if drops_low_lines(doc, &scored, &low, threshold) {
            for &i in &low {
                marks.remove_line(i, "outside the main content");
            }
        }
        doc.recycle(scored);
        doc.recycle(low);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores summed a column at a time, for blocks of lines of any size,
    /// are those of each line's rows of features, to the bit.
    #[test]
    fn scores_are_those_of_each_lines_rows() {
        // Long enough for whole windows of every radius, 15 the widest.
        let story: String = (0..20)
            .map(|k| {
                format!(
                    "The council voted on day {k} to approve new cycle lanes along the seafront, it said.\nShort line {k}.\n"
                )
            })
            .collect();
        let page = format!(
            "Home\nNews\nSport\nLog in\n{story}Most read\nPrivacy policy\nCopyright 2024 The Paper"
        );
        let doc = Document::new(&page);
        let marks = Marks::new(&doc);
        let features = Features::of(&doc, |i| marks.is_kept(i));
        let first: Vec<f32> = features
            .stage1_rows()
            .iter()
            .map(|row| weights::STAGE_ONE.probability(row))
            .collect();
        let sums = prefix_sums(first.iter().copied(), Vec::new());
        let by_rows: Vec<(usize, u32)> = features
            .lines
            .iter()
            .zip(features.stage2_rows(&first, &sums))
            .map(|(&i, row)| (i, weights::STAGE_TWO.probability(&row).to_bits()))
            .collect();
        assert_eq!(by_rows.len(), 47);
        for block in [1, 2, 3, 4, 7, 16, 31, 46, 47, 48, BLOCK_LINES] {
            let by_columns: Vec<(usize, u32)> = scores_by_blocks(&doc, &marks, block)
                .into_iter()
                .map(|(i, p)| (i, p.to_bits()))
                .collect();
            assert_eq!(by_columns, by_rows, "blocks of {block} lines");
        }
    }
}
