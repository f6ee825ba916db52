//! The options page and the popup, drawn with web-sys and gloo from what the background says.
//! Layout only: the policy in force is the worker's (it applies the layers once, and the
//! `state` message hands over the outcome), who you are comes from `policy::layers::identity`,
//! the record's exports from `records`, the report link from `report`; every word from
//! `_locales` through the bridge. The worker's answers become Rust types through
//! serde-wasm-bindgen, straight from the JS objects.

use crate::policy::User;
use crate::policy::{layers, Policy};
use crate::records::{self, Recent, Record};
use gloo::events::EventListener;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

#[wasm_bindgen]
extern "C" {
    /// What the page's script hands over: messaging, words and change events.
    pub type Bridge;
    /// `chrome.runtime.sendMessage(msg)` for a message of the protocol (extension/protocol.js).
    #[wasm_bindgen(method, catch)]
    fn ask(this: &Bridge, msg: JsValue) -> Result<js_sys::Promise, JsValue>;
    /// `chrome.i18n.getMessage(key, subs)`.
    #[wasm_bindgen(method)]
    fn t(this: &Bridge, key: &str, subs: Vec<String>) -> String;
    /// Calls `callback` whenever PostGuard's stored state changes.
    #[wasm_bindgen(method, js_name = onChange)]
    fn on_change(this: &Bridge, callback: &js_sys::Function);
    /// For the popup: the tab it reports on (the active tab), or null.
    #[wasm_bindgen(method, catch, js_name = currentTab)]
    fn current_tab(this: &Bridge) -> Result<js_sys::Promise, JsValue>;
    /// Can this browser say who is signed into its profile? (Chrome and Edge; not Firefox.)
    #[wasm_bindgen(method, js_name = profileSupported)]
    fn profile_supported(this: &Bridge) -> bool;
    /// Asks the employee for the optional `identity.email` permission (in a click's handler).
    #[wasm_bindgen(method, catch, js_name = askProfile)]
    fn ask_profile(this: &Bridge) -> Result<js_sys::Promise, JsValue>;
}

impl Clone for Bridge {
    fn clone(&self) -> Self {
        self.unchecked_ref::<JsValue>().clone().unchecked_into()
    }
}

/// What `{type: 'state'}` answers.
#[derive(Deserialize)]
struct State {
    in_force: InForce,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    recent: Vec<Recent>,
    #[serde(default)]
    delivery: Option<Delivery>,
    #[serde(default)]
    last_problem: Option<Problem>,
    /// Hosts where a composer matched only the generic fallback.
    #[serde(default)]
    generic_hosts: Vec<String>,
    /// Hosts where a City-account post went out unchecked (issue 12): the adapter is stale.
    #[serde(default)]
    stale_hosts: Vec<String>,
    #[serde(default)]
    site: Option<Site>,
    /// Whether the employee granted the optional `identity.email` permission.
    #[serde(default)]
    profile_granted: bool,
}

