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
use super::signals::Signal;
use super::signals::{Hint, Origin};
use crate::Caption;
use crate::cleaners::metadata::{fill_dates, labelled_byline, unlabelled_byline};
use crate::cleaners::related_links::{is_labelled_link, is_related_heading};
use crate::text::dates;
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
        let mut weights: Vec<f32> = page
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| weight(line, doc, i))
            .collect();
        let other_stories = other_stories(page, doc, &weights);
        for (w, &other) in weights.iter_mut().zip(&other_stories) {
            if other {
                *w = w.min(0.0);
            }
        }
        let scores = Scores::of(page, &weights);
        let Some(container) = scores.best(page) else {
            return;
        };
        let judge = Judge {
            page,
            doc,
            scores: &scores,
            container,
            other_stories: &other_stories,
        };
        let span = judge.line_span();
        let mut title_seen = false;
        for (i, line) in page.lines.iter().enumerate() {
            // The article's header sits just above its element, or in it.
            if i + HEADER_LINES >= span.start && i < span.end {
                collect_metadata(doc, marks, i, line, page, span.contains(&i));
            }
            if let Some(reason) = judge.verdict(i, line) {
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

/// How many lines above the article's element its byline and date may be.
const HEADER_LINES: usize = 15;

/// Takes the byline, dates and captions the markup names into the
/// metadata.
fn collect_metadata<'a>(
    doc: &Document<'a>,
    marks: &mut Marks<'a>,
    i: usize,
    line: &LineInfo,
    page: &Page,
    inside: bool,
) {
    let signal = page
        .elements
        .get(line.boilerplate as usize)
        .map_or(Signal::None, |e| e.signal);
    let text = doc.line_text(i);
    let meta = marks.metadata_mut();
    match signal {
        Signal::Byline if meta.byline.is_none() => {
            if let Some(names) = labelled_byline(text).or_else(|| unlabelled_byline(text)) {
                meta.byline = Some(doc.line_slice(i, names));
            }
        }
        Signal::Date | Signal::ArticleMeta | Signal::Byline => {
            if let Some(found) = dates::date_line(text) {
                fill_dates(meta, doc, i, &found);
            }
        }
        _ if inside && (signal == Signal::Caption || line.flags.has(LineFlags::FIGCAPTION)) => {
            meta.captions
                .push(Caption::new(doc.line_slice(i, 0..text.len()), None));
        }
        _ => {}
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

/// The share of the best element's score that an element inside it, whose
/// markup names the article more narrowly, must hold to be chosen instead.
const NARROWER_SHARE: f32 = 0.6;

/// What a line weighs for the article: its text outside links, less a
/// margin that scraps (`Share`, `Menu`) do not clear; prose (sentences)
/// counts whole, other lines within bounds, so that a long list of labels
/// does not outweigh a story; a line mostly of links weighs against it.
fn weight(line: &LineInfo, doc: &Document<'_>, i: usize) -> f32 {
    const MARGIN: f32 = 10.0;
    if line.link_density() > 0.5 {
        return -(line.chars as f32).min(150.0);
    }
    let text = (line.chars - line.link_chars) as f32 - MARGIN;
    if doc.shape(i).is_prose() {
        text.max(0.0) + MARGIN
    } else {
        text.clamp(-2.0 * MARGIN, 4.0 * MARGIN)
    }
}

/// Per line: whether it is under a heading of other stories ("Related
/// stories", "Read next", "Lesen Sie auch"): the heading and the rest of
/// the block it heads (the innermost element holding more than the
/// heading).
fn other_stories(page: &Page, doc: &Document<'_>, weights: &[f32]) -> Vec<bool> {
    let prose = |lines: &[f32]| -> f32 { lines.iter().map(|w| w.max(0.0)).sum() };
    let all_prose = prose(weights);
    let n = page.elements.len();
    let mut lines = vec![0u32; n];
    let mut first = vec![u32::MAX; n];
    let mut last = vec![0u32; n];
    for (i, line) in page.lines.iter().enumerate() {
        if let Some(count) = lines.get_mut(line.element as usize) {
            *count += 1;
            first[line.element as usize] = first[line.element as usize].min(i as u32);
            last[line.element as usize] = i as u32;
        }
    }
    for e in (1..n).rev() {
        let p = page.elements[e].parent as usize;
        if p < n {
            lines[p] += lines[e];
            first[p] = first[p].min(first[e]);
            last[p] = last[p].max(last[e]);
        }
    }
    let mut other = vec![false; page.lines.len()];
    let mut i = 0;
    while i < page.lines.len() {
        let line = &page.lines[i];
        if (line.heading > 0 || line.chars <= 40) && is_related_heading(doc, i) {
            let mut e = line.element as usize;
            while e < n && lines[e] <= 1 {
                e = page.elements[e].parent as usize;
            }
            // The heading opens the block (a kicker or an icon's label may
            // come first).
            // and holds less than half the page's prose: more is the
            // article under a heading of the site's sections.
            if e < n
                && e > 0
                && first[e] as usize + HEADING_LEAD >= i
                && prose(&weights[i..=(last[e] as usize).max(i)]) < 0.5 * all_prose
            {
                let end = (last[e] as usize).max(i);
                other[i..=end].fill(true);
                i = end;
            }
        }
        i += 1;
    }
    other
}

/// The share of a paragraph's text in links above which it is a link to
/// another page, not prose.
const LINK_LINE: f32 = 0.9;

/// How many lines may come before a heading of other stories in the block
/// it heads.
const HEADING_LEAD: usize = 2;

/// Per element: the weight of the lines it would give, and of its prose.
struct Scores {
    /// Weight of its lines, less its boilerplate children.
    total: Vec<f32>,
    /// Weight of the positive lines in it, boilerplate or not.
    prose: Vec<f32>,
    /// Whether its boilerplate signal stands: it is one dropped inside the
    /// article, and the element is not too full of prose for its kind.
    active: Vec<bool>,
}

impl Scores {
    fn of(page: &Page, weights: &[f32]) -> Scores {
        let n = page.elements.len();
        let mut own = vec![0f32; n];
        let mut prose = vec![0f32; n];
        for (line, &w) in page.lines.iter().zip(weights) {
            let e = line.element as usize;
            if e < n {
                own[e] += w;
                prose[e] += w.max(0.0);
            }
        }
        // Children come after their parents in document order.
        for e in (1..n).rev() {
            let p = page.elements[e].parent as usize;
            if p < n {
                prose[p] += prose[e];
            }
        }
        let active: Vec<bool> = page
            .elements
            .iter()
            .zip(&prose)
            .map(|(element, &prose)| {
                element.signal.is_dropped_inside() && prose <= element.signal.max_prose()
            })
            .collect();
        let mut total = own;
        for e in (1..n).rev() {
            let p = page.elements[e].parent as usize;
            if p < n && !active[e] {
                total[p] += total[e];
            }
        }
        Scores {
            total,
            prose,
            active,
        }
    }

    /// Whether element `e`'s boilerplate signal stands.
    fn is_boilerplate(&self, e: u32) -> bool {
        self.active.get(e as usize).copied().unwrap_or(false)
    }

    /// The element holding the article.
    fn best(&self, page: &Page) -> Option<u32> {
        let mut best: Option<(f32, u32)> = None;
        for e in 0..page.elements.len() {
            let score = self.candidate(page, e);
            if score > 0.0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, e as u32));
            }
        }
        let mut best = best?.1;
        // Markup naming the article more narrowly (an `<article>` in a
        // `<main>`, its body in the `<article>`) wins when it holds most of
        // the text: what it leaves out is other stories and asides.
        loop {
            let element = &page.elements[best as usize];
            let narrower = (best + 1..element.end)
                .filter(|&d| page.elements[d as usize].hint > element.hint)
                .max_by(|&a, &b| self.total[a as usize].total_cmp(&self.total[b as usize]));
            match narrower {
                Some(d) if self.total[d as usize] >= NARROWER_SHARE * self.total[best as usize] => {
                    best = d;
                }
                _ => return Some(best),
            }
        }
    }

    /// How well element `e` would do as the article's element.
    fn candidate(&self, page: &Page, e: usize) -> f32 {
        let element = &page.elements[e];
        let score = self.total[e];
        if score <= 0.0 {
            return score;
        }
        let mut score = score
            * match element.hint {
                Hint::Body => 1.5,
                Hint::Article => 1.25,
                Hint::Main => 1.1,
                Hint::None => 1.0,
            };
        if self.in_boilerplate(page, e as u32) {
            score *= 0.3;
        }
        score
    }

    /// Whether element `e` is, or is inside, an element whose markup says
    /// it is boilerplate.
    fn in_boilerplate(&self, page: &Page, e: u32) -> bool {
        let mut b = page.elements[e as usize].boilerplate;
        while let Some(element) = page.elements.get(b as usize) {
            if self.is_boilerplate(b) {
                return true;
            }
            b = parent_boilerplate(page, element);
        }
        false
    }
}

