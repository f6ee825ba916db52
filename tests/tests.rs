//! PostGuard's Rust integration tests, in one binary so the crate is linked once (as ripgrep's
//! tests/tests.rs does). Each module is named for what it tests; rule vectors (draft →
//! expected findings) are data in tests/data/. `cargo test --test integration <filter>`.

mod cli;
mod deploy;
mod fuzz;
mod policy;
mod records;
mod records_service;
mod rules;
mod site_facts;
mod support;
mod user_actions;
