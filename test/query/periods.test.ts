import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type CalendarSettings,
  type Grain,
  type Period,
  PeriodError,
  addDays,
  bucketLabel,
  bucketsOf,
  customPeriod,
  daysBetween,
  isValidDate,
  parsePeriod,
  periodIdentifiers,
  previousPeriod,
  previousYear,
} from '../../src/query/periods.js';
import { isUserError } from '../../src/util/errors.js';

const cal = (fiscalYearStartMonth: number, asOf = '2026-11-23'): CalendarSettings => ({ fiscalYearStartMonth, asOf });
const span = (p: Period): string => `${p.start}/${p.end}`;
const at = (spec: string, c: CalendarSettings): string => span(parsePeriod(spec, c));

// Expected ranges are [start, end) and were worked out by hand from a calendar.
type Case = [spec: string, range: string, label?: string];

function checkPresets(c: CalendarSettings, cases: Case[]): void {
  for (const [spec, range, label] of cases) {
    const p = parsePeriod(spec, c);
    expect(`${spec} ${span(p)}`).toBe(`${spec} ${range}`);
    if (label) expect(p.label).toBe(label);
  }
}

describe('presets as of Monday 2026-11-23', () => {
  it('calendar fiscal year', () => {
    checkPresets(cal(1), [
      ['today', '2026-11-23/2026-11-24', '2026-11-23'],
      ['yesterday', '2026-11-22/2026-11-23', '2026-11-22'],
      ['this_week', '2026-11-23/2026-11-30', '2026-W48'],
      ['last_week', '2026-11-16/2026-11-23', '2026-W47'],
      ['this_month', '2026-11-01/2026-12-01', '2026-11'],
      ['last_month', '2026-10-01/2026-11-01', '2026-10'],
      ['this_quarter', '2026-10-01/2027-01-01', '2026-Q4'],
      ['last_quarter', '2026-07-01/2026-10-01', '2026-Q3'],
      ['this_year', '2026-01-01/2027-01-01', '2026'],
      ['last_year', '2025-01-01/2026-01-01', '2025'],
      ['ytd', '2026-01-01/2026-11-24', '2026-01-01..2026-11-23'],
      ['qtd', '2026-10-01/2026-11-24'],
      ['mtd', '2026-11-01/2026-11-24'],
      ['last_7_days', '2026-11-17/2026-11-24', '2026-11-17..2026-11-23'],
      ['last_30_days', '2026-10-25/2026-11-24'],
      ['last_90_days', '2026-08-26/2026-11-24'],
      ['last_365_days', '2025-11-24/2026-11-24'],
    ]);
  });
  it('fiscal year starting in April (named by the year it ends)', () => {
    checkPresets(cal(4), [
      ['this_quarter', '2026-10-01/2027-01-01', '2027-Q3'],
      ['last_quarter', '2026-07-01/2026-10-01', '2027-Q2'],
      ['this_year', '2026-04-01/2027-04-01', '2027'],
      ['last_year', '2025-04-01/2026-04-01', '2026'],
      ['ytd', '2026-04-01/2026-11-24'],
      ['qtd', '2026-10-01/2026-11-24'],
      ['this_month', '2026-11-01/2026-12-01', '2026-11'],
    ]);
  });
  it('fiscal year starting in October', () => {
    checkPresets(cal(10), [
      ['this_quarter', '2026-10-01/2027-01-01', '2027-Q1'],
      ['last_quarter', '2026-07-01/2026-10-01', '2026-Q4'],
      ['this_year', '2026-10-01/2027-10-01', '2027'],
      ['last_year', '2025-10-01/2026-10-01', '2026'],
      ['ytd', '2026-10-01/2026-11-24'],
    ]);
  });
  it('lists the presets and accepts them in any case', () => {
    expect(periodIdentifiers()).toContain('last_365_days');
    expect(periodIdentifiers()).toHaveLength(17);
    expect(at(' This_Month ', cal(1))).toBe('2026-11-01/2026-12-01');
    expect(at('last_14_days', cal(1))).toBe('2026-11-10/2026-11-24');
  });
});

