//! The layers of configuration, applied in order:
//!
//! 1. the embedded default (West Allis 1317, or the policy baked in with `build.sh --policy`);
//! 2. IT's managed configuration (Chrome/Edge/Firefox `3rdparty` policy), where each top-level
//!    key IT sets replaces the default's whole value for that key;
//! 3. the employee's own options, limited to what IT allows ([`identity`], [`user_layer`]).
//!
//! A managed configuration that does not validate is reported field by field, and the last good
//! one stays in force; the extension persists it between runs.

use super::{FieldError, Policy, PolicyError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where the policy in force came from.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// No managed configuration: the policy built into the extension.
    Embedded,
    /// IT's managed configuration over the embedded default.
    Managed,
    /// IT's configuration is broken; the last one that validated is in force.
    LastGood,
}

/// The outcome of applying the layers.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub policy: Policy,
    pub source: Source,
    /// What is wrong with the managed configuration (empty when it is fine or absent).
    pub errors: Vec<FieldError>,
    /// The managed configuration to remember as the last good one (`None`: forget it).
    pub last_good: Option<Value>,
}

/// The embedded default with IT's managed configuration over it, validated; severities may
/// name only `rule_ids` (`rules::IDS`).
pub fn apply(managed: &Value, rule_ids: &[&str]) -> Result<Policy, PolicyError> {
    let Value::Object(layer) = managed else {
        return Err(PolicyError {
            errors: vec![FieldError {
                path: "(document)".into(),
                reason: "the managed configuration must be an object of policy fields".into(),
            }],
        });
    };
    let mut merged: Map<String, Value> =
        serde_json::from_str(super::DEFAULT_POLICY_JSON).expect("the embedded policy is JSON");
    for (key, value) in layer {
        merged.insert(key.clone(), value.clone());
    }
    // Through the text parser, so the WASM holds one copy of the policy's deserializer; its
    // "at line 1 column N" means nothing in the merged text, so it is dropped.
    let text = serde_json::to_string(&Value::Object(merged)).expect("JSON serializes");
    super::validate::parse(&text, rule_ids).map_err(|mut e| {
        for f in &mut e.errors {
            if let Some(i) = f.reason.rfind(" at line ") {
                f.reason.truncate(i);
            }
        }
        e
    })
}

/// True when IT has configured nothing (no managed storage, or an empty object).
fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::Object(m)) => m.is_empty(),
        Some(_) => false,
    }
}

/// Applies the layers: IT's `managed` configuration if it validates, else the `last_good` one
/// (with the errors), else the embedded default (with the errors). Severities may name only
/// `rule_ids` (`rules::IDS`).
pub fn resolve(managed: Option<&Value>, last_good: Option<&Value>, rule_ids: &[&str]) -> Resolved {
    if is_empty(managed) {
        return Resolved {
            policy: Policy::embedded(rule_ids),
            source: Source::Embedded,
            errors: Vec::new(),
            last_good: None,
        };
    }
    let managed = managed.expect("not empty");
    let errors = match apply(managed, rule_ids) {
        Ok(policy) => {
            return Resolved {
                policy,
                source: Source::Managed,
                errors: Vec::new(),
                last_good: Some(managed.clone()),
            }
        }
        Err(e) => e.errors,
    };
    match last_good
        .filter(|v| !is_empty(Some(v)))
        .map(|v| (v, apply(v, rule_ids)))
    {
        Some((v, Ok(policy))) => Resolved {
            policy,
            source: Source::LastGood,
            errors,
            last_good: Some(v.clone()),
        },
        // No last good one (or it no longer validates, after an update): the default.
        _ => Resolved {
            policy: Policy::embedded(rule_ids),
            source: Source::Embedded,
            errors,
            last_good: None,
        },
    }
}

/// The employee at the keyboard, as they set themself in the options (the third layer).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct User {
    pub email: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    /// The email of the browser's signed-in profile (`chrome.identity.getProfileUserInfo`), as
    /// the worker read it; the options page never sets it. Used only where IT allows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile_email: Option<String>,
    /// Where `email` came from, once [`signed_in`] has decided: "profile" or "typed".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_source: Option<String>,
}

