//! §6.5.2.5: no political activity on City accounts (Policy 1423; Civil Service Rule IX):
//! no campaigning, endorsing, "vote for/against", candidate or party advocacy. Neutral
//! election information from the City Clerk ("polls open 7am–8pm", "register to vote")
//! stays clean because only advocacy phrases are listed (`political.phrases`), and
//! `political.allow` covers look-alikes such as "vote for your favorite pumpkin".

use super::findings::{listed_or_weighed, quoted};
use super::{Facts, Rule};
use crate::lexicon::Hit;
use crate::model::{judge, Head};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "political-activity";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.5.2.5",
    title: "political_title",
    default: Severity::Warn,
    check,
};

/// The policy's advocacy phrases in a draft (its allowed look-alikes hide them), and how many.
pub fn lexicon_score(f: &Facts) -> (Vec<Hit>, u32) {
    let mut hits = f.lexicons.political.find(&f.words);
    hits.retain(|h| h.group == 0);
    let n = hits.len() as u32;
    (hits, n)
}

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || !f.is_draft() {
        return Vec::new();
    }
    let (hits, n) = lexicon_score(f);
    let model = judge(f, Head::Political, n);
    // IT\'s lists always flag; the model adds what they miss.
    if !(n > 0 || model.as_ref().is_some_and(|m| m.fires)) {
        return Vec::new();
    }
    let ev = listed_or_weighed(f, &hits, model);
    let (start, end) = ev.first().map_or((0, 0), |e| (e.start, e.end));
    let why =
        f.t.fill("political_why", &[("what", &quoted(&f.t, &ev, 4))]);
    let mut finding = RULE.finding(&f.t, f.t.get("political_do").into(), why, start, end);
    finding.evidence = ev;
    vec![finding]
}
