// Revenue and profitability KPIs on the hand-computed small company (test/fixtures/kpi/small.ts), October 2026.
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

describe('revenue', () => {
  it('sums won values: O1 line items 900 + 300, O2 500 EUR × 1.2, O4 line items 3000', async () => {
    const r = await report(store, { kpis: ['revenue'], ...oct, compare: ['previous_period', 'target'] });
    const row = valueOf(r, 'revenue');
    expect(row.value).toBe(4800);
    expect(row.status).toBe('ok');
    expect(row.comparisons?.previous_period).toMatchObject({ period: '2026-09', value: 800, delta: 4000 });
    // company target 12000 for Q4, prorated 31/92 days
    expect(row.comparisons?.target?.value).toBeCloseTo(4043.48, 2);
    expect(row.comparisons?.target?.attainment).toBeCloseTo(4800 / (12000 * 31 / 92), 5);
  });
  it('splits by rep, team, source, segment, technique and currency', async () => {
    const by = async (dim: string) => Object.fromEntries((await report(store, { kpis: ['revenue'], ...oct, by: [dim] })).rows.map((x) => [x.group[dim], x.value]));
    expect(await by('rep')).toEqual({ R1: 1800, R2: 3000 });
    expect(await by('team')).toEqual({ T1: 4800 });
    expect(await by('manager')).toEqual({ M1: 4800 });
    expect(await by('region')).toEqual({ EMEA: 4800 });
    expect(await by('source')).toEqual({ web: 1200, referral: 3600 });
    expect(await by('segment')).toEqual({ SMB: 4200, Enterprise: 600 });
    expect(await by('industry')).toEqual({ software: 1200, retail: 3600 });
    expect(await by('technique')).toEqual({ spin: 1800, challenger: 3000 });
    expect(await by('currency')).toEqual({ USD: 4200, EUR: 600 });
  });
  it('filters keep only matching records', async () => {
    const r = await report(store, { kpis: ['revenue'], ...oct, filters: { source: ['referral'] } });
    expect(valueOf(r, 'revenue').value).toBe(3600);
  });
  it('by month over the quarter: September 800, October 4800', async () => {
    const r = await report(store, { kpis: ['revenue'], period: '2026-Q3', grain: 'month' });
    expect(r.rows.map((x) => [x.period, x.value])).toEqual([['2026-07', 0], ['2026-08', 0], ['2026-09', 800]]);
  });
});

describe('revenue_per_rep', () => {
  it('divides by reps active in the period (R1, R2; R3 left 09-30; managers excluded)', async () => {
    const r = await report(store, { kpis: ['revenue_per_rep'], ...oct, compare: ['previous_period'] });
    const row = valueOf(r, 'revenue_per_rep');
    expect(row).toMatchObject({ value: 2400, numerator: 4800, denominator: 2 });
    expect(row.comparisons?.previous_period?.value).toBe(266.67); // 800 / 3
  });
  it('per rep is the rep’s revenue', async () => {
    const r = await report(store, { kpis: ['revenue_per_rep'], ...oct, by: ['rep'] });
    expect(valueOf(r, 'revenue_per_rep', { rep: 'R1' }).value).toBe(1800);
    expect(valueOf(r, 'revenue_per_rep', { rep: 'R2' }).value).toBe(3000);
  });
});

describe('revenue_per_product and margins', () => {
  it('revenue_per_product: P1 10 × 100 × 0.9, P2 300, P3 2 × 1500', async () => {
    const r = await report(store, { kpis: ['revenue_per_product'], ...oct });
    expect(Object.fromEntries(r.rows.map((x) => [x.group.product, x.value]))).toEqual({ P1: 900, P2: 300, P3: 3000 });
    const lines = await report(store, { kpis: ['revenue_per_product'], ...oct, by: ['product_line'] });
    expect(valueOf(lines, 'revenue_per_product', { product: 'P3', product_line: 'L2' }).value).toBe(3000);
  });
  it('gross_margin over costed items: (1200 − 400 − 100) ÷ 1200; per product line', async () => {
    const r = await report(store, { kpis: ['gross_margin'], ...oct });
    expect(valueOf(r, 'gross_margin').value).toBeCloseTo(700 / 1200, 6);
    const lines = await report(store, { kpis: ['gross_margin'], ...oct, by: ['product_line'] });
    expect(valueOf(lines, 'gross_margin', { product_line: 'L1' }).value).toBeCloseTo(500 / 900, 6);
    expect(valueOf(lines, 'gross_margin', { product_line: 'L2' }).value).toBeCloseTo(200 / 300, 6);
  });
  it('net_margin: (4800 − 500 − (600 + 100 EUR × 1.2)) ÷ 4800; sales_cost_ratio 720 ÷ 4800', async () => {
    const r = await report(store, { kpis: ['net_margin', 'sales_cost_ratio'], ...oct });
    expect(valueOf(r, 'net_margin').value).toBeCloseTo(3580 / 4800, 6);
    expect(valueOf(r, 'sales_cost_ratio').value).toBeCloseTo(0.15, 6);
    const byChannel = await report(store, { kpis: ['sales_cost_ratio'], ...oct, by: ['channel'] });
    expect(valueOf(byChannel, 'sales_cost_ratio', { channel: 'web' }).value).toBeCloseTo(600 / 1200, 6);
    expect(valueOf(byChannel, 'sales_cost_ratio', { channel: 'referral' }).value).toBeCloseTo(120 / 3600, 6);
  });
  it('revenue_growth: (4800 − 800) ÷ 800; September had no earlier revenue', async () => {
    const r = await report(store, { kpis: ['revenue_growth'], period: '2026-09', grain: 'month', compare: [] });
    expect(valueOf(r, 'revenue_growth')).toMatchObject({ value: null, status: 'zero_denominator' });
    const o = await report(store, { kpis: ['revenue_growth'], ...oct });
    expect(valueOf(o, 'revenue_growth')).toMatchObject({ value: 5, numerator: 4800, denominator: 800, status: 'ok' });
  });
});
