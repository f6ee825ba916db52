//! The policy model: what a City's Social Media Policy asks of its accounts and people.
//!
//! A policy is data (JSON), so IT can supply its own through managed storage or the CLI.
//! The default, West Allis Policy 1317, is embedded at build time.

#[cfg(feature = "cli")]
pub mod audit;
mod content;
pub mod layers;
mod records;
mod validate;

use crate::accounts::{fold_handle, Seen};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use content::{
    ConductPolicy, LinkPolicy, PersonalAccountPolicy, Phrases, PiiContext, PiiPolicy, WordGroup,
};
pub use layers::User;
pub use records::RecordSettings;
pub use validate::{FieldError, PolicyError};

/// The embedded default: City of West Allis Social Media Policy 1317.
/// `build.sh --policy FILE` swaps the file through `POSTGUARD_DEFAULT_POLICY`.
pub const DEFAULT_POLICY_JSON: &str = include_str!(env!("POSTGUARD_DEFAULT_POLICY"));

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Human name of the policy, shown in the UI.
    pub name: String,
    /// The City's name as residents know it, e.g. "City of West Allis".
    pub city: String,
    /// Domains of City-issued email addresses (subdomains included).
    pub email_domains: Vec<String>,
    /// The City's official web site (§6.1.6).
    pub official_site: String,
    /// Registered City accounts (§6.1.1).
    #[serde(default)]
    pub accounts: Vec<RegisteredAccount>,
    /// Names and handles that mark an account as the City's even when it is not registered.
    #[serde(default)]
    pub account_patterns: AccountPatterns,
    /// Authorized Social Media Users (§6.1.2).
    #[serde(default)]
    pub authorized_users: Vec<AuthorizedUser>,
    /// Severity per rule id; a rule missing here uses its own default.
    #[serde(default)]
    pub severities: BTreeMap<String, Severity>,
    /// Words and phrases that make a draft read as personal (§6.4, §6.2.2).
    #[serde(default)]
    pub personal_markers: Vec<MarkerGroup>,
    /// Whom City accounts may follow, friend or like (§6.2.7).
    #[serde(default)]
    pub connections: Connections,
    /// The City's work time, when personal accounts stay closed (§6.4.1.3); absent = no reminder.
    #[serde(default)]
    pub work_time: Option<WorkTime>,
    /// Where the City password is typed, so PostGuard can recognise it elsewhere (§6.4.1.2).
    #[serde(default)]
    pub password_alert: PasswordAlert,
    /// Where reports of unauthorized use of City accounts go (§6.2.4): an email address.
    /// Absent = the report opens with no recipient and the employee picks one.
    #[serde(default)]
    pub report_to: Option<String>,
    /// May employees set their own name and title for signatures (§6.2.6) in the options?
    /// IT's directory (`authorized_users`) always wins for the people it lists.
    #[serde(default = "records::yes")]
    pub user_may_edit_identity: bool,
    /// In a managed Chrome or Edge, take the employee's email from the browser's signed-in
    /// profile (the optional `identity.email` permission) rather than the one typed in the
    /// options, when it is at a City domain. Firefox has no such API: the typed one is used.
    #[serde(default)]
    pub identity_from_profile: bool,
    /// The record of City-account posts (§7.0): retention and an optional endpoint.
    #[serde(default)]
    pub records: RecordSettings,
    /// The City address residents are asked to write to instead of messaging a City
    /// account (§6.2.8), when the employee's own City address is not known.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Personal and confidential information (§6.5.2.6).
    #[serde(default)]
    pub pii: PiiPolicy,
    /// Profanity, slurs, insults, harassment (§6.5.2.2) and sexual language (§6.5.2.4).
    #[serde(default)]
    pub conduct: ConductPolicy,
    /// Campaigning and endorsements (§6.5.2.5).
    #[serde(default)]
    pub political: Phrases,
    /// Where links on City accounts may point (§6.1.4).
    #[serde(default)]
    pub links: LinkPolicy,
    /// Official positions and City business on personal accounts (§6.4.1.1, §6.4.1.4).
    #[serde(default)]
    pub personal_accounts: PersonalAccountPolicy,
    /// Where the policy's own text is (https), for the panel's section links; absent = the
    /// text shipped with PostGuard (`extension/policy/`).
    #[serde(default)]
    pub text_url: Option<String>,
    /// IT's wording per rule id, as Chrome's enterprise DLP lets admins word its warnings:
    /// `{"<rule>": {"title": {"en": "…"}, "advice": {"es": "…"}, "learn_more": "https://…"}}`.
    /// Kept as JSON, checked by `validate`: serde_json's `Value` is in the WASM already, and
    /// typed maps would add their own code to a module held to a size budget.
    #[serde(default)]
    pub messages: Localized,
}