/// The employee as the engine should see them: with `identity_from_profile` on, the browser
/// profile's email wins over the typed one when it is at a City domain (a personal Google
/// account signed into the browser is not the employee's City identity). Either way
/// `email_source` says which it was, so the record shows how far to trust it (§6.1.2).
pub fn signed_in(policy: &Policy, user: &User) -> User {
    let profile =
        user.profile_email.as_deref().map(str::trim).filter(|e| {
            policy.identity_from_profile && policy.is_city_email(e) && !e.starts_with('@')
        });
    let typed = user
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    let (email, source) = match (profile, typed) {
        (Some(p), _) => (Some(p.to_string()), Some("profile")),
        (None, Some(t)) => (Some(t.to_string()), Some("typed")),
        (None, None) => (None, None),
    };
    User {
        email,
        name: user.name.clone(),
        title: user.title.clone(),
        profile_email: None,
        email_source: source.map(String::from),
    }
}

/// Who the extension thinks the employee is, and what they may change.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Identity {
    pub email: Option<String>,
    /// Whether `email` is at one of the City's domains.
    pub city_email: bool,
    /// Listed in IT's directory of Authorized Users (§6.1.2).
    pub authorized: bool,
    pub name: Option<String>,
    pub title: Option<String>,
    /// Where name and title come from: "directory", "options" or "none".
    pub source: &'static str,
    /// May the employee edit name and title in the options?
    pub may_edit: bool,
    /// The City accounts IT's directory lets them post for.
    pub accounts: Vec<String>,
}

/// The identity from the policy's directory and the employee's own options.
pub fn identity(policy: &Policy, user: &User) -> Identity {
    let email = user
        .email
        .as_ref()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty());
    let listed = email.as_deref().and_then(|e| policy.authorized_user(e));
    let may_edit = policy.user_may_edit_identity && listed.is_none();
    let own = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| may_edit && !s.is_empty())
    };
    let (name, title, source) = match listed {
        Some(u) => (Some(u.name.clone()), Some(u.title.clone()), "directory"),
        None => {
            let (n, t) = (own(&user.name), own(&user.title));
            let source = if n.is_some() || t.is_some() {
                "options"
            } else {
                "none"
            };
            (n, t, source)
        }
    };
    Identity {
        city_email: email.as_deref().is_some_and(|e| policy.is_city_email(e)),
        authorized: listed.is_some(),
        accounts: listed.map(|u| u.accounts.clone()).unwrap_or_default(),
        email,
        name,
        title,
        source,
        may_edit,
    }
}

/// What the options page may save for the employee: their City email always; name and title
/// only where IT allows it. Errors carry paths under `user`.
pub fn user_layer(policy: &Policy, user: &User) -> Result<User, PolicyError> {
    let mut errors = Vec::new();
    let clean = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let email = clean(&user.email);
    if let Some(e) = &email {
        if !policy.is_city_email(e) || e.starts_with('@') {
            errors.push(FieldError {
                path: "user.email".into(),
                reason: format!(
                    "is not a City email address (@{})",
                    policy.email_domains.join(", @")
                ),
            });
        }
    }
    let listed = email
        .as_deref()
        .and_then(|e| policy.authorized_user(e))
        .is_some();
    let may_edit = policy.user_may_edit_identity && !listed;
    let (name, title) = (clean(&user.name), clean(&user.title));
    if !may_edit {
        let why = if listed {
            "comes from IT's directory of Authorized Users"
        } else {
            "is set by IT (user_may_edit_identity is off)"
        };
        for (field, v) in [("user.name", &name), ("user.title", &title)] {
            if v.is_some() {
                errors.push(FieldError {
                    path: field.into(),
                    reason: why.into(),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(User {
            email,
            name,
            title,
            ..User::default()
        })
    } else {
        Err(PolicyError { errors })
    }
}

/// Checks of the fields this module and the record add to the policy (called by validation).
pub(super) fn check(p: &Policy) -> Vec<FieldError> {
    let mut errs = p.records.check();
    if let Some(to) = &p.report_to {
        let ok = to
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
            && !to
                .chars()
                .any(|c| c.is_whitespace() || "<>,;\"".contains(c));
        if !ok {
            errs.push(FieldError {
                path: "report_to".into(),
                reason: "is not an email address like \"it@westalliswi.gov\"".into(),
            });
        }
    }
    errs
}
