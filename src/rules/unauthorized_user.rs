//! §6.1.2: only a Department's Authorized Social Media Users may post on its City
//! accounts. When IT's directory (`authorized_users`) lists anyone, a City account used by
//! someone it does not list for that account warns. With an empty directory the rule is
//! silent: PostGuard cannot know who is authorized.

use super::{Facts, Rule};
use crate::policy::{AuthorizedUser, Severity};
use crate::verdict::Finding;

pub const ID: &str = "unauthorized-user";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.1.2",
    title: "unauthorized_title",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    if f.city.is_none() || f.policy.authorized_users.is_empty() || f.text.trim().is_empty() {
        return Vec::new();
    }
    let account = f
        .ctx
        .account_label()
        .unwrap_or_else(|| f.policy.city.clone());
    let email = f.ctx.user.as_ref().and_then(|u| u.email.as_deref());
    let t = &f.t;
    let reason = match email.map(|e| (e, f.policy.authorized_user(e))) {
        None => t.get("unauthorized_no_email").to_string(),
        Some((e, None)) => t.fill("unauthorized_not_listed", &[("email", e)]),
        Some((e, Some(u))) if !may_post(f, u) => t.fill(
            "unauthorized_not_for",
            &[("email", e), ("account", &account)],
        ),
        Some(_) => return Vec::new(),
    };
    let why = t.fill(
        "unauthorized_why",
        &[("account", &account), ("reason", &reason)],
    );
    vec![RULE.finding(t, t.get("unauthorized_do").into(), why, 0, 0)]
}

/// Does the directory list this account for the user, as "handle" or "platform:handle"?
fn may_post(f: &Facts, u: &AuthorizedUser) -> bool {
    f.ctx.account.is_some() && u.accounts.iter().any(|entry| f.ctx.seen().is_listed(entry))
}
