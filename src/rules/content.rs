//! What the content rules share: their compiled word lists, when they apply, how they
//! quote what triggered them, and how a fix that appends text stays within the limit.

use super::Facts;
use crate::context::Surface;
use crate::evasion::WordList;
use crate::lexicon::{Hit, Lexicon};
use crate::policy::Policy;
use crate::text::platform_length;
use crate::verdict::{Evidence, Fix, FixPosition};

/// The content rules' lists, compiled once per policy.
#[derive(Debug, Clone, Default)]
pub struct ContentLists {
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

impl ContentLists {
    pub fn new(policy: &Policy) -> ContentLists {
        let pa = &policy.personal_accounts;
        ContentLists {
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

/// Is this a draft someone will publish (not an email or password field, not empty)?
pub fn is_draft(f: &Facts) -> bool {
    !f.text.trim().is_empty() && f.ctx.field.is_none() && f.ctx.surface != Surface::Login
}

/// How many triggers a finding lists; a pasted novel need not quote itself back.
pub const MAX_EVIDENCE: usize = 16;

/// Evidence for lexicon hits over the draft's words.
pub fn evidence(f: &Facts, hits: &[Hit]) -> Vec<Evidence> {
    hits.iter()
        .take(MAX_EVIDENCE)
        .map(|h| {
            let (a, b) = (&f.words[h.first], &f.words[h.last - 1]);
            Evidence {
                text: f.text[a.bytes.start..b.bytes.end].to_string(),
                start: a.start,
                end: b.end,
            }
        })
        .collect()
}

/// “a”, “b” and “c”: the first few evidence texts, quoted, without repeats.
pub fn quoted(evidence: &[Evidence], max: usize) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in evidence {
        let q = format!("“{}”", e.text);
        if !seen.contains(&q) {
            seen.push(q);
        }
    }
    let more = seen.len() > max;
    seen.truncate(max);
    let mut s = and_list(&seen);
    if more {
        s.push_str(" …");
    }
    s
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A fix that appends `addition` after a space, if the draft still fits the platform's
/// limit as that platform counts it; otherwise the reason, for the message.
pub fn append_fix(f: &Facts, label: &str, addition: &str) -> Result<Fix, String> {
    let sep = if f.text.ends_with(char::is_whitespace) {
        ""
    } else {
        " "
    };
    let insert = format!("{sep}{addition}");
    if let Some((max, counting)) = crate::platform::limit(f.ctx.platform.as_deref(), f.ctx.surface)
    {
        let len = platform_length(&format!("{}{insert}", f.text), counting);
        if len > max {
            return Err(format!(
                "With it the text is {len} characters, over the limit of {max}: shorten it by {} first.",
                len - max
            ));
        }
    }
    Ok(Fix {
        label: label.into(),
        insert,
        at: FixPosition::End,
    })
}
