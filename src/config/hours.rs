//! Opening hours: a week of intervals in an IANA time zone, with holidays and special days.
//!
//! Hours are kept as minutes after the local midnight of the day they start on; an interval
//! that ends after midnight is written `22:00-02:00+1` so that a slip of the keyboard
//! (`18:00-08:00`) is an error rather than a fourteen-hour night shift. The browser computes the
//! live status with the same rules (`themes/default/static/js/hours.js`); both run the shared
//! vectors in `tests/vectors/hours.json`.
//!
//! The schedules live in `config`, which checks them when it reads book.toml; `contact`
//! re-exports this module and turns them into tables and the data the browser gets.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

const DAY: u16 = 24 * 60;

/// A schedule as book.toml writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleConfig {
    /// IANA time zone name, e.g. `Europe/Warsaw`.
    pub timezone: String,
    #[serde(default)]
    pub monday: DayHours,
    #[serde(default)]
    pub tuesday: DayHours,
    #[serde(default)]
    pub wednesday: DayHours,
    #[serde(default)]
    pub thursday: DayHours,
    #[serde(default)]
    pub friday: DayHours,
    #[serde(default)]
    pub saturday: DayHours,
    #[serde(default)]
    pub sunday: DayHours,
    /// Days closed all day, `YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Days with other hours than their weekday's.
    #[serde(default)]
    pub special: Vec<SpecialDayConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialDayConfig {
    pub date: String,
    pub hours: DayHours,
}

/// `"09:00-17:00"`, `["08:00-12:00", "13:00-17:00"]` or `"closed"` (also the default).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum DayHours {
    #[default]
    Closed,
    One(String),
    Many(Vec<String>),
}

impl DayHours {
    fn texts(&self) -> Vec<&str> {
        match self {
            DayHours::Closed => Vec::new(),
            DayHours::One(text) if text.trim().eq_ignore_ascii_case("closed") => Vec::new(),
            DayHours::One(text) => vec![text.as_str()],
            DayHours::Many(texts) => texts.iter().map(String::as_str).collect(),
        }
    }
}

/// Minutes after the local midnight of the day the interval starts on; `end` may pass
/// midnight (up to 48:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Interval {
    pub start: u16,
    pub end: u16,
}

/// A validated schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    pub timezone: String,
    /// Monday first.
    pub week: [Vec<Interval>; 7],
    pub holidays: BTreeSet<String>,
    pub special: BTreeMap<String, Vec<Interval>>,
    #[serde(skip)]
    zone: TimeZone,
}

/// Whether a schedule is open at an instant, and when that changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Open { closes: Zoned },
    Closed { opens: Option<Zoned> },
}

impl Schedule {
    /// Validates `config`; errors name the key (`monday`, `special[0].hours`) and the value.
    pub fn parse(config: &ScheduleConfig) -> Result<Schedule, String> {
        let zone = TimeZone::get(&config.timezone).map_err(|_| {
            format!(
                "timezone: `{}` is not an IANA time zone such as Europe/Warsaw",
                config.timezone
            )
        })?;
        let days = [
            ("monday", &config.monday),
            ("tuesday", &config.tuesday),
            ("wednesday", &config.wednesday),
            ("thursday", &config.thursday),
            ("friday", &config.friday),
            ("saturday", &config.saturday),
            ("sunday", &config.sunday),
        ];
        let mut week: [Vec<Interval>; 7] = Default::default();
        for (i, (key, hours)) in days.iter().enumerate() {
            week[i] = parse_day(hours).map_err(|e| format!("{key}: {e}"))?;
        }
        check_overnight_overlaps(&week)?;
        let mut holidays = BTreeSet::new();
        for (i, text) in config.holidays.iter().enumerate() {
            holidays.insert(
                parse_date(text)
                    .map_err(|e| format!("holidays[{i}]: {e}"))?
                    .to_string(),
            );
        }
        let mut special = BTreeMap::new();
        for (i, day) in config.special.iter().enumerate() {
            let date = parse_date(&day.date).map_err(|e| format!("special[{i}].date: {e}"))?;
            let hours = parse_day(&day.hours).map_err(|e| format!("special[{i}].hours: {e}"))?;
            special.insert(date.to_string(), hours);
        }
        Ok(Schedule {
            timezone: config.timezone.clone(),
            week,
            holidays,
            special,
            zone,
        })
    }

