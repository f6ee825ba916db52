//! §6.5.2.2: no ethnic slurs, profanity, personal insults or harassment on a City account.
//! The words are the policy's (`conduct.abusive`); [`crate::evasion`] sees through leet,
//! look-alike letters and spacing while matching whole words only, so "Essex" and
//! "assessment" stay clean.

use super::findings::{quoted, MAX_EVIDENCE};
use super::{Facts, Rule};
use crate::evasion::Found;
use crate::policy::{Severity, WordGroup};
use crate::verdict::{Evidence, Finding};

pub const ID: &str = "abusive-language";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.5.2.2",
    title: "abusive_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let found = f.lexicons.abusive.find_in(f.folded());
    finding(f, &RULE, &found, &f.policy.conduct.abusive, "abusive")
        .into_iter()
        .collect()
}

/// One finding for all the listed words found, grouped by their labels.
/// `kind` names its catalogue keys (`{kind}_do`, `{kind}_why`): "abusive" or "sexual".
pub(super) fn finding(
    f: &Facts,
    rule: &Rule,
    found: &[Found],
    groups: &[WordGroup],
    kind: &str,
) -> Option<Finding> {
    let first = found.first()?;
    let evidence: Vec<Evidence> = found
        .iter()
        .take(MAX_EVIDENCE)
        .map(|h| Evidence {
            text: h.text.to_string(),
            start: h.start,
            end: h.end,
        })
        .collect();
    // "profanity (“sh1t”, “f u c k”), personal insult (“idiot”)"
    let mut parts: Vec<String> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let of_group: Vec<Evidence> = found
            .iter()
            .zip(&evidence)
            .filter(|(h, _)| h.group == gi)
            .map(|(_, e)| e.clone())
            .collect();
        if !of_group.is_empty() {
            parts.push(format!("{} ({})", g.label, quoted(&f.t, &of_group, 3)));
        }
    }
    let (advice, why) = match kind {
        "sexual" => ("sexual_do", "sexual_why"),
        _ => ("abusive_do", "abusive_why"),
    };
    let why = f.t.fill(why, &[("what", &parts.join(", "))]);
    let mut finding = rule.finding(&f.t, f.t.get(advice).into(), why, first.start, first.end);
    finding.evidence = evidence;
    Some(finding)
}
