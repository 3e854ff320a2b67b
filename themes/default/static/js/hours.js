// Opening-hours status in the shop's time zone, computed in the browser so that a cached
// static page still says "open" or "closed" correctly. The rules are the build's own
// (src/config/hours.rs); both run the cases in tests/vectors/hours.json.

const DAY = 24 * 60;
const MINUTE_MS = 60 * 1000;

const partsFormatters = new Map();

/** The wall-clock date (YYYY-MM-DD) and minute of the day of `ms` in `timeZone`. */
export function localTime(ms, timeZone) {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    partsFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday is 0, as in the schedule's week. */
function weekdayIndex(date) {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function intervalsOn(schedule, date) {
  if (schedule.special && schedule.special[date]) return schedule.special[date];
  if (schedule.holidays && schedule.holidays.includes(date)) return [];
  return schedule.week[weekdayIndex(date)] || [];
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
function zoneOffset(ms, timeZone) {
  const { date, minute } = localTime(ms, timeZone);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE_MS;
  return asUtc - Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * The instant of `minutes` after local midnight of `date` in `timeZone`. A wall time that
 * daylight saving skips resolves to the instant after the gap, as the build does.
 */
export function instantOf(date, minutes, timeZone) {
  const wall = Date.parse(`${addDays(date, Math.floor(minutes / DAY))}T00:00:00Z`) + (minutes % DAY) * MINUTE_MS;
  const before = wall - zoneOffset(wall - 12 * 60 * MINUTE_MS, timeZone);
  const after = wall - zoneOffset(wall + 12 * 60 * MINUTE_MS, timeZone);
  const candidates = [before, after].filter((t) => {
    const local = localTime(t, timeZone);
    return Date.parse(`${local.date}T00:00:00Z`) + local.minute * MINUTE_MS === wall;
  });
  return candidates.length ? Math.min(...candidates) : Math.max(before, after);
}

/** `{ open: true, change }` or `{ open: false, change }`; `change` is an epoch ms or null. */
export function statusAt(schedule, nowMs) {
  const zone = schedule.timezone;
  const { date: today, minute } = localTime(nowMs, zone);
  const yesterday = addDays(today, -1);
  for (const interval of intervalsOn(schedule, yesterday)) {
    if (interval.end > DAY && minute < interval.end - DAY) {
      return { open: true, change: instantOf(yesterday, interval.end, zone) };
    }
  }
  for (const interval of intervalsOn(schedule, today)) {
    if (interval.start <= minute && minute < interval.end) {
      return { open: true, change: instantOf(today, interval.end, zone) };
    }
  }
  for (let offset = 0; offset < 15; offset += 1) {
    const date = addDays(today, offset);
    const starts = intervalsOn(schedule, date).map((i) => i.start).filter((s) => offset > 0 || s > minute);
    if (starts.length) return { open: false, change: instantOf(date, Math.min(...starts), zone) };
  }
  return { open: false, change: null };
}
