//! The engine: a policy, compiled once, that judges drafts.

use crate::context::Draft;
use crate::policy::{Policy, Severity};
use crate::rules::{Facts, Lexicons, Signer, RULES};
use crate::verdict::{AccountView, Level, Panel, Verdict};

pub struct Engine {
    policy: Policy,
    lexicons: Lexicons,
}

impl Engine {
    pub fn new(policy: Policy) -> Engine {
        let lexicons = Lexicons::new(&policy);
        Engine { policy, lexicons }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Judges one draft in its context against the policy.
    pub fn evaluate(&self, draft: &Draft) -> Verdict {
        let ctx = &draft.context;
        let city = ctx.city_account(&self.policy);
        let facts = Facts {
            policy: &self.policy,
            ctx,
            text: &draft.text,
            words: crate::text::words(&draft.text).collect(),
            city: city.clone(),
            signer: self.signer(draft),
            lexicons: &self.lexicons,
        };
        let mut findings = Vec::new();
        for rule in RULES {
            let severity = self.policy.severity(rule.id, rule.default);
            if severity == Severity::Off {
                continue;
            }
            findings.extend((rule.check)(&facts).into_iter().map(|mut f| {
                f.severity = severity;
                f
            }));
        }
        let verdict = findings
            .iter()
            .map(|f| match f.severity {
                Severity::Block => Level::Block,
                Severity::Warn => Level::Warn,
                Severity::Info | Severity::Off => Level::Allow,
            })
            .max()
            .unwrap_or(Level::Allow);
        let label = ctx.account_label();
        let badge = city.as_ref().map(|_| {
            format!(
                "Posting as City account {}",
                label.as_deref().unwrap_or(&self.policy.city)
            )
        });
        Verdict {
            verdict,
            panel: (verdict != Level::Allow).then(|| Panel {
                title: "PostGuard: check this before it goes out".into(),
                edit: "Edit".into(),
                post_anyway: "Post anyway".into(),
            }),
            findings,
            account: AccountView {
                city: city.is_some(),
                reason: city,
                label,
            },
            badge,
        }
    }

    /// Name and title for signatures: IT's directory wins over what the user typed.
    fn signer(&self, draft: &Draft) -> Signer {
        let user = draft.context.user.as_ref();
        let listed = user
            .and_then(|u| u.email.as_deref())
            .and_then(|e| self.policy.authorized_user(e));
        let own = |pick: fn(&crate::context::User) -> &Option<String>| {
            user.and_then(|u| pick(u).clone())
                .filter(|s| !s.trim().is_empty())
        };
        Signer {
            name: listed.map(|u| u.name.clone()).or_else(|| own(|u| &u.name)),
            title: listed
                .map(|u| u.title.clone())
                .or_else(|| own(|u| &u.title)),
        }
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Policy::west_allis())
    }
}
