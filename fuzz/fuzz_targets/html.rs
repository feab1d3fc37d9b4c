//! HTML pages built from elements the markup judge reads (article, nav,
//! aside, footer, lists, tables, hidden blocks, classes of the boilerplate
//! vocabulary) filled with the fixtures' lines and arbitrary text, and raw
//! bytes: `Pipeline::clean_html` must never panic, its segments must tile
//! the page text on char boundaries, its body lines must come from that text
//! in order, and cleaning the same page twice must give the same result.
//!
//! `cargo fuzz run -s none html`; the `Debug` form of a found input is the
//! page, ready to paste into a test.

#![no_main]

use std::fmt;
use std::sync::LazyLock;

use arbitrary::Arbitrary;
use case_lines::case_lines;
use libfuzzer_sys::fuzz_target;
use newsclean::Pipeline;

#[path = "../common/case_lines.rs"]
mod case_lines;

// The text checks of cleaning twice do not apply to pages.
#[allow(dead_code)]
#[path = "../../tests/invariants.rs"]
mod invariants;

/// Longer pages are skipped: they find nothing new, only slower.
const MAX_BYTES: usize = 32 * 1024;

/// Real boilerplate and prose: the lines of the cleaners' cases.
static KNOWN_LINES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    case_lines(&[
        include_str!("../../fixtures/cleaners/ad-markers.cases"),
        include_str!("../../fixtures/cleaners/captions.cases"),
        include_str!("../../fixtures/cleaners/main-content.cases"),
        include_str!("../../fixtures/cleaners/paywall.cases"),
        include_str!("../../fixtures/cleaners/related-links.cases"),
        include_str!("../../fixtures/cleaners/site-chrome.cases"),
        include_str!("../../fixtures/cleaners/trailing-stories.cases"),
    ])
});

const TAGS: &[&str] = &[
    "div",
    "p",
    "article",
    "main",
    "section",
    "nav",
    "aside",
    "header",
    "footer",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "figure",
    "figcaption",
    "a",
    "span",
    "blockquote",
    "form",
    "button",
    "script",
    "style",
    "noscript",
    "br",
    "pre",
    "time",
];

const CLASSES: &[&str] = &[
    "",
    "article-body",
    "content",
    "post",
    "related",
    "share",
    "social",
    "newsletter",
    "comments",
    "sidebar",
    "ad",
    "promo",
    "paywall",
    "byline",
    "caption",
    "menu",
    "footer",
    "hidden",
];

#[derive(Arbitrary)]
enum Text {
    Known(u16),
    Any(String),
}

#[derive(Arbitrary)]
enum Node {
    /// An element: tag, class, `hidden` attribute, children.
    Element(u8, u8, bool, Vec<Node>),
    Text(Text),
    /// Markup as it comes, unbalanced or not.
    Raw(String),
}

#[derive(Arbitrary)]
enum Input {
    Page { title: Text, nodes: Vec<Node> },
    Bytes(Vec<u8>),
}

fn text(t: &Text) -> String {
    match t {
        Text::Known(k) => KNOWN_LINES[usize::from(*k) % KNOWN_LINES.len()].to_owned(),
        Text::Any(s) => s.replace(['<', '&'], " "),
    }
}

/// Renders `nodes`, iteratively: arbitrary inputs may nest deeply.
fn render(nodes: &[Node], out: &mut String) {
    enum Step<'n> {
        Open(&'n Node),
        Close(&'static str),
    }
    let mut stack: Vec<Step<'_>> = nodes.iter().rev().map(Step::Open).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(tag) => {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            Step::Open(Node::Text(t)) => out.push_str(&text(t)),
            Step::Open(Node::Raw(raw)) => out.push_str(raw),
            Step::Open(Node::Element(tag, class, hidden, children)) => {
                let tag = TAGS[usize::from(*tag) % TAGS.len()];
                let class = CLASSES[usize::from(*class) % CLASSES.len()];
                out.push('<');
                out.push_str(tag);
                if !class.is_empty() {
                    out.push_str(" class=\"");
                    out.push_str(class);
                    out.push('"');
                }
                if *hidden {
                    out.push_str(" hidden");
                }
                out.push('>');
                stack.push(Step::Close(tag));
                stack.extend(children.iter().rev().map(Step::Open));
            }
        }
    }
}

impl Input {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Bytes(bytes) => bytes.clone(),
            Input::Page { title, nodes } => {
                let mut page = format!(
                    "<!doctype html><html><head><title>{}</title></head><body>",
                    text(title)
                );
                render(nodes, &mut page);
                page.push_str("</body></html>");
                page.into_bytes()
            }
        }
    }
}

/// The page itself, ready to paste into a test.
impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.bytes()))
    }
}

fuzz_target!(|input: Input| {
    let page = input.bytes();
    if page.len() > MAX_BYTES {
        return;
    }
    let pipeline = Pipeline::news();
    let cleaned = pipeline.clean_html_bytes(&page);
    let source = cleaned.source();
    let broken = invariants::check_tiling(source, &cleaned)
        .and_then(|()| invariants::check_subsequence(source, cleaned.body()))
        .err()
        .or_else(|| {
            let again = pipeline.clean_html_bytes(&page);
            (again.body() != cleaned.body() || again.metadata() != cleaned.metadata())
                .then(|| "cleaning the same page twice gives different results".to_owned())
        });
    if let Some(broken) = broken {
        panic!("{broken}\n{input:?}");
    }
});
