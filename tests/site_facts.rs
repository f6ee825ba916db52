//! Site facts agree: every adapter in extension/sites/*.json names a platform that
//! src/platform.rs knows (its display name, and a reply limit where the adapter finds
//! replies), so adding a site's JSON without its platform facts fails here.

use postguard::platform::{display_name, reply_limit};
use serde_json::Value;
use std::path::Path;

#[test]
fn every_adapters_platform_is_known_to_the_engine() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/sites");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 11,
        "only {} adapters in {}",
        files.len(),
        dir.display()
    );
    let mut missing = Vec::new();
    for path in &files {
        let file = path.file_name().unwrap().to_string_lossy();
        let site: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let Some(platform) = site["platform"].as_str() else {
            missing.push(format!("{file}: no \"platform\""));
            continue;
        };
        if display_name(platform).is_none() {
            missing.push(format!(
                "{file}: platform::display_name({platform:?}) is None"
            ));
        }
        if site["surface"].get("reply").is_some() && reply_limit(Some(platform)).is_none() {
            missing.push(format!(
                "{file}: finds replies, but platform::reply_limit({platform:?}) is None"
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The generic submit matcher (content/adapter.js `isGenericSubmit`) knows a site's Post button
/// by its name when the markup drifts (renamed test ids, a `<div role=button>`), so every
/// adapter names its submit labels in each language PostGuard ships for (issue 12).
#[test]
fn every_adapter_has_submit_labels_in_every_language() {
    const WORDS: [(&str, &str); 5] = [
        ("en", "Post"),
        ("es", "Publicar"),
        ("fr", "Publier"),
        ("de", "Posten"),
        ("pt", "Publicar"),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/sites");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let site: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (lang, word) in WORDS {
            // The labels are anchored alternations, ^(Post|Reply|…)$: the word is one of them.
            let pattern = site["labels"][lang]["submit"].as_str().unwrap_or("");
            let alternatives = pattern
                .strip_prefix("^(")
                .and_then(|p| p.strip_suffix(")$"))
                .map(|p| p.split('|').collect::<Vec<_>>())
                .unwrap_or_default();
            if !alternatives.contains(&word) {
                missing.push(format!(
                    "{file}: labels.{lang}.submit {pattern:?} lacks {word:?}"
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
