//! The lines of the cleaners' cases (`fixtures/cleaners/*.cases`), kept and
//! dropped: real boilerplate, real prose and their near misses, for the
//! targets to build inputs from.

/// The `keep | ` and `drop | ` lines of each of `cases`, without the label.
pub fn case_lines(cases: &[&'static str]) -> Vec<&'static str> {
    cases
        .iter()
        .flat_map(|cases| cases.lines())
        .filter_map(|line| {
            line.strip_prefix("keep | ")
                .or_else(|| line.strip_prefix("drop | "))
        })
        .collect()
}
