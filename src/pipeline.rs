use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::cleaners::{self, PatternCleaner};
use crate::scratch::ScratchPool;
use crate::{BuildError, Cleaned, Document, Marks};

/// A cleaner: looks at a [`Document`] and records in [`Marks`] what to drop
/// and why, or what it learned about the article.
///
/// Cleaners never copy or rewrite the text; the pipeline rebuilds the body
/// once, from all their marks. They run in order, so a cleaner may read the
/// decisions of those before it ([`Marks::is_removed`]).
///
/// ```
/// use newsclean::{Cleaner, Document, Marks, Pipeline};
///
/// /// Drops lines that shout.
/// #[derive(Debug)]
/// struct Shouting;
///
/// impl Cleaner for Shouting {
///     fn name(&self) -> &'static str {
///         "shouting"
///     }
///
///     fn mark(&self, doc: &Document<'_>, marks: &mut Marks<'_>) {
///         for i in doc.content_lines() {
///             let shape = doc.shape(i);
///             if shape.letters > 10 && shape.uppercase == shape.letters {
///                 marks.remove_line(i, "all capitals");
///             }
///         }
///     }
/// }
///
/// let pipeline = Pipeline::builder().cleaner(Shouting).build()?;
/// let cleaned = pipeline.clean("BUY NOW WHILE STOCKS LAST\nThe mayor spoke.");
/// assert_eq!(cleaned.body(), "The mayor spoke.");
/// assert_eq!(cleaned.removals()[0].reason, "all capitals");
/// # Ok::<(), newsclean::BuildError>(())
/// ```
pub trait Cleaner: fmt::Debug + Send + Sync {
    /// A short, stable name (`"ad-markers"`), reported with each removal.
    fn name(&self) -> &'static str;

    /// Records in `marks` what to drop from `doc`.
    ///
    /// What it records should follow from `doc` and `marks` alone: the
    /// pipeline may call it more than once on a document (see
    /// [`is_line_local`](Cleaner::is_line_local)), but not again on marks
    /// that its last call left as they were.
    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>);

    /// Whether the cleaner judges each line by its own text alone.
    ///
    /// Cleaners that also weigh other lines (neighbours, where the story
    /// starts and ends) return `false`, the default: the pipeline runs them
    /// again while lines are still being dropped, so that cleaning a result
    /// a second time finds nothing more to drop.
    fn is_line_local(&self) -> bool {
        false
    }
}

impl<C: Cleaner + ?Sized> Cleaner for Box<C> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        (**self).mark(doc, marks);
    }
    fn is_line_local(&self) -> bool {
        (**self).is_line_local()
    }
}

impl<C: Cleaner + ?Sized> Cleaner for &C {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        (**self).mark(doc, marks);
    }
    fn is_line_local(&self) -> bool {
        (**self).is_line_local()
    }
}

impl<C: Cleaner + ?Sized> Cleaner for Arc<C> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn mark<'a>(&self, doc: &Document<'a>, marks: &mut Marks<'a>) {
        (**self).mark(doc, marks);
    }
    fn is_line_local(&self) -> bool {
        (**self).is_line_local()
    }
}

/// How to weigh keeping boilerplate against losing body text, where the
/// evidence is a matter of degree (the main-content score of full-page
/// text).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Favor {
    /// Drop doubtful lines: less boilerplate, some body lost.
    Precision,
    /// The best overall score.
    #[default]
    Balanced,
    /// Keep doubtful lines: all the body, some boilerplate.
    Recall,
}

impl FromStr for Favor {
    type Err = String;

    fn from_str(s: &str) -> Result<Favor, String> {
        match s.to_ascii_lowercase().as_str() {
            "precision" => Ok(Favor::Precision),
            "balanced" => Ok(Favor::Balanced),
            "recall" => Ok(Favor::Recall),
            _ => Err(format!(
                "unknown favor {s:?}: expected precision, balanced or recall"
            )),
        }
    }
}

