//! §6.1.4: links on a City account must relate to the City's mission. A link is fine when
//! it points to the City's own site or email domains, another government (`.gov`,
//! `.wi.us` …) or a partner the policy lists; link shorteners are named as hiding their
//! destination, which neither the reader nor PostGuard can check.

use super::findings::{and_list, MAX_EVIDENCE};
use super::{Facts, Rule};
use crate::links::{is_allowed_host, is_shortener, links};
use crate::policy::Severity;
use crate::verdict::{Evidence, Finding};

pub const ID: &str = "off-mission-link";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.1.4",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let flagged: Vec<_> = links(f.text, f.policy)
        .into_iter()
        .filter(|l| !is_allowed_host(f.policy, &l.host))
        .collect();
    let Some(first) = flagged.first() else {
        return Vec::new();
    };
    let mut short: Vec<String> = Vec::new();
    let mut other: Vec<String> = Vec::new();
    for l in &flagged {
        let list = if is_shortener(f.policy, &l.host) {
            &mut short
        } else {
            &mut other
        };
        if !list.contains(&l.host) {
            list.push(l.host.clone());
        }
    }
    let mut says = Vec::new();
    if !other.is_empty() {
        says.push(format!(
            "{} {} not a City, government or partner site listed in the policy; make sure the link is directly related to the City's mission, services or goals.",
            and_list(&other),
            if other.len() == 1 { "is" } else { "are" }
        ));
    }
    if !short.is_empty() {
        says.push(format!(
            "{} {} a link shortener: readers cannot see where it goes and PostGuard cannot check it. Link to the destination itself.",
            and_list(&short),
            if short.len() == 1 { "is" } else { "are" }
        ));
    }
    let mut finding = RULE.finding(
        format!(
            "Links on City accounts must be directly related to the City's mission (§6.1.4): {}",
            says.join(" ")
        ),
        first.start,
        first.end,
    );
    finding.evidence = flagged
        .iter()
        .take(MAX_EVIDENCE)
        .map(|l| Evidence {
            text: l.text.to_string(),
            start: l.start,
            end: l.end,
        })
        .collect();
    vec![finding]
}
