// Calendar arithmetic on local calendar dates ('YYYY-MM-DD') of the organisation: ISO weeks,
// fiscal years and quarters, and the buckets (day, week, month, quarter, year) that reports
// group by. Dates carry no time zone here; the query layer maps them to instants in the
// organisation's time zone when it builds SQL.
//
// Fiscal conventions (setting fiscal_year_start_month, 1 = calendar year):
// - A fiscal year is named by the calendar year in which it ENDS: with an April start,
//   fiscal year 2026 is [2025-04-01, 2026-04-01). With a January start it is the calendar year.
// - Fiscal quarters are the four three-month blocks from the fiscal year's start:
//   with an April start, 2026-Q1 is [2025-04-01, 2025-07-01) and 2026-Q4 is [2026-01-01, 2026-04-01).
// Weeks are ISO weeks: they start on Monday and belong to the ISO week-year of their Thursday,
// so 2026-W01 is [2025-12-29, 2026-01-05) and 2020-W53 is [2020-12-28, 2021-01-04).

export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonth {
  year: number;
  month: number;
}

/** Days since 1970-01-01 of a calendar date (month and day may overflow, as with Date). */
function dayNumberOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function dateOfDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function daysInMonth(year: number, month: number): number {
  return dayNumberOf(year, month + 1, 1) - dayNumberOf(year, month, 1);
}

/** True for a real calendar date written 'YYYY-MM-DD' (years 0001 to 9999). */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Year, month and day of a date already known to be valid. */
export function partsOf(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function dayNumber(date: string): number {
  const { year, month, day } = partsOf(date);
  return dayNumberOf(year, month, day);
}

export function addDays(date: string, n: number): string {
  return dateOfDayNumber(dayNumber(date) + n);
}

/** Number of days from a to b (b − a): daysBetween('2026-01-01', '2026-01-31') is 30. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addMonths(ym: YearMonth, n: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + n;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** The same day of the month n months away, clamped to that month's last day (2026-03-31 − 1 month = 2026-02-28). */
export function shiftMonthsClamped(date: string, n: number): string {
  const { year, month, day } = partsOf(date);
  const target = addMonths({ year, month }, n);
  return formatDate(target.year, target.month, Math.min(day, daysInMonth(target.year, target.month)));
}

export function firstOfMonth(ym: YearMonth): string {
  return formatDate(ym.year, ym.month, 1);
}

// ---- ISO weeks ----

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isoWeekOf(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = partsOf(thursday).year;
  const week = Math.floor(daysBetween(formatDate(year, 1, 1), thursday) / 7) + 1;
  return { year, week };
}

/** Monday of ISO week `week` of ISO week-year `year` (week 1 holds January 4). */
export function isoWeekStart(year: number, week: number): string {
  const jan4 = formatDate(year, 1, 4);
  return addDays(jan4, 1 - isoWeekday(jan4) + (week - 1) * 7);
}

/** 52 or 53: a year has 53 ISO weeks when December 28 falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(formatDate(year, 12, 28)).week;
}

// ---- Fiscal years and quarters ----

/** The fiscal year (named by its end year) that a date falls in. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const { year, month } = partsOf(date);
  return startMonth > 1 && month >= startMonth ? year + 1 : year;
}

/** First month of fiscal year `fy`. */
export function fiscalYearStart(fy: number, startMonth: number): YearMonth {
  return { year: startMonth === 1 ? fy : fy - 1, month: startMonth };
}

export function fiscalQuarterOf(date: string, startMonth: number): { year: number; quarter: number } {
  const monthsIn = (partsOf(date).month - startMonth + 12) % 12;
  return { year: fiscalYearOf(date, startMonth), quarter: Math.floor(monthsIn / 3) + 1 };
}

/** First month of quarter `quarter` (1–4) of fiscal year `fy`. */
export function fiscalQuarterStart(fy: number, quarter: number, startMonth: number): YearMonth {
  return addMonths(fiscalYearStart(fy, startMonth), (quarter - 1) * 3);
}

// ---- Buckets ----

const MONTHS_PER_BUCKET: Partial<Record<Grain, number>> = { month: 1, quarter: 3, year: 12 };

/** First day of the bucket of `grain` that contains `date`. */
export function bucketStart(date: string, grain: Grain, startMonth: number): string {
  const { year, month } = partsOf(date);
  switch (grain) {
    case 'day':
      return date;
    case 'week':
      return addDays(date, 1 - isoWeekday(date));
    case 'month':
      return firstOfMonth({ year, month });
    case 'quarter': {
      const q = fiscalQuarterOf(date, startMonth);
      return firstOfMonth(fiscalQuarterStart(q.year, q.quarter, startMonth));
    }
    case 'year':
      return firstOfMonth(fiscalYearStart(fiscalYearOf(date, startMonth), startMonth));
  }
}

/** First day of the next bucket, given the first day of a bucket. */
export function nextBucketStart(start: string, grain: Grain): string {
  if (grain === 'day') return addDays(start, 1);
  if (grain === 'week') return addDays(start, 7);
  const { year, month } = partsOf(start);
  return firstOfMonth(addMonths({ year, month }, MONTHS_PER_BUCKET[grain] ?? 1));
}

/** Months in a bucket of a month-based grain; undefined for day and week. */
export function monthsPerBucket(grain: Grain): number | undefined {
  return MONTHS_PER_BUCKET[grain];
}

/** Label of the bucket that contains `date`: 2026-10-05, 2026-W41, 2026-10, 2026-Q3, 2026. */
export function labelOf(date: string, grain: Grain, startMonth: number): string {
  switch (grain) {
    case 'day':
      return date;
    case 'week': {
      const w = isoWeekOf(date);
      return `${pad(w.year, 4)}-W${pad(w.week, 2)}`;
    }
    case 'month':
      return date.slice(0, 7);
    case 'quarter': {
      const q = fiscalQuarterOf(date, startMonth);
      return `${pad(q.year, 4)}-Q${q.quarter}`;
    }
    case 'year':
      return pad(fiscalYearOf(date, startMonth), 4);
  }
}
