//! §6.4.1.1 (no official positions on personal accounts; disclaimer fix) and §6.4.1.4
//! (no City business on personal accounts).

use crate::support::*;
use postguard::context::Surface;

const OFFICIAL: &str = "official-position";
const BUSINESS: &str = "city-business-personal-account";
const DISCLAIMER: &str = " Views are my own, not the City of West Allis's.";

#[test]
fn stating_the_citys_position_warns_and_offers_the_disclaimer() {
    for (text, quoted) in [
        (
            "Speaking for the City, we will not raise fees.",
            "Speaking for the City",
        ),
        (
            "The City has decided to close the pool early.",
            "The City has decided",
        ),
        (
            "As a West Allis official I can tell you it's fine.",
            "As a West Allis official",
        ),
        (
            "As a City employee: the plan is dead.",
            "As a City employee",
        ),
    ] {
        let v = eval(text, personal_post());
        let f = finding(&v, OFFICIAL).unwrap_or_else(|| panic!("{text}: {:?}", v.findings));
        assert_eq!(f.section, "6.4.1.1");
        assert_eq!(utf16_slice(text, f.start, f.end), quoted);
        let fix = f.fix.as_ref().expect("fix");
        assert_eq!(fix.label, "Add disclaimer");
        assert_eq!(fix.insert, DISCLAIMER);
        // With the disclaimer the draft passes.
        let v = eval(&format!("{text}{}", fix.insert), personal_post());
        assert!(v.findings.is_empty(), "{text}: {:?}", v.findings);
    }
}

#[test]
fn city_accounts_do_speak_for_the_city() {
    // Drafts that pass on personal accounts: tests/data/rule_vectors.json.
    let v = eval("Speaking for the City, hello.", city_post());
    assert!(
        finding(&v, OFFICIAL).is_none(),
        "City accounts do speak for the City"
    );
}

#[test]
fn the_disclaimer_must_fit_xs_limit() {
    // 48 characters of disclaimer with its space: 232 + 48 = 280 fits, 233 does not.
    let base = "Speaking for the City ";
    let fits = format!("{base}{}", "a".repeat(232 - base.len()));
    let v = eval(&fits, personal_post());
    assert!(finding(&v, OFFICIAL).unwrap().fix.is_some());
    let over = format!("{base}{}", "a".repeat(233 - base.len()));
    let f = finding(&eval(&over, personal_post()), OFFICIAL)
        .unwrap()
        .clone();
    assert!(f.fix.is_none());
    assert!(f.message.contains("shorten it by 1"), "{}", f.message);
}

#[test]
fn profiles_count_too() {
    let v = eval(
        "Official City position: see bio.",
        ctx(PERSONAL, Surface::Profile),
    );
    assert!(finding(&v, OFFICIAL).is_some());
}

#[test]
fn city_accounts_do_city_business() {
    // What is and is not City business on a personal account: tests/data/rule_vectors.json.
    let v = eval("Your permit application is approved.", city_post());
    assert!(
        finding(&v, BUSINESS).is_none(),
        "City accounts do City business"
    );
}
