//! One module per policy area. Each rule reads the [`Facts`] of a draft and returns
//! findings that cite its section; the engine applies the policy's severities.

pub mod authorized_user;
pub mod city_business;
pub mod city_email;
pub mod city_password;
pub mod conduct;
pub mod connections;
pub mod content;
pub mod direct_message;
pub mod links;
pub mod official_position;
pub mod personal_context;
pub mod pii;
pub mod political;
pub mod sexual_content;
pub mod signature;

use crate::context::Context;
use crate::lexicon::Lexicon;
use crate::policy::{CityAccountReason, Policy, Severity};
use crate::text::Word;
use crate::verdict::Finding;

/// Everything a rule may read, computed once per draft.
pub struct Facts<'a> {
    pub policy: &'a Policy,
    pub ctx: &'a Context,
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
    /// Why the active account is the City's, if it is.
    pub city: Option<CityAccountReason>,
    /// The employee's name and title, from IT's directory first, then their own settings.
    pub signer: Signer,
    pub lexicons: &'a Lexicons,
    /// The draft folded for the conduct word lists (§6.5.2.2, §6.5.2.4), made on first use.
    pub folded: std::cell::OnceCell<crate::evasion::Tokens<'a>>,
}

impl<'a> Facts<'a> {
    /// The draft with evasions undone, folded once for every rule that needs it.
    pub fn folded(&self) -> &crate::evasion::Tokens<'a> {
        self.folded
            .get_or_init(|| crate::evasion::Tokens::new(self.text))
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
}

/// The policy's phrase lists, compiled once per policy.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    pub personal: Lexicon,
    /// The content rules' lists (§6.5, §6.1.4, §6.4.1).
    pub content: content::ContentLists,
}

impl Lexicons {
    pub fn new(policy: &Policy) -> Lexicons {
        Lexicons {
            personal: Lexicon::new(
                policy
                    .personal_markers
                    .iter()
                    .map(|g| g.phrases.iter().map(String::as_str)),
            ),
            content: content::ContentLists::new(policy),
        }
    }
}

/// A rule: its id (used in severities), the section it cites and what it checks.
pub struct Rule {
    pub id: &'static str,
    pub section: &'static str,
    pub default: Severity,
    pub check: fn(&Facts) -> Vec<Finding>,
}

/// Every rule, in the order findings are shown.
pub const RULES: &[Rule] = &[
    personal_context::RULE,
    city_email::RULE,
    signature::RULE,
    connections::RULE,
    city_password::RULE,
    authorized_user::RULE,
    pii::RULE,
    conduct::RULE,
    sexual_content::RULE,
    political::RULE,
    links::RULE,
    direct_message::RULE,
    official_position::RULE,
    city_business::RULE,
];

/// Every rule's id, in [`RULES`] order: the names a policy's `severities` may use. Validation,
/// in the policy below, is handed these rather than reaching up for them.
pub const IDS: &[&str] = &{
    let mut ids = [""; RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        ids[i] = RULES[i].id;
        i += 1;
    }
    ids
};

/// Policies checked against these rules.
impl Policy {
    /// The embedded default policy (West Allis 1317 unless `build.sh --policy` swapped it).
    pub fn west_allis() -> Policy {
        Policy::embedded(IDS)
    }

    /// Parses and validates a policy, reporting every problem with its field path.
    pub fn from_json(json: &str) -> Result<Policy, crate::policy::PolicyError> {
        Policy::parse(json, IDS)
    }
}

/// Rules about what the user does rather than what they type. For such an event (a follow,
/// like or friend click; the City password typed) the engine runs only these, so draft rules
/// never judge the empty text of a click.
pub const EVENT_RULES: &[&str] = &[connections::ID, city_password::ID];

impl Rule {
    /// A finding of this rule; the engine sets the severity from the policy.
    pub fn finding(&self, message: String, start: usize, end: usize) -> Finding {
        Finding {
            rule: self.id,
            section: self.section,
            severity: self.default,
            message,
            start,
            end,
            evidence: Vec::new(),
            fix: None,
        }
    }
}
