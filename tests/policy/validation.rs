//! Policy parsing and validation: every error names its field.

use postguard::Policy;

fn errors(json: &str) -> Vec<(String, String)> {
    Policy::from_json(json)
        .expect_err("should be invalid")
        .errors
        .into_iter()
        .map(|e| (e.path, e.reason))
        .collect()
}

fn default_json() -> serde_json::Value {
    serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap()
}

#[test]
fn the_embedded_default_is_west_allis_and_valid() {
    let p = Policy::west_allis();
    assert_eq!(p.city, "City of West Allis");
    assert_eq!(p.email_domains, ["westalliswi.gov"]);
    assert_eq!(p.official_site, "https://www.westalliswi.gov");
}

#[test]
fn type_errors_name_the_field() {
    let mut v = default_json();
    v["accounts"][1]["platform"] = serde_json::json!(7);
    let e = errors(&v.to_string());
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, "accounts[1].platform");
    assert!(e[0].1.contains("expected a string"), "{}", e[0].1);
}

#[test]
fn unknown_fields_are_rejected_with_their_path() {
    let mut v = default_json();
    v["account_patterns"]["handles"] = serde_json::json!(["x"]);
    let e = errors(&v.to_string());
    assert_eq!(e[0].0, "account_patterns.handles");
    assert!(e[0].1.contains("unknown field `handles`"), "{}", e[0].1);
}

#[test]
fn semantic_errors_are_all_reported() {
    let mut v = default_json();
    v["email_domains"] = serde_json::json!(["westalliswi.gov", "not a domain"]);
    v["official_site"] = serde_json::json!("www.westalliswi.gov");
    v["severities"] = serde_json::json!({"no-such-rule": "warn"});
    v["personal_markers"][0]["phrases"][0] = serde_json::json!("Hungover");
    let paths: Vec<_> = errors(&v.to_string()).into_iter().map(|e| e.0).collect();
    assert_eq!(
        paths,
        [
            "email_domains[1]",
            "official_site",
            "severities.no-such-rule",
            "personal_markers[0].phrases[0]"
        ]
    );
}

#[test]
fn broken_json_is_a_clear_error_not_a_panic() {
    for bad in ["", "{", "[]", "{\"name\": }", "null", &"[".repeat(10_000)] {
        let e = Policy::from_json(bad).expect_err(bad);
        assert!(!e.errors.is_empty());
    }
}

#[test]
fn missing_fields_and_bad_variants_name_their_place() {
    let mut v = default_json();
    v["accounts"][0].as_object_mut().unwrap().remove("handle");
    let e = errors(&v.to_string());
    assert_eq!(e[0].0, "accounts[0]");
    assert!(e[0].1.contains("missing field `handle`"), "{}", e[0].1);
    assert!(
        !e[0].1.contains(" at line "),
        "positions in the pretty copy mean nothing to IT"
    );

    let mut v = default_json();
    v["severities"] = serde_json::json!({"reply-signature": "loud"});
    let e = errors(&v.to_string());
    assert_eq!(e[0].0, "severities.reply-signature");
    assert!(e[0].1.contains("unknown variant `loud`"), "{}", e[0].1);

    v["personal_markers"][2]["phrases"][1] = serde_json::json!(["nested"]);
    v["severities"] = serde_json::json!({});
    assert_eq!(
        errors(&v.to_string())[0].0,
        "personal_markers[2].phrases[1]"
    );

    let e = errors("{\"name\": ");
    assert_eq!(e[0].0, "(document)");
    assert!(
        e[0].1.contains("line 1 column"),
        "syntax errors keep their place in the text: {}",
        e[0].1
    );
}