/// A text IT gives per language, `{"en": "…", "es": "…"}` (an object, as Chrome's schema for
/// managed storage has no "string or object"); held as JSON for the reason `messages` is.
pub type Localized = serde_json::Map<String, serde_json::Value>;

/// The text of `texts` for `lang`: its own, else the English one; else none, and PostGuard's
/// own words in `lang` are used (never another language's text).
pub fn localized(texts: &Localized, lang: crate::messages::Lang) -> Option<&str> {
    texts
        .get(lang.tag())
        .or_else(|| texts.get("en"))
        .and_then(serde_json::Value::as_str)
}

/// Empty, or holding an empty text or something else than a text.
pub(crate) fn is_blank(texts: &Localized) -> bool {
    texts.is_empty()
        || texts
            .values()
            .any(|v| v.as_str().is_none_or(|s| s.trim().is_empty()))
}

/// §6.2.7: City accounts connect only with organizations that share the City's mission.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Connections {
    /// Accounts a City account may follow, friend or like: a handle ("MilwaukeeCounty",
    /// "@MilwaukeeCounty"), "platform:handle" ("facebook:WauwatosaPD") or an exact display name.
    #[serde(default)]
    pub allowed: Vec<String>,
    /// Lower-case phrases (whole words) in a display name that mark a public body with a mission
    /// like the City's ("city of", "police department"); such accounts are not warned about.
    #[serde(default)]
    pub organization_words: Vec<String>,
}

/// §6.4.1.3: when employees are on work time.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct WorkTime {
    /// Days a shift starts on: "mon", "tue", "wed", "thu", "fri", "sat", "sun".
    pub days: Vec<String>,
    /// Start of the working day, "HH:MM" (24-hour clock).
    pub start: String,
    /// End of the working day, "HH:MM"; "24:00" is midnight; before `start` = overnight shift.
    pub end: String,
    /// IANA time zone of the schedule ("America/Chicago"); absent = the computer's own zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Days off for everyone, "YYYY-MM-DD".
    #[serde(default)]
    pub holidays: Vec<String>,
}

/// §6.4.1.2: like Google's Password Alert, remember a salted, truncated hash of the City
/// password typed on the City's sign-in page, and warn when it is typed on a social site.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PasswordAlert {
    /// Pages where employees type their City password: "https://host/path" prefixes.
    /// Empty = no password alert. The extension's manifest must also list these hosts.
    #[serde(default)]
    pub sign_in_urls: Vec<String>,
    /// Shorter passwords are not remembered (too many accidental matches); default 8.
    #[serde(default = "default_min_password")]
    pub min_length: u32,
    /// Where employees change their City password (https): the warning's "Change my City
    /// password" button; absent = no such button.
    #[serde(default)]
    pub change_url: Option<String>,
}

fn default_min_password() -> u32 {
    8
}

impl Default for PasswordAlert {
    fn default() -> Self {
        PasswordAlert {
            sign_in_urls: Vec::new(),
            min_length: default_min_password(),
            change_url: None,
        }
    }
}

