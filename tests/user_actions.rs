//! What the user *does* rather than types (issue #4, browser behaviour): connection clicks
//! (§6.2.7), work-time reminders (§6.4.1.3) and the City password typed on a social site
//! (§6.4.1.2); plus the policy fields that configure them.

use crate::support::sections;
use postguard::calendar::{parse_clock, Date, Hours, Local};
use postguard::context::{Account, Action, Target, TargetKind};
use postguard::policy::{Severity, User};
use postguard::worktime::Schedule;
use postguard::{Context, Draft, Engine, Level, Policy, Verdict};

const CITY: (&str, &str) = ("CityofWestAllis", "City of West Allis");
const PERSONAL: (&str, &str) = ("jdoe_personal", "Jane Doe");

fn on(platform: &str, account: (&str, &str)) -> Context {
    Context {
        platform: Some(platform.into()),
        account: Some(Account {
            handle: Some(account.0.into()),
            name: Some(account.1.into()),
        }),
        ..Context::default()
    }
}

fn target(kind: TargetKind, name: Option<&str>, handle: Option<&str>) -> Option<Target> {
    Some(Target {
        kind,
        name: name.map(Into::into),
        handle: handle.map(Into::into),
    })
}

fn click(mut ctx: Context, action: Action, t: Option<Target>) -> Context {
    ctx.action = Some(action);
    ctx.target = t;
    ctx
}

fn eval_with(engine: &Engine, context: Context) -> Verdict {
    engine.evaluate(&Draft {
        text: String::new(),
        context,
    })
}

fn eval(context: Context) -> Verdict {
    eval_with(&Engine::default(), context)
}

fn policy_with(edit: impl FnOnce(&mut serde_json::Value)) -> Policy {
    let mut v: serde_json::Value =
        serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap();
    edit(&mut v);
    Policy::from_json(&v.to_string()).unwrap()
}