describe('presets at edge dates', () => {
  it('2026-01-01 (Thursday, in 2026-W01)', () => {
    checkPresets(cal(1, '2026-01-01'), [
      ['yesterday', '2025-12-31/2026-01-01'],
      ['this_week', '2025-12-29/2026-01-05', '2026-W01'],
      ['last_week', '2025-12-22/2025-12-29', '2025-W52'],
      ['last_month', '2025-12-01/2026-01-01', '2025-12'],
      ['this_quarter', '2026-01-01/2026-04-01', '2026-Q1'],
      ['last_quarter', '2025-10-01/2026-01-01', '2025-Q4'],
      ['ytd', '2026-01-01/2026-01-02'],
      ['last_7_days', '2025-12-26/2026-01-02'],
    ]);
    checkPresets(cal(4, '2026-01-01'), [
      ['this_quarter', '2026-01-01/2026-04-01', '2026-Q4'],
      ['this_year', '2025-04-01/2026-04-01', '2026'],
      ['ytd', '2025-04-01/2026-01-02'],
    ]);
    checkPresets(cal(10, '2026-01-01'), [
      ['this_quarter', '2026-01-01/2026-04-01', '2026-Q2'],
      ['last_quarter', '2025-10-01/2026-01-01', '2026-Q1'],
      ['ytd', '2025-10-01/2026-01-02'],
    ]);
  });
  it('2026-03-31 (end of a month and quarter)', () => {
    checkPresets(cal(1, '2026-03-31'), [
      ['this_week', '2026-03-30/2026-04-06', '2026-W14'],
      ['mtd', '2026-03-01/2026-04-01'],
      ['qtd', '2026-01-01/2026-04-01'],
    ]);
    checkPresets(cal(4, '2026-03-31'), [
      ['this_year', '2025-04-01/2026-04-01', '2026'],
      ['this_quarter', '2026-01-01/2026-04-01', '2026-Q4'],
      ['last_quarter', '2025-10-01/2026-01-01', '2026-Q3'],
      ['ytd', '2025-04-01/2026-04-01'],
    ]);
    checkPresets(cal(10, '2026-03-31'), [
      ['this_quarter', '2026-01-01/2026-04-01', '2026-Q2'],
      ['ytd', '2025-10-01/2026-04-01'],
    ]);
  });
  it('2024-02-29 (leap day)', () => {
    checkPresets(cal(1, '2024-02-29'), [
      ['today', '2024-02-29/2024-03-01'],
      ['this_week', '2024-02-26/2024-03-04', '2024-W09'],
      ['this_month', '2024-02-01/2024-03-01', '2024-02'],
      ['ytd', '2024-01-01/2024-03-01'],
      ['last_30_days', '2024-01-31/2024-03-01'],
      ['last_365_days', '2023-03-02/2024-03-01'],
    ]);
    checkPresets(cal(4, '2024-02-29'), [
      ['this_quarter', '2024-01-01/2024-04-01', '2024-Q4'],
      ['ytd', '2023-04-01/2024-03-01'],
    ]);
  });
  it('2026-12-31 (in 2026-W53)', () => {
    checkPresets(cal(1, '2026-12-31'), [
      ['this_week', '2026-12-28/2027-01-04', '2026-W53'],
      ['last_week', '2026-12-21/2026-12-28', '2026-W52'],
      ['this_month', '2026-12-01/2027-01-01'],
      ['ytd', '2026-01-01/2027-01-01'],
      ['last_365_days', '2026-01-01/2027-01-01'],
    ]);
    checkPresets(cal(4, '2026-12-31'), [
      ['this_year', '2026-04-01/2027-04-01', '2027'],
      ['this_quarter', '2026-10-01/2027-01-01', '2027-Q3'],
    ]);
    checkPresets(cal(10, '2026-12-31'), [['this_quarter', '2026-10-01/2027-01-01', '2027-Q1']]);
  });
});

