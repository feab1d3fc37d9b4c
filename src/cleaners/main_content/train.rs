//! Learns the main-content weights from the development corpus.
//!
//! ```sh
//! cargo test --release --lib train_main_content -- --ignored --nocapture
//! ```
//!
//! reads `../shared/corpus/wcxb-dev-articles` (or `$NEWSCLEAN_CORPUS`),
//! labels each line of every `raw.txt` by its overlap with `gold.txt`,
//! fits the two logistic stages, and writes `weights.rs` beside this file.
//! With `NEWSCLEAN_CV=1` it first reports five-fold cross-validated scores
//! (folds by document) at a range of thresholds, to choose the thresholds
//! `Favor` maps to.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::features::{Features, STAGE1, STAGE2, prefix_sums};
use super::model::Model;
use crate::eval::{Score, Summary, words};
use crate::{Document, Marks, cleaners};

/// One corpus page: its lines' features and labels.
struct Page {
    raw: String,
    gold: String,
    features: Features,
    labels: Vec<f64>,
}

/// Whether each non-blank line of `doc` is content: a line of four words or
/// more when half its 4-grams are in the gold, a shorter one when it is a
/// gold line by itself.
fn labels(doc: &Document<'_>, lines: &[usize], gold: &str) -> Vec<f64> {
    let join = |w: &[&str]| w.join("\u{1}");
    let gold_words: Vec<&str> = words(gold).collect();
    let gold_shingles: HashSet<String> = gold_words.windows(4).map(join).collect();
    let gold_lines: HashSet<String> = gold
        .lines()
        .map(|l| join(&words(l).collect::<Vec<_>>()))
        .collect();
    lines
        .iter()
        .map(|&i| {
            let w: Vec<&str> = words(doc.raw_line_text(i)).collect();
            let content = if w.is_empty() {
                false
            } else if w.len() < 4 {
                gold_lines.contains(&join(&w))
            } else {
                let shingles: Vec<String> = w.windows(4).map(join).collect();
                let hits = shingles
                    .iter()
                    .filter(|s| gold_shingles.contains(*s))
                    .count();
                hits * 2 >= shingles.len()
            };
            if content { 1.0 } else { 0.0 }
        })
        .collect()
}

impl Page {
    fn new(raw: String, gold: String) -> Page {
        // Features and labels borrow the text only while computed. Lines
        // go in as the cleaner meets them: after the cleaners before it.
        let (features, labels) = {
            let doc = Document::new(&raw);
            let mut marks = Marks::new(&doc);
            for cleaner in cleaners::news()
                .iter()
                .take_while(|c| c.name() != "main-content")
            {
                marks.set_cleaner(cleaner.name());
                cleaner.mark(&doc, &mut marks);
            }
            let features = Features::of(&doc, |i| marks.is_kept(i));
            let labels = labels(&doc, &features.lines, &gold);
            (features, labels)
        };
        Page {
            raw,
            gold,
            features,
            labels,
        }
    }
}

fn load(corpus: &Path) -> Vec<Page> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("raw.txt").is_file())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let raw = std::fs::read_to_string(dir.join("raw.txt")).expect("raw.txt");
            let gold = std::fs::read_to_string(dir.join("gold.txt")).expect("gold.txt");
            Page::new(raw, gold)
        })
        .collect()
}

/// A logistic regression fitted by Newton's method with an L2 penalty on the
/// standardised weights.
fn fit<const D: usize>(rows: &[[f32; D]], labels: &[f64]) -> Model<D> {
    const LAMBDA: f64 = 1.0;
    let n = rows.len() as f64;
    let mut mean = [0.0f64; D];
    let mut scale = [0.0f64; D];
    for row in rows {
        for k in 0..D {
            mean[k] += f64::from(row[k]) / n;
        }
    }
    for row in rows {
        for k in 0..D {
            scale[k] += (f64::from(row[k]) - mean[k]).powi(2) / n;
        }
    }
    for s in &mut scale {
        *s = if *s > 1e-12 { s.sqrt() } else { 1.0 };
    }
    // Parameters: D weights, then the bias.
    let dim = D + 1;
    let mut theta = vec![0.0f64; dim];
    let mut z = vec![0.0f64; dim];
    for _ in 0..30 {
        let mut gradient = vec![0.0f64; dim];
        let mut hessian = vec![0.0f64; dim * dim];
        for (row, &y) in rows.iter().zip(labels) {
            for k in 0..D {
                z[k] = (f64::from(row[k]) - mean[k]) / scale[k];
            }
            z[D] = 1.0;
            let t: f64 = theta.iter().zip(&z).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-t).exp());
            let w = (p * (1.0 - p)).max(1e-9);
            for a in 0..dim {
                gradient[a] += (p - y) * z[a];
                let wa = w * z[a];
                for b in a..dim {
                    hessian[a * dim + b] += wa * z[b];
                }
            }
        }
        for a in 0..dim {
            for b in 0..a {
                hessian[a * dim + b] = hessian[b * dim + a];
            }
        }
        for k in 0..D {
            gradient[k] += LAMBDA * theta[k];
            hessian[k * dim + k] += LAMBDA;
        }
        let step = solve(&mut hessian, &gradient, dim);
        let mut change = 0.0f64;
        for k in 0..dim {
            theta[k] -= step[k];
            change = change.max(step[k].abs());
        }
        if change < 1e-7 {
            break;
        }
    }
    // Fold the standardisation into the weights.
    let mut weights = [0.0f32; D];
    let mut bias = theta[D];
    for k in 0..D {
        let w = theta[k] / scale[k];
        weights[k] = w as f32;
        bias -= w * mean[k];
    }
    Model {
        weights,
        bias: bias as f32,
    }
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
fn solve(a: &mut [f64], b: &[f64], n: usize) -> Vec<f64> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        let d = d.max(1e-12).sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * y[k];
        }
        y[i] = s / a[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k * n + i] * x[k];
        }
        x[i] = s / a[i * n + i];
    }
    x
}

