//! IT distribution: the managed schema covers the policy model, `postguard policy template`
//! prints configurations that validate, the committed deploy/ files are what it prints, and
//! every word the options page and popup use exists in English and Spanish.

use postguard::Policy;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo(path)).unwrap()).unwrap()
}

fn postguard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn type_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Walks `value` (a serialized policy) against Chrome's schema dialect, collecting gaps both ways.
fn compare(schema: &Value, value: &Value, path: &str, gaps: &mut Vec<String>) {
    const KEYS: &[&str] = &[
        "type",
        "description",
        "title",
        "properties",
        "items",
        "additionalProperties",
        "enum",
        "minimum",
        "maximum",
        "pattern",
    ];
    for k in schema.as_object().unwrap().keys() {
        if !KEYS.contains(&k.as_str()) {
            gaps.push(format!("{path}: `{k}` is not in Chrome's schema dialect"));
        }
    }
    let Some(ty) = schema["type"].as_str() else {
        gaps.push(format!("{path}: no type"));
        return;
    };
    if value.is_null() {
        return; // an optional field left out
    }
    if ty != type_of(value) && !(ty == "number" && type_of(value) == "integer") {
        gaps.push(format!(
            "{path}: schema says {ty}, the policy has {}",
            type_of(value)
        ));
        return;
    }
    if let Some(allowed) = schema["enum"].as_array() {
        if !allowed.contains(value) {
            gaps.push(format!("{path}: {value} is not in the schema's enum"));
        }
    }
    match value {
        Value::Object(m) => {
            let props = schema["properties"].as_object();
            for (k, v) in m {
                let p = format!("{path}.{k}");
                match props.and_then(|ps| ps.get(k)) {
                    Some(s) => compare(s, v, &p, gaps),
                    None if schema.get("additionalProperties").is_some() => {
                        compare(&schema["additionalProperties"], v, &p, gaps)
                    }
                    None => gaps.push(format!("{p}: missing from managed_schema.json")),
                }
            }
            if schema.get("additionalProperties").is_none() {
                for k in props
                    .map(|p| p.keys().collect::<Vec<_>>())
                    .unwrap_or_default()
                {
                    if !m.contains_key(k) {
                        gaps.push(format!("{path}.{k}: in the schema but not in the policy"));
                    }
                }
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                compare(&schema["items"], v, &format!("{path}[{i}]"), gaps);
            }
        }
        _ => {}
    }
}

#[test]
fn the_managed_schema_covers_every_field_of_the_policy_model() {
    let schema = read_json("extension/managed_schema.json");
    // Every field, with an example where the default list is empty.
    let mut policy = serde_json::to_value(Policy::west_allis()).unwrap();
    let example = postguard::deploy::example(&Policy::west_allis());
    policy["authorized_users"] = example["authorized_users"].clone();
    policy["severities"] = json!({"reply-signature": "block"});
    policy["records"]["endpoint"] = json!("https://records.westalliswi.gov/in");
    let mut gaps = Vec::new();
    compare(&schema, &policy, "", &mut gaps);
    assert!(
        gaps.is_empty(),
        "extension/managed_schema.json and the policy model differ (add schema entries for new \
         policy fields):\n{}",
        gaps.join("\n")
    );
    // The manifest points at it.
    let manifest = read_json("manifest.json");
    assert_eq!(manifest["storage"]["managed_schema"], "managed_schema.json");
}

#[test]
fn the_schema_test_catches_a_missing_and_a_mistyped_field() {
    let mut schema = read_json("extension/managed_schema.json");
    schema["properties"]
        .as_object_mut()
        .unwrap()
        .remove("report_to");
    schema["properties"]["records"]["properties"]["retention_days"]["type"] = json!("string");
    let mut policy = serde_json::to_value(Policy::west_allis()).unwrap();
    policy["report_to"] = json!("it@westalliswi.gov");
    let mut gaps = Vec::new();
    compare(&schema, &policy, "", &mut gaps);
    assert_eq!(
        gaps,
        [
            ".records.retention_days: schema says string, the policy has integer",
            ".report_to: missing from managed_schema.json"
        ]
    );
}

