//! §6.2.8: a City account answering a private message moves the person to City email,
//! with a one-click reply snippet; the exchange is a public record.

use crate::support::*;
use postguard::context::Surface;
use postguard::policy::User;

const RULE: &str = "dm-public-record";

fn city_dm() -> postguard::Context {
    ctx(CITY, Surface::Dm)
}

#[test]
fn a_city_dm_reply_gets_the_reminder_and_a_snippet_with_the_users_city_email() {
    let v = eval("Hi Pat, thanks for reaching out.", city_dm());
    let f = finding(&v, RULE).expect("finding");
    assert_eq!(f.section, "6.2.8");
    assert!(f.message.contains("public records"), "{}", f.message);
    assert!(f.message.contains("jdoe@westalliswi.gov"), "{}", f.message);
    let fix = f.fix.as_ref().expect("fix");
    assert_eq!(fix.label, "Add City email reply");
    assert_eq!(
        fix.insert,
        " Please email jdoe@westalliswi.gov so we can help. Messages to this City account are public records."
    );
    // With the snippet the reply passes every rule, so the next send goes through.
    let fixed = format!("Hi Pat, thanks for reaching out.{}", fix.insert);
    let v = eval(&fixed, city_dm());
    assert!(v.findings.is_empty(), "{:?}", v.findings);
}

#[test]
fn without_a_city_email_the_policy_contact_is_used_or_asked_for() {
    let mut c = city_dm();
    c.user = Some(User {
        email: Some("jane@gmail.com".into()),
        ..User::default()
    });
    let v = eval("Hi Pat", c.clone());
    let fix = finding(&v, RULE).unwrap().fix.clone().unwrap();
    assert!(
        fix.insert.contains("communications@westalliswi.gov"),
        "{}",
        fix.insert
    );

    let mut policy = postguard::Policy::west_allis();
    policy.contact_email = None;
    let v = eval_with(&postguard::Engine::new(policy), "Hi Pat", c);
    let f = finding(&v, RULE).unwrap();
    assert!(f.fix.is_none());
    assert!(
        f.message.contains("set it in PostGuard's options"),
        "{}",
        f.message
    );
}

#[test]
fn a_reply_that_already_gives_a_city_address_passes() {
    let v = eval("Please write to clerk@westalliswi.gov", city_dm());
    assert!(finding(&v, RULE).is_none());
    let v = eval("Please write to pat@gmail.com", city_dm());
    assert!(
        finding(&v, RULE).is_some(),
        "a private address is not the City's"
    );
}

#[test]
fn only_city_accounts_and_only_dms() {
    assert!(finding(&eval("Hi Pat", ctx(PERSONAL, Surface::Dm)), RULE).is_none());
    assert!(finding(&eval("Hi Pat", city_post()), RULE).is_none());
    assert!(
        finding(&eval("   ", city_dm()), RULE).is_none(),
        "nothing typed yet"
    );
}

#[test]
fn the_snippet_must_fit() {
    let long = "a".repeat(9950);
    let f = finding(&eval(&long, city_dm()), RULE).unwrap().clone();
    assert!(f.fix.is_none());
    assert!(
        f.message.contains("over the limit of 10000"),
        "{}",
        f.message
    );
}