impl fmt::Display for Favor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Favor::Precision => "precision",
            Favor::Balanced => "balanced",
            Favor::Recall => "recall",
        })
    }
}

/// Rounds of the cleaners that weigh other lines, at most: each round after
/// the first only runs when the one before dropped something.
const MAX_ROUNDS: usize = 6;

/// An ordered list of cleaners, run over each text.
///
/// A pipeline keeps the working memory of its last cleaning (one set per
/// cleaning running at once, from several threads) for the next: its
/// per-line tables, a few hundred bytes a line, and those a [`Cleaned`]
/// takes with it (its lines, their verdicts and its removals), once it is
/// dropped. A run of large documents then reuses the same memory instead
/// of asking the system for it again, and a small document lets a far
/// larger one's memory go. Dropping the pipeline frees it.
///
/// ```
/// use newsclean::Pipeline;
///
/// let pipeline = Pipeline::news();
/// let cleaned = pipeline.clean(
///     "The council approved the budget on Tuesday.\n\
///      - Advertisement -\n\
///      Read more: Council tax to rise by 5%\n\
///      Residents will be consulted next month.",
/// );
/// assert_eq!(
///     cleaned.body(),
///     "The council approved the budget on Tuesday.\nResidents will be consulted next month."
/// );
/// assert_eq!(cleaned.removals()[0].cleaner, "ad-markers");
/// ```
pub struct Pipeline {
    cleaners: Vec<Box<dyn Cleaner>>,
    favor: Favor,
    /// The memory of the last cleanings, one set per cleaning at once,
    /// shared with the results, which give theirs back when dropped.
    scratch: Arc<ScratchPool>,
}

impl Pipeline {
    /// The curated default for news and web articles: every built-in
    /// cleaner, in the order [`cleaners::news`] gives.
    #[must_use]
    pub fn news() -> Pipeline {
        Pipeline {
            cleaners: cleaners::news(),
            favor: Favor::default(),
            scratch: Arc::default(),
        }
    }

    /// An empty builder; add cleaners to it.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            cleaners: Vec::new(),
            favor: Favor::default(),
            error: None,
        }
    }

    /// The same pipeline, weighing precision and recall as `favor` says.
    #[must_use]
    pub fn favor(mut self, favor: Favor) -> Pipeline {
        self.favor = favor;
        self
    }

    /// Compiles now the patterns and tables of every built-in cleaner,
    /// which are otherwise compiled when a document first needs them, once
    /// per process: tens of milliseconds (some 35 on the machine of the
    /// README's benches) that the first documents would wait for. For a
    /// program whose first answer should come as fast as the rest, or that
    /// times its cleaning apart from its start. Cleaning is the same either
    /// way.
    pub fn prepare() {
        cleaners::prepare();
    }

    /// The names of the cleaners, in the order they run.
    pub fn cleaner_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.cleaners.iter().map(|c| c.name())
    }

    /// Cleans `text`. Never fails and never panics: the worst input gives an
    /// empty or unchanged body.
    #[must_use]
    pub fn clean<'a>(&self, text: &'a str) -> Cleaned<'a> {
        let doc = self.document(text);
        let mut marks = Marks::new(&doc);
        self.run(&doc, &mut marks, |_| true);
        self.finish(doc, marks)
    }

    /// `text` as a [`Document`] cleaned with this pipeline's settings and
    /// memory kept from its last cleanings.
    pub(crate) fn document<'a>(&self, text: &'a str) -> Document<'a> {
        Document::with_scratch(text, self.favor, self.scratch.take())
    }

    /// The result of `marks` on `doc`; the document's memory is kept for
    /// the next cleaning.
    pub(crate) fn finish<'a>(&self, doc: Document<'a>, marks: Marks<'a>) -> Cleaned<'a> {
        let (cleaned, scratch) = Cleaned::new(doc, marks, &self.scratch);
        self.scratch.give(scratch);
        cleaned
    }

    /// Runs the cleaners whose names `keep` accepts over `doc`, into
    /// `marks`.
    pub(crate) fn run<'a>(
        &self,
        doc: &Document<'a>,
        marks: &mut Marks<'a>,
        keep: impl Fn(&str) -> bool,
    ) {
        let cleaners: Vec<&dyn Cleaner> = self
            .cleaners
            .iter()
            .filter(|c| keep(c.name()))
            .map(|c| &**c as &dyn Cleaner)
            .collect();
        // Removals made since the first cleaner that weighs other lines ran:
        // while there are any, such cleaners may see more to drop.
        let mut since: Option<usize> = None;
        // Per cleaner, the marks' change count after its last run, when
        // that run changed nothing: given the same marks again, it would
        // again change nothing.
        let mut idle_at: Vec<Option<u64>> = vec![None; cleaners.len()];
        let mut mark = |k: usize, marks: &mut Marks<'a>| {
            let before = marks.changes();
            if idle_at[k] == Some(before) {
                return;
            }
            let metadata = marks.metadata().clone();
            marks.set_cleaner(cleaners[k].name());
            cleaners[k].mark(doc, marks);
            if *marks.metadata() != metadata {
                marks.count_change();
            }
            idle_at[k] = (marks.changes() == before).then_some(before);
        };
        for (k, cleaner) in cleaners.iter().enumerate() {
            if !cleaner.is_line_local() {
                since.get_or_insert(marks.removals().len());
            }
            mark(k, marks);
        }
        let mut rounds = 1;
        while rounds < MAX_ROUNDS && since.is_some_and(|n| marks.removals().len() > n) {
            since = Some(marks.removals().len());
            for k in (0..cleaners.len()).filter(|&k| !cleaners[k].is_line_local()) {
                mark(k, marks);
            }
            rounds += 1;
        }
    }
}

