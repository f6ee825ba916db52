//! Helpers for the rule tests: contexts, evaluation, sections and UTF-16 spans.

use postguard::context::{Account, Surface};
use postguard::policy::User;
use postguard::{Context, Draft, Engine, Finding, Policy, Verdict};

pub const CITY: (&str, &str) = ("CityofWestAllis", "City of West Allis");
pub const PERSONAL: (&str, &str) = ("jdoe_personal", "Jane Doe");

pub fn ctx(account: (&str, &str), surface: Surface) -> Context {
    Context {
        platform: Some("x".into()),
        account: Some(Account {
            handle: Some(account.0.into()),
            name: Some(account.1.into()),
        }),
        surface,
        user: Some(User {
            email: Some("jdoe@westalliswi.gov".into()),
            name: Some("Jane Doe".into()),
            title: Some("Communications Specialist".into()),
            ..User::default()
        }),
        ..Context::default()
    }
}

pub fn city_post() -> Context {
    ctx(CITY, Surface::Post)
}

pub fn personal_post() -> Context {
    ctx(PERSONAL, Surface::Post)
}

pub fn eval_with(engine: &Engine, text: &str, context: Context) -> Verdict {
    engine.evaluate(&Draft {
        text: text.into(),
        context,
    })
}

pub fn eval(text: &str, context: Context) -> Verdict {
    eval_with(&Engine::new(Policy::west_allis()), text, context)
}

/// The finding of `rule`, if the draft has one.
pub fn finding<'a>(v: &'a Verdict, rule: &str) -> Option<&'a Finding> {
    v.findings.iter().find(|f| f.rule == rule)
}

/// The text of a UTF-16 span.
pub fn utf16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

/// What triggered `rule`, as the spans point into the text.
pub fn evidence_texts(text: &str, f: &Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| utf16_slice(text, e.start, e.end))
        .collect()
}

/// The sections a verdict's findings cite, in order.
pub fn sections(v: &Verdict) -> Vec<&str> {
    v.findings.iter().map(|f| f.section).collect()
}
