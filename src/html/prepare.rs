//! A fast pass over the markup before the parser sees it.
//!
//! It reads tags as the HTML tokenizer does (comments, quoted attribute
//! values, raw-text elements) and does two things:
//!
//! - It bounds nesting. The parser's tree builder scans its stack of open
//!   elements on many tags, so its time grows with the square of the
//!   nesting depth (100,000 nested `<div>` take a minute), and it recreates
//!   every open formatting element (`<b>`, `<font>`) in each new block, so
//!   many unclosed ones multiply the tree's size. Start tags that would
//!   open more than [`MAX_DEPTH`] elements, or more than
//!   [`MAX_FORMATTING`] formatting elements, are left out, with their
//!   text kept.
//! - It leaves out the content of scripts and styles (except JSON-LD
//!   scripts, which hold the article's metadata): a third of a typical
//!   page's bytes that no reader sees, and the parser need not read.
//!
//! The estimate of the parser's stack follows the tokenizer's rules for
//! what a tag is and the tree builder's commonest implied end tags; it need
//! not be exact: real pages are far from the limits.

use std::borrow::Cow;

/// How deep elements may nest; deeper start tags are dropped before
/// parsing. Real pages nest a few dozen levels.
pub const MAX_DEPTH: usize = 512;

/// How many formatting elements (`<b>`, `<i>`, `<font>`, `<a>`, ...) may be
/// open at once.
const MAX_FORMATTING: usize = 16;

/// The markup to parse: `html` itself when nothing is left out.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    let mut pass = Pass {
        html,
        bytes: html.as_bytes(),
        out: None,
        copied: 0,
        stack: Vec::new(),
        formatting: 0,
    };
    pass.run();
    match pass.out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[pass.copied..]);
            Cow::Owned(out)
        }
    }
}

/// A tag name, lowercased, as far as the pass needs it (longer names are
/// cut; none it acts on is that long).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name {
    bytes: [u8; 12],
    len: u8,
}

impl Name {
    fn read(bytes: &[u8]) -> Name {
        let mut name = Name {
            bytes: [0; 12],
            len: 0,
        };
        for &b in bytes.iter().take(12) {
            name.bytes[name.len as usize] = b.to_ascii_lowercase();
            name.len += 1;
        }
        name
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    fn is(&self, names: &[&str]) -> bool {
        names.iter().any(|n| n.as_bytes() == self.as_bytes())
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image",
];

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

struct Pass<'h> {
    html: &'h str,
    bytes: &'h [u8],
    /// The markup so far, once something was left out.
    out: Option<String>,
    /// How much of `html` is in `out` or accounted for.
    copied: usize,
    stack: Vec<Name>,
    formatting: usize,
}

impl Pass<'_> {
    fn run(&mut self) {
        let bytes = self.bytes;
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
            let lt = at + found;
            let next = bytes.get(lt + 1).copied().unwrap_or(0);
            at = if bytes[lt..].starts_with(b"<!--") {
                find(bytes, lt + 4, b"-->").map_or(bytes.len(), |i| i + 3)
            } else if next == b'!' || next == b'?' {
                memchr::memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1)
            } else if next == b'/' && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                let (name, end) = tag_name(bytes, lt + 2);
                let end = skip_attributes(bytes, end).end;
                self.end_tag(name);
                end
            } else if next.is_ascii_alphabetic() {
                let (name, end) = tag_name(bytes, lt + 1);
                let tag = skip_attributes(bytes, end);
                self.start_tag(name, lt, &tag)
            } else {
                lt + 1
            };
        }
    }

    fn start_tag(&mut self, name: Name, lt: usize, tag: &TagEnd) -> usize {
        if name.is(RAW_TEXT) {
            return self.raw_text(name, tag);
        }
        if name.as_bytes() == b"plaintext" {
            return self.bytes.len();
        }
        if name.is(VOID) || tag.self_closing {
            return tag.end;
        }
        self.implied_end_tags(name);
        let is_formatting = name.is(FORMATTING);
        if self.stack.len() >= MAX_DEPTH || (is_formatting && self.formatting >= MAX_FORMATTING) {
            self.leave_out(lt, tag.end);
            return tag.end;
        }
        self.formatting += usize::from(is_formatting);
        self.stack.push(name);
        tag.end
    }

    /// Pops what a start tag `name` closes implicitly, as the tree builder
    /// does in the commonest cases.
    fn implied_end_tags(&mut self, name: Name) {
        let top = |pass: &Self| pass.stack.last().copied();
        if name.is(CLOSES_P) && top(self).is_some_and(|t| t.as_bytes() == b"p") {
            self.pop();
        }
        let closes = |open: &[&str], boundary: &[&str]| -> Option<usize> {
            self.stack
                .iter()
                .rposition(|n| n.is(open) || n.is(boundary))
                .filter(|&i| self.stack[i].is(open))
        };
        let until = if name.as_bytes() == b"li" {
            closes(&["li"], &["ul", "ol", "menu", "table"])
        } else if name.is(&["dt", "dd"]) {
            closes(&["dt", "dd"], &["dl", "table"])
        } else if name.is(&["td", "th"]) {
            closes(&["td", "th"], &["tr", "table"])
        } else if name.as_bytes() == b"tr" {
            closes(&["tr"], &["table"])
        } else if name.is(&["option", "optgroup"]) {
            closes(&["option"], &["select", "optgroup"])
        } else {
            None
        };
        if let Some(i) = until {
            while self.stack.len() > i {
                self.pop();
            }
        }
    }

    fn end_tag(&mut self, name: Name) {
        if let Some(i) = self.stack.iter().rposition(|&n| n == name) {
            while self.stack.len() > i {
                self.pop();
            }
        }
    }

    fn pop(&mut self) {
        if let Some(name) = self.stack.pop()
            && name.is(FORMATTING)
        {
            self.formatting -= 1;
        }
    }

    /// Skips the content of a raw-text element, up to its end tag, and
    /// leaves out that of scripts and styles.
    fn raw_text(&mut self, name: Name, tag: &TagEnd) -> usize {
        let bytes = self.bytes;
        let start = tag.end;
        let close = find_end_tag(bytes, start, name.as_bytes());
        let content = &bytes[start..close.unwrap_or(bytes.len())];
        let strip = match name.as_bytes() {
            b"style" => true,
            // Scripts that hide markup in comments are read by the tokenizer
            // in states this pass does not follow: leave them to it.
            b"script" => !tag.json_ld && find(content, 0, b"<!--").is_none(),
            _ => false,
        };
        if strip && !content.is_empty() && close.is_some() {
            self.leave_out(start, start + content.len());
        }
        close.unwrap_or(bytes.len())
    }

    /// Leaves `html[start..end]` out of the markup.
    fn leave_out(&mut self, start: usize, end: usize) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(&self.html[self.copied..start]);
        self.copied = end;
    }
}

