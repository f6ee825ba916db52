//! The record of City-account posts (§7.0): what is recorded, retention, delivery, exports.

use postguard::policy::RecordSettings;
use postguard::records::{self, Answer, Override, Recent, Record, Submit};
use postguard::{Draft, Engine, Policy};
use serde_json::json;

const DAY: u64 = 86_400_000;

fn draft(v: serde_json::Value) -> Draft {
    serde_json::from_value(v).unwrap()
}

fn city_draft(text: &str) -> Draft {
    draft(json!({
        "text": text, "platform": "x", "surface": "post",
        "account": {"handle": "@CityofWestAllis", "name": "City of West Allis"},
        "acting_as": "page",
        "user": {"email": "jdoe@westalliswi.gov"}
    }))
}

fn submit(id: &str, at: u64, reason: Option<&str>) -> Submit {
    serde_json::from_value(json!({
        "id": id, "at": at, "url": "https://x.com/home",
        "override": reason.map(|r| json!({"reason": r})),
    }))
    .unwrap()
}

fn record_of(policy: &Policy, d: &Draft, s: Submit) -> Option<Record> {
    let v = Engine::new(policy.clone()).evaluate(d);
    Record::of(policy, d, &v, s)
}

#[test]
fn a_city_account_post_is_recorded_exactly_as_submitted() {
    let policy = Policy::west_allis();
    let text = "So hungover lol, my kids are wild 🎉\n\"quoted\", 100%";
    let r = record_of(
        &policy,
        &city_draft(text),
        submit("r1", 1_795_690_794_150, Some("  urgent notice ")),
    )
    .expect("recorded");
    assert_eq!(r.text, text);
    assert_eq!(r.id, "r1");
    assert_eq!(r.time, "2026-11-26T10:59:54.150Z");
    assert_eq!(r.platform.as_deref(), Some("x"));
    assert_eq!(r.account.as_deref(), Some("City of West Allis"));
    assert_eq!(r.url, "https://x.com/home");
    assert_eq!(r.user.as_deref(), Some("jdoe@westalliswi.gov"));
    assert_eq!(serde_json::to_value(r.acting_as).unwrap(), "page");
    assert!(
        r.findings.iter().any(|f| f.section == "6.4"),
        "{:?}",
        r.findings
    );
    assert_eq!(
        r.overridden,
        Some(Override {
            reason: Some("urgent notice".into())
        })
    );
    assert!(!r.delivered);
}

#[test]
fn personal_accounts_are_not_recorded_nor_when_it_turns_the_record_off() {
    let policy = Policy::west_allis();
    let personal = draft(json!({"text": "Go Brewers", "platform": "x",
        "account": {"handle": "@jdoe_personal", "name": "Jane Doe"}}));
    assert_eq!(record_of(&policy, &personal, submit("a", 1, None)), None);
    assert_eq!(
        record_of(
            &policy,
            &draft(json!({"text": "no account known"})),
            submit("b", 1, None)
        ),
        None
    );
    let mut off = policy.clone();
    off.records.enabled = false;
    assert_eq!(
        record_of(&off, &city_draft("Open 9-5"), submit("c", 1, None)),
        None
    );
    // A blank reason is no reason.
    let r = record_of(&policy, &city_draft("Open 9-5"), submit("d", 1, Some("  "))).unwrap();
    assert_eq!(r.overridden, Some(Override { reason: None }));
}

fn rec(id: &str, at: u64, delivered: bool) -> Record {
    let mut r = record_of(
        &Policy::west_allis(),
        &city_draft(&format!("post {id}")),
        submit(id, at, None),
    )
    .unwrap();
    r.delivered = delivered;
    r
}

#[test]
fn retention_deletes_only_old_records_and_never_undelivered_ones() {
    let now = 1000 * DAY;
    let all = [
        rec("old", now - 31 * DAY, false),
        rec("edge", now - 30 * DAY, false),
        rec("new", now - DAY, false),
        rec("old-sent", now - 40 * DAY, true),
    ];
    let local = RecordSettings {
        retention_days: 30,
        ..RecordSettings::default()
    };
    assert_eq!(records::expired(&all, &local, now), ["old", "old-sent"]);
    let sending = RecordSettings {
        endpoint: Some("https://records.westalliswi.gov/in".into()),
        ..local
    };
    // With an endpoint, an old record not yet delivered stays until it is.
    assert_eq!(records::expired(&all, &sending, now), ["old-sent"]);
    assert_eq!(RecordSettings::default().retention_days, 365);
}

#[test]
fn pending_records_go_oldest_first_in_batches_only_with_an_endpoint() {
    let mut all: Vec<Record> = (0..120)
        .rev()
        .map(|i| rec(&format!("r{i:03}"), i, false))
        .collect();
    all.push(rec("sent", 0, true));
    assert!(records::pending(&all, &RecordSettings::default()).is_empty());
    let s = RecordSettings {
        endpoint: Some("https://records.westalliswi.gov/in".into()),
        ..RecordSettings::default()
    };
    let batch = records::pending(&all, &s);
    assert_eq!(batch.len(), records::BATCH);
    assert_eq!(batch[0].id, "r000");
    assert_eq!(batch[49].id, "r049");
    assert!(batch.iter().all(|r| !r.delivered));
}

