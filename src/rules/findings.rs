//! What the rules' findings share: the evidence they quote, how they quote it, and a fix that
//! appends text while the draft stays within its platform's limit.

use super::Facts;
use crate::lexicon::Hit;
use crate::messages::Text;
use crate::model::Judgement;
use crate::text::platform_length;
use crate::verdict::{Evidence, Fix, FixPosition};

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

/// Evidence for the lists' hits, or where the lists found nothing, the words that weighed most
/// in the model's judgement: what a finding quotes.
pub fn listed_or_weighed(f: &Facts, hits: &[Hit], model: Option<Judgement>) -> Vec<Evidence> {
    let listed = evidence(f, hits);
    if listed.is_empty() {
        return model.map(|m| m.evidence).unwrap_or_default();
    }
    listed
}

/// “a”, “b” and “c”: the first few evidence texts, quoted, without repeats.
pub fn quoted(t: &Text, evidence: &[Evidence], max: usize) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in evidence {
        let q = format!("“{}”", e.text);
        if !seen.contains(&q) {
            seen.push(q);
        }
    }
    let more = seen.len() > max;
    seen.truncate(max);
    let mut s = t.and_list(&seen);
    if more {
        s.push_str(" …");
    }
    s
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
            return Err(f.t.fill(
                "over_limit",
                &[
                    ("len", &len.to_string()),
                    ("max", &max.to_string()),
                    ("over", &(len - max).to_string()),
                ],
            ));
        }
    }
    Ok(Fix {
        label: label.into(),
        insert,
        at: FixPosition::End,
    })
}
