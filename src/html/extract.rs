//! From the DOM to the page text: one line per block element, each with
//! what the markup says about it.
//!
//! The tree is walked once, iteratively (a page nested 100,000 levels deep
//! must not exhaust the stack), looking at element names and attributes
//! directly: no selector matching, no allocation per node beyond the page
//! text and two small records per element and per line.

use ego_tree::NodeRef;
use scraper::Node;
use scraper::node::Element;

use super::signals::{self, Hint, Origin, Signal};

/// No element: the index used for "none" in element references.
pub(crate) const NONE: u32 = u32::MAX;

/// The elements the extraction tells apart; the rest are `Other` (inline)
/// or `Block` (a generic block container).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Other,
    Block,
    /// `<html>`.
    Root,
    Body,
    Article,
    Main,
    Section,
    Div,
    Paragraph,
    Heading(u8),
    List,
    ListItem,
    Table,
    Row,
    Cell,
    Figure,
    FigCaption,
    Blockquote,
    Pre,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    Link,
    Break,
    Time,
    Address,
}

/// One element of the page, in document (pre-)order: its descendants are
/// the elements `index + 1 .. end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ElementInfo {
    /// Index just past its last descendant.
    pub end: u32,
    /// Its parent element, or [`NONE`] for the root.
    pub parent: u32,
    pub tag: Tag,
    /// What its name, role, class or id say it holds, if boilerplate.
    pub signal: Signal,
    /// Where the signal came from.
    pub origin: Origin,
    /// The word of the vocabulary that gave the signal.
    pub keyword: &'static str,
    /// Whether its markup says it holds the article's body.
    pub hint: Hint,
    /// The innermost element with a boilerplate signal among it and its
    /// ancestors, or [`NONE`].
    pub boilerplate: u32,
}

impl ElementInfo {
    /// Whether `element` is this element or one of its descendants, given
    /// this element's own index `index`.
    pub(crate) fn contains(&self, index: u32, element: u32) -> bool {
        element >= index && element < self.end
    }
}

/// What kind of block a line comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineFlags(u16);

impl LineFlags {
    pub const LIST_ITEM: u16 = 1;
    pub const TABLE: u16 = 1 << 1;
    pub const PRE: u16 = 1 << 2;
    pub const FIGCAPTION: u16 = 1 << 3;

    pub(crate) fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }
}

/// One line of the page text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineInfo {
    /// The innermost element holding all of the line's text.
    pub element: u32,
    /// Characters of text.
    pub chars: u32,
    /// Characters of text inside links.
    pub link_chars: u32,
    /// Heading level (1 to 6) of the innermost heading around it, or 0.
    pub heading: u8,
    pub flags: LineFlags,
    /// The innermost element around it with a boilerplate signal, or
    /// [`NONE`].
    pub boilerplate: u32,
}

impl LineInfo {
    /// The share of its text inside links.
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// What the page's head and structured data hold, raw.
#[derive(Debug, Default)]
pub(crate) struct HeadData {
    /// The text of the first `<title>`.
    pub title: Option<String>,
    /// `<meta>` tags: (`property` or `name` or `itemprop`, lowercase;
    /// `content`).
    pub meta: Vec<(String, String)>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `datetime` of `<time>` elements, in order.
    pub times: Vec<String>,
}

/// The page, as lines of text with their features.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// One block per line, each ending in `\n`, none blank.
    pub text: String,
    pub lines: Vec<LineInfo>,
    pub elements: Vec<ElementInfo>,
    pub head: HeadData,
}

/// How the walk treats an element.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never content: its subtree is not visited.
    Skip,
    /// Text flows through it.
    Inline,
    /// Starts and ends a line.
    Block,
}

