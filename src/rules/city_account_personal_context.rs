//! §6.4 and §6.2.2: a City account used in a personal context.
//!
//! The famous failure is the rogue post sent from the official account by someone who
//! thought they were on their own. This rule fires when the active account is the City's
//! and the draft reads as personal (by the policy's weighted phrase lists), or when the
//! post lands in a private individual's own space.

use super::{Facts, Rule};
use crate::context::{Surface, TargetKind};
use crate::lexicon::Hit;
use crate::model::{judge, Head};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "city-account-personal-context";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.4",
    title: "personal_title",
    default: Severity::Warn,
    check,
};

/// The weight at which a draft reads as personal when no model is compiled in.
const THRESHOLD: u32 = 2;
/// Below this probability the model overrules the lists: personal words serving City business.
const VETO: f32 = 0.1;

/// The policy's personal markers in a draft and their total weight: the model's input from
/// IT's lists, and the whole rule without a model.
pub fn lexicon_score(f: &Facts) -> (Vec<Hit>, u32) {
    let hits = f.lexicons.personal.find(&f.words);
    let score: u32 = hits
        .iter()
        .map(|h| u32::from(f.policy.personal_markers[h.group].weight))
        .sum();
    (hits, score)
}

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() {
        return Vec::new();
    }
    let account = f
        .ctx
        .account_label()
        .unwrap_or_else(|| f.policy.city.clone());
    let (hits, score) = lexicon_score(f);
    // The lists flag unless the model, reading the words in context, is sure it is City
    // business ("Drunk driving kills"); the model alone flags what the lists miss.
    let model = f
        .is_draft()
        .then(|| judge(f, Head::Personal, score))
        .flatten();
    let listed = score >= THRESHOLD;
    let personal = model
        .as_ref()
        .map_or(listed, |m| m.fires || (listed && m.probability >= VETO));

    let private_space = f
        .ctx
        .target
        .as_ref()
        .is_some_and(|t| t.kind == TargetKind::Person)
        && matches!(f.ctx.surface, Surface::Post | Surface::Comment);

    if !personal && !private_space {
        return Vec::new();
    }
    let mut evidence = super::findings::evidence(f, &hits);
    let listed = !evidence.is_empty();
    if !listed {
        evidence = model.map(|m| m.evidence).unwrap_or_default();
    }

    let t = &f.t;
    let mut why = Vec::new();
    if personal && !listed {
        why.push(t.fill(
            "personal_reads",
            &[("what", &super::findings::quoted(t, &evidence, 3))],
        ));
    } else if personal {
        let mut labels: Vec<&str> = Vec::new();
        for h in &hits {
            let label = f.policy.personal_markers[h.group].label.as_str();
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        let quoted: Vec<String> = evidence
            .iter()
            .take(4)
            .map(|e| format!("“{}”", e.text))
            .collect();
        let what = format!("{}: {}", labels.join(", "), quoted.join(", "));
        why.push(t.fill("personal_reads", &[("what", &what)]));
    }
    if private_space {
        let whose = f
            .ctx
            .target
            .as_ref()
            .and_then(|t| t.name.clone())
            .unwrap_or_else(|| t.get("private_individual").to_string());
        why.push(t.fill("personal_space", &[("whose", &whose)]));
    }
    let why = t.fill(
        "personal_why",
        &[("account", &account), ("reasons", &t.and_list(&why))],
    );
    let advice = t.fill("personal_do", &[("account", &account)]);
    let (start, end) = evidence.first().map_or((0, 0), |e| (e.start, e.end));
    let mut finding = RULE.finding(t, advice, why, start, end);
    finding.evidence = evidence;
    vec![finding]
}
