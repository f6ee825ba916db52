//! A custodian's search (`GET /v1/records?…`): the filters, checked, and their SQL.

use super::store::Value;
use std::collections::HashMap;

/// Records a JSON page holds unless `limit` says otherwise, and at most.
pub const PAGE: u64 = 100;
pub const MAX_PAGE: u64 = 1000;
/// A CSV export is one file of the whole result, up to this many records.
pub const MAX_EXPORT: u64 = 100_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub city: Option<String>,
    pub account: Option<String>,
    pub platform: Option<String>,
    pub employee: Option<String>,
    /// Milliseconds since 1970, inclusive.
    pub from: Option<i64>,
    /// Milliseconds since 1970, exclusive.
    pub to: Option<i64>,
    pub q: Option<String>,
    pub limit: u64,
    pub offset: u64,
    pub csv: bool,
}

impl Filter {
    /// The filter of a query string's fields; the reason when one is wrong.
    pub fn parse(fields: &HashMap<String, String>) -> Result<Filter, String> {
        const KNOWN: &[&str] = &[
            "city", "account", "platform", "employee", "from", "to", "q", "limit", "offset",
            "format",
        ];
        if let Some(k) = fields.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(format!(
                "unknown filter {k:?} (known: {})",
                KNOWN.join(", ")
            ));
        }
        let text = |k: &str| {
            fields
                .get(k)
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
        };
        let csv = match fields.get("format").map(String::as_str) {
            None | Some("json") => false,
            Some("csv") => true,
            Some(f) => return Err(format!("format {f:?}: expected json or csv")),
        };
        let number = |k: &str, default: u64, max: u64| match fields.get(k) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(format!("{k} {v:?}: expected a whole number up to {max}")),
            },
        };
        let (default, max) = if csv {
            (MAX_EXPORT, MAX_EXPORT)
        } else {
            (PAGE, MAX_PAGE)
        };
        let time = |k: &str, end: bool| {
            fields
                .get(k)
                .filter(|v| !v.trim().is_empty())
                .map(|v| {
                    instant(v.trim(), end).ok_or_else(|| {
                        format!("{k} {v:?}: expected a date (2026-11-26) or an RFC 3339 UTC time (2026-11-26T10:50:03Z)")
                    })
                })
                .transpose()
        };
        Ok(Filter {
            city: text("city"),
            account: text("account"),
            platform: text("platform"),
            employee: text("employee"),
            from: time("from", false)?,
            to: time("to", true)?,
            q: text("q"),
            limit: number("limit", default, max)?,
            offset: number("offset", 0, u64::from(u32::MAX))?,
            csv,
        })
    }

    /// " WHERE …" (or "") and its parameters, numbered from $1. The stored columns are
    /// lowercased, as the filter's words are.
    pub fn sql(&self) -> (String, Vec<Value>) {
        let mut conds = Vec::new();
        let mut params = Vec::new();
        let mut add = |cond: &str, v: Value| {
            params.push(v);
            conds.push(cond.replace('?', &format!("${}", params.len())));
        };
        if let Some(c) = &self.city {
            add("lower(city) = ?", Value::Text(c.clone()));
        }
        if let Some(p) = &self.platform {
            add("platform = ?", Value::Text(p.clone()));
        }
        for (col, v) in [
            ("account", &self.account),
            ("employee", &self.employee),
            ("search", &self.q),
        ] {
            if let Some(v) = v {
                add(
                    &format!("{col} LIKE ? ESCAPE '\\'"),
                    Value::Text(contains(v)),
                );
            }
        }
        if let Some(t) = self.from {
            add("at >= ?", Value::Int(t));
        }
        if let Some(t) = self.to {
            add("at < ?", Value::Int(t));
        }
        if conds.is_empty() {
            (String::new(), params)
        } else {
            (format!(" WHERE {}", conds.join(" AND ")), params)
        }
    }
}

/// A LIKE pattern matching `s` anywhere, its own % and _ taken literally.
fn contains(s: &str) -> String {
    let mut p = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// "2026-11-26" (the day's start, or with `end` the next day's) or
/// "2026-11-26T10:50:03[.120]Z" as milliseconds since 1970.
pub fn instant(s: &str, end: bool) -> Option<i64> {
    let num = |t: &str| -> Option<i64> {
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t.strip_suffix('Z')?)),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (y, m, day) = (num(d.next()?)?, num(d.next()?)?, num(d.next()?)?);
    if d.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(y, m, day);
    let ms = match time {
        None => (days + i64::from(end)) * 86_400_000,
        Some(t) => {
            let (hms, frac) = t.split_once('.').unwrap_or((t, ""));
            let mut p = hms.split(':');
            let (h, mi, sec) = (
                num(p.next()?)?,
                num(p.next()?)?,
                num(p.next().unwrap_or("0"))?,
            );
            if p.next().is_some() || h > 23 || mi > 59 || sec > 60 || frac.len() > 9 {
                return None;
            }
            let milli = if frac.is_empty() {
                0
            } else {
                num(&format!("{frac:0<3}")[..3])?
            };
            days * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + milli
        }
    };
    Some(ms)
}

/// Howard Hinnant's days_from_civil (the inverse of `records::rfc3339`'s).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::rfc3339;

    #[test]
    fn instants_round_trip_through_rfc3339() {
        for ms in [0u64, 951_782_400_000, 1_764_154_203_120, 4_102_444_799_999] {
            assert_eq!(instant(&rfc3339(ms), false), Some(ms as i64));
        }
        assert_eq!(instant("1970-01-02", false), Some(86_400_000));
        assert_eq!(instant("1970-01-01", true), Some(86_400_000));
        for bad in [
            "2026-13-01",
            "2026-11-26T10:50:03",
            "yesterday",
            "2026-11",
            "2026-11-26T25:00Z",
        ] {
            assert_eq!(instant(bad, false), None, "{bad}");
        }
    }
}
