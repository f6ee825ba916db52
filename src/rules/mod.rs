//! The rules: one module per rule, named for its id in snake_case (ids are the keys of IT's
//! severities and of the records, so files follow ids, never the reverse). Each rule reads the
//! [`Facts`] of a draft and returns findings that cite its section; the engine applies the
//! policy's severities. What they share: [`Lexicons`] (the policy's compiled lists) and
//! `findings` (evidence, quoting and fixes).

mod findings;
mod lexicons;

pub mod abusive_language;
pub mod city_account_connection;
pub mod city_account_personal_context;
pub mod city_business_personal_account;
pub mod city_email_personal_account;
pub mod city_password_social_site;
pub mod dm_public_record;
pub mod off_mission_link;
pub mod official_position;
pub mod personal_information;
pub mod political_activity;
pub mod reply_signature;
pub mod sexual_content;
pub mod unauthorized_user;

pub use lexicons::Lexicons;

use crate::context::{Context, Surface};
use crate::messages::Text;
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
    /// The catalogue in the employee's language.
    pub t: Text,
}

impl<'a> Facts<'a> {
    /// Is this a draft someone will publish (not an email or password field, not empty)?
    pub fn is_draft(&self) -> bool {
        !self.text.trim().is_empty()
            && self.ctx.field.is_none()
            && self.ctx.surface != Surface::Login
    }

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

/// A rule: its id (used in severities), the section it cites, its title's catalogue key and
/// what it checks.
pub struct Rule {
    pub id: &'static str,
    pub section: &'static str,
    pub title: &'static str,
    pub default: Severity,
    pub check: fn(&Facts) -> Vec<Finding>,
}

/// Every rule, in the order findings are shown.
pub const RULES: &[Rule] = &[
    city_account_personal_context::RULE,
    city_email_personal_account::RULE,
    reply_signature::RULE,
    city_account_connection::RULE,
    city_password_social_site::RULE,
    unauthorized_user::RULE,
    personal_information::RULE,
    abusive_language::RULE,
    sexual_content::RULE,
    political_activity::RULE,
    off_mission_link::RULE,
    dm_public_record::RULE,
    official_position::RULE,
    city_business_personal_account::RULE,
];

/// What a model head reads besides the words: the policy's list score for its rule, or
/// `None` when the rule does not judge this draft (wrong kind of account, not a draft). The
/// trainer (`examples/train.rs`) and the rules share it, so they see the same inputs.
pub fn model_input(f: &Facts, head: crate::model::Head) -> Option<u32> {
    use crate::model::Head;
    if !f.is_draft() || f.ctx.is_event() {
        return None;
    }
    let city = f.city.is_some();
    match head {
        Head::Personal if city => Some(city_account_personal_context::lexicon_score(f).1),
        Head::Political if city => Some(political_activity::lexicon_score(f).1),
        Head::Official if !city => Some(official_position::lexicon_score(f).1),
        Head::Business if !city => Some(city_business_personal_account::lexicon_score(f).1),
        _ => None,
    }
}

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
pub const EVENT_RULES: &[&str] = &[city_account_connection::ID, city_password_social_site::ID];

impl Rule {
    /// A finding of this rule, in the catalogue's words: what to do (`advice`) and why. The
    /// engine sets the severity and IT's wording from the policy.
    pub fn finding(
        &self,
        t: &Text,
        advice: String,
        why: String,
        start: usize,
        end: usize,
    ) -> Finding {
        Finding {
            rule: self.id,
            section: self.section,
            severity: self.default,
            title: t.get(self.title).to_string(),
            message: format!("{advice} {why}"),
            advice,
            why,
            learn_more: None,
            start,
            end,
            evidence: Vec::new(),
            fix: None,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Each rule's file is named for its id, so a reader finds `abusive-language` in
    /// `abusive_language.rs`.
    #[test]
    fn rule_files_are_named_for_their_ids() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules");
        for rule in super::RULES {
            let file = format!("{dir}/{}.rs", rule.id.replace('-', "_"));
            let source = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("rule {}: {file}: {e}", rule.id));
            assert!(
                source.contains(&format!("pub const ID: &str = \"{}\";", rule.id)),
                "{file} does not define the id {}",
                rule.id
            );
        }
    }
}
