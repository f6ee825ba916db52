//! The policy's lists as the rules search them: compiled once per policy, when the engine is
//! made, and shared by every draft it judges.

use crate::evasion::WordList;
use crate::lexicon::Lexicon;
use crate::policy::Policy;

/// The policy's phrase and word lists, compiled once per policy.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// Words that make a draft read as personal (§6.4, §6.2.2), one group per marker group.
    pub personal: Lexicon,
    pub pii: crate::pii::Lists,
    pub abusive: WordList,
    pub sexual: WordList,
    /// Group 0 the advocacy phrases, group 1 the allowed look-alikes: where they overlap
    /// the longer wins, so "does not endorse" hides "endorse".
    pub political: Lexicon,
    pub official_position: Lexicon,
    pub disclaimer_markers: Lexicon,
    pub city_business: Lexicon,
}

fn lexicon(phrases: &[String]) -> Lexicon {
    Lexicon::new([phrases.iter().map(String::as_str)])
}

impl Lexicons {
    pub fn new(policy: &Policy) -> Lexicons {
        let pa = &policy.personal_accounts;
        Lexicons {
            personal: Lexicon::new(
                policy
                    .personal_markers
                    .iter()
                    .map(|g| g.phrases.iter().map(String::as_str)),
            ),
            pii: crate::pii::Lists::new(policy),
            abusive: WordList::new(&policy.conduct.abusive, &policy.conduct.allow),
            sexual: WordList::new(&policy.conduct.sexual, &policy.conduct.allow),
            political: Lexicon::new(
                [&policy.political.phrases, &policy.political.allow]
                    .map(|l| l.iter().map(String::as_str)),
            ),
            official_position: lexicon(&pa.official_position),
            disclaimer_markers: lexicon(&pa.disclaimer_markers),
            city_business: Lexicon::new(
                pa.city_business
                    .iter()
                    .map(|g| g.phrases.iter().map(String::as_str)),
            ),
        }
    }
}
