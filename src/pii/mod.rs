//! Personally identifiable and confidential information in a draft (§6.5.2.6).
//!
//! Numbers are found by shape and proven by checksum where one exists (SSN ranges, Luhn,
//! ABA); numbers without a checksum (bank accounts, licences, bare 9-digit SSNs) count
//! only next to words that say what they are. Contact details count when they are a
//! private person's: not the City's, not another government's, not a listed partner's.

mod numbers;
mod people;

use crate::lexicon::{Hit as LexHit, Lexicon};
use crate::policy::Policy;
use crate::text::Word;
use std::collections::HashSet;

/// What kind of information was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ssn,
    Card,
    Routing,
    BankAccount,
    DriverLicense,
    BirthDate,
    Email,
    Phone,
    Confidential,
    Health,
}

impl Kind {
    /// How a message names it: "a Social Security number".
    /// Its name's key in the catalogue (`crate::messages`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Ssn => "pii_ssn",
            Kind::Card => "pii_card",
            Kind::Routing => "pii_routing",
            Kind::BankAccount => "pii_bank_account",
            Kind::DriverLicense => "pii_driver_license",
            Kind::BirthDate => "pii_birth_date",
            Kind::Email => "pii_email",
            Kind::Phone => "pii_phone",
            Kind::Confidential => "pii_confidential",
            Kind::Health => "pii_health",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Ssn => "a Social Security number",
            Kind::Card => "a payment card number",
            Kind::Routing => "a bank routing number",
            Kind::BankAccount => "a bank account number",
            Kind::DriverLicense => "a driver's license number",
            Kind::BirthDate => "a date of birth",
            Kind::Email => "a private email address",
            Kind::Phone => "a private phone number",
            Kind::Confidential => "a confidentiality marking",
            Kind::Health => "health information about a person",
        }
    }
}

/// One piece of information, with its UTF-16 span and how a message may show it
/// (secret numbers are masked: a warning must not become another copy of the SSN).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub shown: String,
}

/// The policy's PII word lists, compiled once per policy into one lexicon (one pass over
/// a draft finds them all), with a group per list.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    words: Lexicon,
    honorifics: HashSet<String>,
    not_names: HashSet<String>,
    public_phone_prefixes: Vec<String>,
}

/// The lists in `Lists::words`, by group index. Where phrases of two lists overlap, the
/// longer wins, so "confidential tip line" (allowed) hides "confidential" (a marking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub(crate) enum List {
    Ssn,
    BankAccount,
    Routing,
    DriverLicense,
    BirthDate,
    Phone,
    Confidential,
    /// Never looked up: its hits only hide the markings they contain.
    #[allow(dead_code)]
    ConfidentialAllow,
    Health,
}

const LISTS: usize = 9;

impl Lists {
    pub fn new(policy: &Policy) -> Lists {
        let p = &policy.pii;
        let c = &p.context;
        let set = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect();
        let groups: [&Vec<String>; LISTS] = [
            &c.ssn,
            &c.bank_account,
            &c.routing,
            &c.driver_license,
            &c.birth_date,
            &c.phone,
            &p.confidential_markers,
            &p.confidential_allow,
            &p.health_terms,
        ];
        Lists {
            words: Lexicon::new(groups.iter().map(|g| g.iter().map(String::as_str))),
            honorifics: set(&p.honorifics),
            not_names: set(&p.not_names),
            public_phone_prefixes: p
                .public_phone_prefixes
                .iter()
                .map(|s| s.chars().filter(char::is_ascii_digit).collect())
                .collect(),
        }
    }
}

/// Where one list's words were found, as word-index ranges in text order.
#[derive(Default)]
pub(crate) struct Near(Vec<LexHit>);

impl Near {
    /// Is there a hit within `before` words before word `first`, or `after` words after
    /// word `last` (inclusive range of the item's own words)?
    pub(crate) fn around(&self, first: usize, last: usize, before: usize, after: usize) -> bool {
        let lo = first.saturating_sub(before);
        let hi = last + 1 + after;
        // Hits do not overlap, so their ends are sorted too.
        let i = self.0.partition_point(|h| h.last <= lo);
        self.0.get(i).is_some_and(|h| h.first < hi)
    }

    pub(crate) fn hits(&self) -> &[LexHit] {
        &self.0
    }
}

/// Everything a scan needs to know about the draft.
pub(crate) struct Scan<'a> {
    pub text: &'a str,
    pub words: &'a [Word<'a>],
    pub lists: &'a Lists,
    /// Where each list's words are in the draft.
    found: [Near; LISTS],
}

impl Scan<'_> {
    pub(crate) fn near(&self, list: List) -> &Near {
        &self.found[list as usize]
    }

    /// Index of the first word that starts at or after UTF-16 offset `at`.
    pub(crate) fn word_at(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.start < at)
    }

    /// Index range (inclusive) of the words inside UTF-16 span `start..end`.
    pub(crate) fn words_in(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.word_at(start);
        let last = self.words.partition_point(|w| w.start < end);
        (first, last.saturating_sub(1).max(first))
    }
}

/// Finds PII in `text`, in text order; linear in its length.
pub fn scan(text: &str, words: &[Word], lists: &Lists, policy: &Policy) -> Vec<Hit> {
    let mut found: [Near; LISTS] = Default::default();
    for h in lists.words.find(words) {
        found[h.group].0.push(h);
    }
    let s = Scan {
        text,
        words,
        lists,
        found,
    };
    let mut hits = numbers::scan(&s);
    hits.extend(numbers::licenses(&s, &hits));
    hits.extend(people::scan(&s, &hits));
    for e in crate::text::emails(text) {
        let domain = e.address.rsplit_once('@').map_or("", |(_, d)| d);
        if !policy.is_city_email(e.address) && !crate::links::is_allowed_host(policy, domain) {
            hits.push(Hit {
                kind: Kind::Email,
                start: e.start,
                end: e.end,
                shown: e.address.to_string(),
            });
        }
    }
    hits.sort_by_key(|h| (h.start, h.kind));
    hits
}

/// Does `start..end` overlap any of `hits` (in text order, not overlapping each other)?
pub(crate) fn overlaps(hits: &[Hit], start: usize, end: usize) -> bool {
    let i = hits.partition_point(|h| h.end <= start);
    hits.get(i).is_some_and(|h| h.start < end)
}

/// The last `n` characters, for masked display: "***-**-1123".
pub(crate) fn last(digits: &str, n: usize) -> &str {
    &digits[digits.len().saturating_sub(n)..]
}
