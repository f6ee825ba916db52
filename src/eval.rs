//! Scores the engine against labelled drafts (`postguard eval`, tests/corpus/README.md).
//!
//! Pure functions over (case, verdict) pairs: the CLI reads the lines, runs the engine and
//! prints; everything measured is decided here, so the numbers can be tested without I/O.
//!
//! A label is a section ("6.4") or a rule id ("city-password-social-site"); it matches a
//! finding with that section or that rule id. Per case, a label in `expect` that no finding
//! matches is a miss; a finding is a false alarm when it matches no `expect` or `allow` label
//! and `forbid` names it (or holds "*"). Findings neither expected, allowed nor forbidden are
//! not scored.

use crate::rules::RULES;
use crate::verdict::{Finding, Level, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a case is for; it decides which false-alarm rate it counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Clean,
    Violation,
    NearMiss,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Clean => "clean",
            Kind::Violation => "violation",
            Kind::NearMiss => "near-miss",
        }
    }
}

/// The labels of one case, validated: every label is a known section or rule id.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: String,
    pub kind: Kind,
    pub expect: Vec<String>,
    /// `forbid` without "*".
    pub forbid: Vec<String>,
    /// `forbid` held "*": any finding not expected or allowed is a false alarm.
    pub forbid_any: bool,
    pub allow: Vec<String>,
    /// The verdict level the case expects, when it says; else "flagged at all" is scored.
    pub verdict: Option<Level>,
    pub text: String,
}

#[derive(Deserialize)]
struct Labels {
    id: Option<String>,
    kind: Option<Kind>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    forbid: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    verdict: Option<Level>,
    #[serde(default)]
    text: String,
}

impl Case {
    /// The labels of one JSON line (the draft's own fields are ignored here). `at` (file and
    /// line) names the case when it has no `id`. Without `kind`, a case that expects
    /// something is a violation, else clean.
    pub fn from_json(json: &str, at: &str) -> Result<Case, String> {
        let l: Labels = serde_json::from_str(json).map_err(|e| e.to_string())?;
        for (field, labels) in [
            ("expect", &l.expect),
            ("forbid", &l.forbid),
            ("allow", &l.allow),
        ] {
            for label in labels {
                if !(is_known(label) || field == "forbid" && label == "*") {
                    return Err(format!(
                        "{field}: unknown label {label:?}: a label is a section ({}) or a rule id ({}){}",
                        sections().join(", "),
                        RULES.iter().map(|r| r.id).collect::<Vec<_>>().join(", "),
                        if field == "forbid" { ", or \"*\"" } else { "" }
                    ));
                }
            }
        }
        let kind = l.kind.unwrap_or(if l.expect.is_empty() {
            Kind::Clean
        } else {
            Kind::Violation
        });
        if kind == Kind::Violation && l.expect.is_empty() {
            return Err("kind: a violation must expect a section".into());
        }
        Ok(Case {
            id: l.id.unwrap_or_else(|| at.to_string()),
            kind,
            expect: l.expect,
            forbid_any: l.forbid.iter().any(|f| f == "*"),
            forbid: l.forbid.into_iter().filter(|f| f != "*").collect(),
            allow: l.allow,
            verdict: l.verdict,
            text: l.text,
        })
    }

    fn expects(&self, f: &Finding) -> bool {
        self.expect.iter().any(|l| matches(l, f))
    }

    /// Whether this finding on this case is a false alarm.
    pub fn forbids(&self, f: &Finding) -> bool {
        !self.expects(f)
            && !self.allow.iter().any(|l| matches(l, f))
            && (self.forbid_any || self.forbid.iter().any(|l| matches(l, f)))
    }
}

/// A label names a finding by its section or its rule id.
pub fn matches(label: &str, f: &Finding) -> bool {
    f.section == label || f.rule == label
}

fn is_known(label: &str) -> bool {
    RULES.iter().any(|r| r.id == label || r.section == label)
}

/// The section a label stands for (a rule id stands for the section it cites).
pub fn section_of(label: &str) -> &str {
    RULES
        .iter()
        .find(|r| r.id == label)
        .map_or(label, |r| r.section)
}

/// Every section a rule cites, in the policy's order.
pub fn sections() -> Vec<&'static str> {
    let mut s: Vec<_> = RULES.iter().map(|r| r.section).collect();
    s.sort_by(|a, b| by_section(a, b));
    s.dedup();
    s
}