impl WorkTime {
    /// The City's usual schedule.
    pub fn hours(&self) -> crate::calendar::Hours {
        crate::calendar::Hours {
            days: self.days.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegisteredAccount {
    /// Platform id as the extension names it: "x", "facebook", "instagram", ...
    pub platform: String,
    /// Handle without the leading '@', or the page's display name where there is no handle.
    pub handle: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AccountPatterns {
    /// Phrases a City account's display name contains (case-insensitive, whole words).
    #[serde(default)]
    pub names: Vec<String>,
    /// Prefixes of a City handle, compared without case, '@', '_' or '.'.
    #[serde(default)]
    pub handle_prefixes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthorizedUser {
    pub email: String,
    pub name: String,
    pub title: String,
    /// Handles (or "platform:handle") this person may post for.
    #[serde(default)]
    pub accounts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkerGroup {
    /// Why these words read as personal, shown to the user ("family", "nightlife", ...).
    pub label: String,
    /// How much one hit counts; a draft reads as personal at a total of 2.
    pub weight: u8,
    /// Lower-case phrases of whole words; a trailing '*' matches any word ending.
    pub phrases: Vec<String>,
}

/// Why an account counts as the City's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CityAccountReason {
    Registered,
    Name,
    Handle,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, never holds a post.
    Info,
    /// Holds the post until the user edits, fixes or posts anyway.
    Warn,
    /// Holds the post and asks for a reason to post anyway.
    Block,
    /// The rule is switched off.
    Off,
}

impl Policy {
    /// The embedded default policy, its severities checked against `rule_ids`.
    /// [`Policy::west_allis`] (in `rules`) passes the crate's rules.
    pub fn embedded(rule_ids: &[&str]) -> Policy {
        Policy::parse(DEFAULT_POLICY_JSON, rule_ids).expect("the embedded policy is valid")
    }

    /// Parses and validates a policy, reporting every problem with its field path; its
    /// severities may name only `rule_ids`. [`Policy::from_json`] (in `rules`) passes the
    /// crate's rules.
    pub fn parse(json: &str, rule_ids: &[&str]) -> Result<Policy, PolicyError> {
        validate::parse(json, rule_ids)
    }

    /// The severity IT chose for a rule, or the rule's default.
    pub fn severity(&self, rule: &str, default: Severity) -> Severity {
        self.severities.get(rule).copied().unwrap_or(default)
    }

    /// The authorized user with this email, compared without case.
    pub fn authorized_user(&self, email: &str) -> Option<&AuthorizedUser> {
        self.authorized_users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
    }

    /// Is this account a City account, and by what evidence: registered (§6.1.1), or named
    /// or handled like one (`account_patterns`)?
    pub fn city_account(&self, seen: &Seen) -> Option<CityAccountReason> {
        if self
            .accounts
            .iter()
            .any(|r| seen.is(&r.platform, &r.handle, r.name.as_deref()))
        {
            return Some(CityAccountReason::Registered);
        }
        if crate::text::contains_phrase(seen.name.unwrap_or(""), &self.account_patterns.names) {
            return Some(CityAccountReason::Name);
        }
        let handle = seen.handle.map(fold_handle).unwrap_or_default();
        if !handle.is_empty()
            && self
                .account_patterns
                .handle_prefixes
                .iter()
                .any(|p| handle.starts_with(&fold_handle(p)))
        {
            return Some(CityAccountReason::Handle);
        }
        None
    }

    /// Is `url` one of the City sign-in pages where the City password may be remembered?
    /// Scheme and host must be equal (without case), and the path must start with the
    /// listed path, so "https://login.city.gov/" never matches "https://login.city.gov.evil/".
    pub fn is_sign_in_page(&self, url: &str) -> bool {
        let Some((scheme, host, path)) = split_url(url) else {
            return false;
        };
        self.password_alert.sign_in_urls.iter().any(|u| {
            split_url(u).is_some_and(|(s, h, p)| {
                s.eq_ignore_ascii_case(scheme)
                    && h.eq_ignore_ascii_case(host)
                    && path.starts_with(p)
            })
        })
    }

    /// May a password of `length` characters typed on `url` be remembered as the City's?
    pub fn may_remember_password(&self, url: &str, length: u32) -> bool {
        self.is_sign_in_page(url) && length >= self.password_alert.min_length
    }

    /// Is this a City email address (the domain or one of its subdomains)?
    pub fn is_city_email(&self, address: &str) -> bool {
        let Some((_, domain)) = address.rsplit_once('@') else {
            return false;
        };
        let domain = domain.to_ascii_lowercase();
        self.email_domains.iter().any(|d| {
            let d = d.to_ascii_lowercase();
            domain == d || domain.strip_suffix(&d).is_some_and(|s| s.ends_with('.'))
        })
    }
}

/// An http(s) URL as (scheme, host with any port, path from its first '/', "/" if none).
/// Query and fragment are dropped; user info is refused (it hides the real host).
pub(crate) fn split_url(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    (!host.is_empty() && !host.contains('@')).then_some((scheme, host, path))
}