impl Default for Pipeline {
    fn default() -> Pipeline {
        Pipeline::news()
    }
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("cleaners", &self.cleaner_names().collect::<Vec<_>>())
            .field("favor", &self.favor)
            .finish()
    }
}

/// Builds a [`Pipeline`] from built-in and user cleaners.
///
/// ```
/// use newsclean::Pipeline;
///
/// let pipeline = Pipeline::builder()
///     .news_cleaners()
///     .without("captions")
///     .drop_lines_matching("promo-codes", "promotion", r"(?i)^use code \w+")
///     .build()?;
/// let cleaned = pipeline.clean("Use code SAVE10 at checkout\nThe shop opened in 1990.");
/// assert_eq!(cleaned.body(), "The shop opened in 1990.");
/// # Ok::<(), newsclean::BuildError>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct PipelineBuilder {
    cleaners: Vec<Box<dyn Cleaner>>,
    favor: Favor,
    error: Option<BuildError>,
}

impl PipelineBuilder {
    /// Adds `cleaner` after those already added.
    pub fn cleaner(mut self, cleaner: impl Cleaner + 'static) -> PipelineBuilder {
        self.cleaners.push(Box::new(cleaner));
        self
    }

    /// Adds boxed cleaners after those already added.
    pub fn cleaners(
        mut self,
        cleaners: impl IntoIterator<Item = Box<dyn Cleaner>>,
    ) -> PipelineBuilder {
        self.cleaners.extend(cleaners);
        self
    }

    /// Adds every built-in cleaner of [`Pipeline::news`].
    pub fn news_cleaners(self) -> PipelineBuilder {
        self.cleaners(cleaners::news())
    }

    /// Takes out the cleaner named `name`; building fails when there is
    /// none.
    pub fn without(mut self, name: &str) -> PipelineBuilder {
        let before = self.cleaners.len();
        self.cleaners.retain(|c| c.name() != name);
        if self.cleaners.len() == before && self.error.is_none() {
            self.error = Some(BuildError::unknown_cleaner(name));
        }
        self
    }

