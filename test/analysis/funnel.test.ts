// funnel: a small funnel counted by hand (skipped stage, move back, loss, reopen), split by rep
// and by creation-month cohort, equal to the stage KPIs of the report.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { report, storeWith, valueOf } from '../fixtures/kpi/store.js';
import { funnelData } from '../fixtures/kpi/funnel.js';
import { funnel, type FunnelStage } from '../../src/analysis/funnel.js';
import { FUNNEL_RULES } from '../../src/metrics/pipeline.js';
import { isUserError } from '../../src/util/errors.js';

let store: Store;
beforeAll(async () => {
  store = await storeWith(funnelData);
});
afterAll(() => store.close());

const year = { period: '2026', asOf: '2026-11-23' };
const counts = (s: FunnelStage[]) => s.map((x) => [x.stage, x.entered, x.moved_on, x.dropped_off, x.conversion]);

describe('funnel', () => {
  it('counts each stage by hand', async () => {
    const r = await funnel(store, year);
    expect(r.rules).toEqual(FUNNEL_RULES);
    expect(r.query).toMatchObject({ period: '2026', by: [], cohort: false });
    // Qual: all six entered once (F4's return to Qual is no new entry); F6 was lost there → 5 moved on.
    // Demo: F1, F2, F4, F5 (F3 skipped it; F5's second entry after the reopen is no new entry);
    //       F1 and F5 reached Prop, F2 was lost, F4 went back → 2 of 4.
    // Prop: F1, F3 (skipping Demo), F5 — all won → 3 of 3.
    expect(counts(r.stages)).toEqual([
      ['Qual', 6, 5, 1, 0.833333],
      ['Demo', 4, 2, 2, 0.5],
      ['Prop', 3, 3, 0, 1],
    ]);
    expect(r.stages.map((s) => [s.position, s.drop_off])).toEqual([[1, 0.166667], [2, 0.5], [3, 0]]);
    // Ended stays — Qual: F1 4, F2 10, F3 6, F4 2 (its second stay is open), F5 4, F6 10 days:
    // mean 36/6 = 6, median (4+6)/2 = 5, p90 at rank 4.5 of [2,4,4,6,10,10] = 10.
    expect(r.stages[0].days).toEqual({ mean: 6, median: 5, p90: 10, stays: 6 });
    // Demo: F1 5, F2 10, F4 4, F5 14 and 12 (both stays count): mean 45/5 = 9, median 10, p90 = 12 + 0.6 × 2 = 13.2.
    expect(r.stages[1].days).toEqual({ mean: 9, median: 10, p90: 13.2, stays: 5 });
    // Prop: F1 10, F3 31, F5 9: mean 50/3, median 10, p90 = 10 + 0.8 × 21 = 26.8.
    expect(r.stages[2].days).toEqual({ mean: 16.67, median: 10, p90: 26.8, stays: 3 });
  });

  it('equals the report’s stage_conversion and time_in_stage', async () => {
    const k = await report(store, { kpis: ['stage_conversion', 'time_in_stage'], period: '2026' });
    const f = await funnel(store, year);
    for (const s of f.stages) {
      const c = valueOf(k, 'stage_conversion', { stage: s.stage });
      const t = valueOf(k, 'time_in_stage', { stage: s.stage });
      expect([s.entered, s.moved_on, s.conversion]).toEqual([c.denominator, c.numerator, c.value]);
      expect([s.days.mean, s.days.median, s.days.p90]).toEqual([t.value, t.beside?.median, t.beside?.p90]);
    }
  });

  it('counts entries in the period only', async () => {
    // October entries: Qual F4, F5, F6; Demo F4, F5; Prop none (F5 entered it on 11-01).
    const r = await funnel(store, { period: '2026-10', asOf: '2026-11-23' });
    expect(counts(r.stages)).toEqual([
      ['Qual', 3, 2, 1, 0.666667],
      ['Demo', 2, 1, 1, 0.5],
      ['Prop', 0, 0, 0, null],
    ]);
    // Stays that ended in October: Demo F4 4 and F5 14 days; Prop F3 (09-09 → 10-10) 31 days.
    expect(r.stages[1].days).toEqual({ mean: 9, median: 9, p90: 13, stays: 2 });
    expect(r.stages[2].days).toMatchObject({ mean: 31, stays: 1 });
  });

  it('splits by rep', async () => {
    const r = await funnel(store, { ...year, by: 'rep' });
    const of = (rep: string) => r.stages.filter((s) => s.group?.rep === rep);
    // R1: F1, F2, F5. Demo: all three entered, F2 lost. Demo stays 5, 10, 14, 12.
    expect(counts(of('R1'))).toEqual([['Qual', 3, 3, 0, 1], ['Demo', 3, 2, 1, 0.666667], ['Prop', 2, 2, 0, 1]]);
    expect(of('R1')[1].days).toEqual({ mean: 10.25, median: 11, p90: 13.4, stays: 4 });
    // R2: F3, F4, F6. Qual: F6 lost; Demo: F4 only, went back; Prop: F3.
    expect(counts(of('R2'))).toEqual([['Qual', 3, 2, 1, 0.666667], ['Demo', 1, 0, 1, 0], ['Prop', 1, 1, 0, 1]]);
    expect(of('R2')[0].days).toEqual({ mean: 6, median: 6, p90: 9.2, stays: 3 });
    expect(r.query.by).toEqual(['rep']);
  });

  it('splits by cohort of creation month', async () => {
    const r = await funnel(store, { ...year, cohort: true });
    expect(r.stages.map((s) => s.cohort)).toEqual(['2026-09', '2026-09', '2026-09', '2026-10', '2026-10', '2026-10']);
    const of = (m: string) => r.stages.filter((s) => s.cohort === m);
    // September: F1, F2, F3. October: F4, F5, F6.
    expect(counts(of('2026-09'))).toEqual([['Qual', 3, 3, 0, 1], ['Demo', 2, 1, 1, 0.5], ['Prop', 2, 2, 0, 1]]);
    expect(counts(of('2026-10'))).toEqual([['Qual', 3, 2, 1, 0.666667], ['Demo', 2, 1, 1, 0.5], ['Prop', 1, 1, 0, 1]]);
    expect(of('2026-09').map((s) => s.days.mean)).toEqual([6.67, 7.5, 20.5]);
    expect(of('2026-10').map((s) => s.days.mean)).toEqual([5.33, 10, 9]);
  });

  it('splits by rep and cohort together, and filters', async () => {
    const r = await funnel(store, { ...year, by: 'rep', cohort: true, filters: { rep: ['R2'] } });
    // R2 in September: F3 (skips Demo); in October: F4 (back to Qual) and F6 (lost at Qual).
    expect(r.stages.map((s) => [s.group?.rep, s.cohort, s.stage, s.entered, s.moved_on])).toEqual([
      ['R2', '2026-09', 'Qual', 1, 1], ['R2', '2026-09', 'Demo', 0, 0], ['R2', '2026-09', 'Prop', 1, 1],
      ['R2', '2026-10', 'Qual', 2, 1], ['R2', '2026-10', 'Demo', 1, 0], ['R2', '2026-10', 'Prop', 0, 0],
    ]);
  });

  it('refuses a split by stage or by cohort_month', async () => {
    await expect(funnel(store, { ...year, by: 'stage' })).rejects.toSatisfy((e: unknown) => isUserError(e) && /always per stage/.test((e as Error).message));
    await expect(funnel(store, { ...year, by: 'cohort_month' })).rejects.toSatisfy((e: unknown) => isUserError(e) && /--cohort/.test((e as Error).message));
    await expect(funnel(store, { ...year, by: 'product' })).rejects.toSatisfy((e: unknown) => isUserError(e) && /cannot be split/.test((e as Error).message));
  });
});