fn classify(name: &str) -> (Tag, Kind) {
    use Kind::{Block, Inline, Skip};
    match name {
        "p" => (Tag::Paragraph, Block),
        "div" => (Tag::Div, Block),
        "a" => (Tag::Link, Inline),
        "span" | "b" | "i" | "em" | "strong" | "u" | "small" | "sup" | "sub" | "mark" | "abbr"
        | "cite" | "q" | "code" | "font" | "s" | "del" | "ins" | "label" | "bdi" | "bdo"
        | "dfn" | "kbd" | "samp" | "var" | "data" | "big" | "tt" | "strike" | "nobr" | "img"
        | "picture" | "wbr" | "slot" => (Tag::Other, Inline),
        "li" => (Tag::ListItem, Block),
        "ul" | "ol" | "dl" => (Tag::List, Block),
        "dt" | "dd" => (Tag::ListItem, Block),
        "h1" => (Tag::Heading(1), Block),
        "h2" => (Tag::Heading(2), Block),
        "h3" => (Tag::Heading(3), Block),
        "h4" => (Tag::Heading(4), Block),
        "h5" => (Tag::Heading(5), Block),
        "h6" => (Tag::Heading(6), Block),
        "br" => (Tag::Break, Inline),
        "td" | "th" => (Tag::Cell, Inline),
        "tr" => (Tag::Row, Block),
        "table" => (Tag::Table, Block),
        "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => (Tag::Block, Block),
        "section" => (Tag::Section, Block),
        "article" => (Tag::Article, Block),
        "main" => (Tag::Main, Block),
        "body" => (Tag::Body, Block),
        "figure" => (Tag::Figure, Block),
        "figcaption" => (Tag::FigCaption, Block),
        "blockquote" => (Tag::Blockquote, Block),
        "pre" | "listing" | "plaintext" | "xmp" => (Tag::Pre, Block),
        "header" => (Tag::Header, Block),
        "footer" => (Tag::Footer, Block),
        "nav" | "menu" => (Tag::Nav, Block),
        "aside" => (Tag::Aside, Block),
        "form" => (Tag::Form, Block),
        "time" => (Tag::Time, Inline),
        "address" => (Tag::Address, Block),
        "html" => (Tag::Root, Block),
        "center" | "details" | "summary" | "fieldset" | "legend" | "hgroup" | "hr" | "search"
        | "dialog" => (Tag::Block, Block),
        "head" | "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe"
        | "object" | "embed" | "canvas" | "video" | "audio" | "map" | "select" | "option"
        | "optgroup" | "datalist" | "textarea" | "input" | "button" | "meta" | "link" | "title"
        | "base" | "source" | "track" | "param" | "frameset" | "frame" | "noframes" | "noembed"
        | "area" | "col" | "progress" | "meter" | "output" => (Tag::Other, Skip),
        // Custom elements are wrappers, nearly always block-level.
        _ if name.contains('-') => (Tag::Block, Block),
        _ => (Tag::Other, Inline),
    }
}

/// What to restore when an element closes.
struct Frame {
    element: u32,
    tag: Tag,
    kind: Kind,
    heading: u8,
    flags: u16,
}

/// The boilerplate signal in force over the current line's text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineBoilerplate {
    Unset,
    /// All its text is under this signal (or [`NONE`]).
    Same(u32),
    /// Its pieces are under different signals: the line's element decides.
    Mixed,
}

/// What must go between the text already on the line and the next text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    /// The next table cell of a row.
    Cell,
}

struct Walker {
    page: Page,
    stack: Vec<Frame>,
    /// Where the current line starts in the page text.
    line_start: usize,
    /// Depth in `stack` of the shallowest frame that added text to the
    /// current line: the line belongs to that frame's element.
    line_depth: usize,
    line_links: u32,
    line_boilerplate: LineBoilerplate,
    gap: Gap,
    links: u32,
    heading: u8,
    flags: u16,
}

