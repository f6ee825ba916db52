//! The `postguard` CLI contract that other tools depend on.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn postguard(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails early closes stdin; that is its answer, not the test's error.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn check_jsonl_answers_each_line_in_order() {
    let input = [
        r#"{"text": "so hungover lol, my kids are wild", "platform": "x", "account": {"handle": "@CityofWestAllis", "name": "City of West Allis"}}"#,
        r#"{"text": "Open 9-5.", "platform": "x", "account": {"handle": "@CityofWestAllis"}, "acting_as": "self", "surface": "reply", "target": {"kind": "person"}, "user": {"email": "jdoe@westalliswi.gov", "name": "Jane Doe", "title": "Communications Specialist"}}"#,
        r#"{"text": "jane.doe@westalliswi.gov", "surface": "profile", "field": "email"}"#,
        r#"{"text": "nice day"}"#,
    ]
    .join("\n");
    let out = postguard(&["check", "--jsonl"], &input);
    assert!(out.status.success());
    let v = lines(&out);
    assert_eq!(v.len(), 4);
    let sections: Vec<Vec<&str>> = v
        .iter()
        .map(|l| {
            l["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["section"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        sections,
        [vec!["6.4"], vec!["6.2.6"], vec!["6.4.1.2"], vec![]]
    );
    assert_eq!(v[0]["verdict"], "warn");
    assert_eq!(v[3]["verdict"], "allow");
    let f = &v[1]["findings"][0];
    for key in ["rule", "section", "severity", "message", "start", "end"] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(f["fix"]["insert"], " — Jane Doe, Communications Specialist");
}

#[test]
fn a_bad_line_gets_an_error_object_and_the_rest_go_on() {
    let input = "{\"text\": \"ok\"}\nnot json\n{\"text\": 5}\n\u{0}\n{\"text\": \"ok\"}\n";
    let out = postguard(&["check", "--jsonl"], input);
    assert!(out.status.success());
    let v = lines(&out);
    assert_eq!(v.len(), 5);
    assert_eq!(v[0]["verdict"], "allow");
    assert!(v[1]["error"].as_str().unwrap().starts_with("line 2:"));
    assert!(v[2]["error"].as_str().unwrap().starts_with("line 3:"));
    assert!(v[3]["error"].as_str().unwrap().starts_with("line 4:"));
    assert_eq!(v[4]["verdict"], "allow");
}

#[test]
fn spans_are_utf16() {
    let input = r#"{"text": "😀😀 jane@westalliswi.gov", "surface": "login"}"#;
    let v = lines(&postguard(&["check", "--jsonl"], input));
    assert_eq!(v[0]["findings"][0]["start"], 5);
    assert_eq!(v[0]["findings"][0]["end"], 5 + "jane@westalliswi.gov".len());
}

#[test]
fn policy_validate_and_default() {
    let out = postguard(&["policy", "default"], "");
    assert!(out.status.success());
    let dir = std::env::temp_dir().join(format!("postguard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(&good, &out.stdout).unwrap();
    let ok = postguard(&["policy", "validate", good.to_str().unwrap()], "");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["email_domains"][0] = "bad domain".into();
    v["accounts"][0]["handle"] = "".into();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let err = postguard(&["policy", "validate", bad.to_str().unwrap()], "");
    assert!(!err.status.success());
    let stderr = String::from_utf8(err.stderr).unwrap();
    assert!(
        stderr.contains("email_domains[0]: is not a domain name"),
        "{stderr}"
    );
    assert!(
        stderr.contains("accounts[0].handle: must not be empty"),
        "{stderr}"
    );
}

#[test]
fn check_with_a_custom_policy_and_with_a_broken_one() {
    let dir = std::env::temp_dir().join(format!("postguard-cli-p-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: Value = serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap();
    v["email_domains"] = serde_json::json!(["springfield.gov"]);
    let p = dir.join("springfield.json");
    std::fs::write(&p, v.to_string()).unwrap();
    let input = r#"{"text": "a@springfield.gov b@westalliswi.gov", "surface": "profile"}"#;
    let out = lines(&postguard(
        &["check", "--jsonl", "--policy", p.to_str().unwrap()],
        input,
    ));
    assert_eq!(out[0]["findings"].as_array().unwrap().len(), 1);

    std::fs::write(&p, "{").unwrap();
    let out = postguard(
        &["check", "--jsonl", "--policy", p.to_str().unwrap()],
        input,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("springfield.json"));
}
