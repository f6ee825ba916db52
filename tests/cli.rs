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

/// A labelled corpus file for `postguard eval` (tests/corpus/README.md), one case a line.
fn corpus(name: &str, lines: &[&str]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("postguard-cli-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, lines.join("\n")).unwrap();
    p
}

const CITY: &str =
    r#""platform": "x", "account": {"handle": "@CityofWestAllis", "name": "City of West Allis"}"#;

#[test]
fn eval_scores_each_section_and_fails_under_a_minimum() {
    let hit = format!(
        r#"{{"id": "v-1", "kind": "violation", "text": "so hungover lol, my kids are wild", {CITY}, "expect": ["6.4"], "forbid": ["*"]}}"#
    );
    // Nothing on a plain post can be a DM without a City address: a sure miss.
    let miss = r#"{"id": "v-2", "kind": "violation", "text": "nice day", "expect": ["6.2.8"], "forbid": ["*"]}"#;
    let alarm = format!(
        r#"{{"id": "c-1", "kind": "clean", "text": "so hungover lol, my kids are wild", {CITY}, "expect": [], "forbid": ["*"]}}"#
    );
    let clean = r#"{"id": "c-2", "kind": "clean", "text": "nice day", "forbid": ["*"]}"#;
    let file = corpus("small.jsonl", &[&hit, miss, &alarm, clean, ""]);
    let f = file.to_str().unwrap();

    let out = postguard(&["eval", f], "");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.starts_with("4 cases: 2 clean, 2 violations, 0 near-misses"),
        "{stdout}"
    );
    // §6.4: one hit, one false alarm; §6.2.8: one miss.
    assert!(
        stdout.contains("\n6.4           0.500   1.000  0.667        1     1    1    0\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n6.2.8             -   0.000      -        1     0    0    1\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("false alarms, clean drafts:   50.0% (1 of 2)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("verdict accuracy:             50.0% (2 of 4)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  v-2  6.2.8  \"nice day\"  found: nothing"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  c-1  clean  6.4 city-account-personal-context"),
        "{stdout}"
    );

    let out = postguard(
        &["eval", f, "--min-precision", "0.5", "--min-recall", "0.5"],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        ["FAIL: §6.2.8 recall 0.000 is under --min-recall 0.5 (tp 0, fp 0, fn 1)"]
    );
    let out = postguard(&["eval", f, "--max-false-alarms", "0.4"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("false alarms on clean drafts 0.500"));

    let out = postguard(&["eval", f, "--json", "--min-precision", "0.6"], "");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["cases"], 4);
    assert_eq!(
        v["false_alarms"]["clean"],
        serde_json::json!({"hits": 1, "of": 2})
    );
    assert_eq!(v["misses"][0]["id"], "v-2");
    assert!(v["failures"][0]
        .as_str()
        .unwrap()
        .contains("§6.4 precision 0.500"));
}

#[test]
fn eval_names_each_bad_line_and_exits_2() {
    let file = corpus(
        "bad.jsonl",
        &[
            r#"{"id": "a", "text": "nice day", "forbid": ["*"]}"#,
            "not json",
            r#"{"id": "b", "text": "nice day", "expect": ["6.2.2"]}"#,
            r#"{"id": "a", "text": "nice day"}"#,
            r#"{"id": "c", "text": 5}"#,
        ],
    );
    let out = postguard(&["eval", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let f = file.display();
    for want in [
        format!("{f}: line 2: "),
        format!("{f}: line 3: expect: unknown label \"6.2.2\""),
        format!("{f}: line 4: id \"a\" is also at {f}: line 1"),
        format!("{f}: line 5: "),
        "FAIL: 4 bad input line(s)".to_string(),
    ] {
        assert!(stderr.contains(&want), "{want}\n{stderr}");
    }
    // The good line is still scored.
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("1 cases:"));

    // Cases without an id are named by file and line, so two files never collide.
    let a = corpus("a.jsonl", &[r#"{"text": "nice day", "expect": ["6.2.8"]}"#]);
    let b = corpus("b.jsonl", &[r#"{"text": "nice day", "expect": ["6.2.8"]}"#]);
    let out = postguard(&["eval", a.to_str().unwrap(), b.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!("  {}: line 1  6.2.8", b.display())),
        "{stdout}"
    );
}

#[test]
fn eval_reads_every_corpus_split() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
    let files = ["train", "dev", "test"].map(|s| format!("{dir}{s}.jsonl"));
    let mut args = vec!["eval", "--json"];
    args.extend(files.iter().map(String::as_str));
    let out = postguard(&args, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["cases"].as_u64().unwrap() >= 2000, "{}", v["cases"]);
}

/// Peak memory (VmHWM, KiB) of a `check --jsonl` that has answered `input`, read while it
/// still runs (it waits for more input), and its answers.
fn peak_kib_after(input: &[&[u8]], answers: usize) -> (u64, Vec<Value>) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(["check", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for part in input {
        stdin.write_all(part).unwrap();
    }
    stdin.flush().unwrap();
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let got: Vec<Value> = (0..answers)
        .map(|_| {
            let mut l = String::new();
            out.read_line(&mut l).unwrap();
            serde_json::from_str(&l).unwrap()
        })
        .collect();
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success());
    (kib, got)
}

/// A 50 MB line is refused with a clear per-line error, the next line is still checked, and
/// the process never holds the long line: its peak memory stays within a few times the 8 MiB
/// limit of what a small input costs.
#[cfg(target_os = "linux")]
#[test]
fn check_jsonl_bounds_each_line_and_its_memory() {
    let small: &[u8] = b"{\"text\": \"nice day\"}\n";
    let (base, _) = peak_kib_after(&[small], 1);
    let chunk = vec![b'a'; 1 << 20];
    let mut input: Vec<&[u8]> = vec![b"{\"text\": \""];
    input.extend(std::iter::repeat_n(&chunk[..], 50));
    input.extend([&b"\"}\n"[..], small]);
    let (peak, got) = peak_kib_after(&input, 2);
    assert_eq!(
        got[0]["error"],
        "line 1: 52428812 bytes, longer than the maximum of 8388608 (--max-line-bytes); skipped"
    );
    assert!(got[1]["verdict"].is_string(), "{}", got[1]);
    assert!(
        peak < base + 3 * 8 * 1024,
        "peak {peak} KiB, {} KiB over a small input's",
        peak - base
    );

    // The limit is a flag: a line of exactly the limit passes, one byte more does not.
    let line = r#"{"text": "ab"}"#;
    let max = line.len().to_string();
    let out = postguard(
        &["check", "--jsonl", "--max-line-bytes", &max],
        &format!("{line}\n{{\"text\": \"abc\"}}\n"),
    );
    let v = lines(&out);
    assert!(v[0]["verdict"].is_string(), "{}", v[0]);
    assert!(v[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 2: 15 bytes"));
}