/// "6.4" < "6.4.1.1" < "6.5.2.2", numerically part by part.
fn by_section(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<u32> { s.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    parts(a).cmp(&parts(b))
}

/// Counts for one section or rule, case by case.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Score {
    pub key: String,
    /// Cases expecting it where it was found.
    pub tp: usize,
    /// Cases where a finding of it was a false alarm.
    pub fp: usize,
    /// Cases expecting it where it was not found.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// tp + fn: the cases that expect it.
    pub support: usize,
    /// None when it was never found (nothing to be precise about).
    pub precision: Option<f64>,
    /// None when no case expects it.
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Score {
    fn new(key: &str) -> Score {
        Score {
            key: key.to_string(),
            ..Default::default()
        }
    }

    fn finish(mut self) -> Score {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.support = self.tp + self.fn_;
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.support);
        self.f1 = match (self.precision, self.recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        self
    }
}

/// `hits` of `of` cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rate {
    pub hits: usize,
    pub of: usize,
}

impl Rate {
    pub fn ratio(&self) -> Option<f64> {
        (self.of > 0).then(|| self.hits as f64 / self.of as f64)
    }
}

/// A finding as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    pub rule: &'static str,
    pub section: &'static str,
    /// The words that triggered it, when the rule says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
}

impl From<&Finding> for Found {
    fn from(f: &Finding) -> Found {
        Found {
            rule: f.rule,
            section: f.section,
            on: f.evidence.first().map(|e| e.text.clone()),
        }
    }
}

/// An expected label that no finding matched, or a finding the case forbids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Error {
    pub id: String,
    pub kind: Kind,
    /// The label missed, or the forbidden finding's section.
    pub section: String,
    /// The forbidden finding (false alarms only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<Found>,
    pub excerpt: String,
    /// Every finding on the case.
    pub found: Vec<Found>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FalseAlarms {
    pub clean: Rate,
    pub near_miss: Rate,
    /// Violations with a finding beyond what they expect or allow.
    pub violation: Rate,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub cases: usize,
    pub sections: Vec<Score>,
    pub rules: Vec<Score>,
    /// Cases with at least one false alarm, by kind.
    pub false_alarms: FalseAlarms,
    /// Cases whose verdict level matches (when they give one) or whose "flagged at all"
    /// matches whether they expect anything.
    pub verdict_accuracy: Rate,
    pub misses: Vec<Error>,
    pub false_alarm_list: Vec<Error>,
}

/// Scores every case against the engine's verdict on it.
pub fn score(pairs: &[(Case, Verdict)]) -> Report {
    let mut sections: BTreeMap<&str, Score> = BTreeMap::new();
    let mut rules: BTreeMap<&str, Score> = BTreeMap::new();
    let mut r = Report {
        cases: pairs.len(),
        ..Default::default()
    };
    for (case, verdict) in pairs {
        let findings = &verdict.findings;
        let found = || findings.iter().map(Found::from).collect::<Vec<_>>();
        let excerpt = excerpt(&case.text, 60);

        // Recall, and the misses: per section, a case counts once.
        let mut expected: BTreeMap<&str, bool> = BTreeMap::new();
        for label in &case.expect {
            let hit = findings.iter().any(|f| matches(label, f));
            let all = expected.entry(section_of(label)).or_insert(true);
            *all &= hit;
            if !hit {
                r.misses.push(Error {
                    id: case.id.clone(),
                    kind: case.kind,
                    section: label.clone(),
                    finding: None,
                    excerpt: excerpt.clone(),
                    found: found(),
                });
            }
        }
        for (section, hit) in expected {
            let s = sections
                .entry(section)
                .or_insert_with(|| Score::new(section));
            if hit {
                s.tp += 1
            } else {
                s.fn_ += 1
            }
        }

        // Per rule: a label names a rule when it is its id, or the section only it cites;
        // a section two rules cite (6.4.1.2) names the rule whose finding matched it.
        for rule in RULES {
            let names = |l: &String| {
                l == rule.id
                    || l == rule.section
                        && (RULES.iter().filter(|o| o.section == rule.section).count() == 1
                            || findings.iter().any(|f| f.rule == rule.id && matches(l, f)))
            };
            if case.expect.iter().any(names) {
                let s = rules.entry(rule.id).or_insert_with(|| Score::new(rule.id));
                let hit = findings
                    .iter()
                    .any(|f| f.rule == rule.id && case.expects(f));
                if hit {
                    s.tp += 1
                } else {
                    s.fn_ += 1
                }
            }
        }

        // Precision, and the false alarms.
        let forbidden: Vec<&Finding> = findings.iter().filter(|f| case.forbids(f)).collect();
        let mut fp_sections: Vec<&str> = forbidden.iter().map(|f| f.section).collect();
        fp_sections.dedup();
        for section in fp_sections {
            sections
                .entry(section)
                .or_insert_with(|| Score::new(section))
                .fp += 1;
        }
        let mut fp_rules: Vec<&str> = forbidden.iter().map(|f| f.rule).collect();
        fp_rules.dedup();
        for rule in fp_rules {
            rules.entry(rule).or_insert_with(|| Score::new(rule)).fp += 1;
        }
        for f in &forbidden {
            r.false_alarm_list.push(Error {
                id: case.id.clone(),
                kind: case.kind,
                section: f.section.to_string(),
                finding: Some(Found::from(*f)),
                excerpt: excerpt.clone(),
                found: found(),
            });
        }
        let rate = match case.kind {
            Kind::Clean => &mut r.false_alarms.clean,
            Kind::NearMiss => &mut r.false_alarms.near_miss,
            Kind::Violation => &mut r.false_alarms.violation,
        };
        rate.of += 1;
        rate.hits += usize::from(!forbidden.is_empty());

        r.verdict_accuracy.of += 1;
        r.verdict_accuracy.hits += usize::from(verdict_right(case, verdict));
    }
    let mut sections: Vec<Score> = sections.into_values().map(Score::finish).collect();
    sections.sort_by(|a, b| by_section(&a.key, &b.key));
    r.sections = sections;
    // Rules in the order the engine shows them.
    r.rules = RULES
        .iter()
        .filter_map(|rule| rules.remove(rule.id).map(Score::finish))
        .collect();
    r
}