#[test]
fn policy_template_prints_configurations_that_validate() {
    let dir = std::env::temp_dir().join(format!("postguard-deploy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let id = postguard::deploy::CHROME_ID;
    for (format, locate) in [
        ("managed", ""),
        ("chrome-json", "/3rdparty/extensions/ID"),
        (
            "firefox",
            "/policies/3rdparty/Extensions/postguard@westalliswi.gov",
        ),
    ] {
        let text = stdout(&postguard(&["policy", "template", "--format", format]));
        let doc: Value = serde_json::from_str(&text).unwrap();
        let cfg = doc
            .pointer(&locate.replace("ID", id))
            .unwrap_or_else(|| panic!("{format}: nothing at {locate}"));
        assert_eq!(cfg["city"], "City of West Allis", "{format}");
        assert_eq!(cfg["authorized_users"][0]["name"], "Jane Doe");
        assert!(cfg.get("personal_markers").is_none());
        let file = dir.join(format!("{format}.json"));
        std::fs::write(&file, &text).unwrap();
        let ok = postguard(&["policy", "validate", "--managed", file.to_str().unwrap()]);
        assert!(
            stdout(&ok).contains("valid managed configuration"),
            "{format}"
        );
    }
    let chrome: Value = serde_json::from_str(&stdout(&postguard(&[
        "policy",
        "template",
        "--format",
        "chrome-json",
        "--id",
        "abcdefghijklmnopabcdefghijklmnop",
        "--update-url",
        "https://it.example.gov/pg/update.xml",
    ])))
    .unwrap();
    let settings = &chrome["ExtensionSettings"]["abcdefghijklmnopabcdefghijklmnop"];
    assert_eq!(settings["installation_mode"], "force_installed");
    assert_eq!(
        settings["update_url"],
        "https://it.example.gov/pg/update.xml"
    );

    // A broken value inside a Chrome policy file is named by its path in the file.
    let mut broken = chrome.clone();
    broken["3rdparty"]["extensions"]["abcdefghijklmnopabcdefghijklmnop"]["email_domains"] =
        json!(["westalliswi.gov", "not a domain"]);
    let file = dir.join("broken.json");
    std::fs::write(&file, broken.to_string()).unwrap();
    let out = postguard(&["policy", "validate", "--managed", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("3rdparty.extensions.abcdefghijklmnopabcdefghijklmnop.email_domains[1]: is not a domain name"),
        "{err}"
    );
    // IT's own configuration goes into any format, but only once it validates.
    let own = dir.join("own.json");
    std::fs::write(
        &own,
        r#"{"city": "City of Springfield", "report_to": "help@springfield.gov"}"#,
    )
    .unwrap();
    let text = stdout(&postguard(&[
        "policy",
        "template",
        "--format",
        "firefox",
        "--from",
        own.to_str().unwrap(),
    ]));
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        doc["policies"]["3rdparty"]["Extensions"]["postguard@westalliswi.gov"],
        json!({"city": "City of Springfield", "report_to": "help@springfield.gov"})
    );
    std::fs::write(&own, r#"{"city": ""}"#).unwrap();
    let out = postguard(&["policy", "template", "--from", own.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("own.json: city: must not be empty"));

    std::fs::write(&file, r#"{"3rdparty": {"extensions": {}}}"#).unwrap();
    let out = postguard(&["policy", "validate", "--managed", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no PostGuard configuration"));
}

#[test]
fn registry_and_plist_templates_hold_each_field() {
    let reg = stdout(&postguard(&["policy", "template", "--format", "reg"]));
    assert!(reg.starts_with("Windows Registry Editor Version 5.00\r\n"));
    assert!(reg.is_ascii(), "regedit reads these as ASCII");
    let key = format!(
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\{}\\policy]",
        postguard::deploy::CHROME_ID
    );
    assert!(reg.contains(&key), "{reg}");
    assert!(reg.contains("\"user_may_edit_identity\"=dword:00000001\r\n"));
    assert!(reg.contains("\"city\"=\"City of West Allis\"\r\n"));
    // Lists and objects are JSON strings, with quotes escaped for regedit.
    assert!(
        reg.contains("\"email_domains\"=\"[\\\"westalliswi.gov\\\"]\"\r\n"),
        "{reg}"
    );
    assert!(reg.contains("ExtensionInstallForcelist]\r\n\"1\"=\""));

    let edge = stdout(&postguard(&["policy", "template", "--format", "edge-reg"]));
    assert!(edge.contains("SOFTWARE\\Policies\\Microsoft\\Edge\\3rdparty\\extensions\\"));

    let plist = stdout(&postguard(&["policy", "template", "--format", "plist"]));
    assert!(
        plist.contains("<key>city</key>\n  <string>City of West Allis</string>"),
        "{plist}"
    );
    assert!(
        plist.contains("<key>retention_days</key>\n    <integer>365</integer>"),
        "{plist}"
    );
    assert_eq!(
        plist.matches("<dict>").count(),
        plist.matches("</dict>").count()
    );
}

#[test]
fn non_ascii_strings_go_to_the_registry_as_utf16() {
    let managed = json!({"city": "Ciudad de Peñasco", "name": "Política — 1317"});
    let reg = postguard::deploy::template(
        postguard::deploy::Format::Reg,
        &managed,
        &postguard::deploy::Target::default(),
    );
    assert!(reg.is_ascii());
    // "Ciudad de Peñasco" in UTF-16LE, NUL-terminated: ñ is U+00F1.
    assert!(reg.contains("\"city\"=hex(1):43,00,69,00,75,00,64,00,61,00,64,00,20,00,64,00,65,00,20,00,50,00,65,00,f1,00,"), "{reg}");
    assert!(reg.contains(",00,00\r\n"));
}

/// The files in deploy/ are what `postguard policy template` prints today.
#[test]
fn the_committed_deploy_files_match_the_cli() {
    for (file, format) in [
        ("deploy/managed.json", "managed"),
        ("deploy/chrome/postguard.json", "chrome-json"),
        ("deploy/chrome/postguard-chrome.reg", "reg"),
        ("deploy/edge/postguard-edge.reg", "edge-reg"),
        ("deploy/firefox/policies.json", "firefox"),
        (
            "deploy/chrome/com.google.Chrome.extensions.iihnhembbjhggdbjppeepokpgkhdmajf.plist",
            "plist",
        ),
    ] {
        let committed = std::fs::read_to_string(repo(file)).unwrap_or_default();
        let printed = stdout(&postguard(&["policy", "template", "--format", format]));
        assert!(
            committed == printed,
            "{file} is out of date: run deploy/regenerate.sh (the policy model or default changed)"
        );
    }
}

#[test]
fn the_extension_id_is_the_one_the_manifest_key_gives() {
    // Chrome's id: the first 128 bits of SHA-256 of the public key, in hex digits a-p.
    let manifest = read_json("manifest.json");
    let key = manifest["key"].as_str().expect("a key in manifest.json");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf %s '{key}' | base64 -d | sha256sum | head -c 32 | tr 0-9a-f a-p"
        ))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        postguard::deploy::CHROME_ID
    );
}

fn messages(lang: &str) -> serde_json::Map<String, Value> {
    read_json(&format!("extension/_locales/{lang}/messages.json"))
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn every_word_the_pages_use_is_in_english_and_spanish() {
    let (en, es) = (messages("en"), messages("es"));
    let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&en), keys(&es), "en and es have the same messages");
    for (k, v) in &en {
        assert_eq!(
            v.get("placeholders")
                .map(|p| p.as_object().unwrap().keys().collect::<Vec<_>>()),
            es[k]
                .get("placeholders")
                .map(|p| p.as_object().unwrap().keys().collect::<Vec<_>>()),
            "{k}: same placeholders"
        );
        if let Some(ps) = v.get("placeholders").and_then(Value::as_object) {
            for p in ps.keys() {
                for (lang, m) in [("en", &en), ("es", &es)] {
                    let text = m[k]["message"].as_str().unwrap();
                    assert!(
                        text.contains(&format!("${}$", p.to_uppercase())),
                        "{lang} {k}: ${p}$"
                    );
                }
            }
        }
    }
    // camelCase string literals in the page code are message keys.
    let pages = std::fs::read_to_string(repo("src/wasm/pages.rs")).unwrap();
    let mut used: Vec<String> = pages
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && s.chars().any(|c| c.is_ascii_uppercase())
                && s.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .map(String::from)
        .collect();
    for js in ["extension/pages/pages.js", "extension/pages/options.js"] {
        let text = std::fs::read_to_string(repo(js)).unwrap();
        for part in text.split("getMessage('").skip(1) {
            used.push(part.split('\'').next().unwrap().to_string());
        }
    }
    let manifest = std::fs::read_to_string(repo("manifest.json")).unwrap();
    for part in manifest.split("__MSG_").skip(1) {
        used.push(part.split("__").next().unwrap().to_string());
    }
    assert!(used.len() > 40, "found the keys: {used:?}");
    let missing: Vec<_> = used.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "not in _locales: {missing:?}");
}

/// `policy validate` names every error at once (types, unknown keys, field checks), rejects a
/// time zone that is not IANA's, and warns where another city still carries West Allis values
/// or placeholder hosts.
#[test]
fn validate_reports_every_error_and_warns_on_west_allis_leftovers() {
    let dir = std::env::temp_dir().join(format!("postguard-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("springfield.json");
    std::fs::write(
        &file,
        json!({
            "city": "City of Springfield",
            "email_domains": ["springfield.gov", "not a domain"],
            "contact_email": 42,
            "bogus": true,
            "accounts": [{"platform": "x", "handle": "SpringfieldIL"}, {"platform": 5, "handle": "A"}],
            "work_time": {"days": ["mon"], "start": "08:00", "end": "17:00", "time_zone": "America/Chicag"},
            "report_to": "it-help@intranet.example",
            "records": {"endpoint": "https://records.springfield.gov/v1/records", "token": "short"},
        })
        .to_string(),
    )
    .unwrap();
    let out = postguard(&["policy", "validate", "--managed", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    for want in [
        "contact_email: invalid type: integer `42`, expected a string",
        "bogus: unknown field `bogus`",
        "accounts[1].platform: invalid type: integer `5`",
        "email_domains[1]: is not a domain name",
        "work_time.time_zone: \"America/Chicag\" is not an IANA time zone; did you mean \"America/Chicago\"?",
        "warning: report_to: \"it-help@intranet.example\" is a placeholder host",
        "warning: password_alert.sign_in_urls[]: \"https://login.westalliswi.gov/\" is still West Allis's",
        "warning: personal_accounts.disclaimer: \"Views are my own, not the City of West Allis's.\" is still",
        "warning: official_site:",
        "records.token: must be at least 16 printable ASCII characters",
        "6 error(s)",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    // IT's own accounts are not West Allis's; an error's field gets no warning.
    assert!(!err.contains("warning: accounts"), "{err}");
    assert!(!err.contains("warning: contact_email"), "{err}");

    // The minimal template is that skeleton: valid, with its placeholders pointed out.
    let text = stdout(&postguard(&[
        "policy",
        "template",
        "--minimal",
        "--format",
        "managed",
    ]));
    let skeleton: Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = skeleton
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["accounts", "city", "contact_email", "email_domains", "name"]
    );
    std::fs::write(&file, &text).unwrap();
    let out = postguard(&["policy", "validate", "--managed", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning: email_domains[]: \"example.gov\" is a placeholder"),
        "{err}"
    );
    assert!(err.contains("warning: account_patterns.names[]:"), "{err}");
    // West Allis itself is not warned about.
    let ok = postguard(&["policy", "validate", "src/policy/west-allis-1317.json"]);
    assert!(
        ok.status.success() && ok.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `postguard policy admx`: Chrome's and Edge's Group Policy templates parse as XML, hold one
/// policy per key of the managed schema at the browser's key for the extension, and every
/// string and presentation they name is in the ADML.
#[test]
fn admx_templates_cover_the_schema_and_resolve_in_their_adml() {
    let dir = std::env::temp_dir().join(format!("postguard-admx-{}", std::process::id()));
    let id = "abcdefghijklmnopabcdefghijklmnop";
    let out = postguard(&["policy", "admx", "--out", dir.to_str().unwrap(), "--id", id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("extension/managed_schema.json").unwrap())
            .unwrap();
    let mut keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut namespaces = Vec::new();
    for (name, vendor) in [("chrome", r"Google\Chrome"), ("edge", r"Microsoft\Edge")] {
        let admx_text =
            std::fs::read_to_string(dir.join(format!("postguard_{name}.admx"))).unwrap();
        let adml_text =
            std::fs::read_to_string(dir.join(format!("en-US/postguard_{name}.adml"))).unwrap();
        let admx =
            roxmltree::Document::parse(&admx_text).unwrap_or_else(|e| panic!("{name}.admx: {e}"));
        let adml =
            roxmltree::Document::parse(&adml_text).unwrap_or_else(|e| panic!("{name}.adml: {e}"));
        const NS: &str = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions";
        assert_eq!(admx.root_element().tag_name().name(), "policyDefinitions");
        assert_eq!(admx.root_element().tag_name().namespace(), Some(NS));
        assert_eq!(
            adml.root_element().tag_name().name(),
            "policyDefinitionResources"
        );
        let tagged = |doc: &roxmltree::Document<'_>, tag: &str, attr: &str| -> Vec<String> {
            doc.descendants()
                .filter(|n| n.has_tag_name(tag))
                .filter_map(|n| n.attribute(attr).map(String::from))
                .collect()
        };
        let strings = tagged(&adml, "string", "id");
        let presentations = tagged(&adml, "presentation", "id");
        namespaces.extend(tagged(&admx, "target", "namespace"));
        let policies: Vec<_> = admx
            .descendants()
            .filter(|n| n.has_tag_name("policy"))
            .collect();
        let mut names: Vec<&str> = policies
            .iter()
            .map(|p| p.attribute("name").unwrap())
            .collect();
        names.sort_unstable();
        assert_eq!(names, keys, "{name}: one policy per schema key");
        for p in &policies {
            let key = p.attribute("key").unwrap();
            assert_eq!(
                key,
                format!(r"Software\Policies\{vendor}\3rdparty\extensions\{id}\policy")
            );
            let refs = |v: &str, kind: &str| {
                v.strip_prefix(&format!("$({kind}."))
                    .and_then(|r| r.strip_suffix(')'))
                    .map(String::from)
            };
            for attr in ["displayName", "explainText"] {
                let s = refs(p.attribute(attr).unwrap(), "string").unwrap();
                assert!(strings.contains(&s), "{name}: no string {s}");
            }
            let element_ids: Vec<&str> = p
                .descendants()
                .filter(|n| {
                    n.is_element()
                        && n.attribute("valueName").is_some()
                        && n.attribute("id").is_some()
                })
                .map(|n| n.attribute("id").unwrap())
                .collect();
            match p.attribute("presentation") {
                Some(pres) => {
                    let pres = refs(pres, "presentation").unwrap();
                    assert!(
                        presentations.contains(&pres),
                        "{name}: no presentation {pres}"
                    );
                    let node = adml
                        .descendants()
                        .find(|n| n.attribute("id") == Some(&pres))
                        .unwrap();
                    for r in node.descendants().filter_map(|n| n.attribute("refId")) {
                        assert!(
                            element_ids.contains(&r),
                            "{name}: {pres} shows {r}, which {:?} lacks",
                            p.attribute("name")
                        );
                    }
                    assert_eq!(element_ids.len(), 1);
                }
                None => assert_eq!(
                    p.attribute("valueName"),
                    p.attribute("name"),
                    "a boolean is its own value"
                ),
            }
        }
        let boolean = policies
            .iter()
            .find(|p| p.attribute("name") == Some("user_may_edit_identity"))
            .unwrap();
        assert!(boolean
            .descendants()
            .any(|n| n.has_tag_name("enabledValue")));
    }
    assert_eq!(namespaces.len(), 2);
    assert_ne!(
        namespaces[0], namespaces[1],
        "both can sit in one PolicyDefinitions folder"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
