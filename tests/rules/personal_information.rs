//! §6.5.2.6: personal and confidential information on City accounts, hits and near misses.

use crate::support::*;
use postguard::context::Surface;
use postguard::pii::Kind;
use postguard::{Level, Policy};

const RULE: &str = "personal-information";

/// The kinds of PII a City post holds, in order, each once (via the public scanner).
fn kinds(text: &str) -> Vec<Kind> {
    let policy = Policy::west_allis();
    let lists = postguard::pii::Lists::new(&policy);
    let words: Vec<_> = postguard::text::words(text).collect();
    let mut kinds: Vec<Kind> = postguard::pii::scan(text, &words, &lists, &policy)
        .into_iter()
        .map(|h| h.kind)
        .collect();
    kinds.dedup();
    kinds
}

fn flagged(text: &str) -> bool {
    finding(&eval(text, city_post()), RULE).is_some()
}

#[test]
fn ssn_on_a_city_account_blocks_and_is_masked_in_the_message() {
    let text = "Resident's SSN is 078-05-1123, please update the record.";
    let v = eval(text, city_post());
    assert_eq!(v.verdict, Level::Block);
    let f = finding(&v, RULE).expect("finding");
    assert_eq!(f.section, "6.5.2.6");
    assert_eq!(utf16_slice(text, f.start, f.end), "078-05-1123");
    assert!(
        f.message.contains("Social Security number (***-**-1123)"),
        "{}",
        f.message
    );
    assert!(
        !f.message.contains("078-05"),
        "the warning must not repeat the SSN"
    );
    assert!(f.evidence.iter().all(|e| !e.text.contains("078")));
}

#[test]
fn unicode_digits_and_separators_do_not_evade() {
    for text in [
        "SSN ０７８－０５－１１２３",      // full-width digits and hyphen
        "SSN ٠٧٨-٠٥-١١٢٣",                 // Arabic-Indic digits
        "SSN ०७८-०५-११२३",                 // Devanagari digits
        "SSN 𝟎𝟕𝟖-𝟎𝟓-𝟏𝟏𝟐𝟑",                 // mathematical bold digits
        "SSN 078–05–1123",                 // en dashes
        "SSN 078\u{2011}05\u{2011}1123",   // non-breaking hyphens
        "SSN 078\u{00A0}05\u{00A0}1123",   // no-break spaces
        "SSN 078\u{200B}-05-11\u{200D}23", // zero-width characters inside
    ] {
        assert_eq!(kinds(text), [Kind::Ssn], "{text:?}");
        let v = eval(text, city_post());
        let f = finding(&v, RULE).expect(text);
        // The span covers exactly what was typed, in UTF-16 units.
        let typed = utf16_slice(text, f.start, f.end);
        assert!(typed.starts_with(|c: char| c.is_numeric()), "{typed:?}");
        assert_eq!(
            typed.chars().filter(|c| c.is_numeric()).count(),
            9,
            "{typed:?}"
        );
    }
}

#[test]
fn a_card_is_named_by_its_last_digits() {
    // Which numbers are cards: tests/data/rule_vectors.json (pii_kinds).
    let v = eval("Card 4111 1111 1111 1111 on file", city_post());
    assert!(finding(&v, RULE)
        .unwrap()
        .message
        .contains("card ending 1111"));
}

#[test]
fn a_drivers_license_is_masked_in_the_message() {
    // Which numbers are licenses: tests/data/rule_vectors.json (pii_kinds).
    let v = eval("drivers license S530-4607-8192-03", city_post());
    let msg = &finding(&v, RULE).unwrap().message;
    assert!(msg.contains("S…03") && !msg.contains("4607"), "{msg}");
}

#[test]
fn only_city_accounts_and_only_drafts() {
    let text = "SSN 078-05-1123";
    assert!(flagged(text));
    assert!(finding(&eval(text, personal_post()), RULE).is_none());
    let mut form = ctx(CITY, Surface::Profile);
    form.field = Some("email".into());
    assert!(finding(&eval("jane.resident@gmail.com", form), RULE).is_none());
}

#[test]
fn evidence_spans_are_utf16_and_masked() {
    let text = "😀 SSN 078-05-1123 and card 4111111111111111";
    let v = eval(text, city_post());
    let f = finding(&v, RULE).unwrap();
    assert_eq!(evidence_texts(text, f), ["078-05-1123", "4111111111111111"]);
    let shown: Vec<_> = f.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(shown, ["***-**-1123", "card ending 1111"]);
}

#[test]
fn odd_and_huge_input_neither_panics_nor_crawls() {
    let mut odd = String::from("\u{0301}\u{200F}\u{FEFF}(+(");
    odd.push_str(&"-".repeat(50));
    odd.push_str("1\u{0660}２\u{200B}");
    odd.push_str(&"9".repeat(5000));
    odd.push_str("@@.@ (((( ))))");
    let _ = eval(&odd, city_post());

    // 64 KB of numbers, separators and near-misses: every scan is linear.
    let chunk = "078-05-1123 4111 1111 1111 1111 (414) 555-0199 SSN 123456789 a@b.co DOB 1/2/1990 ";
    let big = chunk.repeat(65536 / chunk.len() + 1);
    let t = std::time::Instant::now();
    let v = eval(&big, city_post());
    let took = t.elapsed();
    let f = finding(&v, RULE).unwrap();
    assert!(f.evidence.len() <= 16, "evidence is capped");
    // Debug build on a shared 2-core machine; release is a few milliseconds.
    assert!(took.as_millis() < 2000, "took {took:?}");
}