fn stage1_rows(pages: &[&Page]) -> (Vec<[f32; STAGE1]>, Vec<f64>) {
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for page in pages {
        rows.extend(page.features.stage1_rows());
        labels.extend_from_slice(&page.labels);
    }
    (rows, labels)
}

fn stage1_scores(model: &Model<STAGE1>, page: &Page) -> Vec<f32> {
    page.features
        .stage1_rows()
        .iter()
        .map(|row| model.probability(row))
        .collect()
}

/// Both stages, the second trained on first-stage scores its pages did not
/// train (two halves), as it will meet them on new pages.
fn fit_both(pages: &[&Page]) -> (Model<STAGE1>, Model<STAGE2>) {
    let (rows, labels) = stage1_rows(pages);
    let first = fit(&rows, &labels);
    let halves: [Vec<&Page>; 2] = [
        pages.iter().step_by(2).copied().collect(),
        pages.iter().skip(1).step_by(2).copied().collect(),
    ];
    let mut rows2 = Vec::new();
    let mut labels2 = Vec::new();
    for (train, score) in [(0, 1), (1, 0)] {
        let (r, l) = stage1_rows(&halves[train]);
        let half_model = fit(&r, &l);
        for page in &halves[score] {
            let p = stage1_scores(&half_model, page);
            let sums = prefix_sums(p.iter().copied(), Vec::new());
            rows2.extend(page.features.stage2_rows(&p, &sums));
            labels2.extend_from_slice(&page.labels);
        }
    }
    (first, fit(&rows2, &labels2))
}

fn scores(first: &Model<STAGE1>, second: &Model<STAGE2>, page: &Page) -> Vec<f32> {
    let p = stage1_scores(first, page);
    let sums = prefix_sums(p.iter().copied(), Vec::new());
    page.features
        .stage2_rows(&p, &sums)
        .iter()
        .map(|row| second.probability(row))
        .collect()
}

fn cross_validate(pages: &[Page]) {
    const THRESHOLDS: [f32; 9] = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];
    let mut summaries = [Summary::default(); THRESHOLDS.len()];
    for fold in 0..5 {
        let train: Vec<&Page> = pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, p)| p)
            .collect();
        let (first, second) = fit_both(&train);
        for page in pages
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == fold)
            .map(|(_, p)| p)
        {
            let doc = Document::new(&page.raw);
            let p = scores(&first, &second, page);
            for (t, summary) in THRESHOLDS.iter().zip(&mut summaries) {
                let kept: Vec<&str> = page
                    .features
                    .lines
                    .iter()
                    .zip(&p)
                    .filter(|&(_, &s)| s >= *t)
                    .map(|(&i, _)| doc.raw_line_text(i))
                    .collect();
                summary.add(&Score::of(&kept.join("\n"), &page.gold));
            }
        }
    }
    for (t, s) in THRESHOLDS.iter().zip(&summaries) {
        println!(
            "threshold {t:.2}  P {:.4}  R {:.4}  F1 {:.4}",
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
}

fn rust_array(values: &[f32]) -> String {
    let mut out = String::from("[");
    for (k, v) in values.iter().enumerate() {
        if k % 6 == 0 {
            out.push_str("\n        ");
        } else {
            out.push(' ');
        }
        let _ = write!(out, "{v:e},");
    }
    out.push_str("\n    ]");
    out
}

#[test]
#[ignore = "learns the weights from ../shared; run by hand"]
fn train_main_content() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("NEWSCLEAN_CORPUS").map_or_else(
        || root.join("../shared/corpus/wcxb-dev-articles"),
        PathBuf::from,
    );
    let pages = load(&corpus);
    println!(
        "{} pages, {} lines",
        pages.len(),
        pages.iter().map(|p| p.labels.len()).sum::<usize>()
    );
    if std::env::var_os("NEWSCLEAN_CV").is_some() {
        cross_validate(&pages);
    }
    let (first, second) = fit_both(&pages.iter().collect::<Vec<_>>());
    let source = format!(
        "//! Learned by `train.rs` on the development corpus ({} pages); do not edit.\n\n\
         use super::features::{{STAGE1, STAGE2}};\n\
         use super::model::Model;\n\n\
         pub(super) static STAGE_ONE: Model<STAGE1> = Model {{\n    weights: {},\n    bias: {:e},\n}};\n\n\
         pub(super) static STAGE_TWO: Model<STAGE2> = Model {{\n    weights: {},\n    bias: {:e},\n}};\n",
        pages.len(),
        rust_array(&first.weights),
        first.bias,
        rust_array(&second.weights),
        second.bias,
    );
    let path = root.join("src/cleaners/main_content/weights.rs");
    std::fs::write(&path, source).expect("weights written");
    println!("wrote {}", path.display());
}
