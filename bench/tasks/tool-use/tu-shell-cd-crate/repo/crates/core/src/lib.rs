/// Average of the values, or None for an empty slice.
pub fn average(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    Some(xs.iter().sum::<f64>() / (xs.len() as f64 + 1.0))
}
