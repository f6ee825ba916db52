//! Calendar and clock: dates, "HH:MM" times, day names and a weekly schedule of hours, with
//! no time zone database (the extension passes each moment's UTC offset). The policy parses
//! its work time (§6.4.1.3) with these; `worktime` decides from them when work time is.

/// A weekly schedule: the days worked and the hours of a shift (`policy::WorkTime` without its zone and holidays).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hours {
    /// Days the shift starts on: "mon", "tue", "wed", "thu", "fri", "sat", "sun".
    pub days: Vec<String>,
    /// Start of the shift, "HH:MM" (24-hour clock).
    pub start: String,
    /// End of the shift, "HH:MM"; "24:00" is midnight at the end of the day. An end before
    /// the start is a shift that runs past midnight into the next day.
    pub end: String,
}

pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A local calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// "YYYY-MM-DD".
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let date = Date {
            year: i64::from(year),
            month,
            day,
        };
        // Round-trips through the day count only if the day exists in that month.
        let real = (1..=12).contains(&month) && day >= 1 && Date::from_days(date.days()) == date;
        real.then_some(date)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday (3).
        (self.days() + 3).rem_euclid(7) as usize
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// "HH:MM" as minutes after midnight, 0..=1440 ("24:00" is 1440).
pub fn parse_clock(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h * 60 + m;
    (m < 60 && minutes <= 1440).then_some(minutes)
}

/// The day index (0 = Monday) of "mon" … "sun", without case.
pub fn parse_day(s: &str) -> Option<usize> {
    DAY_NAMES
        .iter()
        .position(|d| d.eq_ignore_ascii_case(s.trim()))
}

/// A moment as the policy's clock shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub date: Date,
    /// Minutes after local midnight.
    pub minute: u32,
}

impl Local {
    /// `now_ms` since the epoch, seen at `offset_minutes` east of UTC (Chicago in winter: -360).
    pub fn at(now_ms: f64, offset_minutes: i32) -> Local {
        let minutes = (now_ms / 60_000.0).floor() as i64 + i64::from(offset_minutes);
        Local {
            date: Date::from_days(minutes.div_euclid(1440)),
            minute: minutes.rem_euclid(1440) as u32,
        }
    }
}
