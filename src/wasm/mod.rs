//! The wasm-bindgen surface: conversions only, no policy logic.

use crate::{Draft, Engine, Policy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Plain JS objects (not Maps) so the service worker can post them to tabs as they are.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// An engine for one policy, kept by the service worker between messages.
#[wasm_bindgen]
pub struct Guard {
    engine: Engine,
}

#[wasm_bindgen]
impl Guard {
    /// A guard for `policy_json`, or for the embedded default when it is absent.
    /// A bad policy throws `{errors: [{path, reason}]}`.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<Guard, JsValue> {
        let policy = match policy_json {
            Some(json) => {
                Policy::from_json(&json).map_err(|e| to_js(&e).unwrap_or(JsValue::NULL))?
            }
            None => Policy::west_allis(),
        };
        Ok(Guard {
            engine: Engine::new(policy),
        })
    }

    /// Judges `{text, platform, account, acting_as, surface, field, target, user}`.
    pub fn evaluate(&self, draft: JsValue) -> Result<JsValue, JsError> {
        let draft: Draft = serde_wasm_bindgen::from_value(draft)?;
        to_js(&self.engine.evaluate(&draft))
    }

    /// The policy in force, as a plain object.
    pub fn policy(&self) -> Result<JsValue, JsError> {
        to_js(self.engine.policy())
    }
}

/// The embedded default policy's JSON text.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    crate::policy::DEFAULT_POLICY_JSON.to_string()
}