describe('explicit periods', () => {
  it('fiscal years and quarters', () => {
    checkPresets(cal(1), [['2026', '2026-01-01/2027-01-01', '2026'], ['2026-Q3', '2026-07-01/2026-10-01', '2026-Q3']]);
    checkPresets(cal(4), [
      ['2026', '2025-04-01/2026-04-01', '2026'],
      ['2026-Q1', '2025-04-01/2025-07-01', '2026-Q1'],
      ['2026-q3', '2025-10-01/2026-01-01', '2026-Q3'],
      ['2026-Q4', '2026-01-01/2026-04-01'],
    ]);
    checkPresets(cal(10), [['2026', '2025-10-01/2026-10-01'], ['2026-Q1', '2025-10-01/2026-01-01'], ['2026-Q4', '2026-07-01/2026-10-01']]);
  });
  it('months, days and ranges', () => {
    checkPresets(cal(4), [
      ['2026-10', '2026-10-01/2026-11-01', '2026-10'],
      ['2026-12', '2026-12-01/2027-01-01'],
      ['2026-10-05', '2026-10-05/2026-10-06', '2026-10-05'],
      ['2026-01-01..2026-01-31', '2026-01-01/2026-02-01', '2026-01-01..2026-01-31'],
    ]);
    expect(bucketLabel('2026-10-05', 'week', cal(1))).toBe('2026-W41');
  });
  it('ISO weeks across year boundaries', () => {
    checkPresets(cal(1), [
      ['2026-W01', '2025-12-29/2026-01-05', '2026-W01'],
      ['2026-W10', '2026-03-02/2026-03-09'],
      ['2026-W53', '2026-12-28/2027-01-04', '2026-W53'],
      ['2027-w01', '2027-01-04/2027-01-11'],
      ['2020-W53', '2020-12-28/2021-01-04'],
      ['2015-W53', '2015-12-28/2016-01-04'],
    ]);
    expect(bucketLabel('2027-01-01', 'week', cal(1))).toBe('2026-W53');
    expect(bucketLabel('2021-01-03', 'week', cal(1))).toBe('2020-W53');
    expect(bucketLabel('2024-12-30', 'week', cal(1))).toBe('2025-W01');
  });
  it('rejects impossible and malformed periods with the accepted forms', () => {
    for (const bad of ['2026-13', '2026-00', '2026-02-30', '2026-Q5', '2026-Q0', '2026-W54', '2025-W53', '2021-W53', '2026-W00', 'garbage', '', 'last_0_days', 'next_month', '2026-1', '0999']) {
      let error: unknown;
      try {
        parsePeriod(bad, cal(1));
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(PeriodError);
      expect(isUserError(error)).toBe(true);
      expect((error as PeriodError).message).toMatch(/expected one of today, .*this_month.*2026-Q3.*2026-W41/);
    }
    expect(() => parsePeriod('2026-W54', cal(1))).toThrow('2026 has 53 ISO weeks');
    expect(() => parsePeriod('2026-02-30', cal(1))).toThrow('not a date');
    expect(() => parsePeriod('2026-Q5', cal(1))).toThrow('Q1 to Q4');
    expect(() => parsePeriod('today', cal(13))).toThrow(PeriodError);
    expect(() => parsePeriod('today', cal(1, '2026-02-29'))).toThrow(PeriodError);
  });
});

describe('custom periods', () => {
  it('turns inclusive dates into a half-open range', () => {
    expect(customPeriod('2026-01-01', '2026-01-31')).toEqual({ start: '2026-01-01', end: '2026-02-01', label: '2026-01-01..2026-01-31', grain: 'custom' });
    expect(span(customPeriod('2026-03-05', '2026-03-05'))).toBe('2026-03-05/2026-03-06');
  });
  it('rejects unreal dates and reversed ranges', () => {
    expect(() => customPeriod('2026-02-30', '2026-03-01')).toThrow(/from date "2026-02-30" is not a date/);
    expect(() => customPeriod('2026-02-01', '2026-1-31')).toThrow(/to date/);
    expect(() => customPeriod('2026-02-01', '2026-01-31')).toThrow(/ends before it starts/);
  });
});

describe('previous period', () => {
  const prev = (spec: string, c: CalendarSettings): string => span(previousPeriod(parsePeriod(spec, c), c));
  it('calendar buckets step back one bucket', () => {
    expect(prev('2026-03', cal(1))).toBe('2026-02-01/2026-03-01');
    expect(prev('2026-01', cal(1))).toBe('2025-12-01/2026-01-01');
    expect(prev('2026-W01', cal(1))).toBe('2025-12-22/2025-12-29');
    expect(prev('2027-W01', cal(1))).toBe('2026-12-28/2027-01-04');
    expect(prev('2026-Q1', cal(4))).toBe('2025-01-01/2025-04-01');
    expect(previousPeriod(parsePeriod('2026-Q1', cal(4)), cal(4)).label).toBe('2025-Q4');
    expect(prev('2026', cal(4))).toBe('2024-04-01/2025-04-01');
    expect(prev('today', cal(1, '2024-02-29'))).toBe('2024-02-28/2024-02-29');
    expect(prev('this_month', cal(1, '2026-03-15'))).toBe('2026-02-01/2026-03-01');
    expect(prev('this_week', cal(1))).toBe(at('last_week', cal(1)));
  });
  it('to-date periods compare with the same stretch of the previous one', () => {
    expect(prev('mtd', cal(1, '2026-03-15'))).toBe('2026-02-01/2026-02-16');
    expect(prev('mtd', cal(1, '2026-03-31'))).toBe('2026-02-01/2026-03-01');
    expect(prev('mtd', cal(1, '2026-03-30'))).toBe('2026-02-01/2026-03-01');
    expect(prev('mtd', cal(1, '2026-02-28'))).toBe('2026-01-01/2026-02-01');
    expect(prev('mtd', cal(1, '2024-02-29'))).toBe('2024-01-01/2024-02-01');
    expect(prev('mtd', cal(1))).toBe('2026-10-01/2026-10-24');
    expect(prev('qtd', cal(1))).toBe('2026-07-01/2026-08-24');
    expect(prev('qtd', cal(1, '2026-03-31'))).toBe('2025-10-01/2026-01-01');
    expect(prev('qtd', cal(1, '2026-05-31'))).toBe('2026-01-01/2026-03-01');
    expect(prev('qtd', cal(4, '2024-02-29'))).toBe('2023-10-01/2023-12-01');
    expect(prev('qtd', cal(1, '2026-04-30'))).toBe('2026-01-01/2026-02-01');
    expect(prev('qtd', cal(1, '2026-05-30'))).toBe('2026-01-01/2026-03-01');
    expect(prev('qtd', cal(1, '2026-03-30'))).toBe('2025-10-01/2025-12-31');
    expect(prev('ytd', cal(1))).toBe('2025-01-01/2025-11-24');
    expect(prev('ytd', cal(1, '2026-01-01'))).toBe('2025-01-01/2025-01-02');
    expect(prev('ytd', cal(1, '2024-02-29'))).toBe('2023-01-01/2023-03-01');
    expect(prev('ytd', cal(1, '2025-03-01'))).toBe('2024-01-01/2024-03-02');
    expect(prev('ytd', cal(1, '2026-12-31'))).toBe('2025-01-01/2026-01-01');
    expect(prev('ytd', cal(4, '2026-03-31'))).toBe('2024-04-01/2025-04-01');
    expect(prev('ytd', cal(4, '2024-02-29'))).toBe('2022-04-01/2023-03-01');
    expect(prev('ytd', cal(10, '2026-03-31'))).toBe('2024-10-01/2025-04-01');
    const twice = previousPeriod(previousPeriod(parsePeriod('mtd', cal(1)), cal(1)), cal(1));
    expect(span(twice)).toBe('2026-09-01/2026-09-24');
  });
  it('other ranges take the same number of days immediately before', () => {
    const p = previousPeriod(customPeriod('2026-01-01', '2026-01-31'), cal(1));
    expect(p).toEqual({ start: '2025-12-01', end: '2026-01-01', label: '2025-12-01..2025-12-31', grain: 'custom' });
    expect(prev('last_30_days', cal(1))).toBe('2026-09-25/2026-10-25');
    expect(prev('last_30_days', cal(1, '2024-02-29'))).toBe('2024-01-01/2024-01-31');
    expect(() => previousPeriod({ start: '2026-02-01', end: '2026-01-01', label: 'x', grain: 'custom' }, cal(1))).toThrow(PeriodError);
  });
});

describe('previous year', () => {
  const py = (spec: string, c: CalendarSettings): Period => previousYear(parsePeriod(spec, c), c);
  it('shifts dates by one year, Feb 29 becoming Feb 28', () => {
    expect(span(py('today', cal(1, '2024-02-29')))).toBe('2023-02-28/2023-03-01');
    expect(py('2024-02', cal(1))).toEqual({ start: '2023-02-01', end: '2023-03-01', label: '2023-02', grain: 'month' });
    expect(py('2026-Q1', cal(4))).toEqual({ start: '2024-04-01', end: '2024-07-01', label: '2025-Q1', grain: 'quarter' });
    expect(py('2026', cal(10)).label).toBe('2025');
    expect(span(py('ytd', cal(1)))).toBe('2025-01-01/2025-11-24');
    expect(span(py('ytd', cal(1, '2024-02-29')))).toBe('2023-01-01/2023-03-01');
    expect(span(py('last_30_days', cal(1, '2024-02-29')))).toBe('2023-01-31/2023-03-01');
    expect(previousYear(customPeriod('2024-02-01', '2024-02-29'), cal(1)).label).toBe('2023-02-01..2023-02-28');
    expect(previousYear(customPeriod('2024-02-10', '2024-02-29'), cal(1)).label).toBe('2023-02-10..2023-02-28');
  });
  it('keeps whole months whole', () => {
    expect(span(py('ytd', cal(1, '2025-02-28')))).toBe('2024-01-01/2024-03-01');
    expect(span(py('2085-Q1', cal(12)))).toBe('2083-12-01/2084-03-01');
    expect(span(py('2025-02', cal(1)))).toBe('2024-02-01/2024-03-01');
    expect(span(py('2025-02-28', cal(1)))).toBe('2024-02-28/2024-02-29');
  });
  it('maps a week to the same ISO week number a week-year earlier', () => {
    expect(py('this_week', cal(1, '2024-02-29'))).toEqual({ start: '2023-02-27', end: '2023-03-06', label: '2023-W09', grain: 'week' });
    expect(py('this_week', cal(1)).label).toBe('2025-W48');
    expect(span(py('2026-W53', cal(1)))).toBe('2025-12-22/2025-12-29');
    expect(span(py('2020-W53', cal(1)))).toBe('2019-12-23/2019-12-30');
  });
});

describe('buckets', () => {
  const labels = (ps: Period[]): string[] => ps.map((p) => `${p.label} ${span(p)}`);
  it('splits whole periods', () => {
    expect(bucketsOf(parsePeriod('2026-Q1', cal(1)), 'month', cal(1)).map((b) => b.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(labels(bucketsOf(parsePeriod('2026', cal(4)), 'quarter', cal(4)))).toEqual([
      '2026-Q1 2025-04-01/2025-07-01', '2026-Q2 2025-07-01/2025-10-01', '2026-Q3 2025-10-01/2026-01-01', '2026-Q4 2026-01-01/2026-04-01',
    ]);
    const days = bucketsOf(parsePeriod('this_week', cal(1)), 'day', cal(1));
    expect(days.map((d) => d.label)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
  });
  it('clips the first and last bucket to the period', () => {
    expect(labels(bucketsOf(customPeriod('2026-01-15', '2026-03-10'), 'month', cal(1)))).toEqual([
      '2026-01 2026-01-15/2026-02-01', '2026-02 2026-02-01/2026-03-01', '2026-03 2026-03-01/2026-03-11',
    ]);
    expect(labels(bucketsOf(customPeriod('2025-12-25', '2026-01-07'), 'week', cal(1)))).toEqual([
      '2025-W52 2025-12-25/2025-12-29', '2026-W01 2025-12-29/2026-01-05', '2026-W02 2026-01-05/2026-01-08',
    ]);
    expect(labels(bucketsOf(customPeriod('2026-02-20', '2026-05-10'), 'quarter', cal(4)))).toEqual([
      '2026-Q4 2026-02-20/2026-04-01', '2027-Q1 2026-04-01/2026-05-11',
    ]);
    expect(labels(bucketsOf(customPeriod('2025-09-01', '2026-10-31'), 'year', cal(10)))).toEqual([
      '2025 2025-09-01/2025-10-01', '2026 2025-10-01/2026-10-01', '2027 2026-10-01/2026-11-01',
    ]);
  });
});

describe('properties', () => {
  const grains: Grain[] = ['day', 'week', 'month', 'quarter', 'year'];
  const day = fc.integer({ min: 0, max: 73_000 }).map((n) => addDays('1950-01-01', n));
  const grain = fc.constantFrom(...grains);
  const fsm = fc.integer({ min: 1, max: 12 });

  it('date helpers agree with each other', () => {
    fc.assert(fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
      const e = addDays(d, n);
      return isValidDate(e) && daysBetween(d, e) === n && addDays(e, -n) === d;
    }));
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2026-2-01')).toBe(false);
  });

  it('buckets tile the period exactly', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 900 }), grain, fsm, (from, len, g, m) => {
      const p = customPeriod(from, addDays(from, len));
      const bs = bucketsOf(p, g, cal(m));
      expect(bs[0].start).toBe(p.start);
      expect(bs[bs.length - 1].end).toBe(p.end);
      bs.forEach((b, i) => {
        expect(b.start < b.end).toBe(true);
        if (i > 0) expect(b.start).toBe(bs[i - 1].end);
        expect(bucketLabel(b.start, g, cal(m))).toBe(b.label);
        expect(bucketLabel(addDays(b.end, -1), g, cal(m))).toBe(b.label);
      });
    }));
  });

  it('labels parse back to the bucket that contains the date', () => {
    fc.assert(fc.property(day, grain, fsm, (d, g, m) => {
      const p = parsePeriod(bucketLabel(d, g, cal(m)), cal(m));
      expect(p.grain).toBe(g);
      expect(p.start <= d && d < p.end).toBe(true);
      expect(bucketsOf(p, g, cal(m))).toEqual([p]);
    }));
  });

  it('the previous calendar bucket ends where the bucket starts', () => {
    fc.assert(fc.property(day, grain, fsm, (d, g, m) => {
      const p = parsePeriod(bucketLabel(d, g, cal(m)), cal(m));
      const q = previousPeriod(p, cal(m));
      expect(q.end).toBe(p.start);
      expect(parsePeriod(q.label, cal(m))).toEqual(q);
      const y = previousYear(p, cal(m));
      expect(parsePeriod(y.label, cal(m))).toEqual(y);
    }));
  });

  it('custom and to-date comparisons end where the period starts and are no longer than it', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 900 }), (from, len) => {
      const p = customPeriod(from, addDays(from, len));
      const q = previousPeriod(p, cal(1));
      expect(q.end).toBe(p.start);
      expect(daysBetween(q.start, q.end)).toBe(len + 1);
    }));
    fc.assert(fc.property(day, fsm, fc.constantFrom('mtd', 'qtd', 'ytd'), (asOf, m, spec) => {
      const p = parsePeriod(spec, cal(m, asOf));
      const q = previousPeriod(p, cal(m, asOf));
      expect(q.end <= p.start).toBe(true);
      expect(daysBetween(q.start, q.end) - daysBetween(p.start, p.end)).toBeLessThanOrEqual(3);
      if (spec === 'ytd') expect(span(q)).toBe(span(previousYear(p, cal(m, asOf))));
    }));
  });
});
