//! The built-in cleaners, one per kind of boilerplate.
//!
//! [`news`] lists them in the order [`Pipeline::news`](crate::Pipeline::news)
//! runs them. Each can also run alone or beside users' own cleaners:
//!
//! ```
//! use newsclean::{Pipeline, cleaners::AdMarkers};
//!
//! let pipeline = Pipeline::builder().cleaner(AdMarkers).build()?;
//! assert_eq!(pipeline.clean("ADVERTISEMENT\nText.").body(), "Text.");
//! # Ok::<(), newsclean::BuildError>(())
//! ```

pub(crate) mod ad_markers;
pub(crate) mod captions;
mod main_content;
pub(crate) mod media;
pub(crate) mod metadata;
mod normalize;
mod pattern;
pub(crate) mod paywall;
pub(crate) mod related_links;
mod repeated_lines;
pub(crate) mod site_chrome;
mod trailing_stories;

pub use ad_markers::AdMarkers;
pub use captions::Captions;
pub use main_content::MainContent;
pub use media::MediaWidgets;
pub use metadata::HeaderMetadata;
pub use normalize::Normalize;
pub use pattern::PatternCleaner;
pub use paywall::Paywall;
pub use related_links::RelatedLinks;
pub use repeated_lines::RepeatedLines;
pub use site_chrome::SiteChrome;
pub use trailing_stories::TrailingStories;

use crate::Cleaner;

/// The cleaners of [`Pipeline::news`](crate::Pipeline::news), in order:
/// normalisation first; then the cleaners that know their phrases, so that
/// the story's first paragraph is found among what is left; then metadata,
/// read from the lines above that paragraph; last the cleaners that judge a
/// line by its form and neighbours.
#[must_use]
pub fn news() -> Vec<Box<dyn Cleaner>> {
    vec![
        Box::new(Normalize),
        Box::new(AdMarkers),
        Box::new(MediaWidgets),
        Box::new(Captions),
        Box::new(Paywall),
        Box::new(SiteChrome),
        Box::new(MainContent),
        Box::new(HeaderMetadata),
        Box::new(TrailingStories),
        Box::new(RepeatedLines),
        Box::new(RelatedLinks),
    ]
}

/// Compiles the patterns and tables of every built-in cleaner and of the
/// text they read; see [`Pipeline::prepare`](crate::Pipeline::prepare).
pub(crate) fn prepare() {
    crate::text::prepare();
    ad_markers::prepare();
    captions::prepare();
    main_content::prepare();
    media::prepare();
    metadata::prepare();
    paywall::prepare();
    related_links::prepare();
    site_chrome::prepare();
    trailing_stories::prepare();
}

/// The region of a document where the story's prose is: from its first
/// prose line to its last, among lines still kept.
pub(crate) fn prose_bounds(
    doc: &crate::Document<'_>,
    marks: &crate::Marks<'_>,
) -> Option<(usize, usize)> {
    let is_prose = |&i: &usize| marks.is_kept(i) && doc.shape(i).is_prose();
    let first = doc.content_lines().find(is_prose)?;
    let last = doc.content_lines().rev().find(is_prose)?;
    Some((first, last))
}

/// The nearest kept, non-blank line before `line`.
pub(crate) fn kept_before(marks: &crate::Marks<'_>, line: usize) -> Option<usize> {
    (0..line).rev().find(|&i| marks.is_kept(i))
}

