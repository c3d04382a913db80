// Reporting periods: what `--period`, `--from/--to` and the comparison options mean.
//
// A period is a half-open range of LOCAL calendar dates [start, end) in the organisation's
// time zone: start is included, end is not. `asOf` is the "today" of the query.
// Fiscal years are named by the year they end in; fiscal quarters count from the fiscal year's
// start; weeks are ISO weeks (see calendar.ts).
//
// Presets (asOf 2026-11-23, calendar fiscal year):
// - today = [asOf, asOf+1); yesterday = the day before.
// - this_week / this_month / this_quarter / this_year are the WHOLE current period, e.g.
//   this_month = [2026-11-01, 2026-12-01): data after asOf simply does not exist yet.
//   last_week / last_month / last_quarter / last_year are the whole period before it.
// - mtd / qtd / ytd run from the start of the current month / fiscal quarter / fiscal year
//   to asOf inclusive: ytd = [2026-01-01, 2026-11-24).
// - last_N_days (N = 7, 30, 90, 365 or any N ≥ 1) is N days ending with asOf inclusive:
//   last_30_days = [2026-10-25, 2026-11-24).
// Explicit forms: 2026 (fiscal year), 2026-Q3 (fiscal quarter), 2026-10 (month), 2026-W41 (ISO
// week), 2026-10-05 (day), 2026-01-01..2026-01-31 (custom range, both dates inclusive).
//
// Comparisons:
// - previousPeriod of a whole day/week/month/quarter/year is the one before it. Of mtd/qtd/ytd
//   it is the same stretch of the previous month/quarter/year: from its start to the same day of
//   the month (clamped to the month's length), or to the end of the month when the current one
//   ends with a whole month: mtd as of 03-15 → [02-01, 02-16); as of 03-30 or 03-31 →
//   [02-01, 03-01); qtd as of 05-31 → [01-01, 03-01). For ytd this equals previousYear.
//   Any other range (last_N_days, custom): the same number of days immediately before.
// - previousYear: the same dates one year earlier (Feb 29 → Feb 28), except that a range of whole
//   months maps to the same whole months (a February stays complete). A week maps to the week
//   with the same ISO number in the previous week-year (W53 → W52 when that year has none), so
//   weekdays line up.
import { UserError } from '../util/errors.js';
import {
  type Grain,
  addDays,
  bucketStart,
  daysBetween,
  fiscalQuarterStart,
  fiscalYearStart,
  firstOfMonth,
  isoWeekOf,
  isoWeekStart,
  isoWeeksInYear,
  isValidDate,
  labelOf,
  monthsPerBucket,
  nextBucketStart,
  shiftMonthsClamped,
} from './calendar.js';

export type { Grain } from './calendar.js';
export { addDays, daysBetween, isValidDate } from './calendar.js';

export interface Period {
  start: string;
  end: string;
  label: string;
  grain: Grain | 'custom';
  /** Set on mtd/qtd/ytd (and their comparisons): the period runs from the start of this bucket to a day inside it. */
  toDate?: 'month' | 'quarter' | 'year';
}

export interface CalendarSettings {
  fiscalYearStartMonth: number;
  asOf: string;
}

const FORMS = 'a fiscal year (2026), a fiscal quarter (2026-Q3), a month (2026-10), an ISO week (2026-W41), a day (2026-10-05) or a range (2026-01-01..2026-01-31)';

export class PeriodError extends UserError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('bad_argument', message, details);
    this.name = 'PeriodError';
  }
}

type Preset = (cal: CalendarSettings) => Period;

const PRESETS: Record<string, Preset> = {
  today: (c) => bucketAt(c.asOf, 'day', c),
  yesterday: (c) => bucketAt(addDays(c.asOf, -1), 'day', c),
  this_week: (c) => bucketAt(c.asOf, 'week', c),
  last_week: (c) => previousBucket(c.asOf, 'week', c),
  this_month: (c) => bucketAt(c.asOf, 'month', c),
  last_month: (c) => previousBucket(c.asOf, 'month', c),
  this_quarter: (c) => bucketAt(c.asOf, 'quarter', c),
  last_quarter: (c) => previousBucket(c.asOf, 'quarter', c),
  this_year: (c) => bucketAt(c.asOf, 'year', c),
  last_year: (c) => previousBucket(c.asOf, 'year', c),
  ytd: (c) => toDate(c.asOf, 'year', c),
  qtd: (c) => toDate(c.asOf, 'quarter', c),
  mtd: (c) => toDate(c.asOf, 'month', c),
  last_7_days: (c) => lastDays(7, c),
  last_30_days: (c) => lastDays(30, c),
  last_90_days: (c) => lastDays(90, c),
  last_365_days: (c) => lastDays(365, c),
};

