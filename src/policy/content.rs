//! The content parts of a policy: what may not appear in a City post (§6.5, §6.1.4) and
//! what a personal account may not say (§6.4.1). Word lists are data so IT can tune them.
//!
//! Every field has a default, so policy files written before these rules stay valid; a rule
//! whose list is empty finds nothing from that list (checksummed numbers such as SSNs and
//! card numbers need no list).

use super::{FieldError, MarkerGroup};
use serde::{Deserialize, Serialize};

/// §6.5.2.6: personally identifiable and confidential information.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PiiPolicy {
    /// Phone numbers that are public, not a private person's: the City's exchanges and
    /// toll-free codes, as digit prefixes of the 10-digit number ("414302", "800").
    pub public_phone_prefixes: Vec<String>,
    /// Words that say what a nearby number is.
    pub context: PiiContext,
    /// Markings of restricted documents: "confidential", "for official use only".
    pub confidential_markers: Vec<String>,
    /// Phrases with a marker that are not a marking ("confidential tip line").
    pub confidential_allow: Vec<String>,
    /// Health information protected by HIPAA; flagged when it is next to a person.
    pub health_terms: Vec<String>,
    /// Words before a person's name: "mr", "officer".
    pub honorifics: Vec<String>,
    /// Capitalised words that are not names ("Public Works", "West Allis"), so that
    /// two of them in a row are not taken for a person.
    pub not_names: Vec<String>,
}

/// Lower-case phrases that, near a number, say what it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PiiContext {
    pub ssn: Vec<String>,
    pub bank_account: Vec<String>,
    pub routing: Vec<String>,
    pub driver_license: Vec<String>,
    pub birth_date: Vec<String>,
    pub phone: Vec<String>,
}

/// §6.5.2.2 and §6.5.2.4: words that are not acceptable in a City workplace.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ConductPolicy {
    /// §6.5.2.2: profanity, ethnic slurs, personal insults, harassment.
    pub abusive: Vec<WordGroup>,
    /// §6.5.2.4: sexually explicit language.
    pub sexual: Vec<WordGroup>,
    /// Phrases that contain a listed word but are fine: "Dick's Sporting Goods".
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WordGroup {
    /// What the words are, shown to the user ("profanity", "ethnic slur").
    pub label: String,
    /// Lower-case phrases of whole words; a trailing '*' matches any word ending.
    pub phrases: Vec<String>,
    /// Words that are fine alone and not beside a wink ("hot", "hose", "rack"): when given,
    /// the group counts only in a draft that also holds one of these (lower-case, anywhere:
    /// an emoji such as "😏", or "if you know what i mean").
    #[serde(default)]
    pub only_with: Vec<String>,
}

/// Phrases that trigger a rule, and phrases that overrule them where they overlap.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Phrases {
    pub phrases: Vec<String>,
    pub allow: Vec<String>,
}

/// §6.1.4: where links on City accounts may point.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LinkPolicy {
    /// Mission-related sites (subdomains included): partner organisations. The City's
    /// own site and email domains are always allowed.
    pub allowed_domains: Vec<String>,
    /// Endings of other government domains: ".gov", ".wi.us".
    pub allowed_suffixes: Vec<String>,
    /// Link shorteners, which hide where a link goes: "bit.ly".
    pub shorteners: Vec<String>,
}

/// §6.4.1: what a personal account must not do.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PersonalAccountPolicy {
    /// §6.4.1.1: phrases that state or imply an official City position.
    pub official_position: Vec<String>,
    /// The disclaimer the fix adds; default "Views are my own, not the <city>'s." in the
    /// employee's language.
    pub disclaimer: Option<String>,
    /// The disclaimer per language (`{"es": "…"}`); a language not given uses `disclaimer`.
    pub disclaimer_by_language: Option<super::Localized>,
    /// §6.2.8: the reply the DM fix adds, per language, with `{address}`; default PostGuard's.
    pub dm_reply: Option<super::Localized>,
    /// Phrases that already disclaim ("views are my own").
    pub disclaimer_markers: Vec<String>,
    /// §6.4.1.4: signs of City business, weighted like `personal_markers`.
    pub city_business: Vec<MarkerGroup>,
}

/// Checks a phrase list: each phrase has words and is lower case.
pub(super) fn check_phrases(path: &str, phrases: &[String], errs: &mut Vec<FieldError>) {
    for (i, ph) in phrases.iter().enumerate() {
        let reason = if crate::text::words(ph).next().is_none() {
            "has no words"
        } else if ph.chars().any(char::is_uppercase) {
            "must be lower case"
        } else {
            continue;
        };
        errs.push(FieldError {
            path: format!("{path}[{i}]"),
            reason: reason.into(),
        });
    }
}

