//! `postguard policy validate`, the CLI's fuller check (native only, never in the WASM): every
//! error at once, where the engine's parser stops at the first type error; time zones against
//! the IANA list (the browser checks its own); and warnings for another city's configuration
//! that still carries West Allis values or placeholder hosts.

use super::validate::parse;
use super::FieldError;
use serde_json::{Map, Value};

/// What `policy validate` reports.
#[derive(Debug, Default)]
pub struct Audit {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

/// IANA zone and link names, one a line (tzdata 2025b).
const TIME_ZONES: &str = include_str!("time_zones.txt");

/// A whole policy file.
pub fn policy(doc: &Value, rule_ids: &[&str]) -> Audit {
    audit(doc.clone(), rule_ids)
}

/// IT's managed configuration, a layer over the embedded default (as `layers::apply`).
pub fn layer(layer: &Value, rule_ids: &[&str]) -> Audit {
    let Value::Object(layer) = layer else {
        return Audit {
            errors: vec![FieldError {
                path: "(document)".into(),
                reason: "the managed configuration must be an object of policy fields".into(),
            }],
            ..Audit::default()
        };
    };
    let mut merged = default();
    merged.extend(layer.clone());
    audit(Value::Object(merged), rule_ids)
}

fn default() -> Map<String, Value> {
    serde_json::from_str(super::DEFAULT_POLICY_JSON).expect("the embedded policy is JSON")
}

fn audit(mut doc: Value, rule_ids: &[&str]) -> Audit {
    let mut errors = every_error(&mut doc, rule_ids);
    if let Some(Value::String(tz)) = doc.pointer("/work_time/time_zone") {
        if !TIME_ZONES.lines().any(|z| z == tz) {
            let near = TIME_ZONES
                .lines()
                .filter(|z| !z.starts_with('#'))
                .min_by_key(|z| distance(z, tz))
                .unwrap_or("UTC");
            errors.retain(|e| e.path != "work_time.time_zone");
            errors.push(FieldError {
                path: "work_time.time_zone".into(),
                reason: format!("{tz:?} is not an IANA time zone; did you mean {near:?}?"),
            });
        }
    }
    // A field with an error holds the built-in value now: no warning about that.
    let top = |p: &str| p.split(['.', '[']).next().unwrap_or("").to_string();
    let mut warnings = warnings(&doc);
    warnings.retain(|w| !errors.iter().any(|e| top(&e.path) == top(&w.path)));
    Audit { errors, warnings }
}

/// The engine's parser reports the first type error only (serde stops there). So: note it,
/// set its field aside (an array's bad element is dropped, any other field gets the built-in
/// value back), and parse again, until the types pass and the field checks report the rest.
fn every_error(doc: &mut Value, rule_ids: &[&str]) -> Vec<FieldError> {
    let base = default();
    let mut errors = Vec::new();
    // Per array field, the original index of each element still in `doc`.
    let mut kept: Map<String, Value> = Map::new();
    for _ in 0..256 {
        let text = serde_json::to_string(doc).expect("JSON serializes");
        let Err(e) = parse(&text, rule_ids) else {
            break;
        };
        let typed = serde_json::from_value::<super::Policy>(doc.clone()).is_ok();
        if typed {
            errors.extend(e.errors); // the field checks: all of them already
            break;
        }
        let Some(mut f) = e.errors.into_iter().next() else {
            break;
        };
        if let Some(i) = f.reason.rfind(" at line ") {
            f.reason.truncate(i);
        }
        let Some(obj) = doc.as_object_mut() else {
            errors.push(f);
            break;
        };
        let key = f.path.split(['.', '[']).next().unwrap_or("").to_string();
        let element = f.path[key.len()..]
            .strip_prefix('[')
            .and_then(|r| r.split(']').next())
            .and_then(|i| i.parse::<usize>().ok());
        match (obj.get_mut(&key), element) {
            (Some(Value::Array(items)), Some(i)) if i < items.len() => {
                let map = kept
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array((0..items.len()).map(Value::from).collect()));
                let map = map.as_array_mut().expect("an index list");
                let original = map.remove(i);
                items.remove(i);
                f.path = format!(
                    "{key}[{original}]{}",
                    &f.path[key.len() + 2 + i.to_string().len()..]
                );
            }
            (Some(_), _) => {
                match base.get(&key) {
                    Some(v) => obj.insert(key.clone(), v.clone()),
                    None => obj.remove(&key),
                };
            }
            (None, _) => {
                errors.push(f);
                break; // nothing left to set aside
            }
        }
        errors.push(f);
    }
    errors
}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// Values another city would not mean to keep: West Allis's (when the city is not West Allis)
/// and placeholder hosts (`*.example`, `example.com`), one warning per field.
fn warnings(doc: &Value) -> Vec<FieldError> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let city = doc["city"].as_str().unwrap_or("");
    let other_city = !squash(city).contains("westallis");
    let mut found: Vec<(String, &'static str, String)> = Vec::new();
    walk(doc, "", &mut |path, s| {
        let field = strip_indexes(path);
        let kind = if other_city && squash(s).contains("westallis") {
            "still West Allis's"
        } else if is_placeholder(s) {
            "a placeholder"
        } else {
            return;
        };
        found.push((field, kind, s.to_string()));
    });
    let mut out: Vec<FieldError> = Vec::new();
    for (field, kind, value) in &found {
        if out.iter().any(|w| &w.path == field) {
            continue;
        }
        let n = found
            .iter()
            .filter(|(f, k, _)| f == field && k == kind)
            .count();
        let more = if n > 1 {
            format!(" (and {} more)", n - 1)
        } else {
            String::new()
        };
        let reason = if *kind == "a placeholder" {
            format!("{value:?}{more} is a placeholder host: put the City's own")
        } else {
            format!("{value:?}{more} is still West Allis's, but the city is {city:?}")
        };
        out.push(FieldError {
            path: field.clone(),
            reason,
        });
    }
    out
}

fn walk(v: &Value, path: &str, f: &mut impl FnMut(&str, &str)) {
    match v {
        Value::String(s) => f(path, s),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}[{i}]"), f);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(x, &p, f);
            }
        }
        _ => {}
    }
}

/// `accounts[2].handle` → `accounts[].handle`: one warning per field, not per element.
fn strip_indexes(path: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for c in path.chars() {
        match c {
            '[' => {
                skipping = true;
                out.push_str("[]");
            }
            ']' => skipping = false,
            _ if skipping => {}
            _ => out.push(c),
        }
    }
    out
}

/// A host of the reserved `example` names (RFC 2606): `intranet.example`, `example.gov`, ….
fn is_placeholder(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .filter(|t| t.contains('.'))
        .any(|host| host.to_ascii_lowercase().split('.').any(|l| l == "example"))
}
