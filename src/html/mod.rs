//! Cleaning HTML pages: [`Pipeline::clean_html`] and
//! [`Pipeline::clean_html_bytes`].
//!
//! The page is parsed with `scraper` and walked once into a *page text*:
//! one line per block element (paragraph, heading, list item, table row,
//! each `<br>`), as a scraper that keeps every visible text gives it.
//! What is never content gets no line: scripts, styles, form controls,
//! embedded media. (Hidden elements get lines, dropped with their reason:
//! some sites reveal their article with a script.) That page text is the
//! [`source`](crate::Cleaned::source) of the result, so spans, segments and
//! `--explain` work as for text.
//!
//! Then a first cleaner, `html-structure`, reads what the markup tells:
//! it finds the element that holds the article (by the text and link
//! density of the lines each element would give, and by markup naming an
//! article or its body) and drops the lines outside it, and those of the
//! elements inside it that their name, role, class or id call boilerplate
//! (`<nav>`, `role="complementary"`, `class="related-posts"`,
//! `id="comments"`, ...), each with its reason. The pipeline's line
//! cleaners then run as on text, so that ad markers, captions and `Read
//! more` links inside the article go too.
//!
//! Metadata comes from the page's JSON-LD, Open Graph and other meta tags,
//! `<title>` and `<time>`; what they lack, the line cleaners' reading of the
//! text fills in.
//!
//! ```
//! use newsclean::Pipeline;
//!
//! let cleaned = Pipeline::news().clean_html(
//!     r#"<!doctype html><html><head><title>Bridge reopens | Example News</title>
//!     <meta property="article:published_time" content="2023-05-03T10:15:00Z"></head>
//!     <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!     <article><h1>Bridge reopens</h1>
//!     <p>The bridge reopened on Friday after six months of repairs to its main span.</p>
//!     <div class="related-posts"><a href="/a">Council approves new cycle lanes</a></div>
//!     <p>Engineers said the work had been finished ahead of schedule.</p></article>
//!     <footer>© 2023 Example News</footer></body></html>"#,
//! );
//! assert_eq!(
//!     cleaned.body(),
//!     "The bridge reopened on Friday after six months of repairs to its main span.\n\
//!      Engineers said the work had been finished ahead of schedule."
//! );
//! assert_eq!(cleaned.metadata().published.as_deref(), Some("2023-05-03T10:15:00Z"));
//! assert_eq!(cleaned.metadata().title.as_deref(), Some("Bridge reopens | Example News"));
//! ```
//!
//! # Untrusted input
//!
//! Any bytes give a result: malformed, truncated or binary input is read
//! as the browser's parser reads it. Parsing and the walk never recurse on
//! the page's depth, and markup nested deeper than [`MAX_DEPTH`] levels
//! is flattened before parsing (the parser's work grows with the square of
//! the depth), so time and memory stay proportional to the input's size.

mod charset;
mod extract;
mod metadata;
mod prepare;
mod select;
mod signals;

pub use charset::decode;
pub use prepare::MAX_DEPTH;

use crate::{Cleaned, Cleaner, Marks, Pipeline};

/// Cleaners of the text pipeline that HTML mode leaves out, because the
/// markup already does their work, and better: where the article ends, and
/// which lines are links (a subheading is no link to another story).
const TEXT_ONLY_CLEANERS: &[&str] = &["main-content", "trailing-stories", "related-links"];

impl Pipeline {
    /// Cleans an HTML page: the article's paragraphs, its metadata, and
    /// every removal with its reason (see [the module docs](crate::html)).
    ///
    /// The result's [`source`](Cleaned::source) is the page's text, one
    /// block element per line; removals index it. Never fails and never
    /// panics.
    #[must_use]
    pub fn clean_html(&self, html: &str) -> Cleaned<'static> {
        let prepared = prepare::prepare(html);
        let dom = scraper::Html::parse_document(&prepared);
        let page = extract::extract(&dom);
        drop(dom);
        let structured = metadata::structured(&page.head);
        let doc = self.document(&page.text);
        let mut marks = Marks::new(&doc);
        let structure = select::HtmlStructure::new(&page, structured.title.as_deref());
        marks.set_cleaner(structure.name());
        structure.mark(&doc, &mut marks);
        self.run(&doc, &mut marks, |name| !TEXT_ONLY_CLEANERS.contains(&name));
        let from_text = std::mem::take(marks.metadata_mut());
        *marks.metadata_mut() = metadata::merge(structured, from_text);
        self.finish(doc, marks).into_owned()
    }

    /// Cleans an HTML page given as bytes, decoded as [`decode`] says.
    #[must_use]
    pub fn clean_html_bytes(&self, html: &[u8]) -> Cleaned<'static> {
        self.clean_html(&decode(html))
    }
}

/// Whether `bytes` clearly start as an HTML page: after a byte-order mark
/// and whitespace, a doctype, `<html` or `<head` (in any case), or a
/// comment before one of them.
///
/// ```
/// use newsclean::html::looks_like_html;
///
/// assert!(looks_like_html(b"\xef\xbb\xbf\n  <!DOCTYPE html><html>"));
/// assert!(looks_like_html(b"<html lang=en>"));
/// assert!(!looks_like_html(b"<b>Bold</b> claims about <html> tags"));
/// assert!(!looks_like_html(b"Plain text."));
/// ```
#[must_use]
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    loop {
        rest = rest.trim_ascii_start();
        if let Some(comment) = rest.strip_prefix(b"<!--") {
            match comment.windows(3).position(|w| w == b"-->") {
                Some(end) => rest = &comment[end + 3..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let starts = |prefix: &[u8]| {
        rest.len() >= prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    let tag = |name: &[u8]| {
        starts(name)
            && rest
                .get(name.len())
                .is_none_or(|&b| b == b'>' || b.is_ascii_whitespace())
    };
    starts(b"<!doctype html") || tag(b"<html") || tag(b"<head")
}
