//! Runs the declarative fixtures of `fixtures/` (format: `fixtures/README.md`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use newsclean::{Cleaned, LineVerdict, Metadata, Pipeline, cleaners};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The seed articles, as `(name, input, expected body, expected metadata)`.
pub fn articles() -> Vec<(String, String, String, serde_json::Value)> {
    let dir = fixtures().join("articles");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures/articles exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".txt") && !n.ends_with(".body.txt"))
        .map(|n| n.trim_end_matches(".txt").to_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |suffix: &str| {
                fs::read_to_string(dir.join(format!("{name}{suffix}")))
                    .unwrap_or_else(|e| panic!("fixtures/articles/{name}{suffix}: {e}"))
            };
            let meta = serde_json::from_str(&read(".meta.json")).expect("meta is JSON");
            (name.clone(), read(".txt"), read(".body.txt"), meta)
        })
        .collect()
}

fn field<'m>(meta: &'m Metadata<'_>, name: &str) -> Option<&'m str> {
    match name {
        "title" => meta.title.as_deref(),
        "byline" => meta.byline.as_deref(),
        "published" => meta.published.as_deref(),
        "updated" => meta.updated.as_deref(),
        "publisher" => meta.publisher.as_deref(),
        "section" => meta.section.as_deref(),
        other => panic!("unknown metadata field {other:?}"),
    }
}

/// Differences between `cleaned` and an expected body and metadata.
pub fn compare(
    cleaned_body: &str,
    metadata: &serde_json::Value,
    got: &Metadata<'_>,
    body: &str,
) -> String {
    let mut problems = String::new();
    if cleaned_body != body.trim_end_matches('\n') {
        let want: Vec<&str> = body.lines().collect();
        let have: Vec<&str> = cleaned_body.lines().collect();
        for line in want.iter().filter(|l| !have.contains(l)) {
            let _ = writeln!(problems, "  missing: {line}");
        }
        for line in have.iter().filter(|l| !want.contains(l)) {
            let _ = writeln!(problems, "  extra:   {line}");
        }
        if problems.is_empty() {
            let _ = writeln!(problems, "  body differs in order or whitespace");
        }
    }
    for (name, value) in metadata.as_object().expect("meta is an object") {
        let want = value.as_str();
        let have = field(got, name);
        if want != have {
            let _ = writeln!(problems, "  {name}: expected {want:?}, got {have:?}");
        }
    }
    problems
}

#[test]
fn seed_articles_come_out_exactly_as_their_gold() {
    let articles = articles();
    assert_eq!(articles.len(), 5, "five seed articles in fixtures/articles");
    let pipeline = Pipeline::news();
    let mut failures = String::new();
    for (name, input, body, meta) in &articles {
        let cleaned = pipeline.clean(input);
        let problems = compare(cleaned.body(), meta, cleaned.metadata(), body);
        if !problems.is_empty() {
            let _ = writeln!(failures, "{name}:\n{problems}");
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

/// What a case line expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Keep,
    Drop,
    Blank,
}

#[derive(Debug, Default)]
struct Case {
    name: String,
    line_no: usize,
    lines: Vec<(Expect, String)>,
    expects: Vec<(String, String)>,
}

impl Case {
    fn input(&self) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|(_, l)| l.as_str()).collect();
        lines.join("\n")
    }
}

/// Decodes `\u{...}` escapes, for characters a text editor hides.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}').expect("escape closes") + at;
        let code = u32::from_str_radix(&rest[at + 3..close], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("valid char"));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn parse_cases(path: &Path) -> Vec<Case> {
    let text = fs::read_to_string(path).expect("cases readable");
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || (line.trim().is_empty() && cases.is_empty()) {
            continue;
        }
        if let Some(name) = line.strip_prefix("=== ") {
            cases.push(Case {
                name: name.trim().to_owned(),
                line_no: n + 1,
                ..Case::default()
            });
            continue;
        }
        let case = cases
            .last_mut()
            .unwrap_or_else(|| panic!("{}:{}: line before the first case", path.display(), n + 1));
        if line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("expect ") {
            let (field, value) = rest
                .split_once(':')
                .unwrap_or_else(|| panic!("{}:{}: expect FIELD: VALUE", path.display(), n + 1));
            case.expects
                .push((field.trim().to_owned(), unescape(value.trim())));
        } else if let Some(rest) = line.strip_prefix("keep | ") {
            case.lines.push((Expect::Keep, unescape(rest)));
        } else if let Some(rest) = line.strip_prefix("drop | ") {
            case.lines.push((Expect::Drop, unescape(rest)));
        } else if line.trim() == "|" {
            case.lines.push((Expect::Blank, String::new()));
        } else {
            panic!(
                "{}:{}: expected `keep | `, `drop | `, `|` or `expect `",
                path.display(),
                n + 1
            );
        }
    }
    cases
}

