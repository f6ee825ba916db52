// Chooses the policy embedded as the default: West Allis 1317, or the file named by
// POSTGUARD_POLICY (`./build.sh --policy city.json` sets it for another city); and compiles
// the engine's words (the `engine_*` keys of extension/_locales/{en,es}/messages.json) into
// sorted tables for `src/messages.rs`, so the WASM carries only those strings, not the JSON.
fn main() {
    messages();
    println!("cargo:rerun-if-env-changed=POSTGUARD_POLICY");
    let path = match std::env::var("POSTGUARD_POLICY") {
        Ok(p) if !p.is_empty() => {
            std::fs::canonicalize(&p).unwrap_or_else(|e| panic!("POSTGUARD_POLICY={p}: {e}"))
        }
        _ => std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap())
            .join("src/policy/west-allis-1317.json"),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    println!(
        "cargo:rustc-env=POSTGUARD_DEFAULT_POLICY={}",
        path.display()
    );
}

/// The `engine_*` messages: one sorted key list for both languages, and per language all its
/// texts in one string with their offsets (a key a language lacks has an empty text). Packed
/// so, the tables cost the WASM two bytes a message rather than sixteen.
fn messages() {
    let dir = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("extension/_locales");
    let mut langs: Vec<std::collections::BTreeMap<String, String>> = Vec::new();
    for lang in ["en", "es"] {
        let path = dir.join(lang).join("messages.json");
        println!("cargo:rerun-if-changed={}", path.display());
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let all: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        langs.push(
            all.iter()
                .filter_map(|(k, v)| {
                    let key = k.strip_prefix("engine_")?;
                    let text = v["message"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{k}: no message"));
                    Some((key.to_string(), text.to_string()))
                })
                .collect(),
        );
    }
    let mut keys: Vec<&String> = langs.iter().flat_map(|l| l.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = format!("pub(crate) static KEYS: &[&str] = &{keys:?};\n");
    for (name, table) in ["EN", "ES"].iter().zip(&langs) {
        let mut text = String::new();
        let mut at = vec![0u16];
        for k in &keys {
            text.push_str(table.get(*k).map_or("", String::as_str));
            at.push(u16::try_from(text.len()).expect("under 64 KB of messages"));
        }
        out.push_str(&format!(
            "pub(crate) static {name}: (&str, &[u16]) = ({text:?}, &{at:?});\n"
        ));
    }
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("messages.rs");
    std::fs::write(dest, out).unwrap();
}
