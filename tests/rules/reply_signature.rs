//! §6.2.6: name and title on City-account replies, and the fix that adds them.

use crate::support::*;
use postguard::context::Surface;
use postguard::{Draft, Engine, Policy};

#[test]
fn city_reply_without_signature_offers_a_fix() {
    let v = eval(
        "Yes, the library is open 9am to 5pm on Saturday.",
        ctx(CITY, Surface::Reply),
    );
    assert_eq!(sections(&v), ["6.2.6"]);
    let fix = v.findings[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.insert, " — Jane Doe, Communications Specialist");
    assert_eq!(fix.label, "Add name and title");
}

#[test]
fn signed_replies_and_top_level_posts_pass() {
    let v = eval(
        "Open 9–5 Saturday. — jane doe, communications specialist",
        ctx(CITY, Surface::Comment),
    );
    assert!(v.findings.is_empty(), "{:?}", v.findings);
    let v = eval("Open 9–5 Saturday.", ctx(CITY, Surface::Post));
    assert!(v.findings.is_empty());
    let v = eval("Open 9–5 Saturday.", ctx(PERSONAL, Surface::Reply));
    assert!(v.findings.is_empty());
}

#[test]
fn fix_is_withheld_when_it_would_break_xs_limit() {
    // 250 + 38 characters of signature (the em dash counts 1 on X) = 288 > 280.
    let text = "a".repeat(250);
    let v = eval(&text, ctx(CITY, Surface::Reply));
    let f = &v.findings[0];
    assert!(f.fix.is_none());
    assert!(f.message.contains("shorten it by 8"), "{}", f.message);
    // 242 + 38 = 280 fits exactly.
    let v = eval(&"a".repeat(242), ctx(CITY, Surface::Reply));
    assert!(v.findings[0].fix.is_some());
}

#[test]
fn unknown_signer_is_told_how_to_set_name_and_title() {
    let mut c = ctx(CITY, Surface::Reply);
    c.user = None;
    let v = eval("Thanks for the report.", c);
    assert!(v.findings[0].fix.is_none());
    assert!(v.findings[0]
        .message
        .contains("set them in PostGuard's options"));
}

#[test]
fn directory_name_and_title_win_over_the_users_own() {
    let mut policy = Policy::west_allis();
    policy
        .authorized_users
        .push(postguard::policy::AuthorizedUser {
            email: "JDoe@WestAllisWI.gov".into(),
            name: "Jane Q. Doe".into(),
            title: "Communications Manager".into(),
            accounts: vec!["CityofWestAllis".into()],
        });
    let v = Engine::new(policy).evaluate(&Draft {
        text: "Thanks!".into(),
        context: ctx(CITY, Surface::Reply),
    });
    assert_eq!(
        v.findings[0].fix.as_ref().unwrap().insert,
        " — Jane Q. Doe, Communications Manager"
    );
}