/// Per input line (blank ones included): the cleaner that dropped it.
fn verdicts(cleaned: &Cleaned<'_>) -> Vec<Option<String>> {
    cleaned
        .line_verdicts()
        .map(|(_, verdict)| match verdict {
            LineVerdict::Removed(r) => Some(r.cleaner.to_owned()),
            _ => None,
        })
        .collect()
}

fn check_expectations(case: &Case, cleaned: &Cleaned<'_>, problems: &mut String) {
    let meta = cleaned.metadata();
    let mut captions = Vec::new();
    let mut body = Vec::new();
    for (field_name, want) in &case.expects {
        match field_name.as_str() {
            "paywalled" => {
                let want: bool = want.parse().expect("paywalled: true or false");
                if meta.paywalled != want {
                    let _ = writeln!(
                        problems,
                        "  paywalled: expected {want}, got {}",
                        meta.paywalled
                    );
                }
            }
            "caption" => captions.push(want.clone()),
            "body" => body.push(want.clone()),
            name => {
                let want = (want != "none").then_some(want.as_str());
                let have = field(meta, name);
                if want != have {
                    let _ = writeln!(problems, "  {name}: expected {want:?}, got {have:?}");
                }
            }
        }
    }
    if !captions.is_empty() {
        let have: Vec<String> = meta
            .captions
            .iter()
            .map(|c| match &c.credit {
                Some(credit) => format!("{} | {credit}", c.text),
                None => c.text.to_string(),
            })
            .collect();
        if have != captions {
            let _ = writeln!(problems, "  captions: expected {captions:?}, got {have:?}");
        }
    }
    if !body.is_empty() {
        let have: Vec<&str> = cleaned.paragraphs().collect();
        if have != body {
            let _ = writeln!(problems, "  body: expected {body:?}, got {have:?}");
        }
    }
}

/// Runs `fixtures/cleaners/NAME.cases` against the cleaner named `NAME`, alone
/// and inside the news pipeline.
fn run_cases(cleaner_name: &str) {
    let path = fixtures()
        .join("cleaners")
        .join(format!("{cleaner_name}.cases"));
    let cases = parse_cases(&path);
    assert!(cases.len() >= 5, "{}: at least five cases", path.display());
    let alone = Pipeline::builder()
        .cleaners(
            cleaners::news()
                .into_iter()
                .filter(|c| c.name() == cleaner_name),
        )
        .build()
        .expect("builds");
    assert_eq!(
        alone.cleaner_names().count(),
        1,
        "a cleaner named {cleaner_name}"
    );
    let news = Pipeline::news();
    let mut failures = String::new();
    for case in &cases {
        let input = case.input();
        let mut problems = String::new();
        let cleaned = alone.clean(&input);
        let by_alone = verdicts(&cleaned);
        let by_news = verdicts(&news.clean(&input));
        for (k, (expect, line)) in case.lines.iter().enumerate() {
            match expect {
                Expect::Drop if by_alone[k].as_deref() != Some(cleaner_name) => {
                    let _ = writeln!(problems, "  not dropped: {line}");
                }
                Expect::Keep if by_alone[k].is_some() => {
                    let _ = writeln!(problems, "  dropped: {line}");
                }
                Expect::Keep if by_news[k].is_some() => {
                    let by = by_news[k].as_deref().unwrap_or_default();
                    let _ = writeln!(problems, "  dropped by the news pipeline ({by}): {line}");
                }
                Expect::Drop if by_news[k].is_none() => {
                    let _ = writeln!(problems, "  kept by the news pipeline: {line}");
                }
                _ => {}
            }
        }
        check_expectations(case, &cleaned, &mut problems);
        if !problems.is_empty() {
            let _ = writeln!(
                failures,
                "{}:{} {}\n{problems}",
                path.display(),
                case.line_no,
                case.name
            );
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

#[test]
fn normalize_cases() {
    run_cases("normalize");
}

#[test]
fn main_content_cases() {
    run_cases("main-content");
}

#[test]
fn metadata_cases() {
    run_cases("metadata");
}

#[test]
fn ad_marker_cases() {
    run_cases("ad-markers");
}

#[test]
fn media_cases() {
    run_cases("media");
}

#[test]
fn caption_cases() {
    run_cases("captions");
}

#[test]
fn paywall_cases() {
    run_cases("paywall");
}

#[test]
fn site_chrome_cases() {
    run_cases("site-chrome");
}

#[test]
fn repeated_lines_cases() {
    run_cases("repeated-lines");
}

#[test]
fn trailing_stories_cases() {
    run_cases("trailing-stories");
}

#[test]
fn related_links_cases() {
    run_cases("related-links");
}

#[test]
fn every_cleaner_has_its_cases() {
    for cleaner in cleaners::news() {
        let path = fixtures()
            .join("cleaners")
            .join(format!("{}.cases", cleaner.name()));
        assert!(path.exists(), "{} has no cases file", cleaner.name());
    }
}
