//! §6.4.1.1: a personal account must not state or imply that it speaks for the City
//! ("the City has decided", "speaking for the City", "as a West Allis official"). The
//! phrases are the policy's (`personal_accounts.official_position`); a draft that already
//! disclaims ("views are my own") passes. The fix appends the policy's disclaimer,
//! "Views are my own, not the City of West Allis's.", when it fits the platform's limit.

use super::findings::{append_fix, listed_or_weighed, quoted};
use super::{Facts, Rule};
use crate::lexicon::Hit;
use crate::model::{judge, Head};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "official-position";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.4.1.1",
    title: "official_title",
    default: Severity::Warn,
    check,
};

/// The policy's official-position phrases in a draft, and how many.
pub fn lexicon_score(f: &Facts) -> (Vec<Hit>, u32) {
    let hits = f.lexicons.official_position.find(&f.words);
    let n = hits.len() as u32;
    (hits, n)
}

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_some() || !f.is_draft() {
        return Vec::new();
    }
    let lists = &f.lexicons;
    let (hits, n) = lexicon_score(f);
    // A disclaimer ("views are my own") settles it, whatever the words.
    if !lists.disclaimer_markers.find(&f.words).is_empty() {
        return Vec::new();
    }
    let model = judge(f, Head::Official, n);
    // IT\'s lists always flag; the model adds what they miss.
    if !(n > 0 || model.as_ref().is_some_and(|m| m.fires)) {
        return Vec::new();
    }
    let t = &f.t;
    let pa = &f.policy.personal_accounts;
    // IT's text in this language, else its one text, else PostGuard's in this language.
    let disclaimer = match (pa.disclaimer_by_language.as_ref(), &pa.disclaimer) {
        (Some(texts), _) if texts.get(t.lang.tag()).is_some_and(|v| v.is_string()) => {
            texts[t.lang.tag()].as_str().unwrap_or_default().to_string()
        }
        (_, Some(text)) => text.clone(),
        (by_language, None) => by_language
            .and_then(|texts| crate::policy::localized(texts, t.lang))
            .map(str::to_string)
            .unwrap_or_else(|| t.fill("official_disclaimer", &[("city", &f.policy.city)])),
    };
    if f.text.to_lowercase().contains(&disclaimer.to_lowercase()) {
        return Vec::new();
    }
    let ev = listed_or_weighed(f, &hits, model);
    let (start, end) = ev.first().map_or((0, 0), |e| (e.start, e.end));
    let why = t.fill(
        "official_why",
        &[("city", &f.policy.city), ("what", &quoted(t, &ev, 3))],
    );
    let mut finding = RULE.finding(t, t.get("official_do").into(), why, start, end);
    finding.evidence = ev;
    match append_fix(f, t.get("official_fix"), &disclaimer) {
        Ok(fix) => finding.fix = Some(fix),
        Err(why) => {
            finding.why.push(' ');
            finding.why.push_str(&t.fill(
                "official_no_fit",
                &[("disclaimer", &disclaimer), ("reason", &why)],
            ));
        }
    }
    vec![finding]
}
