//! The engine: a policy, compiled once, that judges drafts.

use crate::context::{Action, Context, Draft};
use crate::messages::{Lang, Text};
use crate::policy::{Policy, Severity};
use crate::rules::{Facts, Lexicons, Signer, EVENT_RULES, RULES};
use crate::verdict::{AccountView, Finding, Level, Link, Panel, Verdict};

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
        let t = Text::new(Lang::from_tag(ctx.lang.as_deref()));
        let facts = Facts {
            policy: &self.policy,
            ctx,
            text: &draft.text,
            words: crate::text::words(&draft.text).collect(),
            city: city.clone(),
            signer: self.signer(draft),
            lexicons: &self.lexicons,
            folded: Default::default(),
            t,
        };
        let mut findings = Vec::new();
        for rule in RULES {
            let severity = self.policy.severity(rule.id, rule.default);
            if severity == Severity::Off || (ctx.is_event() && !EVENT_RULES.contains(&rule.id)) {
                continue;
            }
            findings.extend((rule.check)(&facts).into_iter().map(|mut f| {
                f.severity = severity;
                self.worded(&mut f, t.lang);
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
            t.fill(
                "badge",
                &[("account", label.as_deref().unwrap_or(&self.policy.city))],
            )
        });
        Verdict {
            verdict,
            panel: (verdict != Level::Allow).then(|| self.panel(ctx, &t, verdict)),
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

    /// IT's wording for the rule, if the policy gives any; then the one-line `message`.
    fn worded(&self, f: &mut Finding, lang: Lang) {
        use serde_json::Value;
        if let Some(m) = self.policy.messages.get(f.rule).and_then(Value::as_object) {
            let pick = |key: &str| {
                m.get(key)
                    .and_then(Value::as_object)
                    .and_then(|t| crate::policy::localized(t, lang))
                    .map(str::to_string)
            };
            if let Some(title) = pick("title") {
                f.title = title;
            }
            if let Some(advice) = pick("advice") {
                f.advice = advice;
            }
            f.learn_more = m
                .get("learn_more")
                .and_then(Value::as_str)
                .map(str::to_string);
        }
        f.message = format!("{} {}", f.advice, f.why);
    }

    /// The panel's words: a draft is posted (a block has its own title and asks the reason);
    /// a click follows, likes or friends; a password is used.
    fn panel(&self, ctx: &Context, t: &Text, verdict: Level) -> Panel {
        let block = verdict == Level::Block;
        let (title, edit, go) = match (ctx.action, ctx.city_password) {
            (Some(Action::Follow), _) => (
                "panel_title_follow",
                "panel_dont_follow",
                "panel_follow_anyway",
            ),
            (Some(Action::Like), _) => ("panel_title_like", "panel_dont_like", "panel_like_anyway"),
            (Some(Action::Friend), _) => {
                ("panel_title_friend", "panel_dont_add", "panel_add_anyway")
            }
            (None, true) => (
                "panel_title_password",
                "panel_other_password",
                "panel_continue_anyway",
            ),
            (None, false) if block => ("panel_title_block", "panel_edit", "panel_post_anyway"),
            (None, false) => ("panel_title_warn", "panel_edit", "panel_post_anyway"),
        };
        Panel {
            title: t.get(title).into(),
            edit: t.get(edit).into(),
            post_anyway: t.get(go).into(),
            why: t.get("panel_why").into(),
            section: t.get("panel_section").into(),
            learn_more: t.get("panel_learn_more").into(),
            change_password: ctx
                .city_password
                .then(|| self.policy.password_alert.change_url.clone())
                .flatten()
                .map(|url| Link {
                    label: t.get("panel_change_password").into(),
                    url,
                }),
            reason: block.then(|| crate::verdict::ReasonPrompt {
                label: t.get("reason_label").into(),
                confirm: t.get("reason_confirm").into(),
            }),
        }
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

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Policy::west_allis())
    }
}
