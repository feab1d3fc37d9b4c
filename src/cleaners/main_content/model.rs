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
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(row)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}
