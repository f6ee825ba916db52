//! §6.4.1.2: never use the City password with personal social media.
//!
//! Like Google's Password Alert: the extension remembers a salted, truncated hash of the
//! password typed on the City's sign-in page, and its background reports (as
//! `city_password`) when a password field on a social site receives the same characters.
//! The engine never sees the password; it decides and words the warning.

use super::{Facts, Rule};
use crate::policy::Severity;
use crate::verdict::Finding;

pub const ID: &str = "city-password-social-site";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.4.1.2",
    title: "password_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if !f.ctx.city_password {
        return Vec::new();
    }
    let site = f
        .ctx
        .platform
        .as_deref()
        .and_then(crate::platform::display_name)
        .unwrap_or_else(|| f.t.get("this_social_site"));
    // "Tell IT" names IT's address when the policy has one.
    let why = match f.policy.report_to.as_deref() {
        Some(it) => f.t.fill("password_why_it", &[("site", site), ("it", it)]),
        None => f.t.fill("password_why", &[("site", site)]),
    };
    let advice = f.t.fill("password_do", &[("site", site)]);
    vec![RULE.finding(&f.t, advice, why, 0, 0)]
}
