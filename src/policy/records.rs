//! IT's settings for the record of City-account posts (§7.0), part of the policy. What is
//! recorded, kept and sent is decided above the policy, in `src/records.rs`.

use super::FieldError;
use serde::{Deserialize, Serialize};

/// `#[serde(default = …)]` for settings that are on unless IT turns them off.
pub(crate) fn yes() -> bool {
    true
}

fn default_retention() -> u32 {
    365
}

/// IT's settings for the record, part of the policy (`records` in managed storage).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RecordSettings {
    /// Keep a record of City-account posts in the browser (default on).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Days a record is kept in the browser before it is deleted (default 365). A record not yet
    /// delivered to the endpoint is never deleted.
    #[serde(default = "default_retention")]
    pub retention_days: u32,
    /// Where to POST records as JSON (off when absent). Only https, or http to this computer.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Sent as `Authorization: Bearer <token>` with each batch (`postguard records serve
    /// --token-file` holds the same).
    #[serde(default)]
    pub token: Option<String>,
}

impl Default for RecordSettings {
    fn default() -> Self {
        RecordSettings {
            enabled: true,
            retention_days: default_retention(),
            endpoint: None,
            token: None,
        }
    }
}

impl RecordSettings {
    /// Field errors, with paths under `records`.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errs = Vec::new();
        if !(1..=36_500).contains(&self.retention_days) {
            errs.push(FieldError {
                path: "records.retention_days".into(),
                reason: "must be between 1 and 36500 days".into(),
            });
        }
        if let Some(url) = &self.endpoint {
            if !is_endpoint(url) {
                errs.push(FieldError {
                    path: "records.endpoint".into(),
                    reason: "must be an https:// URL (http:// only for localhost or 127.0.0.1)"
                        .into(),
                });
            }
        }
        if let Some(token) = &self.token {
            // The service refuses shorter tokens; a header cannot carry the rest.
            if token.len() < 16 || !token.bytes().all(|b| b.is_ascii_graphic()) {
                errs.push(FieldError {
                    path: "records.token".into(),
                    reason: "must be at least 16 printable ASCII characters, no spaces".into(),
                });
            }
        }
        errs
    }
}

fn is_endpoint(url: &str) -> bool {
    let host_of = |rest: &str| {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        // "[::1]:8080" or "host:8080"
        if let Some(v6) = host.strip_prefix('[') {
            v6.split(']').next().unwrap_or("").to_string()
        } else {
            host.split(':').next().unwrap_or("").to_ascii_lowercase()
        }
    };
    if url.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(rest) = url.strip_prefix("https://") {
        let host = host_of(rest);
        !host.is_empty() && !host.starts_with('.') && !host.ends_with('.')
    } else if let Some(rest) = url.strip_prefix("http://") {
        matches!(host_of(rest).as_str(), "localhost" | "127.0.0.1" | "::1")
    } else {
        false
    }
}