/** The accepted preset names, for help texts and error messages. */
export function periodIdentifiers(): string[] {
  return Object.keys(PRESETS);
}

function expected(spec: string, problem: string): PeriodError {
  return new PeriodError(`period "${spec}": ${problem}; expected one of ${periodIdentifiers().join(', ')}, or ${FORMS}`, {
    period: spec,
    accepted: periodIdentifiers(),
  });
}

function checkCalendar(cal: CalendarSettings): void {
  const m = cal.fiscalYearStartMonth;
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new PeriodError(`fiscal year start month ${m} is not a month; expected 1 to 12`);
  if (!isValidDate(cal.asOf)) throw new PeriodError(`as-of date "${cal.asOf}" is not a date; expected YYYY-MM-DD`);
}

export function parsePeriod(spec: string, cal: CalendarSettings): Period {
  checkCalendar(cal);
  const s = spec.trim().toLowerCase();
  const preset = PRESETS[s];
  if (preset) return preset(cal);
  const lastN = /^last_(\d+)_days$/.exec(s);
  if (lastN) return lastNDays(spec, Number(lastN[1]), cal);
  const between = /^(\S+)\.\.(\S+)$/.exec(spec.trim());
  if (between) return customPeriod(between[1], between[2]);
  return parseExplicit(spec, s.toUpperCase(), cal);
}

function parseExplicit(spec: string, s: string, cal: CalendarSettings): Period {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})/.exec(s)) && Number(m[1]) < 1000) throw expected(spec, 'years are 1000 to 9999');
  if ((m = /^(\d{4})$/.exec(s))) return bucketAt(firstOfMonth(fiscalYearStart(Number(m[1]), cal.fiscalYearStartMonth)), 'year', cal);
  if ((m = /^(\d{4})-Q(\d)$/.exec(s))) {
    const q = Number(m[2]);
    if (q < 1 || q > 4) throw expected(spec, `there is no quarter Q${q} (quarters are Q1 to Q4)`);
    return bucketAt(firstOfMonth(fiscalQuarterStart(Number(m[1]), q, cal.fiscalYearStartMonth)), 'quarter', cal);
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(s))) return isoWeek(spec, Number(m[1]), Number(m[2]), cal);
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    if (Number(m[2]) < 1 || Number(m[2]) > 12) throw expected(spec, `there is no month ${m[2]} (months are 01 to 12)`);
    return bucketAt(`${s}-01`, 'month', cal);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    if (!isValidDate(s)) throw expected(spec, `${s} is not a date in the calendar`);
    return bucketAt(s, 'day', cal);
  }
  throw expected(spec, 'not a period');
}

function isoWeek(spec: string, year: number, week: number, cal: CalendarSettings): Period {
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) throw expected(spec, `${year} has ${weeks} ISO weeks (W01 to W${weeks})`);
  return bucketAt(isoWeekStart(year, week), 'week', cal);
}

function lastNDays(spec: string, n: number, cal: CalendarSettings): Period {
  if (n < 1 || n > 100_000) throw expected(spec, 'the number of days must be 1 to 100000');
  return lastDays(n, cal);
}

function lastDays(n: number, cal: CalendarSettings): Period {
  return range(addDays(cal.asOf, 1 - n), addDays(cal.asOf, 1));
}

/** --from/--to: both dates inclusive, from ≤ to. */
export function customPeriod(from: string, to: string): Period {
  for (const [name, d] of [['from', from], ['to', to]]) {
    if (!isValidDate(d)) throw new PeriodError(`${name} date "${d}" is not a date; expected YYYY-MM-DD, e.g. 2026-01-31`);
  }
  if (from > to) throw new PeriodError(`the range ${from}..${to} ends before it starts; expected from ≤ to`);
  return range(from, addDays(to, 1));
}

/** A custom period [start, end). */
function range(start: string, end: string, to?: Period['toDate']): Period {
  const p: Period = { start, end, label: `${start}..${addDays(end, -1)}`, grain: 'custom' };
  if (to) p.toDate = to;
  return p;
}

