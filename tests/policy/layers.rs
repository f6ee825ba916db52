//! The layers of configuration: embedded default → IT's managed configuration → the
//! employee's own options, limited to what IT allows.

use postguard::policy::layers::{self, Source};
use postguard::policy::User;
use postguard::rules;
use postguard::{Draft, Engine, Policy};
use serde_json::{json, Value};

fn paths(r: &layers::Resolved) -> Vec<&str> {
    r.errors.iter().map(|e| e.path.as_str()).collect()
}

#[test]
fn nothing_managed_is_the_embedded_default() {
    for managed in [None, Some(json!({})), Some(Value::Null)] {
        let r = layers::resolve(
            managed.as_ref(),
            Some(&json!({"city": "Old City"})),
            rules::IDS,
        );
        assert_eq!(r.source, Source::Embedded);
        assert_eq!(r.policy, Policy::west_allis());
        assert!(r.errors.is_empty());
        // IT removed its configuration: the last good one is forgotten, not revived.
        assert_eq!(r.last_good, None);
    }
}

#[test]
fn managed_keys_replace_the_defaults_whole_and_the_rest_stays() {
    let managed = json!({
        "city": "City of Springfield",
        "email_domains": ["westalliswi.gov", "springfield.gov"],
        "account_patterns": {"names": ["springfield parks"]},
        "records": {"retention_days": 30},
    });
    let r = layers::resolve(Some(&managed), None, rules::IDS);
    assert_eq!(r.source, Source::Managed, "{:?}", r.errors);
    assert_eq!(r.policy.city, "City of Springfield");
    assert_eq!(
        r.policy.email_domains,
        ["westalliswi.gov", "springfield.gov"]
    );
    // A key IT sets replaces the whole value: no West Allis handle prefixes left behind.
    assert_eq!(r.policy.account_patterns.names, ["springfield parks"]);
    assert!(r.policy.account_patterns.handle_prefixes.is_empty());
    // Inside a replaced object, unset fields take their own defaults.
    assert_eq!(r.policy.records.retention_days, 30);
    assert!(r.policy.records.enabled);
    // Keys IT did not set keep the embedded values.
    let default = Policy::west_allis();
    assert_eq!(r.policy.personal_markers, default.personal_markers);
    assert_eq!(r.policy.official_site, default.official_site);
    assert_eq!(r.last_good, Some(managed));
}

#[test]
fn a_broken_configuration_keeps_the_last_good_one_in_force_and_names_the_field() {
    let good = json!({"city": "City of Springfield", "email_domains": ["westalliswi.gov", "springfield.gov"]});
    let broken = json!({"city": "City of Springfield", "email_domains": ["westalliswi.gov", "not a domain"]});
    let r = layers::resolve(Some(&broken), Some(&good), rules::IDS);
    assert_eq!(r.source, Source::LastGood);
    assert_eq!(paths(&r), ["email_domains[1]"]);
    assert!(r.errors[0].reason.contains("is not a domain name"));
    assert_eq!(r.policy.city, "City of Springfield");
    assert_eq!(
        r.policy.email_domains,
        ["westalliswi.gov", "springfield.gov"]
    );
    assert_eq!(r.last_good, Some(good.clone()), "the last good one is kept");

    // With no last good one, the embedded default is in force, and the errors still show.
    let r = layers::resolve(Some(&broken), None, rules::IDS);
    assert_eq!(r.source, Source::Embedded);
    assert_eq!(paths(&r), ["email_domains[1]"]);
    assert_eq!(r.policy, Policy::west_allis());
    assert_eq!(r.last_good, None);

    // A last good one that no longer validates (after an update) is not used either.
    let stale = json!({"no_longer_a_field": true});
    let r = layers::resolve(Some(&broken), Some(&stale), rules::IDS);
    assert_eq!(r.source, Source::Embedded);
    assert_eq!(paths(&r), ["email_domains[1]"]);
}

