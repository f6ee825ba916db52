//! §6.2.8: someone who messages a City account privately must be asked to write to the
//! employee's City email address, and the exchange is a public record. The fix appends a
//! reply snippet with that address: the employee's own City address if PostGuard knows it
//! (the policy says "their City supplied email address"), else the policy's `contact_email`.

use super::findings::append_fix;
use super::{Facts, Rule};
use crate::context::Surface;
use crate::policy::Severity;
use crate::text::emails;
use crate::verdict::Finding;

pub const ID: &str = "dm-public-record";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.2.8",
    title: "dm_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || f.ctx.surface != Surface::Dm || !f.is_draft() {
        return Vec::new();
    }
    // Already sending them to a City address: that is what the policy asks.
    if emails(f.text)
        .iter()
        .any(|e| f.policy.is_city_email(e.address))
    {
        return Vec::new();
    }
    let own = f
        .ctx
        .user
        .as_ref()
        .and_then(|u| u.email.as_deref())
        .filter(|e| f.policy.is_city_email(e));
    let address = own.or(f.policy.contact_email.as_deref());
    let account = f
        .ctx
        .account_label()
        .unwrap_or_else(|| f.policy.city.clone());
    let t = &f.t;
    let Some(address) = address else {
        let why = t.fill("dm_why_unknown", &[("account", &account)]);
        return vec![RULE.finding(t, t.get("dm_do_unknown").into(), why, 0, 0)];
    };
    let why = t.fill("dm_why", &[("account", &account)]);
    let advice = t.fill("dm_do", &[("address", address)]);
    // Worded without "I" or "me", which would make the reply read as personal (§6.4); IT
    // may word it per language (`personal_accounts.dm_reply`, with `{address}`).
    let snippet = match f
        .policy
        .personal_accounts
        .dm_reply
        .as_ref()
        .and_then(|texts| crate::policy::localized(texts, t.lang))
    {
        Some(text) => crate::messages::fill(text, &[("address", address)]),
        None => t.fill("dm_reply", &[("address", address)]),
    };
    let mut finding = RULE.finding(t, advice, why, 0, 0);
    match append_fix(f, t.get("dm_fix"), &snippet) {
        Ok(fix) => finding.fix = Some(fix),
        Err(why) => {
            finding.why.push(' ');
            finding.why.push_str(&why);
        }
    }
    vec![finding]
}
