//! Whether two names for a social media account are the same account.

/// Folds a handle for comparison: no '@', '_', '.', '-' or case.
pub fn fold_handle(handle: &str) -> String {
    handle
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
