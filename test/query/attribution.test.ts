// Time attribution in the organisation's time zone, money conversion and statuses.
import { describe, expect, it } from 'vitest';
import { report, storeWith, valueOf } from '../fixtures/kpi/store.js';
import { isUserError } from '../../src/util/errors.js';

const rep = { rep_id: 'R1', name: 'Jim', role: 'rep' };
const opp = (id: string, closed: string, amount: number, currency?: string) => ({
  opportunity_id: id, rep_id: 'R1', created_at: '2026-09-01T12:00:00Z', status: 'won', closed_at: closed, amount, currency,
});

describe('time attribution', () => {
  it('counts a deal closed at 00:30 Berlin time on 1 October in October, not September', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-09-30T22:30:00Z', 100), opp('O2', '2026-09-30T21:30:00Z', 10)] }, { timezone: 'Europe/Berlin' });
    const r = await report(store, { kpis: ['revenue'], period: '2026-Q3', grain: 'month' });
    expect(r.rows.map((x) => [x.period, x.value])).toEqual([['2026-07', 0], ['2026-08', 0], ['2026-09', 10]]);
    const oct = await report(store, { kpis: ['revenue'], period: '2026-10' });
    expect(valueOf(oct, 'revenue').value).toBe(100);
    await store.close();
  });
  it('fiscal quarters follow fiscal_year_start_month', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-04-10T12:00:00Z', 5), opp('O2', '2026-03-31T12:00:00Z', 7)] }, { fiscal_year_start_month: '4' });
    const r = await report(store, { kpis: ['revenue'], period: '2027-Q1' }); // [2026-04-01, 2026-07-01)
    expect(valueOf(r, 'revenue')).toMatchObject({ period: '2027-Q1', value: 5 });
    await store.close();
  });
  it('a custom range is labelled with its dates', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-10-10T12:00:00Z', 5)] });
    const r = await report(store, { kpis: ['revenue'], from: '2026-10-01', to: '2026-10-31' });
    expect(valueOf(r, 'revenue')).toMatchObject({ period: '2026-10-01..2026-10-31', value: 5 });
    await store.close();
  });
});

describe('money', () => {
  it('converts at the rate of the close day; empty currency is the reporting currency', async () => {
    const store = await storeWith({
      reps: [rep],
      fx_rates: [{ date: '2026-10-10', currency: 'EUR', rate: 1.1 }, { date: '2026-10-11', currency: 'EUR', rate: 2 }],
      opportunities: [opp('O1', '2026-10-10T12:00:00Z', 100, 'EUR'), opp('O2', '2026-10-12T12:00:00Z', 5)],
    });
    expect(valueOf(await report(store, { kpis: ['revenue'], period: '2026-10' }), 'revenue').value).toBe(115);
    await store.close();
  });
  it('a missing rate makes the value empty with status missing_fx_rate naming currency and date; other KPIs still compute', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-10-10T12:00:00Z', 100, 'GBP')] });
    const r = await report(store, { kpis: ['revenue', 'win_rate'], period: '2026-10' });
    expect(valueOf(r, 'revenue')).toMatchObject({ value: null, status: 'missing_fx_rate' });
    expect(valueOf(r, 'revenue').message).toContain('GBP on 2026-10-10');
    expect(valueOf(r, 'win_rate')).toMatchObject({ value: 1, status: 'ok' });
    await store.close();
  });
});

describe('statuses', () => {
  it('says needs_<entity> when the data is not imported, zero_denominator for an empty ratio, no_data for an empty mean', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-10-10T12:00:00Z', 100)] });
    const r = await report(store, { kpis: ['revenue_per_product', 'nps', 'win_rate', 'average_deal_size'], period: '2026-09' });
    expect(valueOf(r, 'revenue_per_product').status).toBe('needs_line_items');
    expect(valueOf(r, 'nps').status).toBe('needs_survey_responses');
    expect(valueOf(r, 'win_rate')).toMatchObject({ value: null, status: 'zero_denominator', ci95: null });
    expect(valueOf(r, 'average_deal_size')).toMatchObject({ value: null, status: 'no_data' });
    await store.close();
  });
  it('rejects unknown KPIs, dimensions, comparisons and unsupported splits with bad_argument naming the valid ones', async () => {
    const store = await storeWith({ reps: [rep] });
    const err = async (q: Parameters<typeof report>[1]) => {
      try {
        await report(store, q);
      } catch (e) {
        return isUserError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(await err({ kpis: ['revenu'] })).toMatch(/^bad_argument: unknown KPI "revenu"; KPIs are: revenue, /);
    expect(await err({ kpis: ['revenue'], by: ['colour'] })).toMatch(/^bad_argument: unknown dimension "colour"; dimensions are: rep, team/);
    expect(await err({ kpis: ['nps'], by: ['product'] })).toMatch(/^bad_argument: KPI "nps" cannot be split by "product"; it supports: rep, team/);
    expect(await err({ kpis: ['revenue'], filters: { stage: ['x'] } })).toMatch(/cannot be filtered by "stage"/);
    expect(await err({ kpis: ['revenue'], compare: ['last_decade'] })).toMatch(/unknown comparison "last_decade"/);
    expect(await err({ kpis: ['revenue'], grain: 'hour' as never })).toMatch(/unknown grain "hour"/);
    expect(await err({ kpis: ['revenue'], period: 'someday' })).toMatch(/^bad_argument: period "someday"/);
    await store.close();
  });
});

describe('buckets that overlap', () => {
  it('a two-year trend compared with the previous year counts 2025 both as a row and as the 2026 row’s comparison', async () => {
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2025-06-10T12:00:00Z', 100), opp('O2', '2026-06-10T12:00:00Z', 50)] });
    const r = await report(store, { kpis: ['revenue'], from: '2025-01-01', to: '2026-12-31', grain: 'year', compare: ['previous_year'] });
    expect(r.rows.map((x) => [x.period, x.value, x.comparisons?.previous_year?.value])).toEqual([['2025', 100, 0], ['2026', 50, 100]]);
    const plain = await report(store, { kpis: ['revenue'], from: '2025-01-01', to: '2026-12-31', grain: 'year' });
    expect(plain.rows.map((x) => [x.period, x.value])).toEqual([['2025', 100], ['2026', 50]]);
    await store.close();
  });
});

describe('cached results and settings', () => {
  it('a changed time zone changes the next report of the same store (settings bump the data version)', async () => {
    const { setSetting } = await import('../../src/store/settings.js');
    const store = await storeWith({ reps: [rep], opportunities: [opp('O1', '2026-09-30T22:30:00Z', 100)] });
    expect(valueOf(await report(store, { kpis: ['revenue'], period: '2026-10' }), 'revenue').value).toBe(0);
    await setSetting(store, 'timezone', 'Europe/Berlin'); // 00:30 on 1 October in Berlin
    expect(valueOf(await report(store, { kpis: ['revenue'], period: '2026-10' }), 'revenue').value).toBe(100);
    await store.close();
  });
});
