//! The policy model: what a City's Social Media Policy asks of its accounts and people.
//!
//! A policy is data (JSON), so IT can supply its own through managed storage or the CLI.
//! The default, West Allis Policy 1317, is embedded at build time.

mod validate;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// The embedded default policy.
    pub fn west_allis() -> Policy {
        Policy::from_json(DEFAULT_POLICY_JSON).expect("the embedded policy is valid")
    }

    /// Parses and validates a policy, reporting every problem with its field path.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        validate::parse(json)
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