/// What the pass learned from a start tag's attributes.
struct TagEnd {
    /// Just past the tag's `>`.
    end: usize,
    /// It ends in `/>`.
    self_closing: bool,
    /// It is `type="application/ld+json"`.
    json_ld: bool,
}

/// The tag name at `start`, and where it ends.
fn tag_name(bytes: &[u8], start: usize) -> (Name, usize) {
    let end = bytes[start..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .map_or(bytes.len(), |i| start + i);
    (Name::read(&bytes[start..end]), end)
}

/// Reads attributes from `at` to the tag's end, as the tokenizer does:
/// quotes only delimit values, after `=`.
fn skip_attributes(bytes: &[u8], mut at: usize) -> TagEnd {
    let mut self_closing = false;
    let mut json_ld = false;
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            self_closing = bytes[at] == b'/';
            at += 1;
        }
        match bytes.get(at) {
            None => {
                return TagEnd {
                    end: bytes.len(),
                    self_closing: false,
                    json_ld,
                };
            }
            Some(b'>') => {
                return TagEnd {
                    end: at + 1,
                    self_closing,
                    json_ld,
                };
            }
            Some(_) => self_closing = false,
        }
        // The name: its first character may be `=`.
        let name_start = at;
        at += 1;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = &bytes[name_start..at];
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let value = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let start = at + 1;
                let end = memchr::memchr(quote, &bytes[start..]).map_or(bytes.len(), |i| start + i);
                at = (end + 1).min(bytes.len());
                &bytes[start..end]
            }
            _ => {
                let start = at;
                while at < bytes.len() && bytes[at] != b'>' && !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                &bytes[start..at]
            }
        };
        if name.eq_ignore_ascii_case(b"type")
            && value
                .trim_ascii()
                .eq_ignore_ascii_case(b"application/ld+json")
        {
            json_ld = true;
        }
    }
}

/// Where the end tag `</name` (followed by whitespace, `/` or `>`) starts,
/// from `at` on, in any case.
fn find_end_tag(bytes: &[u8], mut at: usize, name: &[u8]) -> Option<usize> {
    while let Some(i) = find(bytes, at, b"</") {
        let after = i + 2 + name.len();
        if bytes.len() >= after
            && bytes[i + 2..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markup_is_left_as_it_is() {
        let html = "<!doctype html><p class='a>b'>x<br/>y</p><!-- <div> --><ul><li>1<li>2</ul>";
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_and_styles_lose_their_content_json_ld_keeps_it() {
        let html = "<script>if (a < b) {}</script><STYLE>p{}</STYLE ><p>x</p>\
                    <script type=\"application/ld+json\">{\"a\":1}</script>";
        assert_eq!(
            prepare(html),
            "<script></script><STYLE></STYLE ><p>x</p>\
             <script type=\"application/ld+json\">{\"a\":1}</script>"
        );
    }

    #[test]
    fn scripts_hiding_markup_in_comments_are_kept() {
        let html = "<script><!-- document.write('<script></script>') --></script><p>x";
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_text_kept() {
        let html = "<div>".repeat(MAX_DEPTH + 10) + "deep";
        let prepared = prepare(&html);
        assert_eq!(prepared.matches("<div>").count(), MAX_DEPTH);
        assert!(prepared.ends_with("deep"));
    }

    #[test]
    fn implied_end_tags_keep_the_depth_low() {
        let html = "<p>x".repeat(2 * MAX_DEPTH) + &"<ul><li>a<li>b</ul>".repeat(MAX_DEPTH);
        assert!(matches!(prepare(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn open_formatting_elements_are_capped() {
        let html: String = (0..100).map(|i| format!("<b id={i}>")).collect::<String>() + "x";
        assert_eq!(prepare(&html).matches("<b ").count(), MAX_FORMATTING);
    }
}
