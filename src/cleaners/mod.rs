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

mod ad_markers;
mod captions;
mod main_content;
mod media;
pub(crate) mod metadata;
mod normalize;
mod pattern;
pub(crate) mod paywall;
pub(crate) mod related_links;
mod repeated_lines;
mod site_chrome;
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

    use crate::{Cleaner, LineVerdict, Pipeline};

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

    /// The texts of the lines `cleaner` drops from `text`.
    pub(crate) fn dropped_lines(cleaner: impl Cleaner + 'static, text: &str) -> Vec<String> {
        dropped(cleaner, text)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }
}
