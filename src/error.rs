use std::fmt;

/// Why a [`PipelineBuilder`](crate::PipelineBuilder) could not build.
///
/// Building is the only step that can fail: once built, a pipeline cleans
/// any text without error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    Pattern { cleaner: String, message: String },
    UnknownCleaner { name: String },
}

impl BuildError {
    pub(crate) fn pattern(cleaner: &str, error: &regex::Error) -> BuildError {
        BuildError {
            kind: ErrorKind::Pattern {
                cleaner: cleaner.to_owned(),
                message: error.to_string(),
            },
        }
    }

    pub(crate) fn unknown_cleaner(name: &str) -> BuildError {
        BuildError {
            kind: ErrorKind::UnknownCleaner {
                name: name.to_owned(),
            },
        }
    }

    /// The name of the cleaner the error is about.
    #[must_use]
    pub fn cleaner(&self) -> &str {
        match &self.kind {
            ErrorKind::Pattern { cleaner, .. } => cleaner,
            ErrorKind::UnknownCleaner { name } => name,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Pattern { cleaner, message } => {
                write!(f, "cleaner {cleaner:?}: invalid pattern: {message}")
            }
            ErrorKind::UnknownCleaner { name } => {
                write!(f, "no cleaner named {name:?} in the pipeline")
            }
        }
    }
}

impl std::error::Error for BuildError {}
