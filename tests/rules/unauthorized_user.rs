//! §6.1.2: only the Department's Authorized Social Media Users post on its City accounts.

use crate::support::*;
use postguard::policy::{AuthorizedUser, User};
use postguard::{Engine, Policy};

const RULE: &str = "unauthorized-user";

fn engine_with(accounts: &[&str]) -> Engine {
    let mut policy = Policy::west_allis();
    policy.authorized_users.push(AuthorizedUser {
        email: "JDoe@WestAllisWI.gov".into(),
        name: "Jane Doe".into(),
        title: "Communications Specialist".into(),
        accounts: accounts.iter().map(|s| s.to_string()).collect(),
    });
    Engine::new(policy)
}

#[test]
fn an_empty_directory_says_nothing() {
    assert!(finding(&eval("Open 9-5.", city_post()), RULE).is_none());
}

#[test]
fn listed_for_this_account_passes() {
    for accounts in [
        &["CityofWestAllis"][..],
        &["@cityofwestallis"],
        &["x:CityofWestAllis"],
    ] {
        let v = eval_with(&engine_with(accounts), "Open 9-5.", city_post());
        assert!(finding(&v, RULE).is_none(), "{accounts:?}");
    }
}

#[test]
fn listed_for_another_account_warns() {
    for accounts in [&["WestAllisPD"][..], &["facebook:CityofWestAllis"], &[]] {
        let v = eval_with(&engine_with(accounts), "Open 9-5.", city_post());
        let f = finding(&v, RULE).unwrap_or_else(|| panic!("{accounts:?}"));
        assert_eq!(f.section, "6.1.2");
        assert!(
            f.message.contains("but not for City of West Allis"),
            "{}",
            f.message
        );
    }
}

#[test]
fn not_listed_or_unknown_warns() {
    let engine = engine_with(&["CityofWestAllis"]);
    let mut c = city_post();
    c.user = Some(User {
        email: Some("intern@westalliswi.gov".into()),
        ..User::default()
    });
    let f = finding(&eval_with(&engine, "Open 9-5.", c.clone()), RULE)
        .unwrap()
        .clone();
    assert!(
        f.message.contains("does not list intern@westalliswi.gov"),
        "{}",
        f.message
    );
    c.user = None;
    let f = finding(&eval_with(&engine, "Open 9-5.", c), RULE)
        .unwrap()
        .clone();
    assert!(
        f.message.contains("set your City email address"),
        "{}",
        f.message
    );
}

#[test]
fn personal_accounts_are_not_checked() {
    let v = eval_with(&engine_with(&[]), "hello", personal_post());
    assert!(finding(&v, RULE).is_none());
}
