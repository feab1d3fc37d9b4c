//! A user's own rule: drop every line that matches a regular expression.
//!
//! ```
//! use newsclean::{Pipeline, cleaners::PatternCleaner};
//!
//! let promo = PatternCleaner::new("promo-codes", "promotion", r"(?i)^use code \w+")?;
//! let pipeline = Pipeline::builder().cleaner(promo).build()?;
//! assert_eq!(pipeline.clean("Use code SAVE10\nThe shop opened.").body(), "The shop opened.");
//! assert!(PatternCleaner::new("broken", "oops", r"(unclosed").is_err());
//! # Ok::<(), newsclean::BuildError>(())
//! ```

use regex::Regex;

use crate::{BuildError, Cleaner, Document, Marks};

/// Drops lines whose trimmed text matches a pattern.
#[derive(Clone, Debug)]
pub struct PatternCleaner {
    name: &'static str,
    reason: &'static str,
    pattern: Regex,
}

impl PatternCleaner {
    /// A cleaner named `name` dropping lines that match `pattern` (syntax of
    /// the `regex` crate) for `reason`. Fails on a pattern that does not
    /// compile.
    pub fn new(
        name: &'static str,
        reason: &'static str,
        pattern: &str,
    ) -> Result<PatternCleaner, BuildError> {
        let pattern = Regex::new(pattern).map_err(|e| BuildError::pattern(name, &e))?;
        Ok(PatternCleaner {
            name,
            reason,
            pattern,
        })
    }
}

impl Cleaner for PatternCleaner {
    fn name(&self) -> &'static str {
        self.name
    }

    fn is_line_local(&self) -> bool {
        true
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        for i in doc.content_lines() {
            if self.pattern.is_match(doc.line_text(i)) {
                marks.remove_line(i, self.reason);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Pipeline;

    #[test]
    fn bad_pattern_fails_at_build_time_with_the_cleaner_named() {
        let err = Pipeline::builder()
            .drop_lines_matching("promo", "promotion", "(unclosed")
            .build()
            .unwrap_err();
        assert_eq!(err.cleaner(), "promo");
        assert!(err.to_string().contains("invalid pattern"), "{err}");
    }

    #[test]
    fn matching_lines_go_with_the_given_reason() {
        let pipeline = Pipeline::builder()
            .drop_lines_matching("promo", "promotion", r"^Use code")
            .build()
            .unwrap();
        let cleaned = pipeline.clean("Use code SAVE10\nKept.");
        assert_eq!(cleaned.body(), "Kept.");
        assert_eq!(cleaned.removals()[0].cleaner, "promo");
        assert_eq!(cleaned.removals()[0].reason, "promotion");
    }
}