/// The nearest kept, non-blank line after `line`.
pub(crate) fn kept_after(
    doc: &crate::Document<'_>,
    marks: &crate::Marks<'_>,
    line: usize,
) -> Option<usize> {
    (line + 1..doc.len()).find(|&i| marks.is_kept(i))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one cleaner over lines and reports what it dropped.

    use proptest::prelude::prop_assert;
    use proptest::string::string_regex;
    use proptest::test_runner::{Config, TestRunner};

    use crate::text::{Regex, WordClass};
    use crate::{Cleaner, Document, LineVerdict, Pipeline};

    /// The lines `cleaner` drops from `text`, with the reason for each.
    pub(crate) fn dropped(cleaner: impl Cleaner + 'static, text: &str) -> Vec<(String, String)> {
        let pipeline = Pipeline::builder()
            .cleaner(cleaner)
            .build()
            .expect("builds");
        let cleaned = pipeline.clean(text);
        cleaned
            .line_verdicts()
            .filter_map(|(span, verdict)| match verdict {
                LineVerdict::Removed(r) => {
                    Some((cleaned.text_of(span).to_owned(), r.reason.to_string()))
                }
                _ => None,
            })
            .collect()
    }

    /// Whether the key of `line`, as a document keys it (normalised),
    /// matches `pattern`.
    pub(crate) fn key_matches(line: &str, pattern: &Regex) -> bool {
        let doc = Document::new(line);
        doc.key(0).is_some_and(|key| pattern.is_match(key))
    }

    /// Whether [`Document::key_matches_holding`] searches `line` for a
    /// pattern whose matches hold words of `class`.
    pub(crate) fn searched_holding(line: &str, class: WordClass) -> bool {
        Document::new(line).may_hold(class, 0)
    }

    /// Checks that every line whose key `pattern` matches holds a word of
    /// `class`, as [`Document::key_matches_holding`] needs: the lines of
    /// the bench's sample, and text generated from each of `sources`, whose
    /// alternatives `pattern` joins.
    pub(crate) fn held_words_hold_every_match(sources: &[&str], pattern: &Regex, class: WordClass) {
        held_words_hold_every_line(sources, |line| key_matches(line, pattern), class);
    }

    /// [`held_words_hold_every_match`] for a pattern tried on a line's text,
    /// not its key, as [`Document::text_matches_holding`] tries it.
    pub(crate) fn held_words_hold_every_match_of_text(pattern: &Regex, class: WordClass) {
        let on_text = |line: &str| pattern.is_match(Document::new(line).line_text(0));
        held_words_hold_every_line(&[pattern.as_str()], on_text, class);
    }

    /// The text of each page of the bench's sample, in the repository.
    pub(crate) fn sample_pages() -> impl Iterator<Item = String> {
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data"))
            .expect("the sample is in the repository")
            .filter_map(|entry| {
                std::fs::read_to_string(entry.expect("listed").path().join("raw.txt")).ok()
            })
    }

    /// Checks that every line `matches` accepts may hold a word of `class`
    /// (see [`Document::may_hold`]): the lines of the bench's sample, and
    /// text generated from each of `sources`, the patterns it matches.
    pub(crate) fn held_words_hold_every_line(
        sources: &[&str],
        matches: impl Fn(&str) -> bool,
        class: WordClass,
    ) {
        let mut matched = 0;
        for page in sample_pages() {
            for line in page.lines().filter(|&line| matches(line)) {
                matched += 1;
                assert!(searched_holding(line, class), "{line}");
            }
        }
        assert!(matched > 0, "the sample has no match to check");
        // Enough cases for each alternative to come up many times.
        for source in sources {
            // A runner per source: one that has run its cases runs no more.
            let mut runner = TestRunner::new(Config::with_cases(4096));
            let text = string_regex(&generator_of(source)).expect("generator compiles");
            runner
                .run(&(text, "([a-z]{1,3} ){0,2}"), |(text, before)| {
                    for line in [format!("{before}{text}"), text.to_uppercase()] {
                        if matches(&line) {
                            prop_assert!(searched_holding(&line, class), "{}", line);
                        }
                    }
                    Ok(())
                })
                .expect("every match holds a word of the class");
        }
    }

    /// `pattern` for generating text its matches are among: ASCII words
    /// where it takes any text (spaces escaped, as the patterns'
    /// are), and no assertions, which generators lack.
    fn generator_of(pattern: &str) -> String {
        pattern
            .replace(".*", r"(?:\ [a-z0-9]{1,4}){0,2}\ ")
            .replace(r"\S+", "[a-z0-9]{1,4}")
            .replace(r"\d+", "[0-9]{1,3}")
            .replace(r"\b", "")
            .replace(['^', '$'], "")
    }

    /// The texts of the lines `cleaner` drops from `text`.
    pub(crate) fn dropped_lines(cleaner: impl Cleaner + 'static, text: &str) -> Vec<String> {
        dropped(cleaner, text)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }
}
