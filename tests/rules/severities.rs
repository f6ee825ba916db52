//! Severities come from the policy: IT may raise, lower or switch off each rule.

use crate::support::*;
use postguard::context::Surface;
use postguard::policy::Severity;
use postguard::{Draft, Engine, Level, Policy};

#[test]
fn policy_severities_apply_and_off_disables() {
    let mut policy = Policy::west_allis();
    policy
        .severities
        .insert("reply-signature".into(), Severity::Off);
    policy
        .severities
        .insert("city-account-personal-context".into(), Severity::Block);
    let engine = Engine::new(policy);
    let reply = engine.evaluate(&Draft {
        text: "Thanks!".into(),
        context: ctx(CITY, Surface::Reply),
    });
    assert!(reply.findings.is_empty());
    let personal = engine.evaluate(&Draft {
        text: "so hungover lol".into(),
        context: ctx(CITY, Surface::Post),
    });
    assert_eq!(personal.verdict, Level::Block);
}
