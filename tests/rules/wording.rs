//! Findings read in two seconds, in the employee's language (issue 14): every rule's finding
//! has a short title, one sentence of what to do and the details apart; the section is cited
//! once (by the panel), and in Spanish nothing is left in English. IT may reword a rule.

use crate::support::*;
use postguard::context::{Action, Surface, Target, TargetKind};
use postguard::policy::AuthorizedUser;
use postguard::{Context, Engine, Finding, Policy};

/// One draft per rule that makes it fire, with the engine it needs.
fn every_rule(lang: &str) -> Vec<Finding> {
    let mut policy = Policy::west_allis();
    let plain = Engine::new(policy.clone());
    policy.authorized_users.push(AuthorizedUser {
        email: "boss@westalliswi.gov".into(),
        name: "Boss".into(),
        title: "Director".into(),
        accounts: vec![],
    });
    let directory = Engine::new(policy);
    let with = |mut c: Context| {
        c.lang = Some(lang.into());
        c
    };
    let mut found = Vec::new();
    let mut add = |engine: &Engine, text: &str, c: Context| {
        found.extend(eval_with(engine, text, with(c)).findings);
    };
    add(&plain, "So hungover lol, my kids are wild", city_post());
    add(&plain, "Reach me at jdoe@westalliswi.gov", personal_post());
    let mut reply = ctx(CITY, Surface::Reply);
    add(&plain, "Thanks for asking!", reply.clone());
    reply.user = None;
    add(&plain, "Thanks for asking!", reply);
    let mut follow = city_post();
    follow.action = Some(Action::Follow);
    follow.target = Some(Target {
        kind: TargetKind::Person,
        name: Some("Jane Resident".into()),
        handle: None,
    });
    add(&plain, "", follow);
    let mut password = personal_post();
    password.surface = Surface::Login;
    password.field = Some("password".into());
    password.city_password = true;
    add(&plain, "", password);
    add(&directory, "Open 9-5.", city_post());
    add(&plain, "Resident SSN 078-05-1123", city_post());
    add(&plain, "This is sh1t", city_post());
    add(&plain, "Send nudes", city_post());
    add(&plain, "Vote for Jane Smith! bit.ly/3xYz", city_post());
    add(&plain, "Hi Pat, happy to help.", ctx(CITY, Surface::Dm));
    add(
        &plain,
        "Speaking for the City, the pool closes early.",
        personal_post(),
    );
    add(
        &plain,
        "Your permit application is approved, I've forwarded your file.",
        personal_post(),
    );
    found
}

#[test]
fn every_rule_has_a_short_title_one_sentence_of_advice_and_the_details_apart() {
    for lang in ["en", "es"] {
        let findings = every_rule(lang);
        let mut rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        assert_eq!(
            rules.len(),
            postguard::rules::RULES.len(),
            "{lang}: {rules:?}"
        );
        for f in &findings {
            // Spanish needs its articles: "en la cuenta de la Ciudad" is "on the City account".
            let words = f.title.split_whitespace().count();
            assert!(
                (1..=8).contains(&words) && (lang == "es" || words <= 6),
                "{lang} {}: title {:?}",
                f.rule,
                f.title
            );
            assert!(
                f.advice.chars().count() <= 120,
                "{lang} {}: advice too long: {}",
                f.rule,
                f.advice
            );
            assert!(!f.why.is_empty(), "{lang} {}: no why", f.rule);
            let own = format!("§{}", f.section);
            assert!(
                !f.advice.contains(&own) && !f.why.contains(&own) && !f.title.contains('§'),
                "{lang} {}: cites its section itself: {}",
                f.rule,
                f.message
            );
        }
    }
}

