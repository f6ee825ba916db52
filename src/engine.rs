//! The engine: a policy, compiled once, that judges drafts.

use crate::context::{Action, Context, Draft};
use crate::policy::{Policy, Severity};
use crate::rules::{Facts, Lexicons, Signer, EVENT_RULES, RULES};
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

    /// The draft as the engine should judge it: with the employee resolved from what the
    /// worker sent (the browser profile's email where IT allows it, else the typed one).
    pub fn admit(&self, mut draft: Draft) -> Draft {
        if let Some(user) = &draft.context.user {
            draft.context.user = Some(crate::policy::layers::signed_in(&self.policy, user));
        }
        draft
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
            folded: Default::default(),
        };
        let mut findings = Vec::new();
        for rule in RULES {
            let severity = self.policy.severity(rule.id, rule.default);
            if severity == Severity::Off || (ctx.is_event() && !EVENT_RULES.contains(&rule.id)) {
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
                reason: (verdict == Level::Block).then(|| crate::verdict::ReasonPrompt {
                    label: "This breaks the policy. Why must it go out anyway? The reason is \
                            kept with the record of this post."
                        .into(),
                    confirm: "Post with this reason".into(),
                }),
                ..panel(ctx)
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

    /// The work-time reminder (§6.4.1.3) for a visit now, if one is due; see [`crate::worktime`].
    pub fn reminder(
        &self,
        ctx: &Context,
        now_ms: f64,
        offset_minutes: i32,
    ) -> Option<crate::worktime::Reminder> {
        crate::worktime::reminder(&self.policy, ctx, now_ms, offset_minutes)
    }

    /// Name and title for signatures: IT's directory wins over what the user typed.
    fn signer(&self, draft: &Draft) -> Signer {
        let user = draft.context.user.as_ref();
        let listed = user
            .and_then(|u| u.email.as_deref())
            .and_then(|e| self.policy.authorized_user(e));
        // What the user typed counts only where IT lets employees set it.
        let own = |pick: fn(&crate::policy::User) -> &Option<String>| {
            user.filter(|_| self.policy.user_may_edit_identity)
                .and_then(|u| pick(u).clone())
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

/// The panel's words: a draft is posted; a click follows, likes or friends; a password is used.
fn panel(ctx: &Context) -> Panel {
    let (title, edit, go) = match (ctx.action, ctx.city_password) {
        (Some(Action::Follow), _) => (
            "check this before you follow",
            "Don't follow",
            "Follow anyway",
        ),
        (Some(Action::Like), _) => ("check this before you like", "Don't like", "Like anyway"),
        (Some(Action::Friend), _) => (
            "check this before you add a friend",
            "Don't add",
            "Add friend anyway",
        ),
        (None, true) => ("this is your City password", "Edit", "Continue anyway"),
        (None, false) => ("check this before it goes out", "Edit", "Post anyway"),
    };
    Panel {
        title: format!("PostGuard: {title}"),
        edit: edit.into(),
        post_anyway: go.into(),
        reason: None,
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Policy::west_allis())
    }
}
