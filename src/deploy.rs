//! Deployment templates for IT: the managed configuration (Chrome/Edge/Firefox `3rdparty`
//! policy) filled in from the embedded default, in the formats each platform reads, and the
//! reverse: finding PostGuard's configuration inside such a file to validate it.

#[cfg(feature = "cli")]
pub mod admx;
use crate::policy::{layers, FieldError, Policy};
use serde_json::{json, Map, Value};

/// The Chrome/Edge extension id of the builds in this repository: derived from the public "key"
/// in manifest.json. A CRX packed with IT's own key gets a different id; pass it with `--id`.
pub const CHROME_ID: &str = "iihnhembbjhggdbjppeepokpgkhdmajf";
/// The Firefox add-on id (`browser_specific_settings.gecko.id`, set by build.sh).
pub const FIREFOX_ID: &str = "postguard@westalliswi.gov";

/// `postguard policy template --format` takes these by their kebab-case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// The bare managed configuration: an object of policy fields.
    Managed,
    /// A JSON file for Chrome/Chromium/Edge managed policy directories (Linux).
    ChromeJson,
    /// A Windows .reg file for Google Chrome.
    Reg,
    /// A Windows .reg file for Microsoft Edge.
    EdgeReg,
    /// Firefox's policies.json.
    Firefox,
    /// A macOS property list for the preference domain com.google.Chrome.extensions.<id>.
    Plist,
}

/// Where the package and its update manifest are published.
#[derive(Debug, Clone)]
pub struct Target {
    pub chrome_id: String,
    pub firefox_id: String,
    /// Chrome/Edge update manifest (update.xml) URL.
    pub update_url: String,
    /// Firefox signed package URL.
    pub xpi_url: String,
}

impl Default for Target {
    fn default() -> Self {
        let v = env!("CARGO_PKG_VERSION");
        Target {
            chrome_id: CHROME_ID.into(),
            firefox_id: FIREFOX_ID.into(),
            update_url: "https://intranet.example/postguard/update.xml".into(),
            xpi_url: format!("https://intranet.example/postguard/postguard-firefox-{v}.xpi"),
        }
    }
}

/// A filled example of IT's managed configuration, from the policy in force: every field of the
/// policy except the long word lists (`personal_markers`), with an example Authorized User and
/// report address where the policy has none. Absent values (null) are left out, as managed
/// storage has no null.
pub fn example(policy: &Policy) -> Value {
    let mut v = serde_json::to_value(policy).expect("policies serialize");
    let m = v.as_object_mut().expect("a policy is an object");
    m.remove("personal_markers");
    let domain = policy
        .email_domains
        .first()
        .cloned()
        .unwrap_or_else(|| "example.gov".into());
    if policy.authorized_users.is_empty() {
        let accounts: Vec<String> = policy
            .accounts
            .iter()
            .map(|a| format!("{}:{}", a.platform, a.handle))
            .collect();
        m.insert(
            "authorized_users".into(),
            json!([{
                "email": format!("jdoe@{domain}"),
                "name": "Jane Doe",
                "title": "Communications Specialist",
                "accounts": accounts,
            }]),
        );
    }
    if policy.report_to.is_none() {
        m.insert("report_to".into(), json!(format!("it-help@{domain}")));
    }
    drop_nulls(&mut v);
    v
}

/// `policy template --minimal`: what another city must set, as placeholders that
/// `policy validate` points out until they are replaced. West Allis's word lists are left out,
/// so every key not here keeps the built-in value.
pub fn minimal() -> Value {
    json!({
        "name": "City of Example Social Media Policy",
        "city": "City of Example",
        "email_domains": ["example.gov"],
        "accounts": [{
            "platform": "facebook",
            "handle": "CityofExample",
            "name": "City of Example",
            "department": "Communications",
        }],
        "contact_email": "communications@example.gov",
    })
}

fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// The template in `format` for `managed` (usually [`example`]).
pub fn template(format: Format, managed: &Value, t: &Target) -> String {
    match format {
        Format::Managed => pretty(managed),
        Format::ChromeJson => pretty(&json!({
            "ExtensionSettings": {
                &t.chrome_id: {
                    "installation_mode": "force_installed",
                    "update_url": t.update_url,
                    "toolbar_pin": "force_pinned",
                }
            },
            "3rdparty": { "extensions": { &t.chrome_id: managed } },
        })),
        Format::Firefox => pretty(&json!({
            "policies": {
                "ExtensionSettings": {
                    &t.firefox_id: {
                        "installation_mode": "force_installed",
                        "install_url": t.xpi_url,
                    }
                },
                "3rdparty": { "Extensions": { &t.firefox_id: managed } },
            }
        })),
        Format::Reg => reg(r"Google\Chrome", "Google Chrome", managed, t),
        Format::EdgeReg => reg(r"Microsoft\Edge", "Microsoft Edge", managed, t),
        Format::Plist => plist(managed, t),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON serializes");
    s.push('\n');
    s
}

/// JSON with every non-ASCII character as \uXXXX, so a .reg file stays plain ASCII.
fn ascii_json(v: &Value) -> String {
    let mut out = String::new();
    for c in serde_json::to_string(v).expect("JSON serializes").chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// A REG_SZ value's quoting in .reg files.
fn reg_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Windows registry: `3rdparty\extensions\<id>\policy`, one value per top-level key. Booleans and
/// integers are REG_DWORD; strings REG_SZ; lists and objects REG_SZ holding JSON, which Chrome
/// and Edge parse against the extension's schema.
fn reg(vendor: &str, browser: &str, managed: &Value, t: &Target) -> String {
    let root = format!(r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\{vendor}");
    let mut out = String::from("Windows Registry Editor Version 5.00\r\n\r\n");
    out.push_str(&format!(
        "; PostGuard for {browser}: installs the extension and sets its managed configuration.\r\n\
         ; Generated by `postguard policy template`. Check it with `postguard policy validate --managed`\r\n\
         ; on the JSON form (--format managed). The value name \"1\" below must not already be in\r\n\
         ; use in ExtensionInstallForcelist on your machines; pick a free number if it is.\r\n\r\n"
    ));
    out.push_str(&format!("[{root}\\ExtensionInstallForcelist]\r\n"));
    out.push_str(&format!(
        "\"1\"={}\r\n\r\n",
        reg_string(&format!("{};{}", t.chrome_id, t.update_url))
    ));
    out.push_str(&format!(
        "[{root}\\3rdparty\\extensions\\{}\\policy]\r\n",
        t.chrome_id
    ));
    if let Value::Object(m) = managed {
        for (k, v) in m {
            let value = match v {
                Value::Bool(b) => format!("dword:{:08x}", u32::from(*b)),
                Value::Number(n) if n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) => {
                    format!("dword:{:08x}", n.as_u64().unwrap_or_default())
                }
                Value::String(s) if s.is_ascii() => reg_string(s),
                // regedit reads a .reg file as ASCII here: other text goes as UTF-16LE bytes.
                Value::String(s) => {
                    let bytes: Vec<String> = s
                        .encode_utf16()
                        .chain([0])
                        .flat_map(u16::to_le_bytes)
                        .map(|b| format!("{b:02x}"))
                        .collect();
                    format!("hex(1):{}", bytes.join(","))
                }
                other => reg_string(&ascii_json(other)),
            };
            out.push_str(&format!("{}={value}\r\n", reg_string(k)));
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// macOS: a property list for the preference domain `com.google.Chrome.extensions.<id>`
/// (Edge: `com.microsoft.Edge.extensions.<id>`), pushed with a configuration profile (MDM).
fn plist(managed: &Value, t: &Target) -> String {
    fn node(v: &Value, depth: usize, out: &mut String) {
        let pad = "  ".repeat(depth);
        match v {
            Value::Null => {}
            Value::Bool(b) => out.push_str(&format!("{pad}<{}/>\n", b)),
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                out.push_str(&format!("{pad}<integer>{n}</integer>\n"))
            }
            Value::Number(n) => out.push_str(&format!("{pad}<real>{n}</real>\n")),
            Value::String(s) => out.push_str(&format!("{pad}<string>{}</string>\n", xml_escape(s))),
            Value::Array(a) => {
                out.push_str(&format!("{pad}<array>\n"));
                a.iter().for_each(|x| node(x, depth + 1, out));
                out.push_str(&format!("{pad}</array>\n"));
            }
            Value::Object(m) => {
                out.push_str(&format!("{pad}<dict>\n"));
                for (k, x) in m {
                    out.push_str(&format!("{pad}  <key>{}</key>\n", xml_escape(k)));
                    node(x, depth + 1, out);
                }
                out.push_str(&format!("{pad}</dict>\n"));
            }
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n",
    );
    out.push_str(&format!(
        "<!-- PostGuard managed configuration. Preference domain: com.google.Chrome.extensions.{id}\n     \
         (Microsoft Edge: com.microsoft.Edge.extensions.{id}). Deploy with a configuration profile. -->\n",
        id = t.chrome_id
    ));
    out.push_str("<plist version=\"1.0\">\n");
    node(managed, 0, &mut out);
    out.push_str("</plist>\n");
    out
}

/// PostGuard's managed configurations inside `doc`, each with the JSON path it sits at:
/// a Chrome/Edge policy file (`3rdparty.extensions.<id>`), Firefox's policies.json
/// (`policies.3rdparty.Extensions.<id>`), or a bare configuration (path "").
pub fn find_managed(doc: &Value) -> Vec<(String, Value)> {
    let under = |v: &Value, keys: &[&str]| -> Option<Map<String, Value>> {
        let mut cur = v;
        for k in keys {
            cur = cur.get(*k)?;
        }
        cur.as_object().cloned()
    };
    let mut found = Vec::new();
    for (prefix, keys) in [
        ("3rdparty.extensions", &["3rdparty", "extensions"][..]),
        (
            "policies.3rdparty.Extensions",
            &["policies", "3rdparty", "Extensions"][..],
        ),
    ] {
        if let Some(exts) = under(doc, keys) {
            for (id, cfg) in exts {
                found.push((format!("{prefix}.{id}"), cfg));
            }
        }
    }
    let is_wrapper = doc.get("3rdparty").is_some() || doc.get("policies").is_some();
    if found.is_empty() && !is_wrapper {
        found.push((String::new(), doc.clone()));
    }
    found
}

/// Validates every PostGuard configuration in `doc` as a layer over the embedded default;
/// each error's path starts at the document's root. `Err` when `doc` holds none at all.
pub fn validate_managed(doc: &Value) -> Result<Vec<FieldError>, String> {
    let found = find_managed(doc);
    if found.is_empty() {
        return Err(
            "no PostGuard configuration: expected 3rdparty.extensions.<id> (Chrome, Edge), \
             policies.3rdparty.Extensions.<id> (Firefox) or a bare object of policy fields"
                .into(),
        );
    }
    let mut errors = Vec::new();
    for (prefix, cfg) in found {
        if let Err(e) = layers::apply(&cfg, crate::rules::IDS) {
            errors.extend(e.errors.into_iter().map(|f| FieldError {
                path: match (prefix.as_str(), f.path.as_str()) {
                    ("", p) => p.to_string(),
                    (pre, "(document)") => pre.to_string(),
                    (pre, p) => format!("{pre}.{p}"),
                },
                reason: f.reason,
            }));
        }
    }
    Ok(errors)
}