/// The policy in force and where it came from, as the worker resolved the layers
/// (extension/worker/config.js); IT's raw configuration is not needed here.
#[derive(Deserialize)]
struct InForce {
    policy: Policy,
    source: layers::Source,
    #[serde(default)]
    errors: Vec<FieldErrorIn>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct FieldErrorIn {
    path: String,
    reason: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Delivery {
    failures: u32,
    last_error: Option<String>,
    next_at: Option<f64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Problem {
    problem: String,
    at: f64,
}

/// The adapter status of the popup's tab.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Site {
    host: Option<String>,
    /// An adapter describes this site.
    adapter: bool,
    platform: Option<String>,
    /// The content script on the tab has talked to the background.
    connected: bool,
    /// Composers here matched only generic guesses (low confidence).
    generic: bool,
}

thread_local! {
    /// Listeners of the page as drawn; dropped (removed) when it is drawn again.
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    /// Listeners of the content being built, not shown yet.
    static PENDING: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

struct Ui {
    bridge: Bridge,
    doc: Document,
}

impl Ui {
    fn new(bridge: &Bridge) -> Ui {
        Ui {
            bridge: bridge.clone(),
            doc: gloo::utils::document(),
        }
    }

    /// A word from `_locales`; the key itself if it is missing, so a gap shows.
    fn t(&self, key: &str) -> String {
        self.tf(key, &[])
    }

    fn tf(&self, key: &str, subs: &[&str]) -> String {
        let s = self
            .bridge
            .t(key, subs.iter().map(|s| s.to_string()).collect());
        if s.is_empty() {
            key.to_string()
        } else {
            s
        }
    }

    fn el(&self, tag: &str, attrs: &[(&str, &str)]) -> Element {
        let e = self.doc.create_element(tag).expect("valid tag");
        for (k, v) in attrs {
            e.set_attribute(k, v).expect("valid attribute");
        }
        e
    }

    fn text(&self, tag: &str, attrs: &[(&str, &str)], text: &str) -> Element {
        let e = self.el(tag, attrs);
        e.set_text_content(Some(text));
        e
    }

    /// Asks the background. The message becomes a plain JS object (maps as objects, as
    /// `sendMessage` needs) and the answer a Rust value, by serde-wasm-bindgen: no JSON text.
    async fn ask<T: serde::de::DeserializeOwned>(
        &self,
        msg: serde_json::Value,
    ) -> Result<T, JsValue> {
        #[derive(Deserialize)]
        struct Failure {
            error: String,
        }
        let msg = msg.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?;
        let answer = JsFuture::from(self.bridge.ask(msg)?).await?;
        if let Ok(Failure { error }) = serde_wasm_bindgen::from_value(answer.clone()) {
            return Err(JsError::new(&error).into());
        }
        Ok(serde_wasm_bindgen::from_value(answer)?)
    }

    async fn state(&self, tab: Option<f64>) -> Result<State, JsValue> {
        self.ask(serde_json::json!({"type": "state", "tab": tab}))
            .await
    }
}

/// Shows `text` in the status line `id` as the page is now (it may have been redrawn meanwhile).
fn say(id: &str, text: &str) {
    if let Some(line) = gloo::utils::document().get_element_by_id(id) {
        line.set_text_content(Some(text));
    }
}

/// Appending to elements this code made cannot fail; one helper keeps the WASM small.
trait Add {
    fn add(&self, child: &Element);
    fn add_text(&self, text: &str);
}

impl Add for Element {
    fn add(&self, child: &Element) {
        let _ = self.append_child(child);
    }
    fn add_text(&self, text: &str) {
        let _ = self.append_with_str_1(text);
    }
}

fn listen(
    target: &web_sys::EventTarget,
    event: &'static str,
    f: impl FnMut(&web_sys::Event) + 'static,
) {
    // Not passive: the form's submit handler must prevent the page from navigating.
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    let l = EventListener::new_with_options(target, event, options, f);
    PENDING.with(|ls| ls.borrow_mut().push(l));
}

/// Replaces `root`'s content, keeping keyboard focus on the element with the same id, what the
/// user had typed but not saved, and the messages in status lines ("Saved.").
fn replace(root: &Element, content: &Element, doc: &Document) {
    let focused = doc
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let mut typed = Vec::new();
    if let Ok(inputs) = root.query_selector_all("input[id]") {
        for i in 0..inputs.length() {
            if let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                if input.value() != input.default_value() {
                    typed.push((input.id(), input.value()));
                }
            }
        }
    }
    let mut said = Vec::new();
    if let Ok(lines) = root.query_selector_all("[role=status][id]") {
        for i in 0..lines.length() {
            if let Some(line) = lines.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                said.push((line.id(), line.text_content().unwrap_or_default()));
            }
        }
    }
    let fresh = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    LISTENERS.with(|ls| *ls.borrow_mut() = fresh);
    root.replace_children_with_node_1(content);
    for (id, text) in said {
        if let Some(line) = doc.get_element_by_id(&id) {
            line.set_text_content(Some(&text));
        }
    }
    for (id, value) in typed {
        if let Some(input) = doc
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| !i.read_only())
        {
            input.set_value(&value);
        }
    }
    if let Some(id) = focused {
        if let Some(e) = doc.get_element_by_id(&id) {
            let _ = e.unchecked_into::<HtmlElement>().focus();
        }
    }
}

