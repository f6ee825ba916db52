//! §6.1.4: links on City accounts must be mission-related; shorteners hide where they go.

use crate::support::*;

const RULE: &str = "off-mission-link";

#[test]
fn links_off_the_allowlist_warn_and_name_their_host() {
    let text = "Deals at https://shop.example.com/sale and (bit.ly/3xYz).";
    let v = eval(text, city_post());
    let f = finding(&v, RULE).expect("finding");
    assert_eq!(f.section, "6.1.4");
    assert_eq!(
        evidence_texts(text, f),
        ["https://shop.example.com/sale", "bit.ly/3xYz"]
    );
    assert!(
        f.message
            .contains("shop.example.com is not a City, government or partner site"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("bit.ly is a link shortener"),
        "{}",
        f.message
    );
}

#[test]
fn only_city_accounts() {
    let v = eval("https://example.com", personal_post());
    assert!(finding(&v, RULE).is_none());
}

#[test]
fn the_allowlist_is_policy_data() {
    let mut policy = postguard::Policy::west_allis();
    policy.links.allowed_domains.push("example.com".into());
    let engine = postguard::Engine::new(policy);
    let v = eval_with(&engine, "https://shop.example.com/sale", city_post());
    assert!(finding(&v, RULE).is_none());
}