/// Walks the parsed page into lines.
pub(crate) fn extract(html: &scraper::Html) -> Page {
    let mut walker = Walker {
        page: Page::default(),
        stack: Vec::new(),
        line_start: 0,
        line_depth: usize::MAX,
        line_links: 0,
        line_boilerplate: LineBoilerplate::Unset,
        gap: Gap::None,
        links: 0,
        heading: 0,
        flags: 0,
    };
    let root = html.tree.root();
    let mut next = root.first_child();
    'walk: while let Some(node) = next {
        if walker.open(node) {
            if let Some(child) = node.first_child() {
                next = Some(child);
                continue;
            }
            walker.close();
        }
        let mut at = node;
        loop {
            if let Some(sibling) = at.next_sibling() {
                next = Some(sibling);
                continue 'walk;
            }
            match at.parent() {
                Some(parent) if parent.id() != root.id() => {
                    walker.close();
                    at = parent;
                }
                _ => break 'walk,
            }
        }
    }
    while !walker.stack.is_empty() {
        walker.close();
    }
    walker.flush();
    walker.page
}

impl Walker {
    /// Enters `node`; returns whether its children are to be visited (an
    /// element was pushed, and [`close`](Walker::close) must follow).
    fn open(&mut self, node: NodeRef<'_, Node>) -> bool {
        match node.value() {
            Node::Text(text) => {
                if !self.stack.is_empty() {
                    self.push_text(&text.text);
                }
                false
            }
            Node::Element(element) => self.open_element(node, element),
            _ => false,
        }
    }

    fn open_element(&mut self, node: NodeRef<'_, Node>, element: &Element) -> bool {
        let name = element.name();
        let (tag, kind) = classify(name);
        if kind == Kind::Skip {
            self.skipped(node, element, name);
            return false;
        }
        if tag == Tag::Break {
            self.flush();
            return false;
        }
        let signals::Markup {
            signal,
            origin,
            keyword,
            hint,
        } = signals::read(tag, element);
        if kind == Kind::Block {
            self.flush();
        }
        if tag == Tag::Cell && self.page.text.len() > self.line_start {
            self.gap = Gap::Cell;
        }
        let index = self.page.elements.len() as u32;
        let parent = self.stack.last().map_or(NONE, |f| f.element);
        self.page.elements.push(ElementInfo {
            end: NONE,
            parent,
            tag,
            signal,
            origin,
            keyword,
            hint,
            boilerplate: if signal == Signal::None {
                self.boilerplate()
            } else {
                index
            },
        });
        self.stack.push(Frame {
            element: index,
            tag,
            kind,
            heading: self.heading,
            flags: self.flags,
        });
        match tag {
            Tag::Heading(level) => self.heading = level,
            Tag::ListItem => self.flags |= LineFlags::LIST_ITEM,
            Tag::Row | Tag::Table => self.flags |= LineFlags::TABLE,
            Tag::Pre => self.flags |= LineFlags::PRE,
            Tag::FigCaption => self.flags |= LineFlags::FIGCAPTION,
            Tag::Time => {
                if let Some(datetime) = element.attr("datetime") {
                    self.page.head.times.push(datetime.to_owned());
                }
            }
            Tag::Link => self.links += 1,
            _ => {}
        }
        true
    }