describe('cohort_month dimension', () => {
  it('splits and filters the stage KPIs by the local month of created_at', async () => {
    const r = await report(store, { kpis: ['stage_conversion'], period: '2026', by: ['cohort_month'] });
    expect(valueOf(r, 'stage_conversion', { stage: 'Qual', cohort_month: '2026-10' })).toMatchObject({ numerator: 2, denominator: 3 });
    const f = await report(store, { kpis: ['stage_conversion'], period: '2026', filters: { cohort_month: ['2026-09'] } });
    expect(valueOf(f, 'stage_conversion', { stage: 'Demo' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('follows the organisation’s time zone', async () => {
    // Created 2026-09-30 23:30 UTC is October 1st in Berlin.
    const s = await storeWith({
      opportunities: [{ opportunity_id: 'Z1', rep_id: 'R1', created_at: '2026-09-30T23:30:00Z', status: 'open', amount: 1 }],
      stage_changes: [{ opportunity_id: 'Z1', stage: 'Qual', entered_at: '2026-10-01T08:00:00Z' }],
    }, { timezone: 'Europe/Berlin' });
    try {
      const r = await report(s, { kpis: ['stage_conversion'], period: '2026-10', by: ['cohort_month'] });
      expect(r.rows.filter((x) => x.denominator).map((x) => x.group.cohort_month)).toEqual(['2026-10']);
    } finally {
      await s.close();
    }
  });
});

describe('funnel rules', () => {
  it('are written in the README and docs/kpis.md as the result gives them', () => {
    for (const path of ['README.md', 'docs/kpis.md']) {
      const text = readFileSync(path, 'utf8');
      expect(text).toContain('Funnel rules');
      for (const rule of FUNNEL_RULES) expect(text, path).toContain(`- ${rule}`);
    }
  });
});
