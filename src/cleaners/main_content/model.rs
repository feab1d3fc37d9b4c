//! Logistic regression.

/// A logistic model: `P(content) = σ(bias + Σ weightₖ·xₖ)`. The trainer
/// standardises the features and folds their means and scales into the
/// weights.
#[derive(Debug)]
pub(super) struct Model<const D: usize> {
    pub weights: [f32; D],
    pub bias: f32,
}

impl<const D: usize> Model<D> {
    /// The probability that a line with features `row` is content.
    pub(super) fn probability(&self, row: &[f32; D]) -> f32 {
        self.probability_of_sum(self.partial_sum(row))
    }

    /// The weighted sum of the features that start a row (`row` may be
    /// shorter than the model's rows), for
    /// [`probability_continued`](Model::probability_continued) to go on
    /// with. Its terms are those of [`probability`](Model::probability)'s
    /// sum, added in another order: a row scored in two parts may differ
    /// from one scored whole in the last bits.
    pub(super) fn partial_sum(&self, row: &[f32]) -> f32 {
        // Eight running sums, which the compiler keeps in one vector
        // register: with one, each addition would wait for the last.
        const LANES: usize = 8;
        let n = row.len().min(D);
        let (weights, row) = (&self.weights[..n], &row[..n]);
        let mut lanes = [0.0f32; LANES];
        let mut weight_chunks = weights.chunks_exact(LANES);
        let mut row_chunks = row.chunks_exact(LANES);
        for (w, x) in (&mut weight_chunks).zip(&mut row_chunks) {
            for k in 0..LANES {
                lanes[k] += w[k] * x[k];
            }
        }
        let rest = weight_chunks
            .remainder()
            .iter()
            .zip(row_chunks.remainder())
            .map(|(w, x)| w * x)
            .sum::<f32>();
        lanes.iter().sum::<f32>() + rest
    }

    /// The probability for a row whose weighted sum up to its features
    /// `row` is `partial`, the rest of the row being `row`.
    pub(super) fn probability_continued(&self, partial: f32, row: &[f32]) -> f32 {
        let start = D - row.len();
        let sum = self.weights[start..]
            .iter()
            .zip(row)
            .fold(partial, |sum, (w, x)| sum + w * x);
        self.probability_of_sum(sum)
    }

    fn probability_of_sum(&self, sum: f32) -> f32 {
        let z: f32 = self.bias + sum;
        1.0 / (1.0 + (-z).exp())
    }
}
