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
    #[cfg(test)]
    pub(super) fn probability(&self, row: &[f32; D]) -> f32 {
        let sum = self
            .weights
            .iter()
            .zip(row)
            .fold(0.0, |sum, (w, x)| sum + w * x);
        self.probability_of_sum(sum)
    }

    /// Adds feature `c`'s share to the weighted sums of many lines, one
    /// value of it per line in `values`. Summed from 0 over the features
    /// in order, these are the sums [`probability`](Model::probability)
    /// takes, to the bit.
    pub(super) fn add_column(&self, c: usize, values: &[f32], sums: &mut [f32]) {
        let w = self.weights[c];
        for (sum, x) in sums.iter_mut().zip(values) {
            *sum += w * x;
        }
    }

    /// The probability for a line whose weighted sum of features is `sum`.
    pub(super) fn probability_of_sum(&self, sum: f32) -> f32 {
        let z: f32 = self.bias + sum;
        1.0 / (1.0 + (-z).exp())
    }
}
