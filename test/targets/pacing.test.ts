// Pacing of targets mid-month (as of 2026-03-15) on the hand-built store of fixture.ts: the value
// so far, attainment, the share of a month usually in by the 15th (own history, the company's,
// or linear), the projection, the status against the thresholds, and the forecast blend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWith } from '../fixtures/kpi/store.js';
import { pacingData } from './fixture.js';
import { paceTargets, statusOf, earlierPeriods, type TargetView } from '../../src/targets/pacing.js';
import { targetsList } from '../../src/targets/list.js';
import type { Target } from '../../src/targets/targets.js';
import { forecastRevenue } from '../../src/analysis/forecast.js';
import { setSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/store.js';

const t = (id: string, kpi: string, scope: Target['scope'], scope_id: string | null, from: string, to: string, value: number): Target => ({
  target_id: id, kpi, scope, scope_id, period_start: from, period_end: to, value,
});
const MARCH = ['2026-03-01', '2026-03-31'] as const;
const targets: Target[] = [
  t('P1', 'revenue', 'rep', 'R1', ...MARCH, 10000),
  t('P2', 'revenue', 'rep', 'R2', ...MARCH, 10000),
  t('P3', 'revenue', 'rep', 'R3', ...MARCH, 10000),
  t('P4', 'revenue', 'rep', 'R4', ...MARCH, 2500),
  t('P5', 'opportunities_created', 'rep', 'R1', ...MARCH, 20),
  t('P6', 'sales_cycle_length', 'company', null, ...MARCH, 22),
  t('P7', 'win_rate', 'company', null, ...MARCH, 0.8),
  t('P8', 'revenue', 'rep', 'R1', '2026-02-01', '2026-02-28', 1000),
  t('P9', 'revenue', 'company', null, '2026-04-01', '2026-04-30', 50000),
  t('P10', 'revenue', 'team', 'T1', ...MARCH, 20000),
];

let store: Store;
let views: Map<string, TargetView>;
beforeAll(async () => {
  store = await storeWith({ ...pacingData, targets: targets.map((x) => ({ ...x })) });
  const r = await paceTargets(store, targets, { asOf: '2026-03-15', forecast: false });
  views = new Map(r.targets.map((v) => [v.target_id, v]));
});
afterAll(() => store.close());

const pacing = (id: string) => views.get(id)!.pacing;

describe('pacing mid-month, as of 2026-03-15', () => {
  it('on track: 4,000 by the 15th when 40% of a month is usually in by then projects 10,000 = the target', () => {
    expect(views.get('P1')).toMatchObject({ name: 'Rita', period: '2026-03', unit: 'money', additive: true });
    expect(pacing('P1')).toMatchObject({
      state: 'in_progress', elapsed_days: 15, period_days: 31,
      so_far: 4000, attainment: 0.4,
      // six months × (400 by the 15th of 1,000): 2,400 / 6,000
      expected_share: 0.4, share_basis: 'history', expected_by_now: 4000,
      run_rate_projection: 10000, forecast: null, projected: 10000, projected_attainment: 1, status: 'on_track', reason: null,
    });
    expect(pacing('P1').history).toEqual([
      { from: '2026-02-01', to: '2026-02-28', cut: '2026-02-15', by_cut: 400, total: 1000 },
      { from: '2026-01-01', to: '2026-01-31', cut: '2026-01-15', by_cut: 400, total: 1000 },
      { from: '2025-12-01', to: '2025-12-31', cut: '2025-12-15', by_cut: 400, total: 1000 },
      { from: '2025-11-01', to: '2025-11-30', cut: '2025-11-15', by_cut: 400, total: 1000 },
      { from: '2025-10-01', to: '2025-10-31', cut: '2025-10-15', by_cut: 400, total: 1000 },
      { from: '2025-09-01', to: '2025-09-30', cut: '2025-09-15', by_cut: 400, total: 1000 },
    ]);
    expect(pacing('P1').explanation).toBe(
      '4,000.00 USD by 2026-03-15 (day 15 of 31): 40.0% of the target 10,000.00 USD. Over the last 6 months of rep:R1, 40.0% of a month’s revenue was in by day 15 → run rate 10,000.00 USD. ' +
        'Projected 10,000.00 USD, 100.0% of the target: on track.',
    );
  });

  it('at risk: 3,600 → 9,000 = 90% (≥ 85%); off track: 2,000 → 5,000 = 50%', () => {
    expect(pacing('P2')).toMatchObject({ so_far: 3600, attainment: 0.36, expected_share: 0.4, projected: 9000, projected_attainment: 0.9, status: 'at_risk' });
    expect(pacing('P3')).toMatchObject({ so_far: 2000, attainment: 0.2, expected_share: 0.4, projected: 5000, projected_attainment: 0.5, status: 'off_track' });
  });

  it('a team: R1 + R2 = 7,600 so far; its history 800 of 2,000 a month by the 15th → 19,000 of 20,000 = 95%: at risk', () => {
    expect(views.get('P10')).toMatchObject({ name: 'North' });
    expect(pacing('P10')).toMatchObject({ so_far: 7600, attainment: 0.38, expected_share: 0.4, share_basis: 'history', projected: 19000, projected_attainment: 0.95, status: 'at_risk' });
    expect(pacing('P10').history[0]).toEqual({ from: '2026-02-01', to: '2026-02-28', cut: '2026-02-15', by_cut: 800, total: 2000 });
  });

  it('a new rep without history paces on the company’s: 3 × 400 of 3 × 1,000 → 1,000 / 0.4 = 2,500', () => {
    expect(pacing('P4')).toMatchObject({ so_far: 1000, expected_share: 0.4, share_basis: 'company_history', projected: 2500, projected_attainment: 1, status: 'on_track' });
    expect(pacing('P4').history[0]).toEqual({ from: '2026-02-01', to: '2026-02-28', cut: '2026-02-15', by_cut: 1200, total: 3000 });
    expect(pacing('P4').explanation).toContain('rep:R4 has fewer than 3 of the last 6 months with revenue; over the company’s, 40.0% of a month’s revenue was in by day 15');
  });

  it('linear without history: 7 opportunities created in 15 of 31 days → 7 × 31 / 15 = 14.47 of 20 (72.3%): off track', () => {
    // R1's own history has one month with creations (February), the company's two (January, February): fewer than 3.
    expect(pacing('P5')).toMatchObject({
      so_far: 7, attainment: 0.35, expected_share: 0.483871, share_basis: 'linear', history: [],
      expected_by_now: 9.68, run_rate_projection: 14.47, projected: 14.47, projected_attainment: 0.723333, status: 'off_track',
    });
    expect(pacing('P5').explanation).toContain('Too little history (fewer than 3 of the last 6 months with opportunities_created), so linear: 48.4% of the period has passed');
  });

  it('lower is better: a mean sales cycle of 25 days against a target of 22 is 22 / 25 = 88%: at risk', () => {
    // (30 + 20 + 40 + 10) / 4 = 25 days; the value so far is the projection.
    expect(pacing('P6')).toMatchObject({ so_far: 25, n: 4, attainment: 0.88, expected_share: null, share_basis: null, projected: 25, projected_attainment: 0.88, status: 'at_risk' });
    expect(pacing('P6').explanation).toBe('25.0 days by 2026-03-15 (day 15 of 31), n = 4: 88.0% of the target 22.0 days. For an average the value so far is the projection: at risk.');
  });

  it('a rate: 4 won of 5 closed = 80% against 80% is on track; the rate so far is the projection', () => {
    expect(pacing('P7')).toMatchObject({ so_far: 0.8, n: 5, attainment: 1, projected: 0.8, projected_attainment: 1, status: 'on_track' });
    expect(pacing('P7').explanation).toContain('For a rate the value so far is the projection: on track.');
  });

  it('an ended period is judged on its final value; a future one is not judged yet', () => {
    expect(pacing('P8')).toMatchObject({ state: 'ended', elapsed_days: 28, so_far: 1000, attainment: 1, expected_share: 1, share_basis: 'complete', projected: 1000, status: 'on_track' });
    expect(pacing('P8').explanation).toBe('Period ended: 1,000.00 USD against 1,000.00 USD, 100.0% of the target: met.');
    expect(pacing('P9')).toMatchObject({ state: 'not_started', elapsed_days: 0, so_far: 0, projected: null, status: null, reason: 'the period starts on 2026-04-01' });
  });

  it('the thresholds are settings', async () => {
    expect(statusOf(0.95, { on_track: 1, at_risk: 0.85 })).toBe('at_risk');
    expect(statusOf(0.849999, { on_track: 1, at_risk: 0.85 })).toBe('off_track');
    const s = await storeWith({ ...pacingData, targets: targets.map((x) => ({ ...x })) }, { pacing_on_track: '0.95', pacing_at_risk: '0.9' });
    try {
      const r = await paceTargets(s, targets, { asOf: '2026-03-15', forecast: false });
      const by = new Map(r.targets.map((v) => [v.target_id, v.pacing.status]));
      expect(r.thresholds).toEqual({ on_track: 0.95, at_risk: 0.9 });
      expect([by.get('P10'), by.get('P2'), by.get('P6')]).toEqual(['on_track', 'at_risk', 'off_track']);
      await setSetting(s, 'pacing_at_risk', '0.99');
      const w = await paceTargets(s, [targets[0]], { asOf: '2026-03-15', forecast: false });
      expect(w.warnings).toEqual(['pacing_at_risk (0.99) is above pacing_on_track (0.95): no target can be at risk; set it lower with quotient config set pacing_at_risk']);
    } finally {
      await s.close();
    }
  });

  it('blends the revenue forecast in by the share still to come: 40% run rate + 60% forecast', async () => {
    const fc = await forecastRevenue(store, { from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-15', by: 'rep' });
    const r1 = fc.forecast.groups.find((g) => g.group.rep === 'R1')!;
    const r = await paceTargets(store, [targets[0]], { asOf: '2026-03-15' });
    const p = r.targets[0].pacing;
    const projected = 0.4 * 10000 + 0.6 * r1.expected;
    expect(p.forecast).toEqual({ expected: r1.expected, low: r1.low, high: r1.high, weight: 0.6 });
    expect(p.run_rate_projection).toBe(10000);
    expect(p.projected).toBe(Math.round(projected * 100) / 100);
    expect(p.projected_attainment).toBe(Math.round((projected / 10000) * 1e6) / 1e6);
    expect(p.explanation).toContain(`Blended with the revenue forecast (${r1.expected.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`);
    expect(p.explanation).toContain('40.0% run rate + 60.0% forecast');
    // Non-revenue targets are never blended.
    const o = await paceTargets(store, [targets[4]], { asOf: '2026-03-15' });
    expect(o.targets[0].pacing.forecast).toBeNull();
  });

  it('lists the targets running on the as-of date, filtered by KPI and scope', async () => {
    const r = await targetsList(store, { asOf: '2026-03-15', forecast: false });
    expect(r.targets.map((x) => x.target_id)).toEqual(['P6', 'P7', 'P10', 'P5', 'P1', 'P2', 'P3', 'P4']);
    expect(r.filter).toEqual({ kpi: null, scope: null, from: '2026-03-15', to: '2026-03-15' });
    const q = await targetsList(store, { asOf: '2026-03-15', period: '2026-Q1', kpi: 'revenue', scope: 'rep:R1', forecast: false });
    expect(q.targets.map((x) => x.target_id)).toEqual(['P8', 'P1']);
    const all = await targetsList(store, { asOf: '2026-03-15', all: true, scope: 'company', forecast: false });
    expect(all.targets.map((x) => x.target_id)).toEqual(['P6', 'P7', 'P9']);
  });
});

describe('earlier periods of the same kind', () => {
  it('months, quarters, years and other lengths', () => {
    expect(earlierPeriods('2026-03-01', '2026-03-31')).toMatchObject({ kind: 'month', periods: { length: 6, 0: { from: '2026-02-01', to: '2026-02-28' }, 5: { from: '2025-09-01', to: '2025-09-30' } } });
    expect(earlierPeriods('2026-04-01', '2026-06-30')).toMatchObject({ kind: 'quarter', periods: { length: 4, 0: { from: '2026-01-01', to: '2026-03-31' }, 3: { from: '2025-04-01', to: '2025-06-30' } } });
    expect(earlierPeriods('2026-01-01', '2026-12-31')).toMatchObject({ kind: 'year', periods: { length: 2, 1: { from: '2024-01-01', to: '2024-12-31' } } });
    expect(earlierPeriods('2026-03-02', '2026-03-08')).toMatchObject({ kind: 'week', periods: { length: 8, 0: { from: '2026-02-23', to: '2026-03-01' } } });
    expect(earlierPeriods('2026-03-10', '2026-03-19')).toMatchObject({ kind: '10-day period', periods: { length: 6, 0: { from: '2026-02-28', to: '2026-03-09' } } });
  });
});
