//! The DOM judge: finds the element that holds the article and drops the
//! lines outside it, and the boilerplate elements inside it.
//!
//! Each line is weighed by its text: prose counts for the article, links
//! and short scraps against it. An element's score is the weight of the
//! lines it would give: its own lines, and those of its children, except
//! children whose markup says they are boilerplate (they would be dropped
//! anyway). The article's element is the best-scored one, with a bonus for
//! markup that names an article or its body; it is the smallest element
//! holding the story's prose and as little else as can be.

use std::borrow::Cow;

use super::extract::{ElementInfo, LineFlags, LineInfo, NONE, Page, Tag};
use super::signals::{Hint, Origin};
use crate::{Cleaner, Document, Marks};

/// Drops what the page's markup places outside the article or marks as
/// boilerplate inside it.
#[derive(Debug)]
pub(crate) struct HtmlStructure<'p> {
    page: &'p Page,
    /// The headline, as the page's structured data give it.
    title: Option<&'p str>,
}

impl<'p> HtmlStructure<'p> {
    pub(crate) fn new(page: &'p Page, title: Option<&'p str>) -> HtmlStructure<'p> {
        HtmlStructure { page, title }
    }
}

impl Cleaner for HtmlStructure<'_> {
    fn name(&self) -> &'static str {
        "html-structure"
    }

    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        let page = self.page;
        if page.lines.len() != doc.len() || page.elements.is_empty() {
            return;
        }
        let weights: Vec<f32> = page
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| weight(line, doc, i))
            .collect();
        let scores = Scores::of(page, &weights);
        let Some(container) = scores.best(page) else {
            return;
        };
        let judge = Judge {
            page,
            scores: &scores,
            container,
        };
        let mut title_seen = false;
        for (i, line) in page.lines.iter().enumerate() {
            if let Some(reason) = judge.verdict(line) {
                marks.remove_line(i, reason);
                continue;
            }
            if line.heading == 1 && !title_seen && self.is_title(doc.line_text(i)) {
                title_seen = true;
                marks.remove_line(i, "headline");
            }
        }
    }
}

impl HtmlStructure<'_> {
    /// Whether a top-level heading is the article's headline.
    fn is_title(&self, text: &str) -> bool {
        match self.title {
            Some(title) => same_words(title, text),
            None => true,
        }
    }
}

/// Whether `a` and `b` have the same words, or one's words start the
/// other's (a `<title>` often adds the site's name).
fn same_words(a: &str, b: &str) -> bool {
    let mut a = crate::text::words(a);
    let mut b = crate::text::words(b);
    let mut any = false;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x.to_lowercase() == y.to_lowercase() => any = true,
            (Some(_), Some(_)) => return false,
            _ => return any,
        }
    }
}

/// What a line weighs for the article: its text outside links, less a
/// margin that short scraps do not clear; a line mostly of links weighs
/// against it.
fn weight(line: &LineInfo, doc: &Document<'_>, i: usize) -> f32 {
    let chars = line.chars as f32;
    if line.link_density() > 0.5 {
        return -chars.min(150.0);
    }
    let text = (line.chars - line.link_chars) as f32;
    let shape = doc.shape(i);
    let weight = text - 25.0;
    if shape.is_prose() {
        weight.max(0.0) + 10.0
    } else {
        weight.clamp(-20.0, 40.0)
    }
}

/// Per element: the weight of the lines it would give, and of its prose.
struct Scores {
    /// Weight of its lines, less its boilerplate children.
    total: Vec<f32>,
    /// Weight of the positive lines in it, boilerplate or not.
    prose: Vec<f32>,
}

impl Scores {
    fn of(page: &Page, weights: &[f32]) -> Scores {
        let n = page.elements.len();
        let mut total = vec![0f32; n];
        let mut prose = vec![0f32; n];
        for (line, &w) in page.lines.iter().zip(weights) {
            if let Some(slot) = total.get_mut(line.element as usize) {
                *slot += w;
                prose[line.element as usize] += w.max(0.0);
            }
        }
        // Children come after their parents in document order.
        for e in (0..n).rev() {
            let element = &page.elements[e];
            let Some(parent) = usize::try_from(element.parent).ok().filter(|&p| p < n) else {
                continue;
            };
            if !element.signal.is_dropped_inside() {
                total[parent] += total[e];
            }
            prose[parent] += prose[e];
        }
        Scores { total, prose }
    }

    /// The element holding the article.
    fn best(&self, page: &Page) -> Option<u32> {
        let mut best: Option<(f32, u32)> = None;
        for (e, element) in page.elements.iter().enumerate() {
            let score = self.total[e];
            if score <= 0.0 {
                continue;
            }
            let mut score = score
                * match element.hint {
                    Hint::Body => 1.5,
                    Hint::Article => 1.25,
                    Hint::Main => 1.1,
                    Hint::None => 1.0,
                };
            if in_boilerplate(page, e as u32) {
                score *= 0.3;
            }
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, e as u32));
            }
        }
        best.map(|(_, e)| e)
    }
}

/// Whether element `e` is, or is inside, an element whose markup says it
/// is boilerplate.
fn in_boilerplate(page: &Page, e: u32) -> bool {
    let mut b = page.elements[e as usize].boilerplate;
    while let Some(element) = page.elements.get(b as usize) {
        if element.signal.is_dropped_inside() {
            return true;
        }
        b = parent_boilerplate(page, element);
    }
    false
}

/// The innermost element with a signal strictly above `element`.
fn parent_boilerplate(page: &Page, element: &ElementInfo) -> u32 {
    page.elements
        .get(element.parent as usize)
        .map_or(NONE, |p| p.boilerplate)
}

struct Judge<'p> {
    page: &'p Page,
    scores: &'p Scores,
    container: u32,
}

impl Judge<'_> {
    /// Why `line` goes, or `None` when it stays.
    fn verdict(&self, line: &LineInfo) -> Option<Cow<'static, str>> {
        let elements = &self.page.elements;
        let container = &elements[self.container as usize];
        if !container.contains(self.container, line.element) {
            return Some(match elements.get(line.boilerplate as usize) {
                Some(b) => format!("outside the article: {}", describe(b)).into(),
                None => "outside the article".into(),
            });
        }
        // Boilerplate elements inside the article, from the innermost out.
        let mut b = line.boilerplate;
        while b != NONE && b > self.container {
            let element = &elements[b as usize];
            if element.signal.is_dropped_inside() && !self.holds_the_story(b) {
                return Some(describe(element).into());
            }
            b = parent_boilerplate(self.page, element);
        }
        if line.flags.has(LineFlags::FIGCAPTION) {
            return Some("caption".into());
        }
        None
    }

    /// Whether boilerplate element `b` holds most of the article's prose:
    /// then its markup misleads.
    fn holds_the_story(&self, b: u32) -> bool {
        self.scores.prose[b as usize] > 0.5 * self.scores.prose[self.container as usize]
    }
}

/// How a removal names an element's signal: `<nav>`, `class "related"`.
fn describe(element: &ElementInfo) -> String {
    let meaning = element.signal.meaning();
    match element.origin {
        Origin::Tag => match element.tag {
            Tag::Nav => "navigation".to_owned(),
            _ => format!("<{}> ({meaning})", element.keyword),
        },
        Origin::Role => format!("role \"{}\" ({meaning})", element.keyword),
        Origin::Class => format!("class \"{}\" ({meaning})", element.keyword),
        Origin::Id => format!("id \"{}\" ({meaning})", element.keyword),
        Origin::Hidden => "hidden element".to_owned(),
        Origin::None => meaning.to_owned(),
    }
}
