//! Parsing with field-level errors: IT must learn *which* field is wrong, not just that one is.

use super::Policy;
use serde_json::Value;
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

/// Parses and validates `json`; `severities` may name only the `rule_ids` (the rules, above the
/// policy, hand them down).
pub(super) fn parse(json: &str, rule_ids: &[&str]) -> Result<Policy, PolicyError> {
    let one = |path: String, reason: String| PolicyError {
        errors: vec![FieldError { path, reason }],
    };
    // Syntax first: serde_json's line and column point into the text IT wrote.
    let value: Value =
        serde_json::from_str(json).map_err(|e| one(DOCUMENT.into(), e.to_string()))?;
    // Then the types, from a pretty-printed copy that holds one key or element per line, so
    // the line of an error names its field. (A path-tracking deserializer would double the
    // deserializing code in the WASM, which has a size budget.)
    let pretty = serde_json::to_string_pretty(&value).expect("a JSON value prints");
    let policy: Policy = serde_json::from_str(&pretty).map_err(|e| {
        let place = format!(" at line {} column {}", e.line(), e.column());
        let reason = e.to_string();
        let reason = reason.strip_suffix(&place).unwrap_or(&reason).to_string();
        one(path_at_line(&value, e.line()), reason)
    })?;
    let errors = check(&policy, rule_ids);
    if errors.is_empty() {
        Ok(policy)
    } else {
        Err(PolicyError { errors })
    }
}

const DOCUMENT: &str = "(document)";

/// The path of the innermost key or element that `line` of `value`'s pretty print falls in.
fn path_at_line(value: &Value, line: usize) -> String {
    /// Walks `v`, printed from line `start`, and returns its last line. Children come
    /// first, so the innermost value holding `line` is the one that names it.
    fn walk(v: &Value, start: usize, line: usize, here: &str, path: &mut String) -> usize {
        let children: Vec<(String, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, c)| (format!("{here}.{k}"), c)).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{here}[{i}]"), c))
                .collect(),
            _ => Vec::new(),
        };
        let mut end = start; // scalars, {} and [] print on one line
        for (child_path, child) in &children {
            end = walk(child, end + 1, line, child_path, path);
        }
        if !children.is_empty() {
            end += 1; // the closing bracket
        }
        if (start..=end).contains(&line) && path.is_empty() {
            *path = here.to_string();
        }
        end
    }
    let mut path = String::new();
    walk(value, 1, line, "", &mut path);
    match path.strip_prefix('.') {
        Some(p) => p.to_string(),
        None if path.is_empty() => DOCUMENT.into(),
        None => path,
    }
}