/// The innermost element with a signal strictly above `element`.
fn parent_boilerplate(page: &Page, element: &ElementInfo) -> u32 {
    page.elements
        .get(element.parent as usize)
        .map_or(NONE, |p| p.boilerplate)
}

struct Judge<'p, 'd> {
    page: &'p Page,
    doc: &'p Document<'d>,
    scores: &'p Scores,
    container: u32,
    other_stories: &'p [bool],
}

impl Judge<'_, '_> {
    /// The lines of the article's element: from its first to its last.
    fn line_span(&self) -> std::ops::Range<usize> {
        let container = &self.page.elements[self.container as usize];
        let inside = |l: &LineInfo| container.contains(self.container, l.element);
        let start = self.page.lines.iter().position(inside);
        let end = self.page.lines.iter().rposition(inside);
        match (start, end) {
            (Some(start), Some(end)) => start..end + 1,
            _ => 0..0,
        }
    }

    /// Why `line` goes, or `None` when it stays.
    fn verdict(&self, i: usize, line: &LineInfo) -> Option<Cow<'static, str>> {
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
            if self.scores.is_boilerplate(b) && !self.holds_the_story(b) {
                return Some(describe(element).into());
            }
            b = parent_boilerplate(self.page, element);
        }
        if self.other_stories[i] {
            return Some("under a heading of other stories".into());
        }
        if line.flags.has(LineFlags::FIGCAPTION) {
            return Some("caption".into());
        }
        // A paragraph that is all link leads elsewhere; links in lists and
        // tables are the article's own references.
        if line.link_density() >= LINK_LINE
            && line.heading == 0
            && !line.flags.has(LineFlags::LIST_ITEM)
            && !line.flags.has(LineFlags::TABLE)
        {
            return Some("link to another page".into());
        }
        // `Read more: ...`, `Related: ...` over a link.
        if line.link_density() >= 0.5 && is_labelled_link(self.doc, i) {
            return Some("labelled link to another story".into());
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
