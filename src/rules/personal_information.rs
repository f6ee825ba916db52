//! §6.5.2.6: no confidential or "for official use only" information, no HIPAA-protected
//! health information, no Social Security numbers or other personally identifiable
//! information on a City account. What counts is found by [`crate::pii`].

use super::findings::MAX_EVIDENCE;
use super::{Facts, Rule};
use crate::pii::{scan, Kind};
use crate::policy::Severity;
use crate::verdict::{Evidence, Finding};

pub const ID: &str = "personal-information";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.5.2.6",
    title: "pii_title",
    // An SSN or card number once published cannot be taken back.
    default: Severity::Block,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let hits = scan(f.text, &f.words, &f.lexicons.pii, f.policy);
    let Some(first) = hits.first() else {
        return Vec::new();
    };
    // One item per kind, in the order they first appear: "a Social Security number (***-**-1123)".
    let mut kinds: Vec<Kind> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    for h in &hits {
        if !kinds.contains(&h.kind) {
            kinds.push(h.kind);
            items.push(format!("{} ({})", f.t.get(h.kind.key()), h.shown));
        }
    }
    let why = f.t.fill("pii_why", &[("items", &f.t.and_list(&items))]);
    let mut finding = RULE.finding(&f.t, f.t.get("pii_do").into(), why, first.start, first.end);
    finding.evidence = hits
        .iter()
        .take(MAX_EVIDENCE)
        .map(|h| Evidence {
            text: h.shown.clone(),
            start: h.start,
            end: h.end,
        })
        .collect();
    vec![finding]
}
