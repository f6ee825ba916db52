//! What the engine answers: findings that cite the policy, and the words the panel shows.

use crate::policy::CityAccountReason;
use crate::policy::Severity;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// Stable rule id, e.g. "reply-signature".
    pub rule: &'static str,
    /// The policy section it enforces, e.g. "6.2.6".
    pub section: &'static str,
    pub severity: Severity,
    /// At most six words, read first: "Personal post on the City account".
    pub title: String,
    /// One sentence (at most 120 characters) that says what to do.
    pub advice: String,
    /// The details, shown folded under "Why?": the words quoted and the policy's wording.
    pub why: String,
    /// IT's "learn more" page for this rule (the policy's `messages`), if it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learn_more: Option<String>,
    /// The whole of it in one line (advice, then why), for records, the CLI and the popup.
    pub message: String,
    /// UTF-16 span of the first words that triggered it (0..0 when it is about the whole draft).
    pub start: usize,
    pub end: usize,
    /// Every span that triggered it, so the panel can say why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A one-click change the user may apply: insert `insert` at the end of the draft.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fix {
    pub label: String,
    pub insert: String,
    pub at: FixPosition,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FixPosition {
    End,
}

#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing holds the post.
    Allow,
    /// Hold the post until the user edits, fixes or posts anyway.
    Warn,
    /// Hold the post; posting anyway needs a reason.
    Block,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccountView {
    pub city: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<CityAccountReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The panel's words, so that all wording comes from the engine.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Panel {
    pub title: String,
    pub edit: String,
    pub post_anyway: String,
    /// The "Why?" disclosure's label and the section link's ("Policy §{section}").
    pub why: String,
    pub section: String,
    pub learn_more: String,
    /// The password warning's "Change my City password": the policy's `change_url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_password: Option<Link>,
    /// When the verdict blocks, going ahead anyway needs a reason, kept in the record (§7.0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<ReasonPrompt>,
}

/// A button that opens a page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// The words of the "why post anyway?" field the panel shows for a Block verdict.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReasonPrompt {
    pub label: String,
    pub confirm: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Verdict {
    pub verdict: Level,
    pub findings: Vec<Finding>,
    pub account: AccountView,
    /// "Posting as City account …", shown on the composer while a City account is active.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub panel: Option<Panel>,
}