fn errors(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<(String, String)> {
    let mut v: serde_json::Value =
        serde_json::from_str(postguard::policy::DEFAULT_POLICY_JSON).unwrap();
    edit(&mut v);
    Policy::from_json(&v.to_string())
        .expect_err("should be invalid")
        .errors
        .into_iter()
        .map(|e| (e.path, e.reason))
        .collect()
}

// §6.2.7 — connections

#[test]
fn city_account_following_a_person_warns_with_follow_wording() {
    let jane = target(
        TargetKind::Person,
        Some("Jane Resident"),
        Some("jane_resident"),
    );
    let v = eval(click(on("x", CITY), Action::Follow, jane));
    assert_eq!(v.verdict, Level::Warn);
    assert_eq!(sections(&v), ["6.2.7"]);
    let m = &v.findings[0].why;
    assert!(
        m.starts_with("You are about to follow Jane Resident (@jane_resident) as the official City account City of West Allis."),
        "{m}"
    );
    assert!(m.contains("private individual"), "{m}");
    let panel = v.panel.expect("a warning has a panel");
    assert_eq!(panel.post_anyway, "Follow anyway");
    assert_eq!(panel.edit, "Don't follow");
    assert!(panel.title.contains("before you follow"), "{}", panel.title);
}

#[test]
fn like_and_friend_have_their_own_words() {
    let pat = target(TargetKind::Person, Some("Pat Resident"), None);
    let v = eval(click(on("facebook", CITY), Action::Like, pat.clone()));
    assert!(v.findings[0]
        .why
        .starts_with("You are about to like a post by Pat Resident as"));
    assert_eq!(v.panel.unwrap().post_anyway, "Like anyway");
    let v = eval(click(on("facebook", CITY), Action::Friend, pat));
    assert!(v.findings[0]
        .why
        .starts_with("You are about to send a friend request to Pat Resident"));
    assert_eq!(v.panel.unwrap().post_anyway, "Add friend anyway");
}

#[test]
fn a_personal_account_may_follow_anyone() {
    let jane = target(TargetKind::Person, Some("Jane Resident"), None);
    let v = eval(click(on("x", PERSONAL), Action::Follow, jane));
    assert_eq!(v.verdict, Level::Allow);
    assert!(v.findings.is_empty());
    assert!(v.panel.is_none());
}

#[test]
fn an_unknown_target_still_warns_and_says_it_cannot_tell() {
    for t in [None, target(TargetKind::Unknown, None, Some("somebody"))] {
        let v = eval(click(on("x", CITY), Action::Follow, t));
        assert_eq!(sections(&v), ["6.2.7"]);
        assert!(v.findings[0]
            .message
            .contains("cannot tell whether this is a private individual"));
    }
    let bar = target(TargetKind::Organization, Some("Bob's Tavern"), None);
    let v = eval(click(on("x", CITY), Action::Like, bar));
    assert!(v.findings[0]
        .message
        .contains("cannot tell whether this organization shares the City's mission"));
}

#[test]
fn public_bodies_and_city_accounts_are_fine_to_follow() {
    let fine = [
        target(
            TargetKind::Unknown,
            Some("Milwaukee County Sheriff's Office"),
            None,
        ),
        target(
            TargetKind::Organization,
            Some("Wauwatosa Police Department"),
            None,
        ),
        target(
            TargetKind::Unknown,
            Some("City of Milwaukee"),
            Some("cityofmilwaukee"),
        ),
        // The City's own departments: by name pattern, and by handle prefix.
        target(TargetKind::Unknown, Some("West Allis Police"), None),
        target(TargetKind::Unknown, None, Some("WestAllisFire")),
    ];
    for t in fine {
        let v = eval(click(on("x", CITY), Action::Follow, t.clone()));
        assert_eq!(v.verdict, Level::Allow, "{t:?}: {:?}", v.findings);
    }
    // Whole words only: "county" inside another word, or a bar named after a street, is not one.
    for name in ["Countyline Tavern", "Department Store Deals"] {
        let v = eval(click(
            on("x", CITY),
            Action::Follow,
            target(TargetKind::Unknown, Some(name), None),
        ));
        assert_eq!(v.verdict, Level::Warn, "{name}");
    }
}

#[test]
fn the_policy_allowed_list_matches_handles_platform_handles_and_names() {
    let engine = Engine::new(policy_with(|v| {
        v["connections"]["allowed"] = serde_json::json!([
            "@WA_Chamber",
            "facebook:dtwestallis",
            "Friends of the West Allis Library"
        ]);
    }));
    let ok = |platform: &str, t| {
        eval_with(&engine, click(on(platform, CITY), Action::Follow, t)).verdict == Level::Allow
    };
    assert!(ok(
        "x",
        target(TargetKind::Organization, None, Some("wa_chamber"))
    ));
    assert!(ok(
        "facebook",
        target(TargetKind::Unknown, None, Some("DTWestAllis"))
    ));
    assert!(!ok(
        "x",
        target(TargetKind::Unknown, None, Some("dtwestallis"))
    ));
    assert!(ok(
        "x",
        target(
            TargetKind::Person,
            Some("Friends of the West Allis Library"),
            None
        )
    ));
    assert!(!ok(
        "x",
        target(TargetKind::Person, Some("Jane Resident"), None)
    ));
}

#[test]
fn a_click_is_judged_only_by_the_event_rules() {
    // As a draft, a City account commenting in a person's space is a §6.4 finding; as a like
    // of that person's post it is §6.2.7 alone, and the click's empty text is not judged.
    let mut ctx = click(
        on("facebook", CITY),
        Action::Like,
        target(TargetKind::Person, Some("Pat Resident"), None),
    );
    ctx.surface = postguard::context::Surface::Comment;
    ctx.user = Some(User {
        name: Some("Jane Doe".into()),
        title: Some("Clerk".into()),
        ..User::default()
    });
    assert_eq!(sections(&eval(ctx.clone())), ["6.2.7"]);
    ctx.action = None;
    let draft = Engine::default().evaluate(&Draft {
        text: "See you there".into(),
        context: ctx,
    });
    assert!(sections(&draft).contains(&"6.4"), "{:?}", sections(&draft));
    assert!(!sections(&draft).contains(&"6.2.7"));
}

#[test]
fn severities_can_switch_the_connection_rule_off() {
    let engine = Engine::new(policy_with(|v| {
        v["severities"] = serde_json::json!({"city-account-connection": "off"});
    }));
    let v = eval_with(
        &engine,
        click(
            on("x", CITY),
            Action::Follow,
            target(TargetKind::Person, None, None),
        ),
    );
    assert_eq!(v.verdict, Level::Allow);
}

// §6.4.1.2 — the City password on a social site

#[test]
fn the_city_password_on_a_social_site_warns_with_its_own_words() {
    let mut ctx = on("x", PERSONAL);
    ctx.surface = postguard::context::Surface::Login;
    ctx.field = Some("password".into());
    ctx.city_password = true;
    let v = eval(ctx.clone());
    assert_eq!(v.verdict, Level::Warn);
    assert_eq!(sections(&v), ["6.4.1.2"]);
    assert_eq!(v.findings[0].rule, "city-password-social-site");
    assert!(v.findings[0]
        .why
        .starts_with("You typed your City password on X."));
    assert_eq!(v.findings[0].advice, "Choose a different password for X.");
    let panel = v.panel.unwrap();
    assert_eq!(
        (panel.edit.as_str(), panel.post_anyway.as_str()),
        ("I'll use a different password", "Continue anyway")
    );
    assert_eq!(panel.change_password, None, "no change_url, no button");
    ctx.city_password = false;
    assert_eq!(eval(ctx).verdict, Level::Allow);
}

#[test]
fn sign_in_pages_match_by_scheme_host_and_path_prefix() {
    let p = Policy::west_allis();
    assert_eq!(
        p.password_alert.sign_in_urls,
        ["https://login.westalliswi.gov/"]
    );
    assert_eq!(p.password_alert.min_length, 8);
    for yes in [
        "https://login.westalliswi.gov/",
        "https://LOGIN.westalliswi.gov/adfs/ls/?client=1",
        "https://login.westalliswi.gov",
    ] {
        assert!(p.is_sign_in_page(yes), "{yes}");
    }
    for no in [
        "http://login.westalliswi.gov/",
        "https://login.westalliswi.gov.evil.example/",
        "https://evil.example/?https://login.westalliswi.gov/",
        "https://login.westalliswi.gov@evil.example/",
        "https://x.com/i/flow/login",
        "not a url",
    ] {
        assert!(!p.is_sign_in_page(no), "{no}");
    }
    assert!(p.may_remember_password("https://login.westalliswi.gov/", 8));
    assert!(!p.may_remember_password("https://login.westalliswi.gov/", 7));
    assert!(!p.may_remember_password("https://x.com/i/flow/login", 12));
    let narrow = policy_with(|v| {
        v["password_alert"]["sign_in_urls"] = serde_json::json!(["https://sso.example.gov/adfs/"]);
    });
    assert!(narrow.is_sign_in_page("https://sso.example.gov/adfs/ls"));
    assert!(!narrow.is_sign_in_page("https://sso.example.gov/other"));
}

// §6.4.1.3 — work time

/// Epoch milliseconds of a UTC date and time.
fn utc(date: &str, hh: i64, mm: i64) -> f64 {
    let days = Date::parse(date).unwrap().days();
    ((days * 1440 + hh * 60 + mm) * 60_000) as f64
}

const CDT: i32 = -300; // Chicago in summer
const CST: i32 = -360; // Chicago in winter

#[test]
fn dates_round_trip_and_know_their_weekday() {
    assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
    for (s, weekday) in [
        ("2026-11-26", 3), // Thanksgiving, a Thursday
        ("2026-11-28", 5),
        ("2024-02-29", 3),
        ("2000-03-01", 2),
        ("1969-12-31", 2),
    ] {
        let d = Date::parse(s).unwrap();
        assert_eq!(Date::from_days(d.days()), d, "{s}");
        assert_eq!(d.to_string(), s);
        assert_eq!(d.weekday(), weekday, "{s}");
    }
    for bad in [
        "2026-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-4-01",
        "26-04-01",
        "2026-04-31",
        "2026/04/01",
        "",
    ] {
        assert_eq!(Date::parse(bad), None, "{bad}");
    }
    assert_eq!(parse_clock("08:00"), Some(480));
    assert_eq!(parse_clock("8:05"), Some(485));
    assert_eq!(parse_clock("24:00"), Some(1440));
    for bad in ["24:01", "12:60", "noon", "12", "-1:00", "12:5"] {
        assert_eq!(parse_clock(bad), None, "{bad}");
    }
}

#[test]
fn local_time_follows_the_offset_across_midnight() {
    // 03:30 UTC on Friday is 21:30 on Thursday in Chicago.
    let l = Local::at(utc("2026-11-27", 3, 30), CST);
    assert_eq!(l.date.to_string(), "2026-11-26");
    assert_eq!(l.minute, 21 * 60 + 30);
    // East of UTC the date moves forward.
    let l = Local::at(utc("2026-11-26", 23, 0), 120);
    assert_eq!((l.date.to_string().as_str(), l.minute), ("2026-11-27", 60));
}

fn schedule(days: &[&str], start: &str, end: &str, holidays: &[&str]) -> Schedule {
    let hours = Hours {
        days: days.iter().map(|d| d.to_string()).collect(),
        start: start.into(),
        end: end.into(),
    };
    let holidays: Vec<String> = holidays.iter().map(|d| d.to_string()).collect();
    Schedule::new(&hours, &holidays).unwrap()
}

#[test]
fn office_hours_start_inclusive_end_exclusive_weekdays_only() {
    let s = schedule(
        &["mon", "tue", "wed", "thu", "fri"],
        "08:00",
        "16:30",
        &["2026-11-26"],
    );
    let at = |date, hh, mm| s.is_work_time(Local::at(utc(date, hh, mm), CST));
    // Tuesday 2026-11-24, Chicago time = UTC - 6 h.
    assert!(!at("2026-11-24", 13, 59)); // 7:59
    assert!(at("2026-11-24", 14, 0)); // 8:00
    assert!(at("2026-11-24", 22, 29)); // 16:29
    assert!(!at("2026-11-24", 22, 30)); // 16:30
    assert!(!at("2026-11-26", 16, 0)); // Thanksgiving, a holiday
    assert!(at("2026-11-27", 16, 0)); // the Friday after is not listed here
    assert!(!at("2026-11-28", 16, 0)); // Saturday
    assert!(!at("2026-11-29", 16, 0)); // Sunday
    assert_eq!(s.describe(&Default::default()), "Mon–Fri 8:00–16:30");
    // Summer time: 13:00 UTC is 7:00 CST but 8:00 CDT; the offset the browser passes decides.
    assert!(!at("2026-07-14", 13, 0));
    assert!(s.is_work_time(Local::at(utc("2026-07-14", 13, 0), CDT)));
}

#[test]
fn overnight_shifts_belong_to_the_day_they_start() {
    // A night shift starting Friday and Saturday at 22:00, ending 06:00 the next morning.
    let s = schedule(&["fri", "sat"], "22:00", "06:00", &["2026-11-27"]);
    let at = |date, hh, mm| s.is_work_time(Local::at(utc(date, hh, mm), 0));
    assert!(!at("2026-11-27", 23, 0)); // Friday's shift is a holiday …
    assert!(!at("2026-11-28", 3, 0)); // … including the hours after midnight
    assert!(at("2026-11-28", 22, 0)); // Saturday's shift
    assert!(at("2026-11-29", 5, 59)); // runs into Sunday morning
    assert!(!at("2026-11-29", 6, 0));
    assert!(!at("2026-11-29", 22, 0)); // Sunday is not listed
    assert!(!at("2026-11-28", 21, 59));
    assert_eq!(s.describe(&Default::default()), "Fri, Sat 22:00–6:00");
    let always = schedule(
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "00:00",
        "24:00",
        &[],
    );
    assert!(always.is_work_time(Local::at(utc("2026-11-29", 0, 0), 0)));
    assert_eq!(always.describe(&Default::default()), "Mon–Sun 0:00–24:00");
    assert_eq!(
        schedule(&["mon", "wed", "thu", "sat"], "9:00", "12:00", &[]).describe(&Default::default()),
        "Mon, Wed, Thu, Sat 9:00–12:00"
    );
}

fn reminder_at(engine: &Engine, ctx: &Context, now: f64) -> Option<String> {
    engine.reminder(ctx, now, CST).map(|r| {
        assert_eq!(r.section, "6.4.1.3");
        assert_eq!(r.dismiss, "Dismiss");
        format!("{} {}", r.day, r.message)
    })
}

#[test]
fn the_reminder_comes_on_work_time_for_personal_accounts_only() {
    let engine = Engine::default();
    let tuesday_10am = utc("2026-11-24", 16, 0);
    let personal = on("x", PERSONAL);
    let r = reminder_at(&engine, &personal, tuesday_10am).expect("work time");
    assert!(
        r.starts_with("2026-11-24 You are on X during City work hours (Mon–Fri 8:00–16:30)."),
        "{r}"
    );
    assert!(r.contains("§6.4.1.3"), "{r}");
    // Not signed in, or unknown: still a reminder (only a City account is City business).
    assert!(reminder_at(&engine, &Context::default(), tuesday_10am).is_some());
    assert_eq!(reminder_at(&engine, &on("x", CITY), tuesday_10am), None);
    // Evening, weekend and a holiday in the default policy.
    assert_eq!(
        reminder_at(&engine, &personal, utc("2026-11-24", 23, 0)),
        None
    );
    assert_eq!(
        reminder_at(&engine, &personal, utc("2026-11-28", 16, 0)),
        None
    );
    assert_eq!(
        reminder_at(&engine, &personal, utc("2026-12-25", 16, 0)),
        None
    );
    // The day key is the policy's local date, not UTC's: 20:00 CST Tuesday is Wednesday in UTC.
    let late = engine
        .reminder(&personal, utc("2026-11-25", 2, 0), CST)
        .map(|r| r.day);
    assert_eq!(late, None); // 20:00 is after hours …
    let early = engine
        .reminder(&personal, utc("2026-11-25", 14, 5), CST)
        .unwrap();
    assert_eq!(early.day, "2026-11-25"); // … 8:05 on Wednesday is not
}

#[test]
fn the_policy_sets_days_hours_and_holidays() {
    let tuesday_10am = utc("2026-11-24", 16, 0);
    let saturday_9pm = utc("2026-11-29", 3, 0); // 21:00 CST Saturday
    let personal = on("facebook", PERSONAL);
    // Weekend nights, running past midnight.
    let nights = Engine::new(policy_with(|v| {
        v["work_time"]["days"] = serde_json::json!(["sat", "sun"]);
        v["work_time"]["start"] = serde_json::json!("20:00");
        v["work_time"]["end"] = serde_json::json!("04:00");
    }));
    let r = reminder_at(&nights, &personal, saturday_9pm).expect("a Saturday night shift");
    assert!(
        r.contains("on Facebook during City work hours (Sat, Sun 20:00–4:00)"),
        "{r}"
    );
    assert_eq!(reminder_at(&nights, &personal, tuesday_10am), None);
    // Always on: every day, all day, unless the day is a holiday.
    let always = Engine::new(policy_with(|v| {
        v["work_time"]["days"] =
            serde_json::json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
        v["work_time"]["start"] = serde_json::json!("00:00");
        v["work_time"]["end"] = serde_json::json!("24:00");
    }));
    assert!(reminder_at(&always, &personal, saturday_9pm).is_some());
    assert_eq!(
        reminder_at(&always, &personal, utc("2026-12-25", 18, 0)),
        None
    );
    // Without a work_time section there is no reminder at all.
    let none = Engine::new(policy_with(|v| {
        v.as_object_mut().unwrap().remove("work_time");
    }));
    assert_eq!(reminder_at(&none, &personal, tuesday_10am), None);
}

// Policy fields and their validation

#[test]
fn the_default_policy_configures_all_three() {
    let p = Policy::west_allis();
    let w = p.work_time.as_ref().unwrap();
    assert_eq!(w.time_zone.as_deref(), Some("America/Chicago"));
    assert_eq!(w.days, ["mon", "tue", "wed", "thu", "fri"]);
    assert!(w.holidays.contains(&"2026-12-25".to_string()));
    assert!(p
        .connections
        .organization_words
        .contains(&"police department".to_string()));
    assert_eq!(
        p.severity("city-account-connection", Severity::Info),
        Severity::Info
    );
}

#[test]
fn bad_behaviour_fields_are_reported_with_their_paths() {
    let e = errors(|v| {
        v["work_time"]["days"] = serde_json::json!(["mon", "funday", "MON"]);
        v["work_time"]["start"] = serde_json::json!("8am");
        v["work_time"]["time_zone"] = serde_json::json!("CST");
        v["work_time"]["holidays"] = serde_json::json!(["2026-02-30"]);
        v["password_alert"]["sign_in_urls"] =
            serde_json::json!(["http://login.westalliswi.gov/", "login.westalliswi.gov"]);
        v["password_alert"]["min_length"] = serde_json::json!(3);
        v["connections"]["organization_words"] = serde_json::json!(["City of", "..."]);
        v["connections"]["allowed"] = serde_json::json!(["facebook:"]);
    });
    let paths: Vec<&str> = e.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "connections.allowed[0]",
            "connections.organization_words[0]",
            "connections.organization_words[1]",
            "work_time.days[1]",
            "work_time.days[2]",
            "work_time.start",
            "work_time.time_zone",
            "work_time.holidays[0]",
            "password_alert.sign_in_urls[0]",
            "password_alert.sign_in_urls[1]",
            "password_alert.min_length",
        ],
        "{e:#?}"
    );
    assert!(e[4].1.contains("listed twice"), "{}", e[4].1);
    assert!(e[8].1.contains("must be https"), "{}", e[8].1);
    let e = errors(|v| {
        v["work_time"]["end"] = serde_json::json!("08:00");
        v["work_time"]["days"] = serde_json::json!([]);
    });
    assert_eq!(
        e.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        ["work_time.days", "work_time.end"]
    );
    let e = errors(|v| v["work_time"]["weekends"] = serde_json::json!(true));
    assert_eq!(e[0].0, "work_time.weekends");
    assert!(e[0].1.contains("unknown field"), "{}", e[0].1);
}