/// What a finding says of its own (quotes, the policy's list labels and names in parentheses
/// aside), as words.
fn own_words(s: &str) -> Vec<String> {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '“' | '(' => depth += 1,
            '”' | ')' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn in_spanish_no_finding_or_panel_word_is_english() {
    const ENGLISH: &[&str] = &[
        "the", "and", "your", "you", "is", "this", "with", "not", "post", "account", "must",
        "edit", "anyway", "why", "of", "to", "policy",
    ];
    let names = ["city", "west", "allis", "postguard", "x", "gmail", "yahoo"];
    for f in every_rule("es") {
        for part in [&f.title, &f.advice, &f.why] {
            // Names are names in any language.
            let part = &part.replace("City of West Allis", "");
            for w in own_words(part) {
                assert!(
                    !ENGLISH.contains(&w.as_str()) || names.contains(&w.as_str()),
                    "{}: English {w:?} in {part}",
                    f.rule
                );
            }
        }
    }
    let mut c = city_post();
    c.lang = Some("es-419".into());
    let v = eval("Resident SSN 078-05-1123", c);
    let panel = v.panel.unwrap();
    assert_eq!(panel.title, "No permitido en una cuenta de la Ciudad");
    assert_eq!(panel.post_anyway, "Publicar de todos modos");
    assert_eq!(panel.why, "¿Por qué?");
    assert_eq!(
        v.badge.as_deref(),
        Some("Publicando como la cuenta de la Ciudad City of West Allis")
    );
    assert!(panel.reason.unwrap().label.starts_with("Esto incumple"));
}

#[test]
fn a_block_has_its_own_title_a_warning_keeps_its_own() {
    let block = eval("Resident SSN 078-05-1123", city_post());
    assert_eq!(block.panel.unwrap().title, "Not allowed on a City account");
    let warn = eval("This is sh1t", city_post());
    assert_eq!(warn.panel.unwrap().title, "Check this before it goes out");
}

#[test]
fn it_may_reword_a_rule_and_link_its_own_page() {
    let mut policy = Policy::west_allis();
    policy.messages.insert(
        "personal-information".into(),
        serde_json::json!({
            "title": {"en": "Private data", "es": "Datos privados"},
            "learn_more": "https://intranet.westalliswi.gov/pii",
        }),
    );
    policy.password_alert.change_url = Some("https://login.westalliswi.gov/change".into());
    let engine = Engine::new(policy);
    let mut c = city_post();
    let f = &eval_with(&engine, "SSN 078-05-1123", c.clone()).findings[0];
    assert_eq!(f.title, "Private data");
    assert_eq!(f.advice, "Take the personal data out before posting.");
    assert_eq!(
        f.learn_more.as_deref(),
        Some("https://intranet.westalliswi.gov/pii")
    );
    c.lang = Some("es".into());
    let f = &eval_with(&engine, "SSN 078-05-1123", c).findings[0];
    assert_eq!(f.title, "Datos privados");
    assert_eq!(f.advice, "Quite los datos personales antes de publicar.");

    let mut password = personal_post();
    password.surface = Surface::Login;
    password.city_password = true;
    let panel = eval_with(&engine, "", password).panel.unwrap();
    let change = panel
        .change_password
        .expect("a change_url gives the button");
    assert_eq!(change.label, "Change my City password");
    assert_eq!(change.url, "https://login.westalliswi.gov/change");
}

#[test]
fn its_urls_must_be_https_and_its_rules_real() {
    let mut v = serde_json::to_value(Policy::west_allis()).unwrap();
    v["text_url"] = "http://www.westalliswi.gov/1317".into();
    v["password_alert"]["change_url"] = "login.westalliswi.gov".into();
    v["messages"] = serde_json::json!({
        "personal-information": {"learn_more": "ftp://x.gov/a", "title": {"en": " "}},
        "no-such-rule": {}
    });
    let err = Policy::from_json(&v.to_string()).unwrap_err().to_string();
    for want in [
        "text_url: must be an https URL",
        "password_alert.change_url: is not a URL",
        "messages.personal-information.learn_more: is not a URL",
        "messages.personal-information.title: must give a text per language",
        "messages.no-such-rule: is not a rule id",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn texts_it_inserts_follow_the_language() {
    let mut policy = Policy::west_allis();
    let texts = |v: serde_json::Value| v.as_object().cloned();
    policy.personal_accounts.disclaimer_by_language =
        texts(serde_json::json!({"es": "Opiniones mías."}));
    policy.personal_accounts.dm_reply = texts(serde_json::json!({"es": "Escriba a {address}."}));
    let engine = Engine::new(policy);
    let fix = |text: &str, mut c: Context, lang: &str| {
        c.lang = Some(lang.into());
        let v = eval_with(&engine, text, c);
        v.findings
            .iter()
            .find_map(|f| f.fix.clone())
            .unwrap()
            .insert
    };
    let official = "Speaking for the City, the pool closes early.";
    assert_eq!(fix(official, personal_post(), "es"), " Opiniones mías.");
    assert_eq!(
        fix(official, personal_post(), "en"),
        " Views are my own, not the City of West Allis's."
    );
    let dm = ctx(CITY, Surface::Dm);
    assert_eq!(
        fix("Hi.", dm.clone(), "es"),
        " Escriba a jdoe@westalliswi.gov."
    );
    assert!(fix("Hi.", dm, "en").starts_with(" Please email jdoe@westalliswi.gov"));
}
