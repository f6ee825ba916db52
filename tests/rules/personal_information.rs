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
fn ssn_formats_and_invalid_numbers() {
    for hit in [
        "078-05-1123",
        "078.05.1123",
        "078 05 1123",
        "SSN: 078051123",
        "social security number 078051123",
    ] {
        assert_eq!(kinds(hit), [Kind::Ssn], "{hit}");
    }
    for miss in [
        "000-12-3456", // area 000
        "666-12-3456", // area 666
        "900-12-3456", // area 9xx
        "123-00-4567", // group 00
        "123-45-0000", // serial 0000
        "078-05.1123", // separators differ
        "693-09.4444",
        "078-05-1120",             // the Woolworth wallet card
        "Permit 078051123 issued", // nine digits, nothing says SSN
        "0780511201",
        "Call 078-05-11234",
    ] {
        assert!(kinds(miss).is_empty(), "{miss}: {:?}", kinds(miss));
    }
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
fn cards_need_luhn_and_a_card_shape() {
    for hit in [
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "Amex 3714 496353 98431",
        "５５５５ ５５５５ ５５５５ ４４４４",
    ] {
        assert_eq!(kinds(hit), [Kind::Card], "{hit}");
    }
    for miss in [
        "4111 1111 1111 1112",       // Luhn fails
        "Order 1234 5678 9012 3456", // Luhn fails
        "4111-1111 1111-1111",       // mixed separators
        "9111111111111111",          // no card starts with 9
    ] {
        assert!(!kinds(miss).contains(&Kind::Card), "{miss}");
    }
    let v = eval("Card 4111 1111 1111 1111 on file", city_post());
    assert!(finding(&v, RULE)
        .unwrap()
        .message
        .contains("card ending 1111"));
}

#[test]
fn bank_numbers_need_context_or_the_printed_shape() {
    assert_eq!(
        kinds("Routing 121000358, account 12345678901"),
        [Kind::Routing, Kind::BankAccount]
    );
    assert_eq!(kinds("0711-0130-7"), [Kind::Routing], "printed on checks");
    assert!(kinds("Permit 121000358").is_empty(), "no context");
    assert!(kinds("routing 421042111").is_empty(), "bad checksum");
    assert!(
        kinds("account 1234567").is_empty(),
        "too short for an account"
    );
    assert!(kinds("Account numbers are printed on your bill.").is_empty());
}

#[test]
fn drivers_licenses() {
    assert_eq!(
        kinds("Driver's license S530-4607-8192-03"),
        [Kind::DriverLicense]
    );
    assert_eq!(
        kinds("S530-4607-8192-03"),
        [Kind::DriverLicense],
        "Wisconsin's shape"
    );
    assert_eq!(kinds("DL: H1234567."), [Kind::DriverLicense]);
    assert!(
        kinds("H12234567").is_empty(),
        "no context, not Wisconsin's shape"
    );
    assert!(kinds("License plate ABC123 towed").is_empty());
    let v = eval("drivers license S530-4607-8192-03", city_post());
    let msg = &finding(&v, RULE).unwrap().message;
    assert!(msg.contains("S…03") && !msg.contains("4607"), "{msg}");
}

#[test]
fn dates_of_birth_need_birth_words() {
    assert_eq!(kinds("John Smith, DOB 04/12/1985"), [Kind::BirthDate]);
    assert_eq!(kinds("John Smith (born March 4, 1987)"), [Kind::BirthDate]);
    assert_eq!(kinds("date of birth: 4 March 1987"), [Kind::BirthDate]);
    assert_eq!(kinds("DOB 1985-04-12"), [Kind::BirthDate]);
    assert!(kinds("Council meets 04/12/2025").is_empty());
    assert!(
        kinds("Born to Read starts 05/12/2025").is_empty(),
        "a program name"
    );
    assert!(kinds("DOB 13/13/1985").is_empty(), "no such date");
}

#[test]
fn private_contact_details_but_not_the_citys() {
    assert_eq!(kinds("Write jane.resident@gmail.com"), [Kind::Email]);
    assert_eq!(kinds("Call Jane at (414) 555-0199"), [Kind::Phone]);
    assert_eq!(kinds("her cell is 414.555.0199"), [Kind::Phone]);
    assert_eq!(kinds("call 4145550199"), [Kind::Phone]);
    assert_eq!(kinds("+44 20 7946 0958"), [Kind::Phone]);
    for fine in [
        "Questions? clerk@westalliswi.gov or (414) 302-8200",
        "Call 414-302-8200 or 1-800-242-9137",
        "Tickets: info@wistatefair.com",
        "Write to permits@milwaukee.gov",
        "Invoice 4145550199", // ten digits, nothing says phone
    ] {
        assert!(kinds(fine).is_empty(), "{fine}: {:?}", kinds(fine));
    }
}

#[test]
fn confidentiality_markings_but_not_tip_lines() {
    assert_eq!(
        kinds("CONFIDENTIAL: draft budget attached"),
        [Kind::Confidential]
    );
    assert_eq!(
        kinds("For Official Use Only - staffing plan"),
        [Kind::Confidential]
    );
    for fine in [
        "Tips are kept confidential. Call our confidential tip line.",
        "Read the confidentiality notice",
    ] {
        assert!(kinds(fine).is_empty(), "{fine}");
    }
}

#[test]
fn health_information_next_to_a_person() {
    assert_eq!(
        kinds("Officer Smith was diagnosed with cancer"),
        [Kind::Health]
    );
    assert_eq!(
        kinds("John Smith tested positive for measles"),
        [Kind::Health]
    );
    assert_eq!(kinds("@jane_resident is in rehab"), [Kind::Health]);
    for fine in [
        "Free HIV testing at the West Allis Health Department",
        "Cancer Awareness Walk on Saturday at Greenfield Park",
        "Mental Health Month: resources at City Hall",
    ] {
        assert!(kinds(fine).is_empty(), "{fine}: {:?}", kinds(fine));
    }
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
fn city_business_posts_stay_clean() {
    for text in [
        "Bulk pickup starts May 4. Details: https://www.westalliswi.gov/trash",
        "City Hall is open 8:00-4:30, call (414) 302-8200.",
        "Greenfield Ave will be closed 5/12-5/14 for sewer work.",
        "Permit #2024-00123 approved; 1,250 residents served in 2023.",
        "Population 60,325. Budget $123,456,789.",
    ] {
        assert!(
            !flagged(text),
            "{text}: {:?}",
            eval(text, city_post()).findings
        );
    }
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
