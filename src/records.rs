//! The record of City-account posts (§7.0: "Communication through City Social Media Accounts is
//! considered a public record … must be able to be managed, stored and retrieved").
//!
//! Every submit from a City account becomes a [`Record`] exactly as submitted. The background
//! keeps them in the extension's own storage for the policy's retention period, exports them as
//! CSV or JSON, and, only where IT configures an endpoint, sends them there. This module holds
//! every decision about that (what is recorded, what may be deleted, what is still to send, how
//! long to wait before retrying, the export formats); the extension only stores and carries.

use crate::context::{ActingAs, Draft, Surface};
use crate::policy::{Policy, RecordSettings, Severity};
use crate::verdict::{Level, Verdict};
use serde::{Deserialize, Serialize};

/// One submit from a City account, exactly as it went out.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Unique id (the extension uses a random UUID); lets an endpoint drop duplicates.
    pub id: String,
    /// When it was submitted, RFC 3339 UTC.
    pub time: String,
    /// The same instant in milliseconds since 1970, for retention.
    pub at: u64,
    pub platform: Option<String>,
    /// The account it was posted as: its name, else "@handle".
    pub account: Option<String>,
    pub acting_as: ActingAs,
    pub surface: Surface,
    /// The page it was submitted on.
    pub url: String,
    /// The employee's email: the browser profile's where IT allows it, else the one typed in
    /// the options.
    pub user: Option<String>,
    /// Where `user` came from: "profile" (the browser's signed-in City account) or "typed".
    #[serde(default)]
    pub user_source: Option<String>,
    /// The text exactly as submitted.
    pub text: String,
    pub verdict: Level,
    pub findings: Vec<RecordedFinding>,
    /// Present when the user posted anyway despite a held verdict.
    #[serde(rename = "override")]
    pub overridden: Option<Override>,
    /// Posted without a check (issue 12): a draft PostGuard judged warn or block left its
    /// composer right after a click or key PostGuard did not hold. The text is as last seen.
    #[serde(default)]
    pub unchecked: bool,
    /// For an unchecked post, the host whose adapter missed the submit (it may be stale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapter_stale: Option<String>,
    /// Whether IT's endpoint has acknowledged it.
    #[serde(default)]
    pub delivered: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RecordedFinding {
    pub rule: String,
    pub section: String,
    pub severity: Severity,
    pub message: String,
}

/// "Post anyway": and, for a Block finding, the reason the user gave.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Override {
    #[serde(default)]
    pub reason: Option<String>,
}

impl Override {
    /// The reason without surrounding blanks; a blank reason is none.
    fn trimmed(&self) -> Override {
        Override {
            reason: self
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(Into::into),
        }
    }
}

/// What the extension knows about a submit besides the draft.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Submit {
    pub id: String,
    pub at: u64,
    pub url: String,
    #[serde(rename = "override")]
    pub overridden: Option<Override>,
    /// The post went out without PostGuard holding it (content/unchecked.js).
    pub unchecked: bool,
    /// The host whose adapter missed it.
    pub adapter_stale: Option<String>,
}

impl Record {
    /// The record of a submit, if the policy records it: only posts from a City account, and
    /// only while IT keeps the record on. `verdict` is the engine's verdict for `draft`.
    pub fn of(policy: &Policy, draft: &Draft, verdict: &Verdict, submit: Submit) -> Option<Record> {
        if !policy.records.enabled || !verdict.account.city {
            return None;
        }
        let ctx = &draft.context;
        Some(Record {
            id: submit.id,
            time: rfc3339(submit.at),
            at: submit.at,
            platform: ctx.platform.clone(),
            account: verdict
                .account
                .label
                .clone()
                .or_else(|| ctx.account_label()),
            acting_as: ctx.acting_as,
            surface: ctx.surface,
            url: submit.url,
            user: ctx.user.as_ref().and_then(|u| u.email.clone()),
            user_source: ctx.user.as_ref().and_then(|u| u.email_source.clone()),
            text: draft.text.clone(),
            verdict: verdict.verdict,
            findings: recorded(verdict),
            overridden: submit.overridden.as_ref().map(Override::trimmed),
            unchecked: submit.unchecked,
            adapter_stale: submit.adapter_stale.filter(|_| submit.unchecked),
            delivered: false,
        })
    }
}

fn recorded(verdict: &Verdict) -> Vec<RecordedFinding> {
    verdict
        .findings
        .iter()
        .map(|f| RecordedFinding {
            rule: f.rule.to_string(),
            section: f.section.to_string(),
            severity: f.severity,
            message: f.message.clone(),
        })
        .collect()
}

