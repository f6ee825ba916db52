//! §6.4.1.4: no official City business on a personal account: permits, official
//! announcements, answering residents about City services. Signs of City business are the
//! policy's weighted phrase groups (`personal_accounts.city_business`), each counted once;
//! a draft is City business at a total weight of 2, so a topic alone ("my building permit
//! came through") is not enough, but a topic and a staff reply ("I've forwarded your
//! complaint") is. Words inside an email address or link do not count.

use super::findings::{listed_or_weighed, quoted};
use super::{Facts, Rule};
use crate::lexicon::Hit;
use crate::links::links;
use crate::model::{judge, Head};
use crate::policy::Severity;
use crate::text::emails;
use crate::verdict::Finding;

pub const ID: &str = "city-business-personal-account";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.4.1.4",
    title: "business_title",
    default: Severity::Warn,
    check,
};

/// The weight at which a draft is City business when no model is compiled in.
const THRESHOLD: u32 = 2;

/// The policy's signs of City business in a draft (outside addresses and links) and their
/// weight, each kind counted once.
pub fn lexicon_score(f: &Facts) -> (Vec<Hit>, u32) {
    let groups = &f.policy.personal_accounts.city_business;
    // Words inside an address or link ("permits@westalliswi.gov") only point to the City.
    let mut pointers: Vec<(usize, usize)> =
        emails(f.text).iter().map(|e| (e.start, e.end)).collect();
    pointers.extend(links(f.text, f.policy).iter().map(|l| (l.start, l.end)));
    let mut hits = f.lexicons.city_business.find(&f.words);
    hits.retain(|h| {
        let (start, end) = (f.words[h.first].start, f.words[h.last - 1].end);
        !pointers.iter().any(|&(s, e)| s < end && start < e)
    });
    // Each kind of sign counts once: "permit ... permits" is still one topic.
    let mut seen: Vec<usize> = hits.iter().map(|h| h.group).collect();
    seen.sort_unstable();
    seen.dedup();
    let score: u32 = seen.iter().map(|&g| u32::from(groups[g].weight)).sum();
    (hits, score)
}

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_some() || !f.is_draft() {
        return Vec::new();
    }
    let groups = &f.policy.personal_accounts.city_business;
    let (hits, score) = lexicon_score(f);
    let model = judge(f, Head::Business, score);
    // IT\'s lists always flag; the model adds what they miss.
    if !(score >= THRESHOLD || model.as_ref().is_some_and(|m| m.fires)) {
        return Vec::new();
    }
    let mut labels: Vec<&str> = Vec::new();
    for h in &hits {
        let label = groups[h.group].label.as_str();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    if labels.is_empty() {
        labels.push(f.t.get("business_in_context"));
    }
    let ev = listed_or_weighed(f, &hits, model);
    let (start, end) = ev.first().map_or((0, 0), |e| (e.start, e.end));
    let why = f.t.fill(
        "business_why",
        &[
            ("labels", &labels.join(", ")),
            ("what", &quoted(&f.t, &ev, 4)),
            (
                "site",
                f.policy
                    .official_site
                    .trim_start_matches("https://")
                    .trim_start_matches("http://"),
            ),
        ],
    );
    let mut finding = RULE.finding(&f.t, f.t.get("business_do").into(), why, start, end);
    finding.evidence = ev;
    vec![finding]
}