/// A local date and time for an instant in ms.
fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    d.to_locale_string("default", &JsValue::UNDEFINED).into()
}

fn instant(rfc3339_or_ms: &str, at: u64) -> String {
    if at > 0 {
        local_time(at as f64)
    } else {
        rfc3339_or_ms.to_string()
    }
}

/// "Policy in force" block, shared by both pages.
fn policy_block(ui: &Ui, resolved: &InForce, heading: &str) -> Element {
    let policy = &resolved.policy;
    let section = ui.el("section", &[("aria-labelledby", "policy-h")]);
    section.add(&ui.text(heading, &[("id", "policy-h")], &ui.t("policyInForce")));
    section.add(&ui.text("p", &[("id", "policy-name")], &policy.name));
    let (key, word) = match resolved.source {
        layers::Source::Embedded if !resolved.errors.is_empty() => {
            ("sourceEmbeddedBroken", "embedded")
        }
        layers::Source::Embedded => ("sourceEmbedded", "embedded"),
        layers::Source::Managed => ("sourceManaged", "managed"),
        layers::Source::LastGood => ("sourceLastGood", "last_good"),
    };
    section.add(&ui.text(
        "p",
        &[("id", "policy-source"), ("data-source", word)],
        &ui.t(key),
    ));
    if !resolved.errors.is_empty() {
        let alert = ui.el(
            "div",
            &[
                ("id", "policy-errors"),
                ("role", "alert"),
                ("class", "problem"),
            ],
        );
        alert.add(&ui.text("p", &[], &ui.t("managedErrors")));
        let list = ui.el("ul", &[]);
        for FieldErrorIn { path, reason } in &resolved.errors {
            let li = ui.el("li", &[("data-path", path)]);
            li.add(&ui.text("code", &[], path));
            li.add_text(&format!(": {reason}"));
            list.add(&li);
        }
        alert.add(&list);
        section.add(&alert);
    }
    section
}

/// How much of a finding a recent entry shows: its first sentence, at most this long.
const FINDING_CHARS: usize = 120;

fn recent_block(ui: &Ui, recent: &[Recent], limit: usize, heading: &str) -> Element {
    let section = ui.el("section", &[("aria-labelledby", "recent-h")]);
    section.add(&ui.text(heading, &[("id", "recent-h")], &ui.t("recentHeading")));
    if recent.is_empty() {
        section.add(&ui.text("p", &[("id", "recent-none")], &ui.t("recentNone")));
        return section;
    }
    let list = ui.el("ul", &[("id", "recent"), ("class", "recent")]);
    for r in recent.iter().take(limit) {
        let li = ui.el("li", &[]);
        let account = r.account.as_deref().unwrap_or("");
        // As the platform writes its name ("X", "LinkedIn"), not the adapter's id.
        let id = r.platform.as_deref().unwrap_or("");
        let platform = crate::platform::display_name(id).unwrap_or(id);
        li.add(&ui.text(
            "span",
            &[("class", "when")],
            &format!("{} · {platform} {account}", instant(&r.time, r.at)),
        ));
        let findings = ui.el("ul", &[]);
        for f in &r.findings {
            let item = ui.el("li", &[("data-section", &f.section)]);
            item.add(&ui.text("span", &[("class", "sec")], &format!("§{} ", f.section)));
            item.add_text(&crate::text::first_sentence(&f.message, FINDING_CHARS));
            item.set_attribute("title", &f.message).ok();
            findings.add(&item);
        }
        li.add(&findings);
        if let Some(answer) = r.answer {
            let key = match answer {
                records::Answer::Edit => "recentEdited",
                records::Answer::Fix => "recentFixed",
            };
            li.add(&ui.text("p", &[("class", "answer")], &ui.t(key)));
        }
        if let Some(o) = &r.overridden {
            let text = match &o.reason {
                Some(reason) => ui.tf("overrideWithReason", &[reason]),
                None => ui.t("overrideNoReason"),
            };
            li.add(&ui.text("p", &[("class", "override")], &text));
        }
        list.add(&li);
    }
    section.add(&list);
    section
}