    /// Takes what the page's metadata needs from an element whose subtree is
    /// not walked.
    fn skipped(&mut self, node: NodeRef<'_, Node>, element: &Element, name: &str) {
        match name {
            "head" => {
                // The head's children are flat: title, meta, script, link.
                for child in node.children() {
                    if let Node::Element(e) = child.value() {
                        self.skipped(child, e, e.name());
                    }
                }
            }
            "title" if self.page.head.title.is_none() => {
                self.page.head.title = Some(child_text(node));
            }
            "meta" => {
                let key = element
                    .attr("property")
                    .or_else(|| element.attr("name"))
                    .or_else(|| element.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, element.attr("content")) {
                    self.page
                        .head
                        .meta
                        .push((key.to_ascii_lowercase(), content.to_owned()));
                }
            }
            "script"
                if element
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.page.head.json_ld.push(child_text(node));
            }
            _ => {}
        }
    }

    /// Leaves the innermost open element.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.kind == Kind::Block {
            // The line still holds this element's text: it belongs here.
            self.stack.push(frame);
            self.flush();
            let frame = self.stack.pop().expect("pushed above");
            self.restore(&frame);
        } else {
            self.restore(&frame);
            if self.line_depth > self.stack.len() && self.page.text.len() > self.line_start {
                self.line_depth = self.stack.len().saturating_sub(1);
            }
        }
    }

    /// The innermost open element with a boilerplate signal ([`NONE`] for
    /// none): that of the innermost open element.
    fn boilerplate(&self) -> u32 {
        self.stack
            .last()
            .map_or(NONE, |f| self.page.elements[f.element as usize].boilerplate)
    }

    fn restore(&mut self, frame: &Frame) {
        self.page.elements[frame.element as usize].end = self.page.elements.len() as u32;
        self.heading = frame.heading;
        self.flags = frame.flags;
        if frame.tag == Tag::Link {
            self.links -= 1;
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.flags & LineFlags::PRE != 0 {
            // Preformatted text keeps its lines; spaces within them are
            // squeezed like all others.
            let mut pieces = text.split('\n');
            if let Some(first) = pieces.next() {
                self.push_words(first);
            }
            for piece in pieces {
                self.flush();
                self.push_words(piece);
            }
        } else {
            self.push_words(text);
        }
    }

    /// Appends `text` to the current line, each run of HTML whitespace one
    /// space.
    fn push_words(&mut self, text: &str) {
        let before = self.page.text.len();
        for (k, word) in text.split(is_html_space).enumerate() {
            // Each piece after the first had whitespace before it.
            if k > 0 && self.gap == Gap::None {
                self.gap = Gap::Space;
            }
            if word.is_empty() {
                continue;
            }
            if self.page.text.len() > self.line_start {
                match self.gap {
                    Gap::None => {}
                    Gap::Space => self.page.text.push(' '),
                    Gap::Cell => self.page.text.push_str(" | "),
                }
            }
            self.gap = Gap::None;
            self.page.text.push_str(word);
        }
        let added = self.page.text.len() - before;
        if added > 0 {
            self.line_depth = self.line_depth.min(self.stack.len() - 1);
            let boilerplate = self.boilerplate();
            self.line_boilerplate = match self.line_boilerplate {
                LineBoilerplate::Unset => LineBoilerplate::Same(boilerplate),
                LineBoilerplate::Same(b) if b != boilerplate => LineBoilerplate::Mixed,
                other => other,
            };
            if self.links > 0 {
                self.line_links += count_chars(&self.page.text[before..]) as u32;
            }
        }
    }

    /// Ends the current line, if it has any text.
    fn flush(&mut self) {
        self.gap = Gap::None;
        let text = &mut self.page.text;
        if text.len() > self.line_start {
            let chars = count_chars(&text[self.line_start..]) as u32;
            text.push('\n');
            let element = self
                .stack
                .get(self.line_depth.min(self.stack.len().saturating_sub(1)))
                .map_or(NONE, |f| f.element);
            let boilerplate = match self.line_boilerplate {
                LineBoilerplate::Same(b) => b,
                _ => self
                    .page
                    .elements
                    .get(element as usize)
                    .map_or(NONE, |e| e.boilerplate),
            };
            self.page.lines.push(LineInfo {
                element,
                chars,
                link_chars: self.line_links.min(chars),
                heading: self.heading,
                flags: LineFlags(self.flags),
                boilerplate,
            });
            self.line_start = text.len();
        }
        self.line_depth = usize::MAX;
        self.line_links = 0;
        self.line_boilerplate = LineBoilerplate::Unset;
    }
}

/// The text of `node`'s text children, joined: what a `<title>` or a
/// JSON-LD `<script>` holds.
fn child_text(node: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    for child in node.children() {
        if let Node::Text(t) = child.value() {
            text.push_str(&t.text);
        }
    }
    text
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

fn count_chars(text: &str) -> usize {
    text.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}