/// The case's verdict level if it gives one; else flagged (warn or block) exactly when it
/// expects something. A case that expects nothing is also right when every finding is one
/// it allows.
fn verdict_right(case: &Case, v: &Verdict) -> bool {
    if let Some(level) = case.verdict {
        return v.verdict == level;
    }
    let flagged = v.verdict > Level::Allow;
    if case.expect.is_empty() {
        !flagged
            || v.findings
                .iter()
                .all(|f| case.allow.iter().any(|l| matches(l, f)))
    } else {
        flagged
    }
}

/// The first `max` characters of `text` on one line.
fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// The minimums a run must meet (`postguard eval --min-precision …`, or `--floors FILE`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    #[serde(default)]
    pub min_precision: Option<f64>,
    #[serde(default)]
    pub min_recall: Option<f64>,
    #[serde(default)]
    pub max_false_alarms_clean: Option<f64>,
    #[serde(default)]
    pub max_false_alarms_near_miss: Option<f64>,
    /// Per section ("6.4"), overriding the two minimums above for that section: one floor
    /// for all would guard only the weakest section.
    #[serde(default)]
    pub sections: BTreeMap<String, SectionFloor>,
}

/// A section's own minimums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFloor {
    #[serde(default)]
    pub precision: Option<f64>,
    #[serde(default)]
    pub recall: Option<f64>,
}

impl Floors {
    /// Floors from a JSON file's text; every field optional, unknown fields an error.
    pub fn from_json(json: &str) -> Result<Floors, String> {
        let floors: Floors = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if let Some(s) = floors
            .sections
            .keys()
            .find(|s| !sections().contains(&s.as_str()))
        {
            return Err(format!("no section {s} in the policy's rules"));
        }
        Ok(floors)
    }

    /// Command-line minimums over these (a flag given wins over the file's).
    pub fn with(mut self, flags: Floors) -> Floors {
        self.min_precision = flags.min_precision.or(self.min_precision);
        self.min_recall = flags.min_recall.or(self.min_recall);
        self.max_false_alarms_clean = flags.max_false_alarms_clean.or(self.max_false_alarms_clean);
        self.max_false_alarms_near_miss = flags
            .max_false_alarms_near_miss
            .or(self.max_false_alarms_near_miss);
        self
    }
}