#[test]
fn type_errors_and_unknown_keys_carry_their_path_without_line_numbers() {
    let r = layers::resolve(
        Some(&json!({"accounts": [{"platform": "x", "handle": 7}]})),
        None,
        rules::IDS,
    );
    assert_eq!(paths(&r), ["accounts[0].handle"]);
    assert!(!r.errors[0].reason.contains("line"), "{:?}", r.errors);

    let r = layers::resolve(
        Some(&json!({"records": {"keep_days": 3}})),
        None,
        rules::IDS,
    );
    assert_eq!(paths(&r), ["records.keep_days"]);
    assert!(r.errors[0].reason.contains("unknown field"));

    let r = layers::resolve(Some(&json!(["not", "an", "object"])), None, rules::IDS);
    assert_eq!(paths(&r), ["(document)"]);

    let r = layers::resolve(
        Some(
            &json!({"records": {"retention_days": 0, "endpoint": "http://records.example.gov/in"}, "report_to": "it help"}),
        ),
        None,
        rules::IDS,
    );
    assert_eq!(
        paths(&r),
        ["records.retention_days", "records.endpoint", "report_to"]
    );
}

#[test]
fn endpoints_must_be_https_or_this_computer() {
    let ok = |url: &str| {
        layers::apply(&json!({"records": {"endpoint": url}}), rules::IDS)
            .map(|_| ())
            .is_ok()
    };
    assert!(ok("https://records.westalliswi.gov/postguard"));
    assert!(ok("http://127.0.0.1:8080/records"));
    assert!(ok("http://localhost/records"));
    assert!(!ok("http://records.westalliswi.gov/postguard"));
    assert!(!ok("http://127.0.0.1.evil.example/records"));
    assert!(!ok("ftp://records.westalliswi.gov/"));
    assert!(!ok("https:///nohost"));
    assert!(!ok("https://a b/"));
}

fn directory() -> Policy {
    layers::apply(
        &json!({
            "authorized_users": [{
                "email": "jdoe@westalliswi.gov", "name": "Jane Doe",
                "title": "Communications Specialist", "accounts": ["x:CityofWestAllis"]
            }],
            "user_may_edit_identity": false,
        }),
        rules::IDS,
    )
    .unwrap()
}

fn user(email: &str, name: Option<&str>, title: Option<&str>) -> User {
    User {
        email: Some(email.into()),
        name: name.map(Into::into),
        title: title.map(Into::into),
        ..User::default()
    }
}

#[test]
fn identity_comes_from_the_directory_first_then_the_options_where_allowed() {
    let policy = directory();
    let listed = layers::identity(
        &policy,
        &user("JDoe@westalliswi.gov", Some("Janie"), Some("Intern")),
    );
    assert_eq!(listed.name.as_deref(), Some("Jane Doe"));
    assert_eq!(listed.title.as_deref(), Some("Communications Specialist"));
    assert_eq!(listed.source, "directory");
    assert!(listed.authorized && listed.city_email && !listed.may_edit);
    assert_eq!(listed.accounts, ["x:CityofWestAllis"]);

    // Not listed, and IT does not allow own names: nothing of theirs is used.
    let other = layers::identity(&policy, &user("bob@westalliswi.gov", Some("Bob"), None));
    assert_eq!((other.name, other.source), (None, "none"));
    assert!(!other.may_edit && !other.authorized);

    // The embedded default lets employees set them.
    let own = layers::identity(
        &Policy::west_allis(),
        &user("bob@westalliswi.gov", Some(" Bob Roe "), Some("Clerk")),
    );
    assert_eq!(own.name.as_deref(), Some("Bob Roe"));
    assert_eq!((own.source, own.may_edit), ("options", true));

    let personal = layers::identity(&Policy::west_allis(), &user("bob@gmail.com", None, None));
    assert!(!personal.city_email);
}

