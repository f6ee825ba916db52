//! §6.4.1.2: City email addresses must never be used with personal social media accounts.
//!
//! In account forms (profile, signup, login, settings) any City address warns. In a post or
//! bio on a personal account, the employee's own City address warns; other City addresses
//! (a department's contact) are City business, which is another rule's concern.

use super::{Facts, Rule};
use crate::policy::Severity;
use crate::text::emails;
use crate::verdict::Finding;

pub const ID: &str = "city-email-personal-account";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.4.1.2",
    title: "city_email_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_some() {
        return Vec::new();
    }
    let in_form =
        f.ctx.surface.is_account_form() || f.ctx.field.as_deref().is_some_and(|fl| !fl.is_empty());
    let own = f.ctx.user.as_ref().and_then(|u| u.email.as_deref());
    emails(f.text)
        .into_iter()
        .filter(|e| f.policy.is_city_email(e.address))
        .filter(|e| in_form || own.is_some_and(|o| o.eq_ignore_ascii_case(e.address)))
        .map(|e| {
            let why = if in_form {
                "city_email_why_form"
            } else {
                "city_email_why_post"
            };
            RULE.finding(
                &f.t,
                f.t.get("city_email_do").into(),
                f.t.fill(why, &[("address", e.address)]),
                e.start,
                e.end,
            )
        })
        .collect()
}
