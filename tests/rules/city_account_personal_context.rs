//! §6.4: a City account used in a personal context (personal drafts, a private person's space),
//! and how City accounts are recognised.

use crate::support::*;
use postguard::context::{Account, Surface, Target, TargetKind};
use postguard::{Level, Policy};

#[test]
fn city_account_personal_draft_warns_and_says_why() {
    let text = "Ugh, so hungover after last night lol. Can't wait for the weekend with my kids";
    let v = eval(text, ctx(CITY, Surface::Post));
    assert_eq!(v.verdict, Level::Warn);
    assert_eq!(sections(&v), ["6.4"]);
    let f = &v.findings[0];
    assert_eq!(f.title, "Personal post on the City account");
    assert_eq!(
        f.advice,
        "Post this from your own account, not City of West Allis."
    );
    assert!(f
        .why
        .starts_with("You are posting as the official City account City of West Allis"));
    assert!(f.message.contains("“hungover”"), "{}", f.message);
    let quoted: Vec<_> = f.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(quoted, ["Ugh", "hungover", "lol", "Can't wait", "my kids"]);
    assert_eq!(&text[f.start..f.end], "Ugh");
    assert_eq!(
        v.badge.as_deref(),
        Some("Posting as City account City of West Allis")
    );
}

#[test]
fn one_weak_marker_is_not_enough() {
    // A single first-person word scores 1, under the threshold of 2.
    let v = eval(
        "I will ask Public Works about the pothole on 84th St.",
        ctx(CITY, Surface::Post),
    );
    assert_eq!(v.verdict, Level::Allow, "{:?}", v.findings);
}

#[test]
fn personal_drafts_on_personal_accounts_are_fine() {
    let v = eval(
        "Great game last night! Go Brewers, lol my kids loved it",
        ctx(PERSONAL, Surface::Post),
    );
    assert_eq!(v.verdict, Level::Allow);
    assert_eq!(v.badge, None);
    assert!(!v.account.city);
}

#[test]
fn posting_into_a_private_persons_space_warns() {
    let mut c = ctx(CITY, Surface::Post);
    c.target = Some(Target {
        kind: TargetKind::Person,
        name: Some("Pat Resident".into()),
        ..Target::default()
    });
    let v = eval("Happy to help with the permit.", c);
    assert_eq!(sections(&v), ["6.4"]);
    assert!(v.findings[0]
        .message
        .contains("Pat Resident's personal space"));
}

#[test]
fn city_accounts_are_recognised_by_registry_name_and_handle() {
    let policy = Policy::west_allis();
    let mut c = ctx(("wapl_events", "West Allis Public Library"), Surface::Post);
    assert!(c.city_account(&policy).is_some(), "by name");
    c.account = Some(Account {
        handle: Some("@WestAllisPD".into()),
        name: None,
    });
    assert!(c.city_account(&policy).is_some(), "by handle prefix");
    c.account = Some(Account {
        handle: Some("west_allis_mom".into()),
        name: Some("West Allis Mom".into()),
    });
    assert!(
        c.city_account(&policy).is_none(),
        "a resident naming the town is not the City"
    );
}
