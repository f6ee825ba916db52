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
    title: "connection_title",
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
    let t = &f.t;
    let who = label(target).unwrap_or_else(|| t.get("this_account").to_string());
    let verb = match action {
        Action::Follow => "connection_follow",
        Action::Friend => "connection_friend",
        Action::Like => match target.kind {
            TargetKind::Person => "connection_like_post",
            _ => "connection_like",
        },
    };
    let what = match target.kind {
        TargetKind::Person => "connection_person",
        TargetKind::Organization => "connection_organization",
        TargetKind::Unknown => "connection_unknown",
    };
    let why = t.fill(
        "connection_why",
        &[
            ("verb", &t.fill(verb, &[("who", &who)])),
            ("account", &account),
            ("what", t.get(what)),
        ],
    );
    vec![RULE.finding(t, t.get("connection_do").into(), why, 0, 0)]
}

/// "Jane Resident (@jane_resident)", or whichever of the two the page showed.
fn label(t: &Target) -> Option<String> {
    let name = t.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let handle = t
        .handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@'))
        .filter(|h| !h.is_empty());
    Some(match (name, handle) {
        (Some(n), Some(h)) => format!("{n} (@{h})"),
        (Some(n), None) => n.to_string(),
        (None, Some(h)) => format!("@{h}"),
        (None, None) => return None,
    })
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
