//! Validation of the content-rule parts of a policy: every error names its field, and
//! policy files written before these fields existed stay valid.

use postguard::Policy;
use serde_json::{json, Value};

fn default_json() -> Value {
    serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap()
}

fn error_paths(v: &Value) -> Vec<String> {
    Policy::from_json(&v.to_string())
        .expect_err("should be invalid")
        .errors
        .into_iter()
        .map(|e| e.path)
        .collect()
}

#[test]
fn older_policies_without_the_content_fields_stay_valid() {
    let mut v = default_json();
    let obj = v.as_object_mut().unwrap();
    for key in [
        "contact_email",
        "pii",
        "conduct",
        "political",
        "links",
        "personal_accounts",
    ] {
        assert!(obj.remove(key).is_some(), "{key}");
    }
    let p = Policy::from_json(&v.to_string()).expect("valid");
    assert!(p.conduct.abusive.is_empty() && p.links.shorteners.is_empty());
}

#[test]
fn content_errors_name_their_fields() {
    let mut v = default_json();
    v["contact_email"] = json!("not an address");
    v["pii"]["public_phone_prefixes"][1] = json!("eight hundred");
    v["pii"]["context"]["ssn"][0] = json!("SSN");
    v["conduct"]["abusive"][0]["phrases"][1] = json!("  ");
    v["political"]["allow"][0] = json!("Does Not Endorse");
    v["links"]["allowed_domains"][0] = json!("https://wistatefair.com");
    v["links"]["allowed_suffixes"][0] = json!("gov");
    v["links"]["shorteners"][0] = json!("bit ly");
    v["personal_accounts"]["disclaimer"] = json!(" ");
    v["personal_accounts"]["city_business"][0]["weight"] = json!(0);
    assert_eq!(
        error_paths(&v),
        [
            "contact_email",
            "pii.public_phone_prefixes[1]",
            "links.allowed_domains[0]",
            "links.allowed_suffixes[0]",
            "links.shorteners[0]",
            "personal_accounts.disclaimer",
            "personal_accounts.city_business[0].weight",
            "pii.context.ssn[0]",
            "political.allow[0]",
            "conduct.abusive[0].phrases[1]",
        ]
    );
}

#[test]
fn unknown_content_fields_are_rejected_with_their_path() {
    let mut v = default_json();
    v["links"]["allowlist"] = json!([]);
    let e = Policy::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.errors[0].path, "links.allowlist");
    assert!(
        e.errors[0].reason.contains("unknown field"),
        "{}",
        e.errors[0].reason
    );
}

#[test]
fn the_new_rules_have_severities_it_can_set() {
    let mut v = default_json();
    for rule in [
        "personal-information",
        "abusive-language",
        "sexual-content",
        "political-activity",
        "off-mission-link",
        "dm-public-record",
        "official-position",
        "city-business-personal-account",
        "unauthorized-user",
    ] {
        v["severities"][rule] = json!("info");
    }
    assert!(Policy::from_json(&v.to_string()).is_ok());
}
