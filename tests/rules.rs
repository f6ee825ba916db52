//! Each headline rule, with hits and near-misses, through the public engine API.

mod content_support;

use content_support::{ctx, eval, CITY, PERSONAL};
use postguard::context::{Account, Surface, Target, TargetKind};
use postguard::policy::Severity;
use postguard::{Draft, Engine, Level, Policy, Verdict};

fn sections(v: &Verdict) -> Vec<&str> {
    v.findings.iter().map(|f| f.section).collect()
}

// §6.4 — City account in a personal context

#[test]
fn city_account_personal_draft_warns_and_says_why() {
    let text = "Ugh, so hungover after last night lol. Can't wait for the weekend with my kids";
    let v = eval(text, ctx(CITY, Surface::Post));
    assert_eq!(v.verdict, Level::Warn);
    assert_eq!(sections(&v), ["6.4"]);
    let f = &v.findings[0];
    assert!(f
        .message
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
fn city_business_posts_stay_clean() {
    for text in [
        "Greenfield Ave will be closed Tuesday for sewer work; detour via 70th St.",
        "Yes, the library is open 9am to 5pm on Saturday.",
        "Bulk pickup starts May 4. Details: https://www.westalliswi.gov/trash",
        "Polls open 7am–8pm on Tuesday. Find your polling place at myvote.wi.gov.",
        "Reminder: alternate side parking rules start Monday.",
    ] {
        let v = eval(text, ctx(CITY, Surface::Post));
        assert_eq!(v.verdict, Level::Allow, "{text}: {:?}", v.findings);
    }
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

// §6.4.1.2 — City email on a personal account

#[test]
fn city_email_in_a_personal_profile_field_warns() {
    let mut c = ctx(PERSONAL, Surface::Profile);
    c.field = Some("email".into());
    let text = "jane.doe@westalliswi.gov";
    let v = eval(text, c);
    assert_eq!(sections(&v), ["6.4.1.2"]);
    assert_eq!((v.findings[0].start, v.findings[0].end), (0, text.len()));
}

#[test]
fn subdomains_count_and_lookalikes_do_not() {
    let mut c = ctx(PERSONAL, Surface::Login);
    c.field = Some("email".into());
    assert_eq!(
        sections(&eval("j@police.westalliswi.gov", c.clone())),
        ["6.4.1.2"]
    );
    assert!(eval("j@notwestalliswi.gov", c.clone()).findings.is_empty());
    assert!(eval("jane@gmail.com", c).findings.is_empty());
}

#[test]
fn own_city_email_in_a_personal_post_warns_but_a_department_address_does_not() {
    let v = eval(
        "DM me or write jdoe@westalliswi.gov",
        ctx(PERSONAL, Surface::Post),
    );
    assert_eq!(sections(&v), ["6.4.1.2"]);
    let v = eval(
        "Permit questions go to permits@westalliswi.gov",
        ctx(PERSONAL, Surface::Post),
    );
    assert!(v.findings.is_empty());
}

#[test]
fn city_email_on_a_city_account_is_fine() {
    let mut c = ctx(CITY, Surface::Profile);
    c.field = Some("email".into());
    assert!(eval("comms@westalliswi.gov", c).findings.is_empty());
}

// §6.2.6 — name and title on replies

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

// Severities come from the policy.

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
