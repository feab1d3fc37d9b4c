//! A template for your own cleaner, run beside the built-in ones.
//!
//! `cargo run --example custom_cleaner`
//!
//! A cleaner looks at the document and records what to drop, with a reason;
//! it never edits the text. This one drops the "Reporting by ...; Editing by
//! ..." credit line that wire stories end with, and records it nowhere else.

use newsclean::{Cleaner, Document, Marks, Pipeline};

/// Drops the wire-service credit line at the end of a story.
#[derive(Debug, Default)]
struct WireCredits;

impl Cleaner for WireCredits {
    fn name(&self) -> &'static str {
        "wire-credits"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        // Only the last few lines: the credit closes the story.
        let tail: Vec<usize> = doc.content_lines().rev().take(3).collect();
        for i in tail {
            let line = doc.line_text(i);
            if line.starts_with("Reporting by ") && line.contains("Editing by") {
                marks.remove_line(i, "wire-service credit");
            }
        }
    }
}

fn main() -> Result<(), newsclean::BuildError> {
    let pipeline = Pipeline::builder()
        .news_cleaners()
        .cleaner(WireCredits)
        .build()?;

    let story = "\
Oil prices rose on Monday after producers agreed to extend output cuts.
- Advertisement -
Brent crude futures gained 1.2% to $84.10 a barrel by 0930 GMT.
Reporting by Jane Doe; Editing by John Roe";

    let cleaned = pipeline.clean(story);
    println!("{}\n", cleaned.body());
    for removal in cleaned.removals() {
        println!(
            "removed {:?} ({}: {})",
            cleaned.text_of(removal.span),
            removal.cleaner,
            removal.reason
        );
    }
    assert_eq!(cleaned.paragraphs().count(), 2);
    Ok(())
}
