// Activity and team KPIs on the hand-computed small company, October 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { setSetting } from '../../src/store/settings.js';
import { report, storeWith, valueOf } from '../fixtures/kpi/store.js';
import { small } from '../fixtures/kpi/small.js';

let store: Store;
beforeAll(async () => {
  store = await storeWith(small);
});
afterAll(() => store.close());

const oct = { period: '2026-10' };
const byGroup = (rows: { group: Record<string, string | null>; value: number | null }[], dim: string) => Object.fromEntries(rows.map((x) => [x.group[dim], x.value]));

describe('activities', () => {
  it('counts October activities per type, and per rep and type', async () => {
    const r = await report(store, { kpis: ['activities'], ...oct });
    expect(byGroup(r.rows, 'activity_type')).toEqual({ call: 5, email: 2, meeting: 1 });
    const byRep = await report(store, { kpis: ['activities'], ...oct, by: ['rep'] });
    expect(byRep.rows.map((x) => [x.group.rep, x.group.activity_type, x.value])).toEqual([
      ['R1', 'call', 3], ['R1', 'email', 2], ['R2', 'call', 2], ['R2', 'meeting', 1],
    ]);
  });
  it('calls_per_opportunity: 4 calls (O1 two, O4 two) over 4 closed opportunities', async () => {
    const r = await report(store, { kpis: ['calls_per_opportunity'], ...oct });
    expect(valueOf(r, 'calls_per_opportunity')).toMatchObject({ value: 1, numerator: 4, denominator: 4 });
    const byRep = await report(store, { kpis: ['calls_per_opportunity'], ...oct, by: ['rep'] });
    expect(byGroup(byRep.rows, 'rep')).toEqual({ R1: 1, R2: 1 }); // R1: 2 calls / O1, O2; R2: 2 calls / O3, O4
  });
  it('activities_per_won_deal per type: calls 4 ÷ 3, emails 1 ÷ 3 (the meeting was on a lost deal)', async () => {
    const r = await report(store, { kpis: ['activities_per_won_deal'], ...oct });
    expect(byGroup(r.rows, 'activity_type')).toEqual({ call: 1.33, email: 0.33, meeting: 0 });
    const calls = await report(store, { kpis: ['activities_per_won_deal'], ...oct, filters: { activity_type: ['call'] } });
    expect(valueOf(calls, 'activities_per_won_deal')).toMatchObject({ numerator: 4, denominator: 3 });
  });
});

describe('targets', () => {
  it('quota_attainment: company 4800 ÷ (12000 × 31/92); per rep 1800 ÷ 3600 and 3000 ÷ 3000 (the monthly quota wins over the quarterly)', async () => {
    const r = await report(store, { kpis: ['quota_attainment'], ...oct });
    expect(valueOf(r, 'quota_attainment').value).toBeCloseTo(4800 / (12000 * 31 / 92), 6);
    const byRep = await report(store, { kpis: ['quota_attainment'], ...oct, by: ['rep'] });
    expect(byGroup(byRep.rows, 'rep')).toEqual({ R1: 0.5, R2: 1 });
    const byTeam = await report(store, { kpis: ['quota_attainment'], ...oct, by: ['team'] });
    expect(valueOf(byTeam, 'quota_attainment', { team: 'T1' }).value).toBeCloseTo(4800 / 6600, 6); // no team targets: sum of its reps'
  });
  it('target_attainment lists every KPI with targets', async () => {
    const r = await report(store, { kpis: ['target_attainment'], ...oct });
    expect(valueOf(r, 'target_attainment', { kpi: 'win_rate' }).value).toBe(1.5);
    expect(valueOf(r, 'target_attainment', { kpi: 'revenue' }).value).toBeCloseTo(4800 / (12000 * 31 / 92), 6);
  });
  it('a split with no targets says no_target', async () => {
    const r = await report(store, { kpis: ['revenue'], ...oct, by: ['source'], compare: ['target'] });
    expect(valueOf(r, 'revenue', { source: 'web' }).comparisons?.target).toMatchObject({ value: null, status: 'no_target' });
  });
  it('ramp_time: R2 (hired 2025-01-01) reached quota in October: 669 days to 2026-11-01; threshold 0.5 adds R1 (290 days)', async () => {
    const r = await report(store, { kpis: ['ramp_time'], ...oct });
    expect(valueOf(r, 'ramp_time')).toMatchObject({ value: 669, denominator: 1 });
    const s2 = await storeWith(small, { ramp_threshold: '0.5' });
    const half = await report(s2, { kpis: ['ramp_time'], ...oct, by: ['rep'] });
    expect(byGroup(half.rows, 'rep')).toEqual({ R1: 290, R2: 669 });
    await setSetting(s2, 'ramp_threshold', '2');
    expect(valueOf(await report(s2, { kpis: ['ramp_time'], ...oct }), 'ramp_time')).toMatchObject({ value: null, status: 'no_data' });
    await s2.close();
  });
});
