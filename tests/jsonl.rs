//! `newsclean clean --jsonl` and `--out-dir`: whole corpora, run as users
//! run them.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use newsclean::Pipeline;
use serde_json::{Value, json};

use crate::cli::{newsclean, scratch, stderr, stdout};
use crate::fixtures::articles;

/// A short article with an ad marker and a link to drop, so that thousands
/// of records clean quickly even in a debug build.
fn short_article(i: usize) -> String {
    format!(
        "The council met on day {i} and approved the budget for the year.\n\
         - Advertisement -\n\
         Read more: Council tax to rise by {i}%\n\
         Residents will be consulted next month, the mayor said (\"café\" \\ {i})."
    )
}

/// One input line of a test corpus, and what its output line must be.
enum Kind {
    Good(String),
    Blank,
    NotJson,
    MissingField,
    NumberField,
    NotUtf8,
    NotAnObject,
    HasErrorField,
}

/// Thousands of records, with bad ones and blank lines sprinkled in.
fn corpus(records: usize) -> Vec<(Kind, Vec<u8>)> {
    let seeds: Vec<String> = articles().into_iter().map(|(_, input, ..)| input).collect();
    (0..records)
        .map(|i| {
            let (kind, line) = match i {
                _ if i % 41 == 7 => (Kind::NotJson, format!(r#"{{"id":{i},text:"x"}}"#)),
                _ if i % 53 == 11 => (Kind::MissingField, format!(r#"{{"id":{i},"title":"x"}}"#)),
                _ if i % 59 == 13 => (Kind::NumberField, format!(r#"{{"id":{i},"text":42}}"#)),
                _ if i % 61 == 17 => (Kind::NotUtf8, String::new()),
                _ if i % 67 == 19 => (Kind::NotAnObject, format!("[{i}]")),
                _ if i % 71 == 23 => (Kind::Blank, String::new()),
                _ if i % 73 == 29 => (Kind::HasErrorField, format!(r#"{{"id":{i},"error":null}}"#)),
                _ => {
                    let text = if i % 300 == 0 {
                        seeds[i / 300 % seeds.len()].clone()
                    } else {
                        short_article(i)
                    };
                    // Numbers and escapes a re-serialisation would rewrite.
                    let line = format!(
                        r#"{{"id":{i}, "score":1.50e0,"big":18446744073709551616{i},"text":{},"tail":"caf\u00e9"}}"#,
                        serde_json::to_string(&text).unwrap()
                    );
                    (Kind::Good(text), line)
                }
            };
            let bytes = match kind {
                Kind::NotUtf8 => format!(r#"{{"id":{i},"text":"caf"#)
                    .into_bytes()
                    .into_iter()
                    .chain(*b"\xe9\"}")
                    .collect(),
                _ => line.into_bytes(),
            };
            (kind, bytes)
        })
        .collect()
}

fn join_lines<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut joined = Vec::new();
    for line in lines {
        joined.extend_from_slice(line);
        joined.push(b'\n');
    }
    joined
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut text = Vec::new();
    MultiGzDecoder::new(bytes).read_to_end(&mut text).unwrap();
    text
}

fn run(args: &[&str], input: &Path) -> Output {
    newsclean()
        .args(["clean", "--jsonl"])
        .args(args)
        .arg(input)
        .output()
        .expect("runs")
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Checks each output line against its input line.
fn check_output(corpus: &[(Kind, Vec<u8>)], output: &[u8]) {
    let pipeline = Pipeline::news();
    let lines: Vec<&[u8]> = output
        .strip_suffix(b"\n")
        .expect("ends with a newline")
        .split(|&b| b == b'\n')
        .collect();
    assert_eq!(lines.len(), corpus.len(), "one output line per input line");
    for (n, ((kind, input), line)) in corpus.iter().zip(&lines).enumerate() {
        let text = std::str::from_utf8(line).expect("output is UTF-8");
        let open = || std::str::from_utf8(&input[..input.len() - 1]).unwrap();
        let record = || -> Value { serde_json::from_str(text).expect("output is JSON") };
        match kind {
            Kind::Good(article) => {
                assert!(
                    text.starts_with(open())
                        && text[open().len()..].starts_with(r#","clean_text":"#),
                    "line {n}: the record's own bytes come first: {text}"
                );
                let record = record();
                let cleaned = pipeline.clean(article);
                assert_eq!(record["id"], n, "line {n}: in order");
                assert_eq!(record["clean_text"], cleaned.body(), "line {n}");
                assert_eq!(
                    record["metadata"],
                    serde_json::to_value(cleaned.metadata()).unwrap(),
                    "line {n}"
                );
                assert!(record.get("error").is_none(), "line {n}");
            }
            Kind::Blank => assert_eq!(text, "", "line {n}"),
            Kind::MissingField => {
                assert_eq!(
                    text,
                    format!(r#"{},"error":"missing field \"text\""}}"#, open())
                )
            }
            Kind::NumberField => assert_eq!(
                text,
                format!(
                    r#"{},"error":"field \"text\" is a number, not a string"}}"#,
                    open()
                )
            ),
            Kind::NotJson => {
                let record = record();
                assert!(
                    record["error"].as_str().unwrap().starts_with("not JSON: "),
                    "line {n}: {text}"
                );
                assert_eq!(record["raw"].as_str().unwrap().as_bytes(), input.as_slice());
            }
            Kind::NotAnObject => assert_eq!(
                record(),
                json!({"error": "not a JSON object", "raw": format!("[{n}]")})
            ),
            Kind::HasErrorField => assert_eq!(
                record(),
                json!({"error": "missing field \"text\"", "raw": open().to_owned() + "}"})
            ),
            Kind::NotUtf8 => {
                let record = record();
                let bad_at = input.iter().position(|&b| b == 0xe9).unwrap();
                assert_eq!(
                    record["error"],
                    format!("not UTF-8 (invalid byte at offset {bad_at})")
                );
                let hex = record["raw_hex"].as_str().expect("raw_hex");
                let bytes: Vec<u8> = (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                    .collect();
                assert_eq!(&bytes, input, "line {n}: the bytes come back whole");
            }
        }
    }
}

#[test]
fn every_record_comes_back_once_in_order_with_bad_ones_marked() {
    let dir = scratch("jsonl-order");
    let corpus = corpus(3000);
    let input = dir.join("corpus.jsonl");
    fs::write(&input, join_lines(corpus.iter().map(|(_, l)| l.as_slice()))).unwrap();
    let records = corpus
        .iter()
        .filter(|(k, _)| !matches!(k, Kind::Blank))
        .count();
    let bad = corpus
        .iter()
        .filter(|(k, _)| !matches!(k, Kind::Blank | Kind::Good(_)))
        .count();
    assert!(bad > 200, "{bad} bad records");

    let mut outputs = Vec::new();
    // More threads than cores, so that batches finish out of order.
    for threads in ["1", "4"] {
        let output = run(&["--threads", threads], &input);
        let err = stderr(&output);
        assert!(output.status.success(), "{err}");
        assert!(
            err.contains(&format!("records   {records} ({bad} bad")),
            "the summary counts the bad records: {err}"
        );
        assert!(err.contains("corpus.jsonl line 8: not JSON: "), "{err}");
        outputs.push(output.stdout);
    }
    check_output(&corpus, &outputs[1]);
    assert!(outputs[0] == outputs[1], "the thread count changes nothing");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_truncated_last_line_is_passed_through_and_a_complete_one_is_cleaned() {
    let dir = scratch("jsonl-truncated");
    let truncated = dir.join("truncated.jsonl");
    fs::write(
        &truncated,
        "{\"text\":\"The council met.\"}\n{\"id\":2,\"text\":\"The coun",
    )
    .unwrap();
    let output = run(&[], &truncated);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(r#"{"text":"The council met.","clean_text":"The council met.","#),
        "{out}"
    );
    let last: Value = serde_json::from_str(lines[1]).unwrap();
    assert!(
        last["error"]
            .as_str()
            .unwrap()
            .starts_with("not JSON: EOF while parsing a string"),
        "{last}"
    );
    assert_eq!(last["raw"], "{\"id\":2,\"text\":\"The coun");
    assert!(stderr(&output).contains("truncated.jsonl line 2: not JSON"));

    let unterminated = dir.join("unterminated.jsonl");
    fs::write(&unterminated, "{\"text\":\"The council met.\"}").unwrap();
    let output = run(&[], &unterminated);
    assert!(output.status.success());
    assert_eq!(stdout(&output), format!("{}\n", lines[0]));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_empty_input_gives_an_empty_output() {
    let dir = scratch("jsonl-empty");
    let input = dir.join("empty.jsonl");
    fs::write(&input, "").unwrap();
    let out = dir.join("out.jsonl");
    let output = run(&["-o", out.to_str().unwrap()], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("records   0\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read(&out).unwrap(), b"");
    assert_eq!(names(&dir), ["empty.jsonl", "out.jsonl"]);

    let mut child = newsclean()
        .args(["clean", "--jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(output.stdout, b"");
    assert_eq!(stderr(&output), "", "quiet means quiet");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn gzip_input_and_output_give_the_same_records() {
    let dir = scratch("jsonl-gzip");
    let corpus = corpus(400);
    let plain = join_lines(corpus.iter().map(|(_, l)| l.as_slice()));
    fs::write(dir.join("plain.jsonl"), &plain).unwrap();
    // Two gzip members, as `cat a.gz b.gz` makes.
    let (head, tail) = plain.split_at(plain.len() / 2);
    let compressed = [gzip(head), gzip(tail)].concat();
    // The name does not matter: gzip is told by its first bytes.
    fs::write(dir.join("packed.data"), &compressed).unwrap();

    let expected = run(&["--quiet"], &dir.join("plain.jsonl"));
    assert!(expected.status.success());
    check_output(&corpus, &expected.stdout);
    let from_gzip = run(&["--quiet"], &dir.join("packed.data"));
    assert!(from_gzip.status.success(), "{}", stderr(&from_gzip));
    assert!(
        from_gzip.stdout == expected.stdout,
        "gzip input, same output"
    );

    let out = dir.join("out.jsonl.gz");
    let to_gzip = run(
        &["--quiet", "-o", out.to_str().unwrap()],
        &dir.join("packed.data"),
    );
    assert!(to_gzip.status.success(), "{}", stderr(&to_gzip));
    assert_eq!(to_gzip.stdout, b"", "nothing on standard output");
    assert!(
        gunzip(&fs::read(&out).unwrap()) == expected.stdout,
        "gzip output, same records"
    );

    // A cut-off gzip file is an error, not a shorter corpus.
    fs::write(
        dir.join("cut.jsonl.gz"),
        &compressed[..compressed.len() / 3],
    )
    .unwrap();
    let cut_out = dir.join("cut-out.jsonl");
    let cut = run(
        &["-o", cut_out.to_str().unwrap()],
        &dir.join("cut.jsonl.gz"),
    );
    assert_eq!(cut.status.code(), Some(2), "{}", stderr(&cut));
    assert!(stderr(&cut).contains("cut.jsonl.gz: "), "{}", stderr(&cut));
    assert!(
        stderr(&cut).contains("cut-out.jsonl not written"),
        "{}",
        stderr(&cut)
    );
    assert!(!cut_out.exists());
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn strict_stops_at_the_first_bad_record_and_writes_no_file() {
    let dir = scratch("jsonl-strict");
    let input = dir.join("in.jsonl");
    fs::write(
        &input,
        "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n\n{\"id\":4}\n{\"text\":5}\n",
    )
    .unwrap();
    let out = dir.join("out.jsonl");
    fs::write(&out, "an earlier run\n").unwrap();
    let output = run(&["--strict", "-o", out.to_str().unwrap()], &input);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("in.jsonl line 4: missing field \"text\""),
        "{err}"
    );
    assert!(!err.contains("line 5"), "only the first: {err}");
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "an earlier run\n",
        "the file there is left alone"
    );
    assert_eq!(
        names(&dir),
        ["in.jsonl", "out.jsonl"],
        "no temporary file left"
    );

    // To standard output, the records before the bad one are still written.
    let output = run(&["--strict"], &input);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .contains("\"clean_text\":\"Two.\""),
        "{out}"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn another_field_is_cleaned_and_removals_are_listed() {
    let (_, article, ..) = articles().into_iter().nth(4).unwrap();
    let dir = scratch("jsonl-field");
    let input = dir.join("in.jsonl");
    fs::write(
        &input,
        format!(
            "{{\"text\":5,\"body\":{}}}\n",
            serde_json::to_string(&article).unwrap()
        ),
    )
    .unwrap();
    let output = run(&["--field", "body", "--removals"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    let cleaned = Pipeline::news().clean(&article);
    assert_eq!(record["clean_text"], cleaned.body());
    let removals = record["removals"].as_array().expect("removals");
    assert_eq!(removals.len(), cleaned.removals().len());
    for (have, want) in removals.iter().zip(cleaned.removals()) {
        let (start, end) = (want.span.start, want.span.end);
        assert_eq!(have["start"], start);
        assert_eq!(have["end"], end);
        assert_eq!(have["text"], &article[start..end]);
        assert_eq!(have["cleaner"], want.cleaner);
        assert_eq!(have["reason"], want.reason.as_ref());
    }
    assert!(removals.iter().any(|r| r["cleaner"] == "ad-markers"));

    // A record that already has what cleaning adds is not given it twice.
    fs::write(&input, "{\"text\":\"One.\",\"clean_text\":\"old\"}\n").unwrap();
    let output = run(&[], &input);
    assert_eq!(
        stdout(&output),
        "{\"text\":\"One.\",\"clean_text\":\"old\",\"error\":\"already has a \\\"clean_text\\\" field\"}\n"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn missing_inputs_fail_before_anything_is_written() {
    let dir = scratch("jsonl-missing");
    let out = dir.join("out.jsonl");
    let output = run(&["-o", out.to_str().unwrap()], &dir.join("nope.jsonl"));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("nope.jsonl: no such file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(names(&dir), Vec::<String>::new());
    fs::remove_dir_all(dir).unwrap();
}

/// Polls `done` every 20 ms for up to `limit`.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_output_file() {
    let dir = scratch("jsonl-interrupt");
    let out = dir.join("out.jsonl");
    let mut child = newsclean()
        .args(["clean", "--jsonl", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let record = format!(
        "{{\"text\":{}}}\n",
        serde_json::to_string(&short_article(1)).unwrap()
    );
    for _ in 0..500 {
        stdin.write_all(record.as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    let temp = format!("out.jsonl.tmp-{}", child.id());
    assert!(
        wait_for(Duration::from_secs(30), || dir.join(&temp).exists()),
        "the output is written under a temporary name: {:?}",
        names(&dir)
    );
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    // The writer of a pipe is interrupted too, and its end closes.
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("interrupted after"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("out.jsonl not written"));
    assert_eq!(
        names(&dir),
        Vec::<String>::new(),
        "no file, whole or partial"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn out_dir_mirrors_a_tree_of_text_files() {
    let dir = scratch("out-dir");
    let input = dir.join("in");
    fs::create_dir_all(input.join("a/b")).unwrap();
    let seeds = articles();
    let files: Vec<(PathBuf, &str)> = vec![
        (PathBuf::from("top.txt"), seeds[0].1.as_str()),
        (PathBuf::from("a/one.txt"), seeds[1].1.as_str()),
        (PathBuf::from("a/b/two.txt"), seeds[2].1.as_str()),
        (PathBuf::from("a/b/empty.txt"), ""),
    ];
    for (path, text) in &files {
        fs::write(input.join(path), text).unwrap();
    }
    fs::write(input.join("a/latin1.txt"), b"Caf\xe9 society\n").unwrap();
    fs::write(input.join("a/notes.md"), "# not cleaned\n").unwrap();

    let out = dir.join("out");
    let output = newsclean()
        .args(["clean", "--threads", "2", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a bad file fails the run: {err}"
    );
    assert!(
        err.contains("latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{err}"
    );
    assert!(err.contains("files     5 (1 bad: not written)"), "{err}");
    let pipeline = Pipeline::news();
    for (path, text) in &files {
        let body = pipeline.clean(text).body().to_owned();
        let expected = if body.is_empty() { body } else { body + "\n" };
        assert_eq!(
            fs::read_to_string(out.join(path)).unwrap(),
            expected,
            "{}",
            path.display()
        );
    }
    assert_eq!(names(&out.join("a")), ["b", "one.txt"]);
    assert_eq!(names(&out.join("a/b")), ["empty.txt", "two.txt"]);

    // Cleaning into the input directory itself would replace the originals.
    let output = newsclean()
        .args(["clean", "--out-dir"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("the output directory is the input directory"));
    fs::remove_dir_all(dir).unwrap();
}

/// A small news page: a menu, the article, a footer.
const PAGE: &str = "<!doctype html><html><head><title>Bridge reopens</title></head><body>\
    <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
    <article><h1>Bridge reopens</h1>\
    <p>The bridge reopened on Friday after six months of repairs to its main span.</p>\
    <p>Engineers said the work had been finished ahead of schedule and under budget.</p></article>\
    <footer>© 2024 Example News</footer></body></html>";

#[test]
fn an_html_field_is_cleaned_as_a_page() {
    let dir = scratch("jsonl-html-field");
    let input = dir.join("in.jsonl");
    let record = json!({"url": "https://example.com/bridge", "html": PAGE});
    fs::write(&input, format!("{record}\n")).unwrap();
    let output = run(&["--html-field", "html"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let cleaned: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected = Pipeline::news().clean_html(PAGE);
    assert_eq!(cleaned["clean_text"], expected.body());
    assert!(
        expected.body().starts_with("The bridge reopened"),
        "{}",
        expected.body()
    );
    assert!(!expected.body().contains("Home"));
    assert_eq!(cleaned["url"], "https://example.com/bridge");
    assert_eq!(cleaned["html"], PAGE, "the page itself is left as it was");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn out_dir_cleans_html_files_into_text_files() {
    let dir = scratch("out-dir-html");
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(input.join("bridge.html"), PAGE).unwrap();
    let out = dir.join("out");
    let output = newsclean()
        .args(["clean", "--quiet", "--out-dir"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(names(&out), ["bridge.txt"]);
    let body = Pipeline::news().clean_html(PAGE).body().to_owned();
    assert_eq!(
        fs::read_to_string(out.join("bridge.txt")).unwrap(),
        body + "\n"
    );
    fs::remove_dir_all(dir).unwrap();
}

/// Found by fuzzing the record code with a line holding `\n` inside an
/// object's whitespace, which the reader never passes it: the reader cuts
/// the object at the `\n`, and each part comes back whole as a bad record
/// of its own, on a line of its own.
#[test]
fn an_object_broken_over_lines_is_one_bad_record_per_line() {
    let dir = scratch("jsonl-broken-object");
    let input = dir.join("broken.jsonl");
    let first = format!("{}{{{}", "\r".repeat(14), "\r".repeat(50));
    let second = "}\r";
    fs::write(&input, format!("{first}\n{second}\n")).unwrap();
    let output = run(&["--quiet"], &input);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&output));
    for (line, part) in lines.iter().zip([first.as_str(), second]) {
        assert_eq!(line["raw"], part);
        assert!(
            line["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("not JSON")),
            "{line}"
        );
    }
    fs::remove_dir_all(dir).unwrap();
}