const DAY_MS: u64 = 86_400_000;

/// Ids of records the browser may delete at `now`: older than the retention period and, when IT
/// has an endpoint, already delivered there. Nothing undelivered is ever deleted.
pub fn expired(records: &[Record], settings: &RecordSettings, now: u64) -> Vec<String> {
    let keep_ms = u64::from(settings.retention_days) * DAY_MS;
    records
        .iter()
        .filter(|r| r.at.saturating_add(keep_ms) < now)
        .filter(|r| settings.endpoint.is_none() || r.delivered)
        .map(|r| r.id.clone())
        .collect()
}

/// At most this many records go in one POST.
pub const BATCH: usize = 50;

/// The next records to send to IT's endpoint, oldest first; none when there is no endpoint.
pub fn pending(records: &[Record], settings: &RecordSettings) -> Vec<Record> {
    if settings.endpoint.is_none() {
        return Vec::new();
    }
    let mut todo: Vec<&Record> = records.iter().filter(|r| !r.delivered).collect();
    todo.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    todo.into_iter().take(BATCH).cloned().collect()
}

/// Minutes to wait before retry number `failures` (1 = after the first failure): 30 seconds,
/// doubling, at most an hour. Chrome does not fire alarms sooner than 30 seconds.
pub fn retry_delay_minutes(failures: u32) -> f64 {
    let doublings = failures.saturating_sub(1).min(16);
    (0.5 * f64::from(1u32 << doublings)).min(60.0)
}

/// A summary for the options page.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub pending: usize,
    pub oldest: Option<String>,
    pub newest: Option<String>,
    pub enabled: bool,
    pub retention_days: u32,
    pub endpoint: Option<String>,
}

pub fn summary(records: &[Record], settings: &RecordSettings) -> Summary {
    let oldest = records.iter().min_by_key(|r| r.at).map(|r| r.time.clone());
    let newest = records.iter().max_by_key(|r| r.at).map(|r| r.time.clone());
    Summary {
        count: records.len(),
        pending: if settings.endpoint.is_some() {
            records.iter().filter(|r| !r.delivered).count()
        } else {
            0
        },
        oldest,
        newest,
        enabled: settings.enabled,
        retention_days: settings.retention_days,
        endpoint: settings.endpoint.clone(),
    }
}

/// Records in submit order.
fn sorted(records: &[Record]) -> Vec<&Record> {
    let mut v: Vec<&Record> = records.iter().collect();
    v.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    v
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "time",
    "platform",
    "account",
    "acting_as",
    "surface",
    "url",
    "user",
    "user_source",
    "text",
    "verdict",
    "findings",
    "override",
    "override_reason",
    "unchecked",
    "adapter_stale",
    "delivered",
];

/// RFC 4180 CSV (CRLF, every field quoted, quotes doubled) with a UTF-8 byte order mark so
/// spreadsheet programs read "—" and accents right. The text is exactly as submitted: nothing
/// is escaped or trimmed, because this is the record; open it as text in a spreadsheet.
pub fn to_csv(records: &[Record]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: &[&str]| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        }
        out.push_str("\r\n");
    };
    line(&mut out, CSV_COLUMNS);
    for r in sorted(records) {
        let findings = r
            .findings
            .iter()
            .map(|f| format!("§{} ({}): {}", f.section, word(&f.severity), f.message))
            .collect::<Vec<_>>()
            .join("\n");
        let reason = r
            .overridden
            .as_ref()
            .and_then(|o| o.reason.clone())
            .unwrap_or_default();
        line(
            &mut out,
            &[
                &r.id,
                &r.time,
                r.platform.as_deref().unwrap_or(""),
                r.account.as_deref().unwrap_or(""),
                &word(&r.acting_as),
                &word(&r.surface),
                &r.url,
                r.user.as_deref().unwrap_or(""),
                r.user_source.as_deref().unwrap_or(""),
                &r.text,
                &word(&r.verdict),
                &findings,
                if r.overridden.is_some() { "yes" } else { "no" },
                &reason,
                if r.unchecked { "yes" } else { "no" },
                r.adapter_stale.as_deref().unwrap_or(""),
                if r.delivered { "yes" } else { "no" },
            ],
        );
    }
    out
}

/// A unit enum's serde name ("self", "reply", "warn").
fn word<T: Serialize>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    s.trim_matches('"').to_string()
}