/// Checks what the types cannot: non-empty names, plausible domains, known rule ids.
fn check(p: &Policy, rule_ids: &[&str]) -> Vec<FieldError> {
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
        if crate::accounts::fold_handle(n).len() < 3 {
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
    for rule in p.severities.keys() {
        if !rule_ids.contains(&rule.as_str()) {
            err(
                format!("severities.{rule}"),
                &format!("unknown rule; known rules: {}", rule_ids.join(", ")),
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
    errs.extend(behaviour(p));
    errs.extend(wording(p, rule_ids));
    errs.extend(super::layers::check(p));
    errs.extend(super::content::check(p));
    errs
}

/// Connections (§6.2.7), work time (§6.4.1.3) and the password alert (§6.4.1.2).
fn behaviour(p: &Policy) -> Vec<FieldError> {
    use crate::calendar::{parse_clock, parse_day, Date};
    let mut errs = Vec::new();
    let mut err = |path: String, reason: &str| {
        errs.push(FieldError {
            path,
            reason: reason.to_string(),
        })
    };
    for (i, a) in p.connections.allowed.iter().enumerate() {
        if !crate::accounts::Listed::parse(a).has_key() {
            err(
                format!("connections.allowed[{i}]"),
                "needs a handle, \"platform:handle\" or a display name",
            );
        }
    }
    for (i, w) in p.connections.organization_words.iter().enumerate() {
        let path = format!("connections.organization_words[{i}]");
        if crate::text::words(w).next().is_none() {
            err(path, "has no words");
        } else if w.chars().any(char::is_uppercase) {
            err(path, "must be lower case");
        }
    }
    if let Some(w) = &p.work_time {
        if w.days.is_empty() {
            err("work_time.days".into(), "needs at least one day");
        }
        for (i, d) in w.days.iter().enumerate() {
            if parse_day(d).is_none() {
                err(
                    format!("work_time.days[{i}]"),
                    "must be one of mon, tue, wed, thu, fri, sat, sun",
                );
            } else if w.days[..i].iter().any(|e| parse_day(e) == parse_day(d)) {
                err(format!("work_time.days[{i}]"), "is listed twice");
            }
        }
        let start = parse_clock(&w.start);
        let end = parse_clock(&w.end);
        for (field, v, raw) in [("start", start, &w.start), ("end", end, &w.end)] {
            if v.is_none() {
                err(
                    format!("work_time.{field}"),
                    &format!("{raw:?} is not a time like \"08:00\" or \"16:30\" (00:00 to 24:00)"),
                );
            }
        }
        if start.is_some() && start == end {
            err(
                "work_time.end".into(),
                "must differ from start (an end before the start is an overnight shift)",
            );
        }
        if let Some(tz) = &w.time_zone {
            if !is_time_zone(tz) {
                err(
                    "work_time.time_zone".into(),
                    "is not an IANA time zone name like \"America/Chicago\" or \"UTC\"",
                );
            }
        }
        for (i, h) in w.holidays.iter().enumerate() {
            if Date::parse(h).is_none() {
                err(
                    format!("work_time.holidays[{i}]"),
                    "is not a date like \"2026-12-25\"",
                );
            }
        }
    }
    for (i, u) in p.password_alert.sign_in_urls.iter().enumerate() {
        match super::split_url(u) {
            Some((scheme, ..)) if scheme.eq_ignore_ascii_case("https") => {}
            Some(_) => err(
                format!("password_alert.sign_in_urls[{i}]"),
                "must be https: the City password is never typed on a plain http page",
            ),
            None => err(
                format!("password_alert.sign_in_urls[{i}]"),
                "is not a URL like \"https://login.westalliswi.gov/\"",
            ),
        }
    }
    if !(6..=128).contains(&p.password_alert.min_length) {
        err(
            "password_alert.min_length".into(),
            "must be between 6 and 128",
        );
    }
    errs
}

/// IT's wording (`messages`) and the pages PostGuard may open: every URL https.
fn wording(p: &Policy, rule_ids: &[&str]) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut err = |path: String, reason: &str| {
        errs.push(FieldError {
            path,
            reason: reason.to_string(),
        })
    };
    let mut urls: Vec<(String, &str)> = Vec::new();
    if let Some(u) = &p.password_alert.change_url {
        urls.push(("password_alert.change_url".into(), u));
    }
    if let Some(u) = &p.text_url {
        urls.push(("text_url".into(), u));
    }
    for (rule, m) in &p.messages {
        if !rule_ids.contains(&rule.as_str()) {
            err(format!("messages.{rule}"), "is not a rule id");
        }
        let Some(m) = m.as_object() else {
            err(
                format!("messages.{rule}"),
                "must be an object of title, advice and learn_more",
            );
            continue;
        };
        for (name, v) in m {
            let path = format!("messages.{rule}.{name}");
            match (name.as_str(), v) {
                ("learn_more", Value::String(u)) => urls.push((path, u)),
                ("learn_more", _) => err(path, "must be an https URL"),
                ("title" | "advice", Value::Object(texts)) if !super::is_blank(texts) => {}
                ("title" | "advice", _) => err(
                    path,
                    "must give a text per language, like {\"en\": \"…\"}, none empty",
                ),
                _ => err(path, "unknown field: use title, advice or learn_more"),
            }
        }
    }
    for (path, u) in urls {
        match super::split_url(u) {
            Some((scheme, ..)) if scheme.eq_ignore_ascii_case("https") => {}
            Some(_) => err(
                path,
                "must be an https URL: PostGuard opens no plain http page",
            ),
            None => err(path, "is not a URL like \"https://www.westalliswi.gov/\""),
        }
    }
    errs
}

/// "UTC", or "Area/Location" in the IANA database's letters ("America/Argentina/Buenos_Aires").
/// The browser knows which names exist; this catches typing mistakes such as "CST" or "Chicago".
fn is_time_zone(tz: &str) -> bool {
    if tz == "UTC" {
        return true;
    }
    let parts: Vec<&str> = tz.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-+".contains(c))
        })
}

pub(super) fn is_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
