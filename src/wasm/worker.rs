//! The service worker's module: the engine, the layers of configuration and the record
//! (§7.0). Conversions only: every decision is in `engine`, `policy::layers` and `records`.
//! Values cross as JSON text, so the WASM holds one (serde_json) copy of their code.

use crate::policy::User;
use crate::policy::{layers, PolicyError};
use crate::records::{self, Recent, Record, Submit};
use crate::{Draft, Engine, Policy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsError> {
    serde_json::from_str(json).map_err(|e| JsError::new(&e.to_string()))
}

fn text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serializes")
}

/// An engine for one policy, kept by the service worker between messages.
#[wasm_bindgen]
pub struct Guard {
    engine: Engine,
}

#[wasm_bindgen]
impl Guard {
    /// A guard for `policy_json`, or for the embedded default when it is absent.
    /// A bad policy throws an error listing each field path and reason.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<Guard, JsError> {
        let policy = match policy_json {
            Some(json) => Policy::from_json(&json).map_err(|e| JsError::new(&e.to_string()))?,
            None => Policy::west_allis(),
        };
        Ok(Guard {
            engine: Engine::new(policy),
        })
    }

    /// Judges the JSON of `{text, platform, account, acting_as, surface, field, target, user}`
    /// and answers the verdict's JSON. JSON text both ways keeps one serde path in the WASM.
    pub fn evaluate(&self, draft: &str) -> Result<String, JsError> {
        let draft = self.engine.admit(parse(draft)?);
        Ok(text(&self.engine.evaluate(&draft)))
    }

    /// The work-time reminder (§6.4.1.3) for a visit in `context` at `now_ms` (epoch ms), with
    /// the policy time zone `offset_minutes` east of UTC; `null` when none is due.
    pub fn reminder(
        &self,
        context: &str,
        now_ms: f64,
        offset_minutes: i32,
    ) -> Result<String, JsError> {
        let ctx: crate::Context = parse(context)?;
        Ok(text(&self.engine.reminder(&ctx, now_ms, offset_minutes)))
    }

    /// The IANA time zone of the policy's work time, if it names one (else the computer's own).
    #[wasm_bindgen(js_name = workTimeZone)]
    pub fn work_time_zone(&self) -> Option<String> {
        self.engine.policy().work_time.as_ref()?.time_zone.clone()
    }

    /// May the City password typed on `url` be remembered (§6.4.1.2)? Only on the policy's
    /// sign-in pages, and only when it is at least the policy's minimum length.
    #[wasm_bindgen(js_name = passwordCapture)]
    pub fn password_capture(&self, url: &str, length: u32) -> bool {
        self.engine.policy().may_remember_password(url, length)
    }
}

/// The embedded default policy's JSON text.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    crate::policy::DEFAULT_POLICY_JSON.to_string()
}

/// The outcome of applying the layers of configuration, for the service worker.
#[wasm_bindgen]
pub struct Resolution {
    inner: layers::Resolved,
}

/// Applies the layers: the embedded default, then IT's `managed` configuration (the JSON of
/// what `chrome.storage.managed.get()` gave, or "null"), falling back to `last_good` when it
/// does not validate.
#[wasm_bindgen(js_name = resolvePolicy)]
pub fn resolve_policy(managed: &str, last_good: &str) -> Result<Resolution, JsError> {
    let managed: Option<serde_json::Value> = parse(managed)?;
    let last_good: Option<serde_json::Value> = parse(last_good)?;
    Ok(Resolution {
        inner: layers::resolve(managed.as_ref(), last_good.as_ref(), crate::rules::IDS),
    })
}

#[wasm_bindgen]
impl Resolution {
    /// "embedded", "managed" or "last_good".
    pub fn source(&self) -> String {
        text(&self.inner.source).trim_matches('"').to_string()
    }

    /// What is wrong with IT's configuration: JSON `[{path, reason}]`.
    pub fn errors(&self) -> String {
        text(&self.inner.errors)
    }

    /// The policy in force (JSON), for the pages to show: they ask the worker rather than
    /// apply the layers again.
    pub fn policy(&self) -> String {
        text(&self.inner.policy)
    }

    /// The managed configuration (JSON) to keep as the last good one; undefined: forget it.
    #[wasm_bindgen(js_name = lastGood)]
    pub fn last_good(&self) -> Option<String> {
        self.inner.last_good.as_ref().map(text)
    }