#[test]
fn the_options_may_save_only_what_it_allows() {
    let policy = directory();
    let e = layers::user_layer(
        &policy,
        &user("bob@westalliswi.gov", Some("Bob"), Some("Clerk")),
    )
    .unwrap_err();
    let paths: Vec<_> = e.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["user.name", "user.title"]);

    let e =
        layers::user_layer(&Policy::west_allis(), &user("bob@gmail.com", None, None)).unwrap_err();
    assert_eq!(e.errors[0].path, "user.email");
    assert!(e.errors[0].reason.contains("westalliswi.gov"));

    let ok = layers::user_layer(
        &Policy::west_allis(),
        &user(" bob@westalliswi.gov ", Some("Bob"), Some(" ")),
    )
    .unwrap();
    assert_eq!(ok.email.as_deref(), Some("bob@westalliswi.gov"));
    assert_eq!(ok.name.as_deref(), Some("Bob"));
    assert_eq!(ok.title, None);

    // Listed people keep the directory's: their own name is refused even where IT allows names.
    let mut allowing = directory();
    allowing.user_may_edit_identity = true;
    let e = layers::user_layer(
        &allowing,
        &user("jdoe@westalliswi.gov", Some("Janie"), None),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].path, "user.name");
    assert!(layers::user_layer(&allowing, &user("jdoe@westalliswi.gov", None, None)).is_ok());
}

#[test]
fn the_engine_signs_with_own_names_only_where_it_allows() {
    let reply = |policy: Policy| {
        let draft: Draft = serde_json::from_value(json!({
            "text": "Open 9-5.", "platform": "x", "surface": "reply",
            "account": {"handle": "@CityofWestAllis"},
            "user": {"email": "bob@westalliswi.gov", "name": "Bob Roe", "title": "Clerk"}
        }))
        .unwrap();
        let v = Engine::new(policy).evaluate(&draft);
        let f = v
            .findings
            .iter()
            .find(|f| f.rule == "reply-signature")
            .cloned()
            .expect("a signature finding");
        f.fix.map(|f| f.insert)
    };
    assert_eq!(
        reply(Policy::west_allis()).as_deref(),
        Some(" — Bob Roe, Clerk")
    );
    let mut locked = Policy::west_allis();
    locked.user_may_edit_identity = false;
    assert_eq!(reply(locked), None);
}

#[test]
fn the_browser_profile_is_the_employee_only_where_it_allows_it_and_at_a_city_domain() {
    let typed = || User {
        email: Some("jdoe@westalliswi.gov".into()),
        profile_email: Some("asmith@westalliswi.gov".into()),
        ..User::default()
    };
    let mut policy = Policy::west_allis();
    // Off (the default): the typed email, marked as typed.
    let u = layers::signed_in(&policy, &typed());
    assert_eq!(u.email.as_deref(), Some("jdoe@westalliswi.gov"));
    assert_eq!(u.email_source.as_deref(), Some("typed"));
    assert_eq!(
        u.profile_email, None,
        "the raw profile email is not passed on"
    );

    policy.identity_from_profile = true;
    let u = layers::signed_in(&policy, &typed());
    assert_eq!(u.email.as_deref(), Some("asmith@westalliswi.gov"));
    assert_eq!(u.email_source.as_deref(), Some("profile"));
    // A personal Google account signed into the browser is not the City identity.
    let personal = User {
        profile_email: Some("jane.doe@gmail.com".into()),
        ..typed()
    };
    let u = layers::signed_in(&policy, &personal);
    assert_eq!(u.email.as_deref(), Some("jdoe@westalliswi.gov"));
    assert_eq!(u.email_source.as_deref(), Some("typed"));
    // Not signed in (Chrome answers ""), nothing typed: no one, and no source.
    let nobody = User {
        profile_email: Some(String::new()),
        ..User::default()
    };
    assert_eq!(layers::signed_in(&policy, &nobody), User::default());
}

#[test]
fn identity_from_profile_is_an_it_setting_with_a_type_check() {
    let r = layers::resolve(
        Some(&json!({"identity_from_profile": true})),
        None,
        rules::IDS,
    );
    assert_eq!(r.source, Source::Managed, "{:?}", r.errors);
    assert!(r.policy.identity_from_profile);
    let r = layers::resolve(
        Some(&json!({"identity_from_profile": "yes"})),
        None,
        rules::IDS,
    );
    assert_eq!(paths(&r), ["identity_from_profile"]);
}