    /// Adds a cleaner named `name` that drops every line matching the regular
    /// expression `pattern` (syntax of the `regex` crate), giving `reason`.
    /// A bad pattern makes [`build`](PipelineBuilder::build) fail.
    pub fn drop_lines_matching(
        mut self,
        name: &'static str,
        reason: &'static str,
        pattern: &str,
    ) -> PipelineBuilder {
        match PatternCleaner::new(name, reason, pattern) {
            Ok(cleaner) => self.cleaners.push(Box::new(cleaner)),
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
        self
    }

    /// Sets how to weigh precision against recall.
    pub fn favor(mut self, favor: Favor) -> PipelineBuilder {
        self.favor = favor;
        self
    }

    /// The pipeline, or the first error met while adding to it.
    pub fn build(self) -> Result<Pipeline, BuildError> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(Pipeline {
                cleaners: self.cleaners,
                favor: self.favor,
                scratch: Arc::default(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::COMPILED_ON_THIS_THREAD;

    /// The seed articles and their gold bodies, and the cases of every
    /// cleaner's fixtures, each file one document.
    fn fixture_documents() -> Vec<String> {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut documents = Vec::new();
        for dir in ["articles", "cleaners"] {
            for entry in std::fs::read_dir(fixtures.join(dir)).expect("fixtures are read") {
                let path = entry.expect("fixtures are listed").path();
                let text = std::fs::read_to_string(&path).expect("fixtures are text");
                match path.extension().and_then(|e| e.to_str()) {
                    Some("cases") => documents.push(
                        text.lines()
                            .filter_map(|line| line.split_once(" | ").map(|(_, text)| text))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    Some("txt") => documents.push(text),
                    _ => {}
                }
            }
        }
        documents
    }

    /// Patterns this thread compiles while it cleans every fixture in each
    /// favor, after [`Pipeline::prepare`] when `prepared`.
    fn patterns_compiled_cleaning_fixtures(prepared: bool) -> usize {
        let compiled = || COMPILED_ON_THIS_THREAD.with(std::cell::Cell::get);
        let documents = fixture_documents();
        assert!(
            documents.len() > 15,
            "{} fixture documents",
            documents.len()
        );
        if prepared {
            Pipeline::prepare();
        }
        let before = compiled();
        for favor in [Favor::Precision, Favor::Balanced, Favor::Recall] {
            let pipeline = Pipeline::news().favor(favor);
            for text in &documents {
                drop(pipeline.clean(text));
            }
        }
        compiled() - before
    }

    /// In processes of their own, as in this one other tests may already
    /// have compiled what `prepare` would miss: cleaning the fixtures
    /// compiles patterns, and none once prepared.
    #[test]
    fn a_prepared_pipeline_compiles_no_pattern_while_it_cleans() {
        const MODE: &str = "NEWSCLEAN_PREPARE_TEST";
        match std::env::var(MODE).as_deref() {
            Ok("unprepared") => assert!(patterns_compiled_cleaning_fixtures(false) > 0),
            Ok("prepared") => assert_eq!(patterns_compiled_cleaning_fixtures(true), 0),
            _ => {
                // What is counted: each pattern compiled on this thread.
                let before = COMPILED_ON_THIS_THREAD.with(std::cell::Cell::get);
                drop(crate::text::Regex::new(r"\bcounted\b"));
                assert_eq!(
                    COMPILED_ON_THIS_THREAD.with(std::cell::Cell::get),
                    before + 1
                );
                for mode in ["unprepared", "prepared"] {
                    let name =
                        "pipeline::tests::a_prepared_pipeline_compiles_no_pattern_while_it_cleans";
                    let output = std::process::Command::new(
                        std::env::current_exe().expect("the test binary is known"),
                    )
                    .args([name, "--exact", "--test-threads=1"])
                    .env(MODE, mode)
                    .output()
                    .expect("the test binary runs");
                    let stdout = String::from_utf8_lossy(&output.stdout);
                    assert!(
                        output.status.success() && stdout.contains("1 passed"),
                        "{mode}: {stdout}{}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            }
        }
    }
}
