#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod cleaned;
pub mod cleaners;
mod document;
mod error;
pub mod eval;
#[cfg(feature = "html")]
pub mod html;
mod marks;
mod metadata;
mod pipeline;
mod scratch;
mod span;
pub mod text;

pub use cleaned::{Cleaned, LineVerdict, Segment, Verdict};
pub use document::{Document, Line};
pub use error::BuildError;
pub use marks::{Marks, Removal, Replacement};
pub use metadata::{Caption, Metadata};
pub use pipeline::{Cleaner, Favor, Pipeline, PipelineBuilder};
pub use span::Span;
