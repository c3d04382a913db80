// The demo calendar: local days from the first day of data to asOf in the organisation's time
// zone, months, and the formatting of dates and UTC timestamps.
//
// Time inside the generator is a number `r` of local days since the first day of data (day 0).
// Business events are placed in office hours: the fraction of the day maps onto 08:00–18:00
// local time, a monotonic map, so events keep their order when formatted.
import { UserError } from '../util/errors.js';

const MS_DAY = 86_400_000;
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** 'Thh:mm:00Z' for every minute of a day. */
const TIME_OF_DAY = Array.from({ length: 1440 }, (_, m) => `T${TWO[Math.floor(m / 60)]}:${TWO[m % 60]}:00Z`);
const OFFICE_START = 8 / 24;
const OFFICE_SPAN = 10 / 24;

export interface Month {
  /** First local day (index) of the month. */
  start: number;
  /** Day index after the month's last day with data (at most `numDays`). */
  end: number;
  /** Day index after the calendar month's last day (may lie after asOf). */
  calendarEnd: number;
  year: number;
  /** 1–12. */
  month: number;
}

function utcDateString(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${TWO[d.getUTCMonth() + 1]}-${TWO[d.getUTCDate()]}`;
}

function parseDate(text: string): { y: number; m: number; d: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return { y, m: mo, d };
  }
  throw new UserError('bad_argument', `asOf: "${text}" is not a date; expected YYYY-MM-DD like 2026-03-31`);
}

function offsetReader(timeZone: string): (utcMs: number) => number {
  if (timeZone === 'UTC') return () => 0;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new UserError('bad_argument', `timezone: "${timeZone}" is not an IANA time zone; expected a name like Europe/Berlin or UTC`);
  }
  return (utcMs) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
    return wall - Math.floor(utcMs / 1000) * 1000;
  };
}

export class Calendar {
  readonly numDays: number;
  readonly months: Month[] = [];
  /** UTC instant (ms) of local midnight for days 0..numDays. */
  private readonly dayStartMs: Float64Array;
  private readonly startUtcDate: number;
  private readonly dayOfWeek: Uint8Array;
  private readonly monthOfDay: Uint16Array;
  private readonly dateCache: string[];
  private readonly utcDateCache: string[] = [];
  private readonly utcDayBase: number;

  constructor(asOf: string, monthCount: number, timeZone: string) {
    const end = parseDate(asOf);
    const first = new Date(Date.UTC(end.y, end.m - 1 - (monthCount - 1), 1));
    this.startUtcDate = first.getTime();
    this.numDays = Math.round((Date.UTC(end.y, end.m - 1, end.d) - this.startUtcDate) / MS_DAY) + 1;
    const offset = offsetReader(timeZone);
    this.dayStartMs = new Float64Array(this.numDays + 2);
    for (let d = 0; d < this.numDays + 2; d++) {
      const wall = this.startUtcDate + d * MS_DAY;
      let t = wall - offset(wall);
      t = wall - offset(t);
      this.dayStartMs[d] = t;
    }
    this.utcDayBase = Math.floor(this.dayStartMs[0] / MS_DAY) - 2;
    this.dayOfWeek = new Uint8Array(this.numDays);
    this.monthOfDay = new Uint16Array(this.numDays);
    this.dateCache = new Array<string>(this.numDays);
    for (let d = 0; d < this.numDays; d++) {
      const date = new Date(this.startUtcDate + d * MS_DAY);
      this.dayOfWeek[d] = date.getUTCDay();
      this.dateCache[d] = utcDateString(date.getTime());
    }
    for (let i = 0; i < monthCount; i++) {
      const ms = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1);
      const next = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i + 1, 1);
      const start = Math.round((ms - this.startUtcDate) / MS_DAY);
      const calendarEnd = Math.round((next - this.startUtcDate) / MS_DAY);
      const dm = new Date(ms);
      this.months.push({ start, end: Math.min(calendarEnd, this.numDays), calendarEnd, year: dm.getUTCFullYear(), month: dm.getUTCMonth() + 1 });
      for (let d = start; d < Math.min(calendarEnd, this.numDays); d++) this.monthOfDay[d] = i;
    }
  }

  /** Local date 'YYYY-MM-DD' of a day index (any integer, also before day 0). */
  date(day: number): string {
    if (day >= 0 && day < this.numDays) return this.dateCache[day];
    return utcDateString(this.startUtcDate + day * MS_DAY);
  }

  /** 0 = Sunday … 6 = Saturday, for days inside the data range. */
  weekday(day: number): number {
    return this.dayOfWeek[day];
  }

  /** Index of the month a day (inside the data range) belongs to. */
  monthOf(day: number): number {
    return this.monthOfDay[day];
  }

  isWeekend(day: number): boolean {
    const w = this.dayOfWeek[day];
    return w === 0 || w === 6;
  }

  /** UTC instant of raw time r, placed in office hours of its local day. */
  instantMs(r: number): number {
    const d = Math.floor(r);
    const local = OFFICE_START + (r - d) * OFFICE_SPAN;
    const start = this.dayStartMs[d];
    return start + local * (this.dayStartMs[d + 1] - start);
  }

  /** ISO 8601 UTC timestamp ('2026-03-31T14:05:00Z') of raw time r (r must lie before numDays). */
  stamp(r: number): string {
    const minute = Math.floor(this.instantMs(r) / 60_000);
    const utcDay = Math.floor(minute / 1440);
    const i = utcDay - this.utcDayBase;
    let date = this.utcDateCache[i];
    if (date === undefined) {
      date = utcDateString(utcDay * MS_DAY);
      this.utcDateCache[i] = date;
    }
    return date + TIME_OF_DAY[minute - utcDay * 1440];
  }

  /** Whole calendar months between two day indexes (fractional, 30.44 days a month). */
  static monthsBetween(a: number, b: number): number {
    return (b - a) / 30.44;
  }
}
