//! What the crate shows to JavaScript, as two WebAssembly modules built from it:
//!
//! - `worker` (worker.rs): the engine, the layers of configuration and the record (§7.0)
//!   for the service worker; conversions only, every decision is in the crate.
//! - `pages` (pages.rs): the options page and the popup, drawn in Rust with web-sys and gloo
//!   from what the worker answers; layout and events, no policy logic.

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
