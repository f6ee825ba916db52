//! §6.5.2.5: no political activity on City accounts (Policy 1423; Civil Service Rule IX):
//! no campaigning, endorsing, "vote for/against", candidate or party advocacy. Neutral
//! election information from the City Clerk ("polls open 7am–8pm", "register to vote")
//! stays clean because only advocacy phrases are listed (`political.phrases`), and
//! `political.allow` covers look-alikes such as "vote for your favorite pumpkin".

use super::findings::{evidence, quoted};
use super::{Facts, Rule};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "political-activity";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.5.2.5",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let mut hits = f.lexicons.political.find(&f.words);
    hits.retain(|h| h.group == 0);
    if hits.is_empty() {
        return Vec::new();
    }
    let ev = evidence(f, &hits);
    let mut finding = RULE.finding(
        format!(
            "This reads as political campaigning ({}). City accounts must not campaign for or against candidates, parties or ballot questions, or endorse them (§6.5.2.5, Political Activities Policy 1423). Neutral election information, such as polling hours and how to register, is fine.",
            quoted(&ev, 4)
        ),
        ev[0].start,
        ev[0].end,
    );
    finding.evidence = ev;
    vec![finding]
}
