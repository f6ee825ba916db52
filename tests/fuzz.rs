//! Property tests at scale: no input makes the engine or the policy parser panic, spans
//! always fall inside the draft, and policy errors always name a field.
//!
//! `PROPTEST_CASES=100000 cargo test --test fuzz` runs a long session.

use postguard::context::{Account, ActingAs, Surface, Target, TargetKind};
use postguard::policy::User;
use postguard::{Context, Draft, Engine, Policy};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

/// Text built from pieces the rules care about, glued with hostile Unicode: RTL overrides,
/// zero-width joiners, combining marks, full-width digits, emoji, NUL and replacement chars.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("hungover".to_string()),
        Just("my kids".to_string()),
        Just("jane@westalliswi.gov".to_string()),
        Just("@".to_string()),
        Just("https://bit.ly/x".to_string()),
        Just("123-45-6789".to_string()),
        Just("４１１１ １１１１ １１１１ １１１１".to_string()),
        Just("\u{202E}\u{202D}\u{2066}\u{2069}".to_string()),
        Just("\u{200B}\u{200C}\u{200D}\u{FEFF}\u{00AD}".to_string()),
        Just("e\u{0301}\u{0336}".to_string()),
        Just("🏳️‍🌈👩‍👩‍👧".to_string()),
        Just("\u{0}\u{FFFD}\r\n\t".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.join(" "))
}

fn context() -> impl Strategy<Value = Context> {
    let surface = prop_oneof![
        Just(Surface::Post),
        Just(Surface::Reply),
        Just(Surface::Comment),
        Just(Surface::Dm),
        Just(Surface::Profile),
        Just(Surface::Login),
        Just(Surface::Unknown),
    ];
    let platform = prop::option::of(prop_oneof![
        Just("x".to_string()),
        Just("facebook".to_string()),
        Just("bluesky".to_string()),
        "\\PC{0,8}",
    ]);
    let handle = prop::option::of(prop_oneof![
        Just("CityofWestAllis".to_string()),
        "\\PC{0,16}"
    ]);
    let name = prop::option::of(prop_oneof![
        Just("City of West Allis".to_string()),
        "\\PC{0,24}"
    ]);
    let who = prop::option::of("\\PC{0,20}");
    (
        surface,
        platform,
        handle,
        name,
        who.clone(),
        who,
        any::<bool>(),
    )
        .prop_map(
            |(surface, platform, handle, name, uname, title, person)| Context {
                platform,
                account: Some(Account { handle, name }),
                acting_as: ActingAs::Own,
                surface,
                field: person.then(|| "email".to_string()),
                target: person.then(|| Target {
                    kind: TargetKind::Person,
                    ..Target::default()
                }),
                user: Some(User {
                    email: Some("jdoe@westalliswi.gov".into()),
                    name: uname,
                    title,
                    ..User::default()
                }),
                ..Context::default()
            },
        )
}

proptest! {
    // 2,000 cases per property in the suite; PROPTEST_CASES raises it for a long session.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn evaluate_never_panics_and_spans_fit(text in hostile_text(), context in context()) {
        let utf16 = text.encode_utf16().count();
        let v = engine().evaluate(&Draft { text, context });
        for f in &v.findings {
            prop_assert!(f.start <= f.end && f.end <= utf16, "{} {}..{} of {}", f.rule, f.start, f.end, utf16);
            for e in &f.evidence {
                prop_assert!(e.start <= e.end && e.end <= utf16);
            }
        }
    }

    #[test]
    fn any_json_line_is_a_policy_or_a_located_error(json in "\\PC{0,200}") {
        if let Err(e) = Policy::from_json(&json) {
            prop_assert!(!e.errors.is_empty());
            prop_assert!(e.errors.iter().all(|f| !f.path.is_empty() && !f.reason.is_empty()));
        }
    }

    #[test]
    fn mutated_default_policies_never_panic(
        edits in prop::collection::vec(("[a-z_]{1,16}", any::<i64>(), "\\PC{0,12}"), 1..6)
    ) {
        let mut v: serde_json::Value = serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap();
        for (key, n, s) in edits {
            let obj = v.as_object_mut().unwrap();
            let value = if n % 3 == 0 { serde_json::json!(s) } else if n % 3 == 1 { serde_json::json!(n) } else { serde_json::json!([s, n]) };
            obj.insert(key, value);
        }
        let _ = Policy::from_json(&v.to_string());
    }
}

#[test]
fn a_one_megabyte_paste_is_judged() {
    let text = "so hungover lol, my kids. ".repeat(40_000); // ≈1 MB
    let v = engine().evaluate(&Draft {
        text,
        context: Context {
            account: Some(Account {
                handle: Some("CityofWestAllis".into()),
                name: None,
            }),
            ..Context::default()
        },
    });
    assert!(v.findings.iter().any(|f| f.section == "6.4"));
}

#[test]
fn deeply_nested_policy_json_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    assert!(Policy::from_json(&deep).is_err());
    let arrays = "[".repeat(1_000_000);
    assert!(Policy::from_json(&arrays).is_err());
}