function bucketAt(date: string, grain: Grain, cal: CalendarSettings): Period {
  const start = bucketStart(date, grain, cal.fiscalYearStartMonth);
  return { start, end: nextBucketStart(start, grain), label: labelOf(start, grain, cal.fiscalYearStartMonth), grain };
}

function toDate(asOf: string, grain: 'month' | 'quarter' | 'year', cal: CalendarSettings): Period {
  return range(bucketStart(asOf, grain, cal.fiscalYearStartMonth), addDays(asOf, 1), grain);
}

function isWholeBucket(p: Period, grain: Grain, cal: CalendarSettings): boolean {
  return bucketStart(p.start, grain, cal.fiscalYearStartMonth) === p.start && nextBucketStart(p.start, grain) === p.end;
}

/** The whole bucket of `grain` before the one that contains `date`. */
function previousBucket(date: string, grain: Grain, cal: CalendarSettings): Period {
  return bucketAt(addDays(bucketStart(date, grain, cal.fiscalYearStartMonth), -1), grain, cal);
}

export function previousPeriod(p: Period, cal: CalendarSettings): Period {
  checkRange(p);
  if (p.grain !== 'custom' && isWholeBucket(p, p.grain, cal)) return previousBucket(p.start, p.grain, cal);
  if (p.toDate && bucketStart(p.start, p.toDate, cal.fiscalYearStartMonth) === p.start) return previousToDate(p, p.toDate);
  return range(addDays(p.start, -daysBetween(p.start, p.end)), p.start);
}

/** Same stretch of the previous month/quarter/year; the whole of it when p is complete. */
function previousToDate(p: Period, grain: 'month' | 'quarter' | 'year'): Period {
  const shifted = shiftMonths(p, -(monthsPerBucket(grain) ?? 1));
  return range(shifted.start, shifted.end, grain);
}

export function previousYear(p: Period, cal: CalendarSettings): Period {
  checkRange(p);
  if (p.grain === 'week') {
    const shift = weekYearShift(p.start);
    const start = addDays(p.start, shift);
    return { start, end: addDays(p.end, shift), label: labelOf(start, 'week', cal.fiscalYearStartMonth), grain: 'week' };
  }
  const { start, end } = shiftMonths(p, -12);
  if (p.grain === 'custom') return range(start, end, p.toDate);
  return { start, end, label: labelOf(start, p.grain, cal.fiscalYearStartMonth), grain: p.grain };
}

/**
 * Moves a range n months: whole months stay whole months (so February stays complete in a
 * leap year); otherwise each end keeps its day of the month, clamped to the month's length.
 */
function shiftMonths(p: Period, n: number): { start: string; end: string } {
  const start = shiftMonthsClamped(p.start, n);
  if (p.start.endsWith('-01') && p.end.endsWith('-01')) return { start, end: shiftMonthsClamped(p.end, n) };
  return { start, end: addDays(shiftMonthsClamped(addDays(p.end, -1), n), 1) };
}

/** Days from the week of `date` to the week with the same ISO number a week-year earlier. */
function weekYearShift(date: string): number {
  const w = isoWeekOf(date);
  const target = isoWeekStart(w.year - 1, Math.min(w.week, isoWeeksInYear(w.year - 1)));
  return daysBetween(isoWeekStart(w.year, w.week), target);
}

function checkRange(p: Period): void {
  if (!isValidDate(p.start) || !isValidDate(p.end) || p.start >= p.end) {
    throw new PeriodError(`period [${p.start}, ${p.end}) is not a range of dates; expected a start before the end, both YYYY-MM-DD`);
  }
}

/** Consecutive buckets of `grain` covering p, the first and last clipped to p; each keeps its bucket's label. */
export function bucketsOf(p: Period, grain: Grain, cal: CalendarSettings): Period[] {
  checkRange(p);
  const out: Period[] = [];
  for (let start = p.start; start < p.end; ) {
    const next = nextBucketStart(bucketStart(start, grain, cal.fiscalYearStartMonth), grain);
    const end = next < p.end ? next : p.end;
    out.push({ start, end, label: labelOf(start, grain, cal.fiscalYearStartMonth), grain });
    start = end;
  }
  return out;
}

/** Label of the bucket of `grain` that contains `date`. */
export function bucketLabel(date: string, grain: Grain, cal: CalendarSettings): string {
  if (!isValidDate(date)) throw new PeriodError(`"${date}" is not a date; expected YYYY-MM-DD`);
  return labelOf(date, grain, cal.fiscalYearStartMonth);
}
