//! Parsing with field-level errors: IT must learn *which* field is wrong, not just that one is.

use super::Policy;
use std::fmt;

/// One problem in a policy, located by its JSON path (e.g. `accounts[2].platform`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldError {
    pub path: String,
    pub reason: String,
}

/// Every problem found in a policy document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PolicyError {
    pub errors: Vec<FieldError>,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", e.path, e.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}


pub(super) fn parse(json: &str) -> Result<Policy, PolicyError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let policy: Policy = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // serde_json appends "at line L column C"; keep it, it helps find the spot.
        PolicyError {
            errors: vec![FieldError {
                path: if path == "." {
                    "(document)".into()
                } else {
                    path
                },
                reason: inner.to_string(),
            }],
        }
    })?;
    let errors = check(&policy);
    if errors.is_empty() {
        Ok(policy)
    } else {
        Err(PolicyError { errors })
    }
}

/// Checks what the types cannot: non-empty names, plausible domains, known rule ids.
fn check(p: &Policy) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut err = |path: String, reason: &str| {
        errs.push(FieldError {
            path,
            reason: reason.to_string(),
        })
    };
    if p.city.trim().is_empty() {
        err("city".into(), "must not be empty");
    }
    if p.email_domains.is_empty() {
        err(
            "email_domains".into(),
            "needs at least one City email domain",
        );
    }
    for (i, d) in p.email_domains.iter().enumerate() {
        if !is_domain(d) {
            err(
                format!("email_domains[{i}]"),
                "is not a domain name like \"westalliswi.gov\"",
            );
        }
    }
    if !(p.official_site.starts_with("https://") || p.official_site.starts_with("http://")) {
        err("official_site".into(), "must be an http(s) URL");
    }
    for (i, a) in p.accounts.iter().enumerate() {
        if a.platform.trim().is_empty() {
            err(format!("accounts[{i}].platform"), "must not be empty");
        }
        if a.handle.trim().trim_start_matches('@').is_empty() {
            err(format!("accounts[{i}].handle"), "must not be empty");
        }
    }
    for (i, n) in p.account_patterns.names.iter().enumerate() {
        if n.trim().is_empty() {
            err(format!("account_patterns.names[{i}]"), "must not be empty");
        }
    }
    for (i, n) in p.account_patterns.handle_prefixes.iter().enumerate() {
        if crate::context::fold_handle(n).len() < 3 {
            err(
                format!("account_patterns.handle_prefixes[{i}]"),
                "needs at least 3 letters or digits, or it would match too many handles",
            );
        }
    }
    for (i, u) in p.authorized_users.iter().enumerate() {
        if !u.email.contains('@') {
            err(
                format!("authorized_users[{i}].email"),
                "is not an email address",
            );
        }
        if u.name.trim().is_empty() {
            err(format!("authorized_users[{i}].name"), "must not be empty");
        }
        if u.title.trim().is_empty() {
            err(format!("authorized_users[{i}].title"), "must not be empty");
        }
    }
    let known: Vec<&str> = crate::rules::RULES.iter().map(|r| r.id).collect();
    for rule in p.severities.keys() {
        if !known.contains(&rule.as_str()) {
            err(
                format!("severities.{rule}"),
                &format!("unknown rule; known rules: {}", known.join(", ")),
            );
        }
    }
    for (i, g) in p.personal_markers.iter().enumerate() {
        if g.weight == 0 {
            err(
                format!("personal_markers[{i}].weight"),
                "must be at least 1",
            );
        }
        for (j, ph) in g.phrases.iter().enumerate() {
            if crate::text::words(ph).next().is_none() {
                err(
                    format!("personal_markers[{i}].phrases[{j}]"),
                    "has no words",
                );
            } else if ph.chars().any(char::is_uppercase) {
                err(
                    format!("personal_markers[{i}].phrases[{j}]"),
                    "must be lower case",
                );
            }
        }
    }
    errs
}

fn is_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
