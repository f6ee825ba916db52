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
    title: "signature_title",
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
            &f.t,
            f.t.get("signature_do_unknown").into(),
            f.t.get("signature_why_unknown").into(),
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
        &f.t,
        f.t.fill("signature_do", &[("name", name), ("title", title)]),
        f.t.get("signature_why").into(),
        0,
        0,
    );
    let limit = crate::platform::reply_limit(f.ctx.platform.as_deref());
    match limit {
        Some((max, counting)) => {
            let signed_len = platform_length(&format!("{}{insert}", f.text), counting);
            if signed_len <= max {
                finding.fix = Some(fix(f, insert));
            } else {
                finding.why.push(' ');
                finding.why.push_str(&f.t.fill(
                    "signature_over",
                    &[
                        ("len", &signed_len.to_string()),
                        ("max", &max.to_string()),
                        ("over", &(signed_len - max).to_string()),
                    ],
                ));
            }
        }
        None => finding.fix = Some(fix(f, insert)),
    }
    vec![finding]
}

fn fix(f: &Facts, insert: String) -> Fix {
    Fix {
        label: f.t.get("signature_fix").into(),
        insert,
        at: FixPosition::End,
    }
}

/// A reply is signed when it names the person and their title, in any case.
fn signed(text: &str, name: &str, title: &str) -> bool {
    let t = text.to_lowercase();
    t.contains(&name.to_lowercase()) && t.contains(&title.to_lowercase())
}
