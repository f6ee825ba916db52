//! §6.2.7: City accounts should not follow, friend or like private individuals or private
//! entities, but may connect with organizations that share the City's mission.
//!
//! The content script reports the click on a follow, like or friend control with the account
//! it targets (handle, display name and, where the page says, person or organization). The
//! target is fine when IT listed it (`connections.allowed`), when it is a City account itself,
//! or when its name marks a public body (`connections.organization_words`). Anything else
//! held by a City account warns: the rule cannot tell a neighbour from a bar, so it asks.

use super::{Facts, Rule};
use crate::accounts::Seen;
use crate::context::{Action, Context, Target, TargetKind};
use crate::policy::{Policy, Severity};
use crate::verdict::Finding;

pub const ID: &str = "city-account-connection";

pub const RULE: Rule = Rule {
    id: ID,
    section: "6.2.7",
    default: Severity::Warn,
    check,
};

fn check(f: &Facts) -> Vec<Finding> {
    let Some(action) = f.ctx.action else {
        return Vec::new();
    };
    if f.city.is_none() {
        return Vec::new();
    }
    let empty = Target::default();
    let target = f.ctx.target.as_ref().unwrap_or(&empty);
    if allowed(f.policy, f.ctx, target) {
        return Vec::new();
    }
    let account = f
        .ctx
        .account_label()
        .unwrap_or_else(|| f.policy.city.clone());
    let who = label(target);
    let verb = match action {
        Action::Follow => format!("follow {who}"),
        Action::Friend => format!("send a friend request to {who}"),
        Action::Like => match target.kind {
            TargetKind::Person => format!("like a post by {who}"),
            _ => format!("like {who}"),
        },
    };
    let what = match target.kind {
        TargetKind::Person => "This looks like a private individual's account.".to_string(),
        TargetKind::Organization => "PostGuard cannot tell whether this organization shares the City's mission.".to_string(),
        TargetKind::Unknown => "PostGuard cannot tell whether this is a private individual or an organization that shares the City's mission.".to_string(),
    };
    vec![RULE.finding(
        format!(
            "You are about to {verb} as the official City account {account}. {what} City accounts should not follow, friend or like private individuals or businesses; they may connect with organizations that share the City's mission (§6.2.7). If it is one, ask IT to add it to the policy's connections list."
        ),
        0,
        0,
    )]
}

/// "Jane Resident (@jane_resident)", or whichever of the two the page showed.
fn label(t: &Target) -> String {
    let name = t.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let handle = t
        .handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@'))
        .filter(|h| !h.is_empty());
    match (name, handle) {
        (Some(n), Some(h)) => format!("{n} (@{h})"),
        (Some(n), None) => n.to_string(),
        (None, Some(h)) => format!("@{h}"),
        (None, None) => "this account".to_string(),
    }
}

/// Is the target on IT's list, a City account, or named like a public body?
pub fn allowed(policy: &Policy, ctx: &Context, target: &Target) -> bool {
    let seen = Seen {
        platform: ctx.platform.as_deref(),
        handle: target.handle.as_deref(),
        name: target.name.as_deref(),
    };
    policy.connections.allowed.iter().any(|e| seen.is_listed(e))
        || policy.city_account(&seen).is_some()
        || crate::text::contains_phrase(
            target.name.as_deref().unwrap_or(""),
            &policy.connections.organization_words,
        )
}