fn report_link(ui: &Ui, policy: &Policy, user: &User, site: Option<&str>) -> Element {
    let who = match (&user.name, &user.email) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (None, Some(e)) => e.clone(),
        (Some(n), None) => n.clone(),
        (None, None) => String::new(),
    };
    let now = local_time(js_sys::Date::now());
    let subject = ui.tf("reportSubject", &[&policy.city]);
    let body = ui.tf(
        "reportBody",
        &[site.unwrap_or(""), &now, &who, &policy.name],
    );
    ui.text(
        "a",
        &[
            ("id", "report"),
            ("class", "button"),
            ("href", &crate::report::mailto(policy, &subject, &body)),
        ],
        &ui.t("reportButton"),
    )
}

/// Renders the options page into `root`, and again whenever PostGuard's state changes.
#[wasm_bindgen(js_name = optionsPage)]
pub async fn options_page(root: Element, bridge: Bridge) -> Result<(), JsValue> {
    draw_options(root.clone(), bridge.clone()).await?;
    let b = bridge.clone();
    let redraw = Closure::<dyn FnMut()>::new(move || {
        let (root, bridge) = (root.clone(), b.clone());
        spawn_local(async move {
            if let Err(e) = draw_options(root, bridge).await {
                web_sys::console::error_1(&e);
            }
        });
    });
    bridge.on_change(redraw.as_ref().unchecked_ref());
    redraw.forget(); // for the page's lifetime
    Ok(())
}

/// Where IT takes the employee's email from the browser's sign-in (`identity_from_profile`):
/// which email counts, or the one click that lets PostGuard read it.
fn profile_identity(
    ui: &Ui,
    policy: &crate::policy::Policy,
    user: &User,
    granted: bool,
    root: &Element,
) -> Element {
    let signed = layers::signed_in(policy, user);
    let line = |key: &str, subs: &[&str]| {
        ui.text(
            "p",
            &[("id", "profile-identity"), ("class", "note")],
            &ui.tf(key, subs),
        )
    };
    if signed.email_source.as_deref() == Some("profile") {
        return line("identityProfile", &[signed.email.as_deref().unwrap_or("")]);
    }
    if !ui.bridge.profile_supported() {
        return line("identityProfileUnsupported", &[]);
    }
    if granted {
        return line(
            "identityProfileNotCity",
            &[&policy.email_domains.join(", ")],
        );
    }
    let wrap = line("identityProfileAsk", &[]);
    let ask = ui.text(
        "button",
        &[("type", "button"), ("id", "use-profile")],
        &ui.t("identityProfileButton"),
    );
    let (bridge, root) = (ui.bridge.clone(), root.clone());
    listen(&ask, "click", move |_| {
        // The browser asks only from inside a click's handler: no await before this call.
        let Ok(asked) = bridge.ask_profile() else {
            return;
        };
        let (bridge, root) = (bridge.clone(), root.clone());
        spawn_local(async move {
            let _ = JsFuture::from(asked).await;
            if let Err(e) = draw_options(root, bridge).await {
                web_sys::console::error_1(&e);
            }
        });
    });
    wrap.add_text(" ");
    wrap.add(&ask);
    wrap
}

