//! The wasm-bindgen surface: conversions only, no policy logic.
//!
//! Two modules are built from it: `worker` (the engine, records and configuration the
//! service worker hosts) and `pages` (the options page and popup, which ask the worker).

use wasm_bindgen::prelude::*;

#[cfg(feature = "pages")]
mod pages;
#[cfg(feature = "worker")]
mod worker;

#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}