#[test]
fn retries_back_off_from_thirty_seconds_to_an_hour() {
    let delays: Vec<f64> = (1..=9).map(records::retry_delay_minutes).collect();
    assert_eq!(delays, [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]);
    assert_eq!(records::retry_delay_minutes(0), 0.5);
    assert_eq!(records::retry_delay_minutes(u32::MAX), 60.0);
}

/// A small RFC 4180 reader, to check the CSV gives the text back exactly.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let s = s.strip_prefix('\u{feff}').expect("a byte order mark");
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end in CRLF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => panic!("unquoted {c:?}"),
        }
    }
    assert!(row.is_empty() && cell.is_empty(), "ends with CRLF");
    rows
}

#[test]
fn csv_export_round_trips_the_exact_text_in_submit_order() {
    let policy = Policy::west_allis();
    let tricky = "Line one, \"quoted\"\nline two — Jane Doe, Communications Specialist\r\n=1+1";
    let mut late = record_of(
        &policy,
        &city_draft(tricky),
        submit("b", 2 * DAY, Some("storm warning")),
    )
    .unwrap();
    late.delivered = true;
    let early = record_of(&policy, &city_draft("Open 9-5."), submit("a", DAY, None)).unwrap();
    let csv = records::to_csv(&[late, early]);
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], records::CSV_COLUMNS);
    assert_eq!(rows.len(), 3);
    let col = |name: &str| {
        records::CSV_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    assert_eq!(rows[1][col("id")], "a");
    assert_eq!(rows[2][col("id")], "b");
    assert_eq!(rows[2][col("text")], tricky);
    assert_eq!(rows[2][col("time")], "1970-01-03T00:00:00.000Z");
    assert_eq!(rows[2][col("account")], "City of West Allis");
    assert_eq!(rows[2][col("acting_as")], "page");
    assert_eq!(rows[2][col("surface")], "post");
    assert_eq!(rows[2][col("user")], "jdoe@westalliswi.gov");
    assert_eq!(rows[2][col("override")], "yes");
    assert_eq!(rows[2][col("override_reason")], "storm warning");
    assert_eq!(rows[2][col("delivered")], "yes");
    assert_eq!(rows[1][col("override")], "no");
    assert_eq!(rows[1][col("findings")], "");
    assert!(records::to_csv(&[]).ends_with("\"delivered\"\r\n"));
}

#[test]
fn json_export_is_the_records_with_who_and_when() {
    let policy = Policy::west_allis();
    let all = [rec("b", 2 * DAY, false), rec("a", DAY, true)];
    let text = records::to_json(&policy, &all, 3 * DAY);
    let doc: records::Export = serde_json::from_str(&text).unwrap();
    assert_eq!(doc.format, "postguard-records/1");
    assert_eq!(doc.city, "City of West Allis");
    assert_eq!(doc.exported, "1970-01-04T00:00:00.000Z");
    assert_eq!(doc.records, [all[1].clone(), all[0].clone()]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        v["records"][0].get("override").is_some(),
        "the field is called override"
    );
    assert_eq!(
        records::file_name(3 * DAY, "csv"),
        "postguard-records-1970-01-04.csv"
    );
}