async fn draw_options(root: Element, bridge: Bridge) -> Result<(), JsValue> {
    let ui = Ui::new(&bridge);
    let state = ui.state(None).await?;
    let records: Vec<Record> = ui.ask(serde_json::json!({"type": "records"})).await?;
    let resolved = &state.in_force;
    let policy = resolved.policy.clone();
    let user = state.user.clone().unwrap_or_default();
    let me = layers::identity(&policy, &user);

    let main = ui.el("main", &[]);
    main.add(&ui.text("h1", &[], &ui.t("optionsTitle")));
    main.add(&policy_block(&ui, resolved, "h2"));

    // --- who you are -----------------------------------------------------------------
    let you = ui.el("section", &[("aria-labelledby", "you-h")]);
    you.add(&ui.text("h2", &[("id", "you-h")], &ui.t("youHeading")));
    let form = ui.el("form", &[("id", "identity"), ("novalidate", "")]);
    let field = |id: &str, label: &str, value: Option<&str>, editable: bool, kind: &str| {
        let wrap = ui.el("p", &[("class", "field")]);
        wrap.add(&ui.text("label", &[("for", id)], label));
        let input = ui.el(
            "input",
            &[
                ("id", id),
                ("name", id),
                ("type", kind),
                ("autocomplete", "off"),
            ],
        );
        let input: HtmlInputElement = input.unchecked_into();
        input.set_default_value(value.unwrap_or(""));
        if !editable {
            input.set_read_only(true);
            input.set_attribute("aria-readonly", "true").unwrap();
        }
        wrap.add(&input);
        wrap
    };
    form.add(&field(
        "user-email",
        &ui.t("emailLabel"),
        me.email.as_deref(),
        true,
        "email",
    ));
    form.add(&field(
        "user-name",
        &ui.t("nameLabel"),
        me.name.as_deref(),
        me.may_edit,
        "text",
    ));
    form.add(&field(
        "user-title",
        &ui.t("titleLabel"),
        me.title.as_deref(),
        me.may_edit,
        "text",
    ));
    let note = match (me.authorized, me.may_edit) {
        (true, _) => ui.t("identityFromDirectory"),
        (false, false) => ui.t("identityLocked"),
        (false, true) => ui.t("identityEditable"),
    };
    form.add(&ui.text("p", &[("id", "identity-note"), ("class", "note")], &note));
    if policy.identity_from_profile {
        form.add(&profile_identity(
            &ui,
            &policy,
            &user,
            state.profile_granted,
            &root,
        ));
    }
    if me.email.is_some() && !me.city_email {
        form.add(&ui.text(
            "p",
            &[("class", "problem")],
            &ui.tf("notCityEmail", &[&policy.email_domains.join(", ")]),
        ));
    }
    form.add(&ui.text(
        "button",
        &[("type", "submit"), ("id", "save")],
        &ui.t("save"),
    ));
    let status = ui.el(
        "p",
        &[
            ("id", "save-status"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
    );
    form.add(&status);
    you.add(&form);

    you.add(&ui.text("h3", &[("id", "accounts-h")], &ui.t("accountsHeading")));
    if me.accounts.is_empty() {
        you.add(&ui.text(
            "p",
            &[("id", "accounts-none")],
            &ui.t(if me.authorized {
                "accountsNoneListed"
            } else {
                "accountsNotInDirectory"
            }),
        ));
    } else {
        let ul = ui.el(
            "ul",
            &[("id", "accounts"), ("aria-labelledby", "accounts-h")],
        );
        for a in &me.accounts {
            ul.add(&ui.text("li", &[], a));
        }
        you.add(&ul);
    }
    main.add(&you);
    {
        let bridge = bridge.clone();
        let may_edit = me.may_edit;
        listen(&form, "submit", move |e| {
            e.prevent_default();
            let doc = gloo::utils::document();
            let value = |id: &str| {
                doc.get_element_by_id(id)
                    .map(|e| e.unchecked_into::<HtmlInputElement>().value())
                    .filter(|v| !v.trim().is_empty())
            };
            let mut user = serde_json::json!({ "email": value("user-email") });
            if may_edit {
                user["name"] = value("user-name").into();
                user["title"] = value("user-title").into();
            }
            let bridge = bridge.clone();
            spawn_local(async move {
                let ui = Ui::new(&bridge);
                #[derive(Deserialize)]
                struct Saved {
                    #[serde(default)]
                    errors: Vec<FieldErrorIn>,
                }
                let text = match ui
                    .ask::<Saved>(serde_json::json!({"type": "save-user", "user": user}))
                    .await
                {
                    Ok(Saved { errors }) => {
                        if errors.is_empty() {
                            ui.t("saved")
                        } else {
                            errors
                                .iter()
                                .map(|e| format!("{}: {}", e.path, e.reason))
                                .collect::<Vec<_>>()
                                .join("; ")
                        }
                    }
                    Err(e) => format!("{e:?}"),
                };
                say("save-status", &text);
            });
        });
    }

    // --- the record ------------------------------------------------------------------
    let rec = ui.el("section", &[("aria-labelledby", "records-h")]);
    rec.add(&ui.text("h2", &[("id", "records-h")], &ui.t("recordsHeading")));
    let summary = records::summary(&records, &policy.records);
    let mut lines = vec![if summary.enabled {
        ui.tf(
            "recordsSummary",
            &[
                &summary.count.to_string(),
                &summary.retention_days.to_string(),
            ],
        )
    } else {
        ui.t("recordsOff")
    }];
    lines.push(match &summary.endpoint {
        None => ui.t("endpointNone"),
        Some(url) => ui.tf("endpointSet", &[url, &summary.pending.to_string()]),
    });
    if let Some(d) = state.delivery.as_ref().filter(|d| d.failures > 0) {
        lines.push(ui.tf(
            "endpointFailing",
            &[
                d.last_error.as_deref().unwrap_or(""),
                &d.next_at.map(local_time).unwrap_or_default(),
            ],
        ));
    }
    let p = ui.el("div", &[("id", "records-summary")]);
    for l in lines {
        p.add(&ui.text("p", &[], &l));
    }
    rec.add(&p);
    let actions = ui.el("p", &[("class", "actions")]);
    let csv = ui.text(
        "button",
        &[("type", "button"), ("id", "export-csv")],
        &ui.t("exportCsv"),
    );
    let json = ui.text(
        "button",
        &[("type", "button"), ("id", "export-json")],
        &ui.t("exportJson"),
    );
    actions.add(&csv);
    actions.add(&json);
    rec.add(&actions);
    let export_status = ui.el(
        "p",
        &[
            ("id", "export-status"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
    );
    rec.add(&export_status);
    main.add(&rec);
    for (button, csv) in [(csv, true), (json, false)] {
        let (bridge, policy) = (bridge.clone(), policy.clone());
        listen(&button, "click", move |_| {
            let (bridge, policy) = (bridge.clone(), policy.clone());
            spawn_local(async move {
                let ui = Ui::new(&bridge);
                let result = async {
                    let records: Vec<Record> =
                        ui.ask(serde_json::json!({"type": "records"})).await?;
                    let now = js_sys::Date::now() as u64;
                    let (body, mime, ext) = if csv {
                        (records::to_csv(&records), "text/csv;charset=utf-8", "csv")
                    } else {
                        // The JSON export holds the false-alarm reports too.
                        let alarms: Vec<serde_json::Value> =
                            ui.ask(serde_json::json!({"type": "false-alarms"})).await?;
                        (
                            records::to_json_with_false_alarms(&policy, &records, &alarms, now),
                            "application/json",
                            "json",
                        )
                    };
                    download(&ui.doc, &body, mime, &records::file_name(now, ext))?;
                    Ok::<usize, JsValue>(records.len())
                }
                .await;
                let text = match result {
                    Ok(n) => ui.tf("exported", &[&n.to_string()]),
                    Err(e) => format!("{e:?}"),
                };
                say("export-status", &text);
            });
        });
    }

    main.add(&recent_block(&ui, &state.recent, records::RECENT, "h2"));

    // --- report ----------------------------------------------------------------------
    let report = ui.el("section", &[("aria-labelledby", "report-h")]);
    report.add(&ui.text("h2", &[("id", "report-h")], &ui.t("reportHeading")));
    report.add(&ui.text("p", &[], &ui.t("reportExplain")));
    let who = User {
        name: me.name.clone(),
        email: me.email.clone(),
        ..User::default()
    };
    report.add(&report_link(&ui, &policy, &who, None));
    main.add(&report);

    replace(&root, &main, &ui.doc);
    Ok(())
}

/// Saves `body` as a file through a download link.
fn download(doc: &Document, body: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    doc.body().expect("a body").append_child(&a)?;
    a.click();
    a.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    gloo::utils::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}

/// Renders the popup into `root`.
#[wasm_bindgen(js_name = popupPage)]
pub async fn popup_page(root: Element, bridge: Bridge) -> Result<(), JsValue> {
    let ui = Ui::new(&bridge);
    let tab = JsFuture::from(bridge.current_tab()?).await?.as_f64();
    let state = ui.state(tab).await?;
    let resolved = &state.in_force;
    let policy = resolved.policy.clone();
    let user = state.user.clone().unwrap_or_default();
    // The popup says who PostGuard takes you for: the browser profile's City email where IT
    // allows it.
    let me = layers::identity(&policy, &layers::signed_in(&policy, &user));

    let main = ui.el("main", &[]);
    main.add(&ui.text("h1", &[], "PostGuard"));
    main.add(&policy_block(&ui, resolved, "h2"));

    let who = match (&me.name, &me.title, &me.email) {
        (_, _, None) => ui.t("youUnknown"),
        (Some(n), Some(t), Some(e)) => ui.tf("youAre", &[&format!("{n}, {t}"), e]),
        (Some(n), None, Some(e)) => ui.tf("youAre", &[n, e]),
        (None, _, Some(e)) => ui.tf("youAre", &[&ui.t("noName"), e]),
    };
    main.add(&ui.text("p", &[("id", "identity")], &who));
    if !me.accounts.is_empty() {
        main.add(&ui.text(
            "p",
            &[("id", "accounts")],
            &ui.tf("mayPostFor", &[&me.accounts.join(", ")]),
        ));
    }

    let site = state.site.unwrap_or_default();
    let host = site.host.clone().unwrap_or_default();
    let (word, text) = if !site.adapter && !site.connected {
        ("none", ui.t("siteNone"))
    } else if site.generic {
        ("generic", ui.tf("siteGeneric", &[&host]))
    } else if site.connected {
        ("active", ui.tf("siteActive", &[&host]))
    } else {
        ("waiting", ui.tf("siteNotConnected", &[&host]))
    };
    main.add(&ui.text("p", &[("id", "site"), ("data-status", word)], &text));

    if let Some(p) = &state.last_problem {
        main.add(&ui.text(
            "p",
            &[("id", "problem"), ("class", "problem")],
            &ui.tf("lastProblem", &[&p.problem, &local_time(p.at)]),
        ));
    }
    let others: Vec<&String> = state.generic_hosts.iter().filter(|h| **h != host).collect();
    if !others.is_empty() {
        let hosts: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
        main.add(&ui.text(
            "p",
            &[("id", "adapter-status"), ("class", "problem")],
            &ui.tf("genericHosts", &[&hosts.join(", ")]),
        ));
    }

    if !state.stale_hosts.is_empty() {
        main.add(&ui.text(
            "p",
            &[("id", "stale-hosts"), ("class", "problem")],
            &ui.tf("staleHosts", &[&state.stale_hosts.join(", ")]),
        ));
    }

    main.add(&recent_block(&ui, &state.recent, 3, "h2"));

    let actions = ui.el("p", &[("class", "actions")]);
    let who = User {
        name: me.name.clone(),
        email: me.email.clone(),
        ..User::default()
    };
    actions.add(&report_link(&ui, &policy, &who, site.host.as_deref()));
    let options = ui.text(
        "button",
        &[("type", "button"), ("id", "open-options")],
        &ui.t("openOptions"),
    );
    actions.add(&options);
    main.add(&actions);
    {
        let bridge = bridge.clone();
        listen(&options, "click", move |_| {
            let ui = Ui::new(&bridge);
            spawn_local(async move {
                let _ = ui
                    .ask::<serde::de::IgnoredAny>(serde_json::json!({"type": "open-options"}))
                    .await;
            });
        });
    }
    replace(&root, &main, &ui.doc);
    Ok(())
}
