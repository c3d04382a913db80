// Pipeline and conversion KPIs on the hand-computed small company, October 2026.
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

describe('counts and snapshots', () => {
  it('opportunities_created: O3, O6 in October; O1, O2, O5 in September', async () => {
    const r = await report(store, { kpis: ['opportunities_created'], ...oct, compare: ['previous_period'] });
    expect(valueOf(r, 'opportunities_created')).toMatchObject({ value: 2, comparisons: { previous_period: { value: 3, delta: -1 } } });
  });
  it('open pipeline at the end of October: O5 4000 + O6 1000; of September: O1, O2 (500 EUR × 1.1), O4, O5', async () => {
    const r = await report(store, { kpis: ['open_pipeline_count', 'open_pipeline_value'], ...oct, compare: ['previous_period'] });
    expect(valueOf(r, 'open_pipeline_count')).toMatchObject({ value: 2, comparisons: { previous_period: { value: 4 } } });
    expect(valueOf(r, 'open_pipeline_value')).toMatchObject({ value: 5000, comparisons: { previous_period: { value: 1200 + 550 + 3000 + 4000 } } });
    const byRep = await report(store, { kpis: ['open_pipeline_value'], ...oct, by: ['rep'] });
    expect(byGroup(byRep.rows, 'rep')).toEqual({ R1: 1000, R2: 4000 });
  });
  it('weighted pipeline: O5 in Prop × 0.8 + O6 in Qual × 0.1 (stage probability wins over the opportunity’s)', async () => {
    const r = await report(store, { kpis: ['weighted_pipeline_value'], ...oct });
    expect(valueOf(r, 'weighted_pipeline_value').value).toBe(3300);
    const byStage = await report(store, { kpis: ['weighted_pipeline_value'], ...oct, by: ['stage'] });
    expect(byGroup(byStage.rows, 'stage')).toEqual({ Prop: 3200, Qual: 100 });
    // at the end of September O5 was in Demo (0.5), O1 and O4 in Prop, O2 has no stage and no probability: 0
    const sep = await report(store, { kpis: ['weighted_pipeline_value'], period: '2026-09' });
    expect(valueOf(sep, 'weighted_pipeline_value').value).toBe(4000 * 0.5 + 1200 * 0.8 + 3000 * 0.1);
  });
});

describe('rates', () => {
  it('win_rate: 3 won of 4 closed, Wilson interval, split by rep', async () => {
    const r = await report(store, { kpis: ['win_rate'], ...oct, compare: ['previous_period', 'target'] });
    const row = valueOf(r, 'win_rate');
    expect(row).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, n: 4, status: 'ok' });
    expect(row.ci95![0]).toBeCloseTo(0.3006, 3); // Wilson: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n)
    expect(row.ci95![1]).toBeCloseTo(0.9544, 3);
    expect(row.comparisons?.previous_period?.value).toBe(0.5);
    expect(row.comparisons?.target).toMatchObject({ value: 0.5, attainment: 1.5 });
    const byRep = await report(store, { kpis: ['win_rate'], ...oct, by: ['rep'] });
    expect(byGroup(byRep.rows, 'rep')).toEqual({ R1: 1, R2: 0.5 });
  });
  it('opportunity_win_ratio: 3 won of 6 worked (O7, O8 closed before October)', async () => {
    const r = await report(store, { kpis: ['opportunity_win_ratio'], ...oct });
    expect(valueOf(r, 'opportunity_win_ratio')).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });
  });
  it('lead_conversion_rate: 2 of 3 October leads converted; by source web 1/2, referral 1/1', async () => {
    const r = await report(store, { kpis: ['lead_conversion_rate'], ...oct });
    expect(valueOf(r, 'lead_conversion_rate').value).toBeCloseTo(2 / 3, 6);
    const bySource = await report(store, { kpis: ['lead_conversion_rate'], ...oct, by: ['source'] });
    expect(byGroup(bySource.rows, 'source')).toEqual({ web: 0.5, referral: 1 });
  });
});

describe('deal sizes and cycle', () => {
  it('average_deal_size 4800 ÷ 3, average_basket_per_customer 4800 ÷ 3 accounts', async () => {
    const r = await report(store, { kpis: ['average_deal_size', 'average_basket_per_customer'], ...oct });
    expect(valueOf(r, 'average_deal_size').value).toBe(1600);
    expect(valueOf(r, 'average_basket_per_customer')).toMatchObject({ value: 1600, denominator: 3 });
  });
  it('sales_cycle_length: 34, 20 and 80 days; median 34', async () => {
    const r = await report(store, { kpis: ['sales_cycle_length'], ...oct });
    const row = valueOf(r, 'sales_cycle_length');
    expect(row.value).toBe(44.67);
    expect(row.beside).toEqual({ median: 34, p90: 70.8 });
  });
});

describe('stages', () => {
  it('stage_conversion of first entries in October: Qual 1/2, Demo 0/1, Prop 1/2', async () => {
    const r = await report(store, { kpis: ['stage_conversion'], ...oct });
    expect(byGroup(r.rows, 'stage')).toEqual({ Qual: 0.5, Demo: 0, Prop: 0.5 });
  });
  it('time_in_stage of stays ended in October: Qual 4 and 61, Demo 10 and 25, Prop 15 and 19 days', async () => {
    const r = await report(store, { kpis: ['time_in_stage'], ...oct });
    expect(byGroup(r.rows, 'stage')).toEqual({ Qual: 32.5, Demo: 17.5, Prop: 17 });
    // p90 of [4, 61] (continuous): 4 + 0.9 × 57 = 55.3.
    expect(valueOf(r, 'time_in_stage', { stage: 'Qual' }).beside).toEqual({ median: 32.5, p90: 55.3 });
  });
});
