// Customer KPIs on the hand-computed small company, October 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { report, storeWith, valueOf } from '../fixtures/kpi/store.js';
import { small } from '../fixtures/kpi/small.js';

let store: Store;
beforeAll(async () => {
  store = await storeWith(small);
});
afterAll(() => store.close());

const oct = { period: '2026-10' };
const byGroup = (rows: { group: Record<string, string | null>; value: number | null }[], dim: string) => Object.fromEntries(rows.map((x) => [x.group[dim], x.value]));

describe('acquisition', () => {
  it('clv_historical: October cohort A2 (O2: 500 EUR × 1.2 = 600) and A3 (O4: 2 × 1500 = 3000) → 1800; September cohort A1 (O7 800 + O1 1200) → 2000', async () => {
    const r = await report(store, { kpis: ['clv_historical'], ...oct, compare: ['previous_period'] });
    expect(valueOf(r, 'clv_historical')).toMatchObject({ value: 1800, comparisons: { previous_period: { value: 2000 } } });
    const byChannel = await report(store, { kpis: ['clv_historical'], ...oct, by: ['channel'] });
    expect(byGroup(byChannel.rows, 'channel')).toEqual({ referral: 1800 });
  });
  it('new_customers: A2 (O2) and A3 (O4) won first in October; A1 first won in September (O7)', async () => {
    const r = await report(store, { kpis: ['new_customers'], ...oct, compare: ['previous_period'] });
    expect(valueOf(r, 'new_customers')).toMatchObject({ value: 2, comparisons: { previous_period: { value: 1 } } });
    const byRep = await report(store, { kpis: ['new_customers'], ...oct, by: ['rep'] });
    expect(byGroup(byRep.rows, 'rep')).toEqual({ R1: 1, R2: 1 });
  });
  it('cac: 720 spend ÷ 2 new customers; cpa_by_channel: referral 120 ÷ 2, web has no new customer', async () => {
    const r = await report(store, { kpis: ['cac', 'cpa_by_channel'], ...oct });
    expect(valueOf(r, 'cac').value).toBe(360);
    expect(valueOf(r, 'cpa_by_channel', { channel: 'referral' }).value).toBe(60);
    expect(valueOf(r, 'cpa_by_channel', { channel: 'web' })).toMatchObject({ value: null, status: 'zero_denominator' });
  });
});

describe('retention', () => {
  it('customers at start A1 A2 A3, at end A1 A2 (new subscription) A4: retention 2/3, churn 1/3 (A3)', async () => {
    const r = await report(store, { kpis: ['retention_rate', 'churn_rate'], ...oct });
    expect(valueOf(r, 'retention_rate')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(valueOf(r, 'retention_rate').value).toBeCloseTo(2 / 3, 6);
    expect(valueOf(r, 'churn_rate').value).toBeCloseTo(1 / 3, 6);
    const bySegment = await report(store, { kpis: ['churn_rate'], ...oct, by: ['segment'] });
    expect(byGroup(bySegment.rows, 'segment')).toEqual({ SMB: 0.5, Enterprise: 0 });
  });
  it('clv: MRR at end (100 + 50 EUR × 1.25 + 200) ÷ 3 × gross margin 700/1200 ÷ (1/3 churn ÷ 31/30.436875 months)', async () => {
    const r = await report(store, { kpis: ['clv'], ...oct });
    const expected = ((362.5 / 3) * (700 / 1200)) / ((1 / 3) / (31 / 30.436875));
    expect(valueOf(r, 'clv').value).toBeCloseTo(expected, 2);
  });
});

describe('surveys', () => {
  it('nps: promoters 10, 9; detractor 3; of 4 answers: 25 points', async () => {
    const r = await report(store, { kpis: ['nps'], ...oct });
    expect(valueOf(r, 'nps')).toMatchObject({ value: 25, numerator: 1, denominator: 4 });
  });
  it('csat: 5, 4 (of 5) and 7 (of 7) are top-two; 2 is not: 3/4, mean score 4.5', async () => {
    const r = await report(store, { kpis: ['csat'], ...oct, by: ['rep'] });
    expect(valueOf(r, 'csat', { rep: 'R2' })).toMatchObject({ value: 0.75, beside: { mean_score: 4.5 } });
  });
});
