//! §6.4.1.3: work time, when personal social media accounts stay closed.
//!
//! The extension passes the moment explicitly (milliseconds since the Unix epoch) and the
//! UTC offset of the policy's time zone at that moment (the browser knows the zone rules;
//! the engine does not carry a time zone database). Everything else is decided here, on the
//! dates and clock of `calendar`: the day of the week, holidays and shifts past midnight.

use crate::calendar::{parse_clock, parse_day, Date, Hours, Local};
use serde::Serialize;

/// A schedule ready to ask: days as a weekly bitmap, hours in minutes, holidays as dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    days: [bool; 7],
    start: u32,
    end: u32,
    holidays: Vec<Date>,
}

impl Schedule {
    /// None when the hours do not parse (validation reports those with their field paths).
    pub fn new(hours: &Hours, holidays: &[String]) -> Option<Schedule> {
        let mut days = [false; 7];
        for d in &hours.days {
            days[parse_day(d)?] = true;
        }
        Some(Schedule {
            days,
            start: parse_clock(&hours.start)?,
            end: parse_clock(&hours.end)?,
            holidays: holidays.iter().filter_map(|h| Date::parse(h)).collect(),
        })
    }

    /// Does a shift start on `date` (a listed day that is not a holiday)?
    fn works_on(&self, date: Date) -> bool {
        self.days[date.weekday()] && !self.holidays.contains(&date)
    }

    /// Is this moment inside a shift? A shift that runs past midnight belongs to the day it
    /// started on, so a holiday cancels the whole shift, and the morning after it is free.
    pub fn is_work_time(&self, at: Local) -> bool {
        if self.start == self.end {
            return false;
        }
        if self.start < self.end {
            return self.works_on(at.date) && (self.start..self.end).contains(&at.minute);
        }
        let yesterday = Date::from_days(at.date.days() - 1);
        (self.works_on(at.date) && at.minute >= self.start)
            || (self.works_on(yesterday) && at.minute < self.end)
    }

    /// "Mon–Fri 8:00–16:30", for messages, with the day names of `t`'s language.
    pub fn describe(&self, t: &crate::messages::Text) -> String {
        let short: Vec<&str> = t.get("days").split(',').collect();
        let day = |i: usize| short.get(i).copied().unwrap_or("?");
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < 7 {
            if !self.days[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i + 1 < 7 && self.days[i + 1] {
                i += 1;
            }
            runs.push(match i - first {
                0 => day(first).to_string(),
                1 => format!("{}, {}", day(first), day(i)),
                _ => format!("{}–{}", day(first), day(i)),
            });
            i += 1;
        }
        let clock = |m: u32| format!("{}:{:02}", m / 60, m % 60);
        format!(
            "{} {}–{}",
            runs.join(", "),
            clock(self.start),
            clock(self.end)
        )
    }
}

/// The non-blocking work-time notice (§6.4.1.3) the content script draws, in the engine's words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reminder {
    pub section: &'static str,
    pub message: String,
    /// The dismiss button's label.
    pub dismiss: String,
    /// The notice's accessible name ("PostGuard reminder").
    pub label: String,
    /// The local date ("YYYY-MM-DD") in the schedule's time zone: the extension shows the
    /// reminder once per site for each such day.
    pub day: String,
}

/// Should a visit to a social site now, in this context, remind the employee that personal
/// accounts stay closed on work time? Not on a City account, not outside the schedule, not
/// on a holiday. `offset_minutes` is the schedule's time zone offset from UTC at `now_ms`.
pub fn reminder(
    policy: &crate::Policy,
    ctx: &crate::Context,
    now_ms: f64,
    offset_minutes: i32,
) -> Option<Reminder> {
    let work = policy.work_time.as_ref()?;
    if ctx.city_account(policy).is_some() {
        return None;
    }
    let schedule = Schedule::new(&work.hours(), &work.holidays)?;
    let now = Local::at(now_ms, offset_minutes);
    if !schedule.is_work_time(now) {
        return None;
    }
    let t = crate::messages::Text::new(crate::messages::Lang::from_tag(ctx.lang.as_deref()));
    let site = ctx
        .platform
        .as_deref()
        .and_then(crate::platform::display_name)
        .unwrap_or_else(|| t.get("a_social_site"));
    Some(Reminder {
        section: "6.4.1.3",
        message: t.fill(
            "reminder",
            &[("site", site), ("hours", &schedule.describe(&t))],
        ),
        dismiss: t.get("reminder_dismiss").into(),
        label: t.get("reminder_label").into(),
        day: now.date.to_string(),
    })
}
