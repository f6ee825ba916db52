//! §6.5.2.2 (profanity, slurs, insults, harassment) and §6.5.2.4 (sexual language) on City
//! accounts: evasions are caught, Scunthorpe-style words are not.

use crate::support::*;

const ABUSIVE: &str = "abusive-language";
const SEXUAL: &str = "sexual-content";

fn corpus(part: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../data/conduct_corpus.json")).unwrap();
    json[part]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn abusive_language_and_its_evasions_are_flagged() {
    for text in corpus("abusive") {
        let v = eval(&text, city_post());
        let f = finding(&v, ABUSIVE).unwrap_or_else(|| panic!("{text:?}: {:?}", v.findings));
        assert_eq!(f.section, "6.5.2.2");
        assert!(finding(&v, SEXUAL).is_none(), "{text:?}");
        // The span is what was typed, whatever the evasion.
        let typed = utf16_slice(&text, f.start, f.end);
        assert!(
            !typed.trim().is_empty() && text.contains(&typed),
            "{text:?}: {typed:?}"
        );
    }
}

#[test]
fn sexual_language_is_its_own_section() {
    for text in corpus("sexual") {
        let v = eval(&text, city_post());
        let f = finding(&v, SEXUAL).unwrap_or_else(|| panic!("{text:?}: {:?}", v.findings));
        assert_eq!(f.section, "6.5.2.4");
        assert!(f.message.contains("Anti-Harassment"), "{}", f.message);
    }
}

#[test]
fn scunthorpe_words_and_allowed_phrases_stay_clean() {
    for text in corpus("clean") {
        let v = eval(&text, city_post());
        assert!(
            finding(&v, ABUSIVE).is_none() && finding(&v, SEXUAL).is_none(),
            "{text:?}: {:?}",
            v.findings
        );
    }
}

#[test]
fn the_message_names_the_kind_and_quotes_the_words() {
    let text = "You idiot, this is sh1t. F U C K it.";
    let v = eval(text, city_post());
    let f = finding(&v, ABUSIVE).unwrap();
    assert!(
        f.message.contains("profanity (“sh1t” and “F U C K”)"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("personal insult (“idiot”)"),
        "{}",
        f.message
    );
    assert_eq!(evidence_texts(text, f), ["idiot", "sh1t", "F U C K"]);
}

#[test]
fn allowed_phrases_only_cover_their_own_words() {
    // "Dick's Sporting Goods" is fine; calling someone a dick next to it is not.
    let v = eval(
        "Dick's Sporting Goods is open. Don't be a dick.",
        city_post(),
    );
    let f = finding(&v, ABUSIVE).expect("the second dick");
    assert_eq!(f.evidence.len(), 1);
    assert_eq!(f.evidence[0].text, "dick");
}

#[test]
fn personal_accounts_are_not_policed_for_language() {
    let v = eval("this traffic is bullshit", personal_post());
    assert!(finding(&v, ABUSIVE).is_none());
}

#[test]
fn the_word_lists_are_policy_data() {
    let mut policy = postguard::Policy::west_allis();
    policy.conduct.abusive[0].phrases.push("heck".into());
    policy.conduct.allow.push("what the heck".into());
    let engine = postguard::Engine::new(policy);
    assert!(finding(&eval_with(&engine, "heck no", city_post()), ABUSIVE).is_some());
    assert!(finding(&eval_with(&engine, "what the heck", city_post()), ABUSIVE).is_none());
    // An older policy file without lists finds nothing, and is still valid.
    let mut bare = postguard::Policy::west_allis();
    bare.conduct = Default::default();
    let engine = postguard::Engine::new(bare);
    assert!(eval_with(&engine, "bullshit", city_post())
        .findings
        .is_empty());
}

/// Words that are fine alone count only beside the wink that makes them innuendo or sarcasm
/// (`only_with` in the policy's groups), so "hot cocoa" and "Genius Hour" stay clean.
#[test]
fn ambiguous_words_count_only_in_their_context() {
    for (text, rule) in [
        ("That new lifeguard is so hot 🥵", SEXUAL),
        ("Our crews can fill any hole 😏", SEXUAL),
        (
            "Depends what you're wearing, if you know what I mean",
            SEXUAL,
        ),
        ("Learn the parking rules, genius.", ABUSIVE),
        ("wow you're a real genius huh", ABUSIVE),
    ] {
        let v = eval(text, city_post());
        assert!(finding(&v, rule).is_some(), "{text:?}: {:?}", v.findings);
    }
    for text in [
        "Hot cocoa at the ice rink tonight, 6 to 8 pm.",
        "Crews are filling the hole on 84th Street today.",
        "Wear bright colors when you ride after dark 😉",
        "Genius Hour at the library: kids build robots on Saturday.",
        "Our big hose test at Station 1 is Tuesday morning.",
    ] {
        let v = eval(text, city_post());
        assert!(
            finding(&v, SEXUAL).is_none() && finding(&v, ABUSIVE).is_none(),
            "{text:?}: {:?}",
            v.findings
        );
    }
}