/// One line for each minimum a section (or a false-alarm rate) fails; empty when all hold.
/// A section never found has no precision to fail; one no case expects has no recall.
pub fn failures(r: &Report, floors: &Floors) -> Vec<String> {
    let mut out = Vec::new();
    for s in &r.sections {
        let own = floors.sections.get(&s.key);
        let pick = |own: Option<f64>, all: Option<f64>, flag: &'static str| match own {
            Some(v) => (Some(v), "its floor"),
            None => (all, flag),
        };
        let (min_p, p_flag) = pick(
            own.and_then(|f| f.precision),
            floors.min_precision,
            "--min-precision",
        );
        let (min_r, r_flag) = pick(
            own.and_then(|f| f.recall),
            floors.min_recall,
            "--min-recall",
        );
        for (name, value, min, flag) in [
            ("precision", s.precision, min_p, p_flag),
            ("recall", s.recall, min_r, r_flag),
        ] {
            if let (Some(v), Some(min)) = (value, min) {
                if v < min {
                    out.push(format!(
                        "FAIL: §{} {name} {v:.3} is under {flag} {min} (tp {}, fp {}, fn {})",
                        s.key, s.tp, s.fp, s.fn_
                    ));
                }
            }
        }
    }
    for (name, rate, max, flag) in [
        (
            "clean drafts",
            r.false_alarms.clean,
            floors.max_false_alarms_clean,
            "--max-false-alarms",
        ),
        (
            "near-misses",
            r.false_alarms.near_miss,
            floors.max_false_alarms_near_miss,
            "--max-near-miss-false-alarms",
        ),
    ] {
        if let (Some(v), Some(max)) = (rate.ratio(), max) {
            if v > max {
                out.push(format!(
                    "FAIL: false alarms on {name} {v:.3} ({} of {}) are over {flag} {max}",
                    rate.hits, rate.of
                ));
            }
        }
    }
    out
}