#[test]
fn times_are_rfc3339_utc() {
    assert_eq!(records::rfc3339(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        records::rfc3339(1_709_168_523_004),
        "2024-02-29T01:02:03.004Z"
    );
    assert_eq!(
        records::rfc3339(951_782_400_000),
        "2000-02-29T00:00:00.000Z"
    );
    assert_eq!(
        records::rfc3339(1_795_690_794_150),
        "2026-11-26T10:59:54.150Z"
    );
}

#[test]
fn recent_findings_keep_no_text_and_at_most_twenty() {
    let policy = Policy::west_allis();
    let engine = Engine::new(policy);
    let d = city_draft("so hungover lol, my kids");
    let s = submit("x", 5, Some("because"));
    let entry = Recent::of(&d, &engine.evaluate(&d), &s).expect("findings");
    assert!(entry.city);
    assert_eq!(entry.findings[0].section, "6.4");
    assert!(!serde_json::to_string(&entry)
        .unwrap()
        .contains("hungover lol, my kids"));
    let clean = city_draft("The library opens at 9.");
    assert_eq!(Recent::of(&clean, &engine.evaluate(&clean), &s), None);

    let mut list = Vec::new();
    for i in 0..25 {
        let mut e = entry.clone();
        e.at = i;
        list = records::push_recent(list, e);
    }
    assert_eq!(list.len(), records::RECENT);
    assert_eq!(list[0].at, 24, "newest first");
}

#[test]
fn a_warning_answered_with_edit_is_a_recent_finding_without_a_record() {
    let engine = Engine::new(Policy::west_allis());
    let d = city_draft("so hungover lol, my kids");
    let entry = Recent::answered(&d, &engine.evaluate(&d), 7, Answer::Edit).expect("findings");
    assert_eq!(
        (entry.at, entry.answer, entry.overridden.is_none()),
        (7, Some(Answer::Edit), true)
    );
    assert_eq!(entry.findings[0].section, "6.4");
    let json = serde_json::to_value(&entry).unwrap();
    assert_eq!(json["answer"], "edit");
    // A submitted entry says nothing of an answer, and older stored entries still read.
    let posted = Recent::of(&d, &engine.evaluate(&d), &submit("x", 5, None)).unwrap();
    assert!(serde_json::to_value(&posted)
        .unwrap()
        .get("answer")
        .is_none());
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("answer");
    assert_eq!(serde_json::from_value::<Recent>(old).unwrap().answer, None);
    let clean = city_draft("The library opens at 9.");
    assert_eq!(
        Recent::answered(&clean, &engine.evaluate(&clean), 7, Answer::Fix),
        None
    );
}

#[test]
fn the_employees_json_export_holds_the_false_alarm_reports_after_the_records() {
    let policy = Policy::west_allis();
    let alarm = json!({"id": "a1", "rule": "city-account-personal-context", "section": "6.4", "quote": "lol"});
    for alarms in [vec![], vec![alarm.clone()]] {
        let text = records::to_json_with_false_alarms(&policy, &[], &alarms, 5);
        let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(doc["false_alarms"], json!(alarms));
        assert_eq!(doc["records"], json!([]));
        assert_eq!(doc["format"], records::FORMAT);
    }
}

#[test]
fn the_report_link_is_a_prefilled_mailto() {
    let mut policy = Policy::west_allis();
    let url = postguard::report::mailto(&policy, "Unauthorized use", "Seen on x.com\nby me & you?");
    assert_eq!(
        url,
        "mailto:?subject=Unauthorized%20use&body=Seen%20on%20x.com%0D%0Aby%20me%20%26%20you%3F"
    );
    policy.report_to = Some("it-help@westalliswi.gov".into());
    let url = postguard::report::mailto(&policy, "é", "");
    assert_eq!(url, "mailto:it-help@westalliswi.gov?subject=%C3%A9&body=");
}

#[test]
fn a_record_says_whether_the_employee_came_from_the_browser_profile_or_was_typed() {
    let mut policy = Policy::west_allis();
    policy.identity_from_profile = true;
    let engine = Engine::new(policy.clone());
    let mut d = city_draft("Snow emergency: no parking on City streets tonight.");
    d.context.user.as_mut().unwrap().profile_email = Some("asmith@westalliswi.gov".into());
    let d = engine.admit(d);
    let r = record_of(&policy, &d, submit("p1", DAY, None)).unwrap();
    assert_eq!(r.user.as_deref(), Some("asmith@westalliswi.gov"));
    assert_eq!(r.user_source.as_deref(), Some("profile"));
    let typed = engine.admit(city_draft("Snow emergency tonight."));
    let r = record_of(&policy, &typed, submit("t1", DAY, None)).unwrap();
    assert_eq!(
        (r.user.as_deref(), r.user_source.as_deref()),
        (Some("jdoe@westalliswi.gov"), Some("typed"))
    );
    let csv = records::to_csv(&[r]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("\"user\",\"user_source\",\"text\""),
        "{csv}"
    );
    assert!(csv.contains("\"jdoe@westalliswi.gov\",\"typed\","), "{csv}");
}

/// Issue 12: a City post PostGuard did not hold (content/unchecked.js) is recorded as posted
/// without a check, naming the host whose adapter missed it; JSON of an older record (no such
/// fields) still reads, and the CSV carries both columns.
#[test]
fn an_unchecked_post_is_recorded_as_such_with_its_stale_host() {
    let policy = Policy::west_allis();
    let s: Submit = serde_json::from_value(json!({
        "id": "u", "at": DAY, "url": "https://x.com/home", "unchecked": true, "adapter_stale": "x.com",
    }))
    .unwrap();
    let r = record_of(&policy, &city_draft("Ugh so hungover lol"), s).unwrap();
    assert!(r.unchecked);
    assert_eq!(r.adapter_stale.as_deref(), Some("x.com"));
    let checked = record_of(&policy, &city_draft("Open 9-5."), submit("c", DAY, None)).unwrap();
    assert!(!checked.unchecked);
    assert_eq!(checked.adapter_stale, None);
    let mut old = serde_json::to_value(&checked).unwrap();
    old.as_object_mut().unwrap().remove("unchecked");
    let old: Record = serde_json::from_value(old).unwrap();
    assert!(!old.unchecked);
    let rows = parse_csv(&records::to_csv(&[r, checked]));
    let col = |name: &str| {
        records::CSV_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    // Sorted by time, then id: "c" before "u".
    assert_eq!(rows[2][col("unchecked")], "yes");
    assert_eq!(rows[2][col("adapter_stale")], "x.com");
    assert_eq!(rows[1][col("unchecked")], "no");
    assert_eq!(rows[1][col("adapter_stale")], "");
}
