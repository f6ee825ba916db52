//! Rule vectors as data (tests/data/rule_vectors.json, as harper-core keeps its test sources):
//! each draft with the findings it must and must not have, and the kinds of personal
//! information the scanner finds in each text. Every failing case is named, and all of them
//! are reported at once.

use crate::support::*;
use postguard::{Level, Policy};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vectors {
    #[allow(dead_code)] // for the reader
    about: String,
    drafts: Vec<DraftCase>,
    pii_kinds: Vec<KindCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftCase {
    group: String,
    account: String,
    draft: String,
    rule: Option<String>,
    flagged: Option<bool>,
    section: Option<String>,
    span: Option<String>,
    #[serde(default)]
    message_contains: Vec<String>,
    verdict: Option<Level>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindCase {
    group: String,
    text: String,
    kinds: Option<Vec<String>>,
    #[serde(default)]
    lacks: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

fn vectors() -> Vectors {
    serde_json::from_str(include_str!("../data/rule_vectors.json")).expect("rule_vectors.json")
}

/// Panics listing every failed case, after counting them all.
fn report(kind: &str, total: usize, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} of {total} {kind} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is wrong with one draft case, if anything.
fn check_draft(c: &DraftCase) -> Option<String> {
    let context = match c.account.as_str() {
        "city" => city_post(),
        "personal" => personal_post(),
        other => return Some(format!("unknown account {other:?}")),
    };
    let v = eval(&c.draft, context);
    if let Some(level) = c.verdict {
        if v.verdict != level {
            return Some(format!(
                "verdict {:?}, expected {level:?}: {:?}",
                v.verdict, v.findings
            ));
        }
    }
    let Some(rule) = &c.rule else {
        return None;
    };
    let f = finding(&v, rule);
    match (c.flagged, f) {
        (Some(false), Some(_)) => Some(format!("{rule} flagged it: {:?}", v.findings)),
        (Some(false), None) => None,
        (_, None) => Some(format!("{rule} did not flag it: {:?}", v.findings)),
        (_, Some(f)) => {
            if let Some(section) = &c.section {
                if f.section != section {
                    return Some(format!("section {}, expected {section}", f.section));
                }
            }
            if let Some(span) = &c.span {
                let typed = utf16_slice(&c.draft, f.start, f.end);
                if &typed != span {
                    return Some(format!("span {typed:?}, expected {span:?}"));
                }
            }
            c.message_contains
                .iter()
                .find(|m| !f.message.contains(m.as_str()))
                .map(|m| format!("message lacks {m:?}: {}", f.message))
        }
    }
}

#[test]
fn every_draft_vector_finds_what_it_should() {
    let cases = vectors().drafts;
    let failures = cases
        .iter()
        .filter_map(|c| check_draft(c).map(|why| format!("[{}] {:?}: {why}", c.group, c.draft)))
        .collect();
    report("draft vectors", cases.len(), failures);
}

#[test]
fn every_pii_vector_finds_its_kinds() {
    let policy = Policy::west_allis();
    let lists = postguard::pii::Lists::new(&policy);
    let cases = vectors().pii_kinds;
    let failures = cases
        .iter()
        .filter_map(|c| {
            let words: Vec<_> = postguard::text::words(&c.text).collect();
            let mut found: Vec<String> = postguard::pii::scan(&c.text, &words, &lists, &policy)
                .into_iter()
                .map(|h| format!("{:?}", h.kind))
                .collect();
            found.dedup();
            let wrong = c.kinds.as_ref().is_some_and(|k| *k != found)
                || c.lacks.iter().any(|k| found.contains(k));
            wrong.then(|| {
                format!(
                    "[{}] {:?}: found {found:?}, expected {:?} lacking {:?}",
                    c.group, c.text, c.kinds, c.lacks
                )
            })
        })
        .collect();
    report("PII vectors", cases.len(), failures);
}