    /// The engine for the policy in force.
    #[wasm_bindgen(js_name = intoGuard)]
    pub fn into_guard(self) -> Guard {
        Guard {
            engine: crate::Engine::new(self.inner.policy),
        }
    }
}

/// Minutes before retry number `failures` of sending records to IT's endpoint.
#[wasm_bindgen(js_name = retryDelayMinutes)]
pub fn retry_delay_minutes(failures: u32) -> f64 {
    records::retry_delay_minutes(failures)
}

#[derive(Serialize)]
struct Submitted {
    record: Option<Record>,
    recent: Option<Recent>,
}

#[wasm_bindgen]
impl Guard {
    /// The record and the "recent findings" entry of a submit, as JSON text
    /// `{record, recent}` (either null when not kept): `draft` the JSON of the draft as the
    /// tab sent it, with the user; `submit` the JSON of `{id, at, url, override}`.
    pub fn submitted(&self, draft: &str, submit: &str) -> Result<String, JsError> {
        let draft = self.engine.admit(parse(draft)?);
        let submit: Submit = parse(submit)?;
        let verdict = self.engine.evaluate(&draft);
        Ok(text(&Submitted {
            recent: Recent::of(&draft, &verdict, &submit),
            record: Record::of(self.engine.policy(), &draft, &verdict, submit),
        }))
    }

    /// The "recent findings" entry (JSON, or `null` when nothing was found) of a warning the
    /// employee answered at `at_ms` with `answer` ("edit" or "fix") instead of posting.
    pub fn answered(&self, draft: &str, at_ms: f64, answer: &str) -> Result<String, JsError> {
        let draft: Draft = parse(draft)?;
        let answer: records::Answer = parse(&text(&answer))?;
        let verdict = self.engine.evaluate(&draft);
        Ok(text(&Recent::answered(
            &draft,
            &verdict,
            at_ms as u64,
            answer,
        )))
    }

    /// The JSON list of recent entries `list` with `entry` added first, capped.
    #[wasm_bindgen(js_name = pushRecent)]
    pub fn push_recent(&self, list: &str, entry: &str) -> Result<String, JsError> {
        let list: Vec<Recent> = parse(list)?;
        Ok(text(&records::push_recent(list, parse(entry)?)))
    }

    /// Ids (JSON) of the records (JSON) that may be deleted at `now_ms`.
    pub fn expired(&self, records: &str, now_ms: f64) -> Result<String, JsError> {
        let records: Vec<Record> = parse(records)?;
        Ok(text(&records::expired(
            &records,
            &self.engine.policy().records,
            now_ms as u64,
        )))
    }

    /// The next batch (JSON) of records to POST to IT's endpoint; `[]` when there is none.
    pub fn pending(&self, records: &str) -> Result<String, JsError> {
        let records: Vec<Record> = parse(records)?;
        Ok(text(&records::pending(
            &records,
            &self.engine.policy().records,
        )))
    }

    /// The endpoint's URL, if IT configured one.
    pub fn endpoint(&self) -> Option<String> {
        self.engine.policy().records.endpoint.clone()
    }

    /// IT's token for the endpoint (`Authorization: Bearer`), if set.
    #[wasm_bindgen(js_name = endpointToken)]
    pub fn endpoint_token(&self) -> Option<String> {
        self.engine.policy().records.token.clone()
    }

    /// The body to POST for `records` (JSON): the JSON export format.
    #[wasm_bindgen(js_name = endpointBody)]
    pub fn endpoint_body(&self, records: &str, now_ms: f64) -> Result<String, JsError> {
        let records: Vec<Record> = parse(records)?;
        Ok(records::to_json(
            self.engine.policy(),
            &records,
            now_ms as u64,
        ))
    }

    /// What the options may save for the employee (`user` as JSON): `{user}` or
    /// `{errors: [{path, reason}]}`, as JSON text.
    #[wasm_bindgen(js_name = userLayer)]
    pub fn user_layer(&self, user: &str) -> Result<String, JsError> {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Answer {
            Ok { user: User },
            Err(PolicyError),
        }
        let user: User = parse(user)?;
        Ok(text(
            &match layers::user_layer(self.engine.policy(), &user) {
                Ok(user) => Answer::Ok { user },
                Err(e) => Answer::Err(e),
            },
        ))
    }
}
