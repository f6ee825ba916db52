//! §6.2.6: an Authorized User responding as the City includes their name and title.
//!
//! The fix appends " — Name, Title" to the reply, and only when the result still fits the
//! platform's length limit as that platform counts it.

use super::{Facts, Rule};
use crate::context::Surface;
use crate::policy::Severity;
use crate::text::platform_length;
use crate::verdict::{Finding, Fix, FixPosition};

pub const ID: &str = "reply-signature";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.2.6",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none()
        || !matches!(f.ctx.surface, Surface::Reply | Surface::Comment)
        || f.text.trim().is_empty()
    {
        return Vec::new();
    }
    let (Some(name), Some(title)) = (f.signer.name.as_deref(), f.signer.title.as_deref()) else {
        return vec![RULE.finding(
            "When you reply as the City, include your name and title (§6.2.6). PostGuard does not know them yet: set them in PostGuard's options, or ask IT to add you to the policy's authorized users.".into(),
            0,
            0,
        )];
    };
    if signed(f.text, name, title) {
        return Vec::new();
    }
    let sep = if f.text.ends_with(char::is_whitespace) {
        "— "
    } else {
        " — "
    };
    let insert = format!("{sep}{name}, {title}");
    let mut finding = RULE.finding(
        format!(
            "When you reply as the City, include your name and title (§6.2.6): “{name}, {title}”."
        ),
        0,
        0,
    );
    let limit = crate::platform::reply_limit(f.ctx.platform.as_deref());
    match limit {
        Some((max, counting)) => {
            let signed_len = platform_length(&format!("{}{insert}", f.text), counting);
            if signed_len <= max {
                finding.fix = Some(fix(insert));
            } else {
                finding.message.push_str(&format!(
                    " With it the reply is {signed_len} characters, over the limit of {max}: shorten it by {}.",
                    signed_len - max
                ));
            }
        }
        None => finding.fix = Some(fix(insert)),
    }
    vec![finding]
}

fn fix(insert: String) -> Fix {
    Fix {
        label: "Add name and title".into(),
        insert,
        at: FixPosition::End,
    }
}

/// A reply is signed when it names the person and their title, in any case.
fn signed(text: &str, name: &str, title: &str) -> bool {
    let t = text.to_lowercase();
    t.contains(&name.to_lowercase()) && t.contains(&title.to_lowercase())
}
