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
        .unwrap_or("this social site");
    vec![RULE.finding(
        format!(
            "You typed your City password on {site}. Never use your City email or password with social media accounts (§6.4.1.2): choose a different password here. If you already used it on this site, change your City password and tell IT."
        ),
        0,
        0,
    )]
}