    /// The intervals that start on local `date`.
    fn intervals_on(&self, date: Date) -> &[Interval] {
        let key = date.to_string();
        if let Some(hours) = self.special.get(&key) {
            return hours;
        }
        if self.holidays.contains(&key) {
            return &[];
        }
        &self.week[weekday_index(date.weekday())]
    }

    /// Open or closed at `now`, with the next change.
    pub fn status_at(&self, now: Timestamp) -> Status {
        let local = now.to_zoned(self.zone.clone());
        let today = local.date();
        let minute = local.hour() as u16 * 60 + local.minute() as u16;
        let yesterday = today.yesterday().unwrap_or(today);
        for interval in self.intervals_on(yesterday) {
            if interval.end > DAY && minute < interval.end - DAY {
                return Status::Open {
                    closes: self.at(yesterday, interval.end),
                };
            }
        }
        for interval in self.intervals_on(today) {
            if interval.start <= minute && minute < interval.end {
                return Status::Open {
                    closes: self.at(today, interval.end),
                };
            }
        }
        Status::Closed {
            opens: self.next_opening(today, minute),
        }
    }

    /// The first opening after `minute` of `today`, looking two weeks ahead.
    fn next_opening(&self, today: Date, minute: u16) -> Option<Zoned> {
        let mut date = today;
        for offset in 0..15 {
            let starts = self.intervals_on(date).iter().map(|i| i.start);
            let next = starts.filter(|&start| offset > 0 || start > minute).min();
            if let Some(start) = next {
                return Some(self.at(date, start));
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// The instant of `minutes` after local midnight of `date`; in a spring-forward gap the
    /// clock reading does not exist and the instant after the gap is used.
    fn at(&self, date: Date, minutes: u16) -> Zoned {
        let day = date
            .checked_add(jiff::Span::new().days(i64::from(minutes / DAY)))
            .unwrap_or(date);
        let rest = minutes % DAY;
        let time = jiff::civil::time((rest / 60) as i8, (rest % 60) as i8, 0, 0);
        day.to_datetime(time)
            .to_zoned(self.zone.clone())
            .unwrap_or_else(|_| Timestamp::UNIX_EPOCH.to_zoned(self.zone.clone()))
    }
}

fn weekday_index(weekday: Weekday) -> usize {
    weekday.to_monday_zero_offset() as usize
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date like 2026-12-24"))
}

fn parse_day(hours: &DayHours) -> Result<Vec<Interval>, String> {
    let mut intervals = Vec::new();
    for text in hours.texts() {
        intervals.push(parse_interval(text)?);
    }
    intervals.sort();
    for pair in intervals.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(format!(
                "{} and {} overlap",
                format_interval(pair[0]),
                format_interval(pair[1])
            ));
        }
    }
    Ok(intervals)
}

/// `HH:MM-HH:MM`, or `HH:MM-HH:MM+1` when it ends the next day.
fn parse_interval(text: &str) -> Result<Interval, String> {
    let (start, end) = text
        .split_once('-')
        .ok_or_else(|| format!("`{text}` is not hours like 09:00-17:00"))?;
    let (end, next_day) = match end.trim().strip_suffix("+1") {
        Some(end) => (end, true),
        None => (end.trim(), false),
    };
    let start = parse_time(start.trim())
        .ok_or_else(|| format!("`{}` in `{text}` is not a time like 09:00", start.trim()))?;
    let end =
        parse_time(end).ok_or_else(|| format!("`{end}` in `{text}` is not a time like 17:00"))?;
    if start >= DAY {
        return Err(format!(
            "`{text}` starts at 24:00; start the next day at 00:00 instead"
        ));
    }
    let end = if next_day { end + DAY } else { end };
    if end <= start {
        return Err(format!(
            "`{text}` ends before it starts; write `{text}+1` if it ends the next day"
        ));
    }
    if end - start > DAY {
        return Err(format!("`{text}` is longer than a day"));
    }
    Ok(Interval { start, end })
}

fn parse_time(text: &str) -> Option<u16> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let (hours, minutes): (u16, u16) = (hours.parse().ok()?, minutes.parse().ok()?);
    let valid = minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0));
    valid.then_some(hours * 60 + minutes)
}