/// Checks the content sections of a policy, naming each bad field by its path.
pub(super) fn check(p: &super::Policy) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut err = |path: String, reason: &str| {
        errs.push(FieldError {
            path,
            reason: reason.into(),
        })
    };
    if let Some(e) = &p.contact_email {
        let domain = e.rsplit_once('@');
        let valid =
            domain.is_some_and(|(local, d)| !local.is_empty() && super::validate::is_domain(d));
        if !valid || e.contains(char::is_whitespace) {
            err(
                "contact_email".into(),
                "is not an email address like \"clerk@westalliswi.gov\"",
            );
        }
    }
    for (i, pre) in p.pii.public_phone_prefixes.iter().enumerate() {
        let digits = pre
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '(' | ')' | '.'));
        if pre.is_empty() || !digits.clone().all(|c| c.is_ascii_digit()) || digits.count() > 10 {
            err(
                format!("pii.public_phone_prefixes[{i}]"),
                "must be up to 10 digits of a phone number, like \"414-302\"",
            );
        }
    }
    for (i, d) in p.links.allowed_domains.iter().enumerate() {
        if !super::validate::is_domain(d) {
            err(
                format!("links.allowed_domains[{i}]"),
                "is not a domain name like \"wistatefair.com\"",
            );
        }
    }
    for (i, s) in p.links.allowed_suffixes.iter().enumerate() {
        if !s.starts_with('.') || !super::validate::is_domain(&format!("x{s}")) {
            err(
                format!("links.allowed_suffixes[{i}]"),
                "must start with a dot, like \".gov\"",
            );
        }
    }
    for (i, d) in p.links.shorteners.iter().enumerate() {
        if !super::validate::is_domain(d) {
            err(
                format!("links.shorteners[{i}]"),
                "is not a domain name like \"bit.ly\"",
            );
        }
    }
    if let Some(d) = &p.personal_accounts.disclaimer {
        if d.trim().is_empty() {
            err(
                "personal_accounts.disclaimer".into(),
                "must not be empty (leave it out for the default)",
            );
        }
    }
    for (name, text) in [
        (
            "disclaimer_by_language",
            &p.personal_accounts.disclaimer_by_language,
        ),
        ("dm_reply", &p.personal_accounts.dm_reply),
    ] {
        if text.as_ref().is_some_and(super::is_blank) {
            err(
                format!("personal_accounts.{name}"),
                "must not be empty (leave it out for the default)",
            );
        }
    }
    for (i, g) in p.personal_accounts.city_business.iter().enumerate() {
        if g.weight == 0 {
            err(
                format!("personal_accounts.city_business[{i}].weight"),
                "must be at least 1",
            );
        }
    }
    let pii = &p.pii;
    let ctx = &pii.context;
    let conduct_groups = |name: &str, gs: &[WordGroup]| {
        gs.iter()
            .enumerate()
            .map(|(i, g)| (format!("conduct.{name}[{i}].phrases"), g.phrases.clone()))
            .collect::<Vec<_>>()
    };
    let mut lists: Vec<(String, Vec<String>)> = vec![
        ("pii.context.ssn".into(), ctx.ssn.clone()),
        ("pii.context.bank_account".into(), ctx.bank_account.clone()),
        ("pii.context.routing".into(), ctx.routing.clone()),
        (
            "pii.context.driver_license".into(),
            ctx.driver_license.clone(),
        ),
        ("pii.context.birth_date".into(), ctx.birth_date.clone()),
        ("pii.context.phone".into(), ctx.phone.clone()),
        (
            "pii.confidential_markers".into(),
            pii.confidential_markers.clone(),
        ),
        (
            "pii.confidential_allow".into(),
            pii.confidential_allow.clone(),
        ),
        ("pii.health_terms".into(), pii.health_terms.clone()),
        ("pii.honorifics".into(), pii.honorifics.clone()),
        ("pii.not_names".into(), pii.not_names.clone()),
        ("conduct.allow".into(), p.conduct.allow.clone()),
        ("political.phrases".into(), p.political.phrases.clone()),
        ("political.allow".into(), p.political.allow.clone()),
        (
            "personal_accounts.official_position".into(),
            p.personal_accounts.official_position.clone(),
        ),
        (
            "personal_accounts.disclaimer_markers".into(),
            p.personal_accounts.disclaimer_markers.clone(),
        ),
    ];
    lists.extend(conduct_groups("abusive", &p.conduct.abusive));
    lists.extend(conduct_groups("sexual", &p.conduct.sexual));
    lists.extend(
        p.personal_accounts
            .city_business
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (
                    format!("personal_accounts.city_business[{i}].phrases"),
                    g.phrases.clone(),
                )
            }),
    );
    for (path, phrases) in &lists {
        check_phrases(path, phrases, &mut errs);
    }
    errs
}
