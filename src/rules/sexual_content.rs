//! §6.5.2.4: no sexually explicit messages or jokes on a City account (the City's
//! Anti-Harassment and Retaliation Policy 1436). The words are the policy's
//! (`conduct.sexual`), matched like §6.5.2.2's, through the same evasion handling.

use super::{Facts, Rule};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "sexual-content";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.5.2.4",
    title: "sexual_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let found = f.lexicons.sexual.find_in(f.folded());
    super::abusive_language::finding(f, &RULE, &found, &f.policy.conduct.sexual, "sexual")
        .into_iter()
        .collect()
}
