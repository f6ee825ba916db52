//! One module per policy area. Each rule reads the [`Facts`] of a draft and returns
//! findings that cite its section; the engine applies the policy's severities.

pub mod city_email;
pub mod personal_context;
pub mod signature;

use crate::context::{CityAccountReason, Context};
use crate::lexicon::Lexicon;
use crate::policy::{Policy, Severity};
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
pub const RULES: &[Rule] = &[personal_context::RULE, city_email::RULE, signature::RULE];

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
