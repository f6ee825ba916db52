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
fn shorteners_are_named_as_unknown_destinations() {
    for text in [
        "tinyurl.com/abc",
        "https://t.co/xyz",
        "ow.ly/a1",
        "More: rb.gy/q",
    ] {
        let v = eval(text, city_post());
        let f = finding(&v, RULE).unwrap_or_else(|| panic!("{text}"));
        assert!(
            f.message.contains("link shortener"),
            "{text}: {}",
            f.message
        );
    }
}

#[test]
fn lookalike_hosts_are_not_the_city() {
    for text in [
        "https://westalliswi.gov.example.com/pay",
        "https://westalliswi.gov@evil.example/pay",
        "https://wеstalliswi.gov/pay", // Cyrillic "е": it only looks like .gov's ASCII
        "notwestalliswi.gov",          // no dot before the City's domain
    ] {
        let v = eval(text, city_post());
        // notwestalliswi.gov ends in .gov, which the policy allows as another government.
        if text == "notwestalliswi.gov" {
            assert!(finding(&v, RULE).is_none());
        } else {
            assert!(finding(&v, RULE).is_some(), "{text}");
        }
    }
}

#[test]
fn city_government_and_partner_links_are_fine() {
    for text in [
        "Details: https://www.westalliswi.gov/trash",
        "Register at myvote.wi.gov.",
        "Forecast: https://www.weather.gov/mkx",
        "Tickets at wistatefair.com/tickets",
        "Books: https://www.mcfls.org",
        "School news: https://www.wawm.k12.wi.us/",
        "e.g. St.Francis, 3.5 in. of snow, jane@gmail.com",
    ] {
        let v = eval(text, city_post());
        assert!(finding(&v, RULE).is_none(), "{text}: {:?}", v.findings);
    }
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