/// The report as text: the tables first, then every miss and false alarm.
pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let n = |x: Option<f64>| x.map_or("    -".to_string(), |v| format!("{v:.3}"));
    let table = |o: &mut String, head: &str, width: usize, rows: &[Score]| {
        let _ = writeln!(
            o,
            "{head:<width$}  precision  recall     F1  support    tp   fp   fn"
        );
        for s in rows {
            let _ = writeln!(
                o,
                "{:<width$}      {}   {}  {}  {:>7}  {:>4} {:>4} {:>4}",
                s.key,
                n(s.precision),
                n(s.recall),
                n(s.f1),
                s.support,
                s.tp,
                s.fp,
                s.fn_
            );
        }
    };
    let fa = &r.false_alarms;
    let kinds = fa.clean.of + fa.violation.of + fa.near_miss.of;
    let _ = writeln!(
        o,
        "{kinds} cases: {} clean, {} violations, {} near-misses\n",
        fa.clean.of, fa.violation.of, fa.near_miss.of
    );
    table(&mut o, "section", 8, &r.sections);
    o.push('\n');
    table(&mut o, "rule", 30, &r.rules);
    o.push('\n');
    let pct = |rate: &Rate| {
        rate.ratio().map_or("-".to_string(), |v| {
            format!("{:.1}% ({} of {})", v * 100.0, rate.hits, rate.of)
        })
    };
    let _ = writeln!(o, "false alarms, clean drafts:   {}", pct(&fa.clean));
    let _ = writeln!(o, "false alarms, near-misses:    {}", pct(&fa.near_miss));
    let _ = writeln!(o, "violations with extra finding: {}", pct(&fa.violation));
    let _ = writeln!(
        o,
        "verdict accuracy:             {}",
        pct(&r.verdict_accuracy)
    );

    let found = |f: &[Found]| {
        if f.is_empty() {
            "nothing".to_string()
        } else {
            f.iter()
                .map(|f| format!("{} {}", f.section, f.rule))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let _ = writeln!(o, "\nmisses ({}): expected, not found", r.misses.len());
    for m in &r.misses {
        let _ = writeln!(
            o,
            "  {}  {}  \"{}\"  found: {}",
            m.id,
            m.section,
            m.excerpt,
            found(&m.found)
        );
    }
    let _ = writeln!(
        o,
        "\nfalse alarms ({}): found, forbidden by the case",
        r.false_alarm_list.len()
    );
    for e in &r.false_alarm_list {
        let f = e.finding.as_ref().expect("a false alarm has its finding");
        let on =
            f.on.as_ref()
                .map_or(String::new(), |w| format!(" on {w:?}"));
        let _ = writeln!(
            o,
            "  {}  {}  {} {}{on}  \"{}\"",
            e.id,
            e.kind.name(),
            f.section,
            f.rule,
            e.excerpt
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Severity;
    use crate::verdict::AccountView;

    fn case(json: &str) -> Case {
        Case::from_json(json, "f.jsonl: line 1").unwrap()
    }

    fn finding(rule: &'static str, section: &'static str) -> Finding {
        Finding {
            rule,
            section,
            severity: Severity::Warn,
            title: String::new(),
            advice: String::new(),
            why: String::new(),
            learn_more: None,
            message: String::new(),
            start: 0,
            end: 0,
            evidence: Vec::new(),
            fix: None,
        }
    }

    fn verdict(findings: Vec<Finding>) -> Verdict {
        Verdict {
            verdict: if findings.is_empty() {
                Level::Allow
            } else {
                Level::Warn
            },
            findings,
            account: AccountView {
                city: true,
                reason: None,
                label: None,
            },
            badge: None,
            panel: None,
        }
    }

    const PERSONAL: (&str, &str) = ("city-account-personal-context", "6.4");
    const PII: (&str, &str) = ("personal-information", "6.5.2.6");

    fn with(f: &[(&'static str, &'static str)]) -> Verdict {
        verdict(f.iter().map(|&(r, s)| finding(r, s)).collect())
    }

    fn section<'a>(r: &'a Report, key: &str) -> &'a Score {
        r.sections.iter().find(|s| s.key == key).unwrap()
    }

    #[test]
    fn precision_recall_and_f1_per_section() {
        let v = r#"{"kind":"violation","expect":["6.4"],"forbid":["*"]}"#;
        let c = r#"{"kind":"clean","forbid":["*"]}"#;
        let pairs = vec![
            (case(v), with(&[PERSONAL])), // tp
            (case(v), with(&[PERSONAL])), // tp
            (case(v), with(&[PERSONAL])), // tp
            (case(v), with(&[])),         // fn
            (case(c), with(&[PERSONAL])), // fp
            (case(c), with(&[])),
        ];
        let r = score(&pairs);
        let s = section(&r, "6.4");
        assert_eq!((s.tp, s.fp, s.fn_, s.support), (3, 1, 1, 4));
        assert_eq!(s.precision, Some(0.75));
        assert_eq!(s.recall, Some(0.75));
        // Lopsided, so that precision and recall cannot be confused.
        let pairs = vec![
            (case(v), with(&[PERSONAL])),
            (case(v), with(&[])),
            (case(v), with(&[])),
            (case(v), with(&[])),
        ];
        let s = score(&pairs).sections[0].clone();
        assert_eq!(s.precision, Some(1.0));
        assert_eq!(s.recall, Some(0.25));
        assert_eq!(s.f1, Some(0.4));
        assert_eq!(r.false_alarms.clean, Rate { hits: 1, of: 2 });
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.false_alarm_list.len(), 1);
        assert_eq!(r.verdict_accuracy, Rate { hits: 4, of: 6 });
    }

    #[test]
    fn allow_takes_no_side_and_star_forbids_the_rest() {
        let r = score(&[
            (
                case(r#"{"kind":"violation","expect":["6.5.2.2"],"allow":["6.4"],"forbid":["*"]}"#),
                with(&[("abusive-language", "6.5.2.2"), PERSONAL]),
            ),
            (
                case(r#"{"kind":"violation","expect":["6.5.2.2"],"forbid":["*"]}"#),
                with(&[("abusive-language", "6.5.2.2"), PII]),
            ),
            // Without "*", only what forbid names is a false alarm.
            (
                case(r#"{"kind":"near-miss","forbid":["6.4"]}"#),
                with(&[PII]),
            ),
        ]);
        assert_eq!(section(&r, "6.5.2.2").tp, 2);
        assert!(r.sections.iter().all(|s| s.key != "6.4"), "{r:?}");
        assert_eq!(section(&r, "6.5.2.6").fp, 1);
        assert_eq!(r.false_alarms.violation, Rate { hits: 1, of: 2 });
        assert_eq!(r.false_alarms.near_miss, Rate { hits: 0, of: 1 });
    }

    #[test]
    fn a_rule_id_label_needs_that_rule_and_counts_under_its_section() {
        let c = case(r#"{"kind":"violation","expect":["city-password-social-site"]}"#);
        let r = score(&[
            (c.clone(), with(&[("city-password-social-site", "6.4.1.2")])),
            (c, with(&[("city-email-personal-account", "6.4.1.2")])),
        ]);
        let s = section(&r, "6.4.1.2");
        assert_eq!((s.tp, s.fn_), (1, 1));
        assert_eq!(r.misses[0].section, "city-password-social-site");
        let rule = r
            .rules
            .iter()
            .find(|s| s.key == "city-password-social-site")
            .unwrap();
        assert_eq!((rule.tp, rule.fn_), (1, 1));
    }

    #[test]
    fn verdict_accuracy_uses_the_level_when_the_case_gives_one() {
        let mut blocked = with(&[PII]);
        blocked.verdict = Level::Block;
        let r = score(&[
            (
                case(r#"{"expect":["6.5.2.6"],"verdict":"block"}"#),
                blocked.clone(),
            ),
            (case(r#"{"expect":["6.5.2.6"],"verdict":"warn"}"#), blocked),
            (case(r#"{"expect":["6.5.2.6"]}"#), with(&[])),
            (case(r#"{"allow":["6.4"]}"#), with(&[PERSONAL])),
        ]);
        assert_eq!(r.verdict_accuracy, Rate { hits: 2, of: 4 });
    }

    #[test]
    fn unknown_labels_and_kinds_are_errors() {
        let e = Case::from_json(r#"{"expect":["6.2.2"]}"#, "").unwrap_err();
        assert!(e.contains("expect: unknown label \"6.2.2\""), "{e}");
        assert!(Case::from_json(r#"{"expect":["*"]}"#, "").is_err());
        assert!(Case::from_json(r#"{"kind":"nice"}"#, "").is_err());
        assert!(Case::from_json(r#"{"kind":"violation"}"#, "").is_err());
        let c = case(r#"{"expect":["sexual-content"]}"#);
        assert_eq!(
            (c.kind, c.id.as_str()),
            (Kind::Violation, "f.jsonl: line 1")
        );
    }

    #[test]
    fn floors_name_the_section_that_fails() {
        let v = r#"{"expect":["6.4"],"forbid":["*"]}"#;
        let r = score(&[
            (case(v), with(&[PERSONAL])),
            (case(v), with(&[])),
            (case(r#"{"kind":"near-miss","forbid":["*"]}"#), with(&[PII])),
            (case(r#"{"forbid":["*"]}"#), with(&[])),
        ]);
        let f = |floors| failures(&r, &floors);
        // A value equal to its floor passes.
        assert!(f(Floors {
            min_precision: Some(0.0),
            min_recall: Some(0.5),
            max_false_alarms_clean: Some(0.0),
            max_false_alarms_near_miss: Some(1.0),
            ..Default::default()
        })
        .is_empty());
        let out = f(Floors {
            min_recall: Some(0.6),
            min_precision: Some(0.5),
            ..Default::default()
        });
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].starts_with("FAIL: §6.4 recall 0.500 is under --min-recall 0.6"));
        // 6.5.2.6 was only ever a false alarm: precision 0.
        assert!(out[1].starts_with("FAIL: §6.5.2.6 precision 0.000"));
        let out = f(Floors {
            max_false_alarms_near_miss: Some(0.5),
            ..Default::default()
        });
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].contains("near-misses 1.000 (1 of 1)"));
        // A section's own floor wins over the minimum for all: §6.4 fails only its own.
        let file = Floors::from_json(
            r#"{"min_recall": 0.4, "sections": {"6.4": {"recall": 0.75}, "6.5.2.6": {"precision": 0.0}}}"#,
        )
        .unwrap();
        let out = f(file.clone().with(Floors::default()));
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("FAIL: §6.4 recall 0.500 is under its floor 0.75"));
        // A flag given on the command line wins over the file's minimum for all.
        let flags = Floors {
            min_precision: Some(0.5),
            ..Default::default()
        };
        assert_eq!(file.with(flags).min_precision, Some(0.5));
        assert!(Floors::from_json(r#"{"sections": {"6.9": {}}}"#)
            .unwrap_err()
            .contains("no section 6.9"));
        assert!(Floors::from_json(r#"{"min_recal": 1}"#).is_err());
    }

    #[test]
    fn render_lists_tables_misses_and_false_alarms() {
        let r = score(&[(
            case(
                r#"{"id":"x-1","kind":"clean","forbid":["*"],"text":"Drunk driving kills.\nPlan a ride."}"#,
            ),
            with(&[PERSONAL]),
        )]);
        let text = render(&r);
        assert!(
            text.contains("\n6.4           0.000       -      -        0     0    1    0\n"),
            "{text}"
        );
        assert!(
            text.contains("false alarms, clean drafts:   100.0% (1 of 1)"),
            "{text}"
        );
        assert!(text.contains(
            "  x-1  clean  6.4 city-account-personal-context  \"Drunk driving kills. Plan a ride.\""
        ));
        assert_eq!(excerpt("abcdef", 3), "abc…");
    }
}
