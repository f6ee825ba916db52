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
    let mut message = format!(
        "Private messages to the City account {account} are public records, handled like work email (§6.2.8). Ask the person to contact you at your City email address"
    );
    let Some(address) = address else {
        message.push_str(". PostGuard does not know it: set it in PostGuard's options, or ask IT to add a contact_email to the policy.");
        return vec![RULE.finding(message, 0, 0)];
    };
    message.push_str(&format!(", {address}."));
    // Worded without "I" or "me", which would make the reply read as personal (§6.4).
    let snippet = format!(
        "Please email {address} so we can help. Messages to this City account are public records."
    );
    let mut finding = RULE.finding(message, 0, 0);
    match append_fix(f, "Add City email reply", &snippet) {
        Ok(fix) => finding.fix = Some(fix),
        Err(why) => {
            finding.message.push(' ');
            finding.message.push_str(&why);
        }
    }
    vec![finding]
}
