/**
 * Time-condition rules, evaluated exactly as the compiled dialplan evaluates them, so the dry run
 * and a real call cannot disagree:
 *
 * - Holidays first. A holiday is an inclusive range of local dates; the compiled dialplan checks
 *   the year with STRFTIME and the month and days with GotoIfTime, one line per month the range
 *   touches. A holiday always sends the call to "unmatched" (the office is closed).
 * - Then the weekly rules: GotoIfTime(<start>-<end>,<days>,*,*,<timezone>). As in Asterisk
 *   (main/pbx_timing.c), the end minute is included: 09:00-16:59 is open until 17:00.
 * - Local time comes from the IANA zone in settings (general.timezone), DST included.
 */
export type ScheduleRule = { days: number[]; start: string; end: string };
export type HolidayRange = { name: string; start: string; end: string };

export type LocalTime = {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
  /** YYYY-MM-DD */
  date: string;
};

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour) % 24;
  return {
    year,
    month,
    day,
    weekday: WEEKDAYS.indexOf(String(parts.weekday)),
    minute: hour * 60 + Number(parts.minute),
    date: `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`,
  };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Asterisk's time range: from start to end inclusive, wrapping past midnight when end < start. */
export function inTimeRange(minute: number, start: string, end: string): boolean {
  const s = minutesOf(start);
  const e = minutesOf(end);
  return s <= e ? minute >= s && minute <= e : minute >= s || minute <= e;
}

export type TimeConditionResult = { matched: boolean; holiday: HolidayRange | null };

export function evaluateTimeCondition(
  tc: { schedule: ScheduleRule[]; holidays: HolidayRange[] },
  at: Date,
  timeZone: string,
): TimeConditionResult {
  const t = localTime(at, timeZone);
  const holiday = tc.holidays.find((h) => h.start <= t.date && t.date <= h.end) ?? null;
  if (holiday) return { matched: false, holiday };
  const matched = tc.schedule.some(
    (r) => r.days.includes(t.weekday) && inTimeRange(t.minute, r.start, r.end),
  );
  return { matched, holiday: null };
}

export const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;

/** One GotoIfTime line of a holiday: a year, a month and a day range within it. */
export type HolidaySegment = { year: number; month: (typeof MONTH_NAMES)[number]; days: string };

/**
 * Splits an inclusive date range into per-month segments (GotoIfTime has no year and its day
 * range is within one month): 2026-12-24..2027-01-02 → 2026 dec 24-31, 2027 jan 1-2.
 */
export function holidaySegments(h: { start: string; end: string }): HolidaySegment[] {
  const [sy, sm, sd] = h.start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = h.end.split("-").map(Number) as [number, number, number];
  const out: HolidaySegment[] = [];
  let y = sy;
  let m = sm;
  // Bounded: validation caps a holiday at 366 days, so at most 13 segments.
  for (let guard = 0; guard < 400 && (y < ey || (y === ey && m <= em)); guard++) {
    const first = y === sy && m === sm ? sd : 1;
    const last = y === ey && m === em ? ed : daysInMonth(y, m);
    out.push({
      year: y,
      month: MONTH_NAMES[m - 1]!,
      days: first === last ? String(first) : `${first}-${last}`,
    });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date, YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