/// An interval that runs past midnight must end before the next day's first one starts.
fn check_overnight_overlaps(week: &[Vec<Interval>; 7]) -> Result<(), String> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for day in 0..7 {
        let next = (day + 1) % 7;
        let overflow = week[day]
            .iter()
            .filter(|i| i.end > DAY)
            .map(|i| i.end - DAY)
            .max();
        if let (Some(end), Some(first)) = (overflow, week[next].first()) {
            if first.start < end {
                return Err(format!(
                    "{}: its hours past midnight overlap {}'s {}",
                    NAMES[day],
                    NAMES[next],
                    format_interval(*first)
                ));
            }
        }
    }
    Ok(())
}

/// `08:00-18:00`, or `22:00-02:00+1` past midnight.
pub fn format_interval(interval: Interval) -> String {
    let show = |m: u16| format!("{:02}:{:02}", (m % DAY) / 60, m % 60);
    let suffix = if interval.end > DAY { "+1" } else { "" };
    format!("{}-{}{suffix}", show(interval.start), show(interval.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(toml_text: &str) -> Result<Schedule, String> {
        let config: ScheduleConfig = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        Schedule::parse(&config)
    }

    fn warsaw() -> Schedule {
        schedule(
            r#"
            timezone = "Europe/Warsaw"
            monday = "08:00-18:00"
            tuesday = "08:00-18:00"
            wednesday = "08:00-18:00"
            thursday = "08:00-18:00"
            friday = ["08:00-12:00", "13:00-02:00+1"]
            saturday = "09:00-14:00"
            holidays = ["2026-12-25"]
            special = [{ date = "2026-12-24", hours = "08:00-12:00" }]
            "#,
        )
        .unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn describe(status: Status) -> String {
        match status {
            Status::Open { closes } => {
                format!("open until {}", closes.strftime("%Y-%m-%d %H:%M %Z"))
            }
            Status::Closed { opens: Some(opens) } => {
                format!("closed until {}", opens.strftime("%Y-%m-%d %H:%M %Z"))
            }
            Status::Closed { opens: None } => "closed".into(),
        }
    }

    #[test]
    fn status_cases() {
        let s = warsaw();
        let cases = [
            // A Monday morning in winter (UTC+1).
            ("2026-11-23T07:30:00Z", "open until 2026-11-23 18:00 CET"),
            ("2026-11-23T06:59:00Z", "closed until 2026-11-23 08:00 CET"),
            // Friday lunch break, then the evening shift that runs past midnight.
            ("2026-11-27T11:30:00Z", "closed until 2026-11-27 13:00 CET"),
            ("2026-11-27T23:30:00Z", "open until 2026-11-28 02:00 CET"),
            ("2026-11-28T00:59:00Z", "open until 2026-11-28 02:00 CET"),
            ("2026-11-28T01:00:00Z", "closed until 2026-11-28 09:00 CET"),
            // Saturday after closing: Sunday is closed, Monday opens.
            ("2026-11-28T14:00:00Z", "closed until 2026-11-30 08:00 CET"),
            // Christmas Eve's short day and Christmas Day's holiday.
            ("2026-12-24T10:59:00Z", "open until 2026-12-24 12:00 CET"),
            ("2026-12-24T11:00:00Z", "closed until 2026-12-26 09:00 CET"),
            // The Monday after the spring change to summer time (UTC+2).
            ("2026-03-30T06:00:00Z", "open until 2026-03-30 18:00 CEST"),
            ("2026-03-30T05:59:00Z", "closed until 2026-03-30 08:00 CEST"),
            // The night of the autumn change (Sunday 25 October): Monday opens in winter time.
            ("2026-10-24T23:59:00Z", "closed until 2026-10-26 08:00 CET"),
            // Friday 23 October's late shift ends at 02:00 summer time, 00:00 UTC.
            ("2026-10-23T23:59:00Z", "open until 2026-10-24 02:00 CEST"),
        ];
        for (now, expected) in cases {
            assert_eq!(describe(s.status_at(at(now))), expected, "{now}");
        }
    }

    #[test]
    fn riyadh_has_no_daylight_saving() {
        let s = schedule("timezone = \"Asia/Riyadh\"\nsunday = \"09:00-17:00\"\n").unwrap();
        assert_eq!(
            describe(s.status_at(at("2026-11-29T06:00:00Z"))),
            "open until 2026-11-29 17:00 +03"
        );
        assert_eq!(
            describe(s.status_at(at("2026-11-29T14:00:00Z"))),
            "closed until 2026-12-06 09:00 +03"
        );
    }

    #[test]
    fn a_schedule_without_hours_never_opens() {
        let s = schedule("timezone = \"UTC\"\n").unwrap();
        assert_eq!(describe(s.status_at(at("2026-11-29T06:00:00Z"))), "closed");
    }

    #[test]
    fn mistakes_name_the_key_and_the_value() {
        let cases = [
            ("timezone = \"Europe/Warsow\"", "timezone: `Europe/Warsow` is not an IANA time zone"),
            ("timezone = \"UTC\"\nmonday = \"18:00-08:00\"", "monday: `18:00-08:00` ends before it starts; write `18:00-08:00+1`"),
            ("timezone = \"UTC\"\ntuesday = [\"08:00-12:00\", \"11:00-15:00\"]", "tuesday: 08:00-12:00 and 11:00-15:00 overlap"),
            ("timezone = \"UTC\"\nfriday = \"9-17\"", "friday: `9` in `9-17` is not a time"),
            ("timezone = \"UTC\"\nfriday = \"09:00-25:00\"", "friday: `25:00` in `09:00-25:00` is not a time"),
            ("timezone = \"UTC\"\nmonday = \"20:00-09:00+1\"\ntuesday = \"08:00-17:00\"", "monday: its hours past midnight overlap tuesday's 08:00-17:00"),
            ("timezone = \"UTC\"\nholidays = [\"2026-02-30\"]", "holidays[0]: `2026-02-30` is not a date"),
            ("timezone = \"UTC\"\nspecial = [{ date = \"2026-12-24\", hours = \"12:00-10:00\" }]", "special[0].hours: `12:00-10:00` ends before it starts"),
        ];
        for (text, expected) in cases {
            let err = schedule(text).unwrap_err();
            assert!(err.contains(expected), "{text}\n  got {err}");
        }
    }

    #[test]
    fn whole_day_and_closed_are_accepted() {
        let s = schedule("timezone = \"UTC\"\nmonday = \"00:00-24:00\"\ntuesday = \"closed\"\n")
            .unwrap();
        assert_eq!(s.week[0], vec![Interval { start: 0, end: DAY }]);
        assert!(s.week[1].is_empty());
    }
}

#[cfg(test)]
mod shared_vectors {
    //! The cases the browser's `hours.js` runs too, so the two cannot drift apart.

    use super::*;

    fn vectors() -> serde_json::Value {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/hours.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn parsed_schedules_match_what_the_browser_gets() {
        let vectors = vectors();
        for (name, schedule) in vectors["schedules"].as_object().unwrap() {
            let config: ScheduleConfig =
                serde_json::from_value(schedule["config"].clone()).unwrap();
            let parsed = serde_json::to_value(Schedule::parse(&config).unwrap()).unwrap();
            assert_eq!(parsed, schedule["parsed"], "{name}");
        }
    }

    #[test]
    fn statuses_match_the_shared_cases() {
        let vectors = vectors();
        for case in vectors["cases"].as_array().unwrap() {
            let schedule = &vectors["schedules"][case["schedule"].as_str().unwrap()];
            let config: ScheduleConfig =
                serde_json::from_value(schedule["config"].clone()).unwrap();
            let now: Timestamp = case["now"].as_str().unwrap().parse().unwrap();
            let (open, change) = match Schedule::parse(&config).unwrap().status_at(now) {
                Status::Open { closes } => (true, Some(closes.timestamp().to_string())),
                Status::Closed { opens } => (false, opens.map(|o| o.timestamp().to_string())),
            };
            assert_eq!(open, case["open"].as_bool().unwrap(), "{case}");
            assert_eq!(change.as_deref(), case["change"].as_str(), "{case}");
        }
    }
}