#[test]
fn the_cli_reads_actions_and_targets() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_postguard"))
        .args(["check", "--jsonl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(
        br#"{"text": "", "platform": "x", "account": {"handle": "CityofWestAllis"}, "action": "follow", "target": {"kind": "person", "name": "Jane Resident", "handle": "jane_resident"}}
{"text": "", "platform": "x", "account": {"handle": "CityofWestAllis"}, "action": "follow", "target": {"kind": "organization", "name": "Milwaukee County Sheriff's Office"}}
"#,
    ).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["verdict"], "warn");
    assert_eq!(lines[0]["findings"][0]["section"], "6.2.7");
    assert_eq!(lines[0]["panel"]["post_anyway"], "Follow anyway");
    assert_eq!(lines[1]["verdict"], "allow");
}

#[test]
fn the_manifest_captures_passwords_on_the_sign_in_hosts_only() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let scripts = manifest["content_scripts"].as_array().unwrap();
    let runs =
        |s: &serde_json::Value, file: &str| s["js"].as_array().unwrap().iter().any(|j| j == file);
    let capture: Vec<_> = scripts
        .iter()
        .filter(|s| runs(s, "content/password-capture.js"))
        .collect();
    assert_eq!(capture.len(), 1, "one content script entry captures");
    // The message list is data; no other script (none of the social sites') runs there.
    assert_eq!(
        capture[0]["js"],
        serde_json::json!(["protocol.js", "content/password-capture.js"]),
        "and only that, after the message list"
    );
    let mut want: Vec<String> = Policy::west_allis()
        .password_alert
        .sign_in_urls
        .iter()
        .map(|u| {
            let host = u.trim_start_matches("https://").split('/').next().unwrap();
            format!("https://{host}/*")
        })
        .collect();
    want.dedup();
    let have: Vec<&str> = capture[0]["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(have, want);
    // The social sites never run it; the sign-in host runs nothing else.
    for s in scripts
        .iter()
        .filter(|s| !runs(s, "content/password-capture.js"))
    {
        for m in s["matches"].as_array().unwrap() {
            assert!(!want.iter().any(|w| w == m), "{m} runs other scripts");
        }
    }
}