/// The document of an export and of a POST to IT's endpoint.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Export {
    /// "postguard-records/1"
    pub format: String,
    pub city: String,
    pub policy: String,
    pub exported: String,
    pub records: Vec<Record>,
}

pub const FORMAT: &str = "postguard-records/1";

pub fn export(policy: &Policy, records: &[Record], now: u64) -> Export {
    Export {
        format: FORMAT.into(),
        city: policy.city.clone(),
        policy: policy.name.clone(),
        exported: rfc3339(now),
        records: sorted(records).into_iter().cloned().collect(),
    }
}

/// JSON of [`export`], one record per line so people can read it too.
pub fn to_json(policy: &Policy, records: &[Record], now: u64) -> String {
    let doc = export(policy, &[], now);
    let head = serde_json::to_string(&doc).expect("exports serialize");
    let head = head
        .strip_suffix("\"records\":[]}")
        .expect("records come last");
    let lines: Vec<String> = sorted(records)
        .iter()
        .map(|r| serde_json::to_string(r).expect("records serialize"))
        .collect();
    if lines.is_empty() {
        format!("{head}\"records\":[]}}\n")
    } else {
        format!("{head}\"records\":[\n{}\n]}}\n", lines.join(",\n"))
    }
}

/// [`to_json`] for the employee's own export (the options page): the "This warning is wrong"
/// reports (extension/worker/false-alarm.js) follow the records, one per line, as kept. IT's
/// endpoint gets [`to_json`] alone.
pub fn to_json_with_false_alarms(
    policy: &Policy,
    records: &[Record],
    false_alarms: &[serde_json::Value],
    now: u64,
) -> String {
    let body = to_json(policy, records, now);
    let head = body
        .trim_end()
        .strip_suffix('}')
        .expect("an export is an object");
    let lines: Vec<String> = false_alarms.iter().map(|a| a.to_string()).collect();
    if lines.is_empty() {
        format!("{head},\"false_alarms\":[]}}\n")
    } else {
        format!("{head},\"false_alarms\":[\n{}\n]}}\n", lines.join(",\n"))
    }
}

/// A file name for an export: "postguard-records-2026-11-26.csv".
pub fn file_name(now: u64, extension: &str) -> String {
    format!("postguard-records-{}.{extension}", &rfc3339(now)[..10])
}

/// Milliseconds since 1970 as "2026-11-26T10:50:03.120Z" (UTC).
pub fn rfc3339(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ms % 1000
    )
}

/// One line of the "recent findings and overrides" list: no text, only what was found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Recent {
    pub time: String,
    pub at: u64,
    pub platform: Option<String>,
    pub account: Option<String>,
    pub city: bool,
    pub verdict: Level,
    pub findings: Vec<RecordedFinding>,
    #[serde(rename = "override")]
    pub overridden: Option<Override>,
    /// The employee answered the warning with Edit or a Fix instead of posting: set only for
    /// those entries ([`Recent::answered`]), which have no record (nothing was posted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
}

/// How a warning was answered when it was not posted as it stood.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Edit,
    Fix,
}

/// How many recent entries are kept.
pub const RECENT: usize = 20;

impl Recent {
    /// An entry for a submit that had findings; `None` when nothing was found.
    pub fn of(draft: &Draft, verdict: &Verdict, submit: &Submit) -> Option<Recent> {
        if verdict.findings.is_empty() {
            return None;
        }
        Some(Recent {
            time: rfc3339(submit.at),
            at: submit.at,
            platform: draft.context.platform.clone(),
            account: verdict
                .account
                .label
                .clone()
                .or_else(|| draft.context.account_label()),
            city: verdict.account.city,
            verdict: verdict.verdict,
            findings: recorded(verdict),
            overridden: submit.overridden.as_ref().map(Override::trimmed),
            answer: None,
        })
    }

    /// An entry for a warning answered with Edit or a Fix at `at` (ms): the popup's recent
    /// findings show these too, or a dozen warnings heeded would read "nothing found".
    pub fn answered(draft: &Draft, verdict: &Verdict, at: u64, answer: Answer) -> Option<Recent> {
        let submit = Submit {
            at,
            ..Submit::default()
        };
        Some(Recent {
            answer: Some(answer),
            ..Recent::of(draft, verdict, &submit)?
        })
    }
}

/// `list` with `entry` first, at most [`RECENT`] long.
pub fn push_recent(mut list: Vec<Recent>, entry: Recent) -> Vec<Recent> {
    list.insert(0, entry);
    list.truncate(RECENT);
    list
}
