//! §6.1.4: links on a City account must relate to the City's mission. A link is fine when
//! it points to the City's own site or email domains, another government (`.gov`,
//! `.wi.us` …) or a partner the policy lists; link shorteners are named as hiding their
//! destination, which neither the reader nor PostGuard can check.

use super::findings::MAX_EVIDENCE;
use super::{Facts, Rule};
use crate::links::{is_allowed_host, is_shortener, links};
use crate::policy::Severity;
use crate::verdict::{Evidence, Finding};

pub const ID: &str = "off-mission-link";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.1.4",
    title: "link_title",
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
    let t = &f.t;
    let mut says = Vec::new();
    for (hosts, one, many) in [
        (&other, "link_other_one", "link_other_many"),
        (&short, "link_short_one", "link_short_many"),
    ] {
        if !hosts.is_empty() {
            let key = if hosts.len() == 1 { one } else { many };
            says.push(t.fill(key, &[("hosts", &t.and_list(hosts))]));
        }
    }
    let advice = if other.is_empty() {
        "link_do_short"
    } else {
        "link_do"
    };
    let why = t.fill("link_why", &[("says", &says.join(" "))]);
    let mut finding = RULE.finding(t, t.get(advice).into(), why, first.start, first.end);
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
