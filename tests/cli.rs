//! The `newsclean` command line, run as users run it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::fixtures::{articles, compare};

pub(crate) fn newsclean() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/articles")
        .join(name)
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A scratch directory for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsclean-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn clean_prints_the_gold_body_of_each_seed() {
    for (name, _, body, _) in articles() {
        let output = newsclean()
            .args(["clean"])
            .arg(fixture(&format!("{name}.txt")))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert_eq!(stdout(&output), body.trim_end().to_owned() + "\n", "{name}");
    }
}

#[test]
fn json_gives_body_metadata_and_removals_of_each_seed() {
    for (name, input, body, meta) in articles() {
        let output = newsclean()
            .args(["clean", "--format", "json"])
            .arg(fixture(&format!("{name}.txt")))
            .output()
            .expect("runs");
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        let text = stdout(&output);
        assert_eq!(text.lines().count(), 1, "one JSON object per input");
        let record: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert!(
            record["file"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{name}.txt"))
        );
        let have_body = record["body"].as_str().expect("body");
        let got: newsclean::Metadata<'_> = metadata_from_json(&record["metadata"]);
        let problems = compare(have_body, &meta, &got, &body);
        assert!(problems.is_empty(), "{name}:\n{problems}");
        let removed = record["removed"].as_array().expect("removed list");
        assert!(
            !removed.is_empty() || name.starts_with("nothing"),
            "{name}: removals reported"
        );
        for r in removed {
            let (start, end) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &input[start..end],
                r["text"].as_str().unwrap(),
                "{name}: span text"
            );
            assert!(!r["cleaner"].as_str().unwrap().is_empty());
            assert!(!r["reason"].as_str().unwrap().is_empty());
        }
    }
}

/// The metadata fields of a JSON record, for comparison with the gold.
fn metadata_from_json(value: &serde_json::Value) -> newsclean::Metadata<'static> {
    let pipeline = newsclean::Pipeline::builder().build().unwrap();
    let mut meta = pipeline.clean("").metadata().clone();
    let field = |name: &str| value[name].as_str().map(|s| s.to_owned().into());
    meta.title = field("title");
    meta.byline = field("byline");
    meta.published = field("published");
    meta.updated = field("updated");
    meta.publisher = field("publisher");
    meta.section = field("section");
    meta
}

#[test]
fn reads_standard_input_when_no_file_is_given() {
    let mut child = newsclean()
        .arg("clean")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"ADVERTISEMENT\nThe council met on Tuesday.\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), "The council met on Tuesday.\n");
}

#[test]
fn bad_inputs_are_named_and_the_others_still_cleaned() {
    let dir = scratch("bad-inputs");
    let bad_utf8 = dir.join("latin1.txt");
    fs::write(&bad_utf8, b"Caf\xe9 society\n").unwrap();
    let missing = dir.join("missing.txt");
    let output = newsclean()
        .arg("clean")
        .arg(&missing)
        .arg(&dir)
        .arg(&bad_utf8)
        .arg(fixture("002_4e90da720c49693d.txt"))
        .output()
        .expect("runs");
    assert!(!output.status.success(), "a bad input fails the run");
    let err = stderr(&output);
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(err.contains("is a directory"), "{err}");
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    let out = stdout(&output);
    assert!(
        out.starts_with("The Prime Minister has warned Vladimir Putin"),
        "the good file is still cleaned: {out}"
    );
}

#[test]
fn explain_gives_each_line_its_verdict_and_reason() {
    let output = newsclean()
        .args(["clean", "--explain"])
        .arg(fixture("004_cc521510968343fb.txt"))
        .output()
        .expect("runs");
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("DROP  - Advertisement -  [ad-markers: ad marker]"),
        "{text}"
    );
    assert!(
        text.contains("DROP  Eastern Ukraine map  [captions: photo caption]"),
        "{text}"
    );
    assert!(
        text.contains(
            "keep  He said it was unclear if Mr Putin had made a final decision to invade."
        ),
        "{text}"
    );
    let input = fs::read_to_string(fixture("004_cc521510968343fb.txt")).unwrap();
    assert_eq!(
        text.lines().count(),
        input.lines().count(),
        "one output line per input line"
    );
}

#[test]
fn unknown_favor_is_a_usage_error() {
    let output = newsclean()
        .args(["clean", "--favor", "everything"])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("expected precision, balanced or recall"));
}

/// Precision, recall and F1 as `newsclean eval` prints them for the pages of
/// `benches/data/` (a sample of the development corpus kept in the repo).
fn eval_sample(args: &[&str]) -> (f64, f64, f64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let output = newsclean()
        .args(["eval", "--worst", "0"])
        .args(args)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let value = |name: &str| -> f64 {
        out.lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {out}"))
    };
    assert!(out.contains("documents   79"), "{out}");
    (value("precision"), value("recall"), value("F1"))
}

#[test]
fn eval_scores_whole_pages_above_keeping_every_line_and_favor_trades_recall_for_precision() {
    let (kept_p, kept_r, kept_f1) = eval_sample(&["--keep-all"]);
    let (p, r, f1) = eval_sample(&[]);
    // Measured on these 79 pages: keeping all 0.821 (P 0.702, R 0.990);
    // the default pipeline 0.919 (P 0.882, R 0.959).
    assert!(
        kept_r > 0.98 && kept_p < 0.75,
        "keep-all P {kept_p} R {kept_r}"
    );
    assert!(
        f1 > 0.90 && f1 > kept_f1 + 0.07,
        "F1 {f1} against {kept_f1}"
    );
    assert!(p > 0.86 && r > 0.93, "P {p} R {r}");

    // The default is balanced.
    let (precise_p, precise_r, _) = eval_sample(&["--favor", "precision"]);
    let (recall_p, recall_r, _) = eval_sample(&["--favor", "recall"]);
    assert!(precise_p > p && p > recall_p, "{precise_p} {p} {recall_p}");
    assert!(precise_r < r && r < recall_r, "{precise_r} {r} {recall_r}");
}
