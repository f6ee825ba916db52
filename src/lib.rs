//! PostGuard's engine: checks social media drafts against a City's Social Media Policy.
//!
//! The default policy is the City of West Allis Social Media Policy 1317. The same engine
//! runs natively (the `postguard` CLI, tests) and as WebAssembly in the extension's
//! background service worker.

pub mod accounts;
pub mod calendar;
pub mod context;
pub mod deploy;
pub mod digits;
pub mod engine;
pub mod eval;
pub mod evasion;
pub mod lexicon;
pub mod lines;
pub mod links;
pub mod messages;
pub mod model;
pub mod pii;
pub mod platform;
pub mod policy;
pub mod records;
#[cfg(feature = "server")]
pub mod records_service;
pub mod report;
pub mod rules;
pub mod text;
pub mod verdict;
pub mod worktime;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use context::{Context, Draft};
pub use engine::Engine;
pub use policy::Policy;
pub use verdict::{Finding, Level, Verdict};
