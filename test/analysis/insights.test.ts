// insights: each kind of finding appears, with hand-computed numbers, when its fixture plants it
// and not otherwise; findings are ranked by money at stake; a scoped call names no one outside the
// scope; every records link is a valid records query; the CLI prints the same object; and the demo
// store yields the effects docs/demo-data.md plants.
//
// Expected values: rates are counts ÷ counts; Wilson intervals (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) ÷
// (1 + z²/n); two-proportion z = (p1 − p2) ÷ √(p̄(1 − p̄)(1/n1 + 1/n2)) with p̄ pooled and p = erfc(|z|/√2);
// Newcombe's interval of p1 − p2 = d ∓ √((p1 − l1)² + (u2 − p2)²), d ± √((u1 − p1)² + (p2 − l2)²);
// Benjamini–Hochberg q_(i) = min over j ≥ i of p_(j) · m / j. Worked out in a calculator, not by the code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeLocation } from '../helpers/test-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { openStore } from '../../src/store/open.js';
import { storeWith } from '../fixtures/kpi/store.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { OCT, activitiesData, repsData, sourcesData, stagesData, targetsData, techniquesData } from '../fixtures/insights/fixtures.js';
import { insights, rank, type Insight, type InsightsResult } from '../../src/analysis/insights.js';
import type { Finding } from '../../src/analysis/insights/common.js';
import { kpiRecords } from '../../src/query/records.js';
import { parseFilters } from '../../src/cli/commands/report.js';
import { generateDemoCsv, DEMO_DEFAULTS } from '../../src/demo/index.js';
import { planFolder } from '../../src/ingest/folder.js';
import { importFiles } from '../../src/ingest/import.js';
import { isUserError } from '../../src/util/errors.js';
import type { Rows } from '../fixtures/kpi/store.js';

const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

/** Insights for October 2026 of a fixture, planted or not. */
async function run(data: (plant: boolean) => Rows, plant: boolean, opts: Parameters<typeof insights>[1] = {}): Promise<InsightsResult> {
  const store = await storeWith(data(plant));
  stores.push(store);
  return insights(store, { ...OCT, ...opts });
}
const ofKind = (r: InsightsResult, kind: string) => r.insights.filter((i) => i.kind === kind);
const one = (r: InsightsResult, kind: string): Insight => {
  const found = ofKind(r, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, got ${JSON.stringify(r.insights.map((i) => i.id))}`);
  return found[0];
};

/** Every link must be a records query that runs. */
async function checkLinks(store: Store, r: InsightsResult): Promise<void> {
  for (const i of r.insights) {
    const q = i.records.query;
    const res = await kpiRecords(store, { kpis: [q.kpi], period: q.period, from: q.from, to: q.to, asOf: q.as_of, by: q.by ? [q.by] : [], filters: parseFilters(q.filter) });
    expect(res.kpi).toBe(q.kpi);
  }
}

describe('rep_below_team', () => {
  it('finds a rep significantly below the rest of their own team', async () => {
    const r = await run(repsData, true);
    const f = one(r, 'rep_below_team');
    expect(f.id).toBe('rep_below_team:win_rate:R1');
    // R1 wins 2 of 40; the rest of team T1 (R2, R3) 40 of 80. Pooled 42/120: z = −4.87199, p = 1.10481e−6.
    expect(f.evidence.subject).toEqual({ label: 'rep R1', value: 0.05, numerator: 2, n: 40, ci95: [0.013821, 0.165039] });
    expect(f.evidence.comparison).toEqual({ label: 'rest of team T1', value: 0.5, numerator: 40, n: 80, ci95: [0.392974, 0.607026] });
    expect(f.evidence.test).toBe('z');
    expect(f.evidence.p).toBeCloseTo(1.10481e-6, 10);
    // Tested: R1, R2 and R3 (R2, R3: 20/40 against 22/80, p = 0.0148509); R4's rest (R5, 10 deals) and R5 are too small.
    // BH over 3: q_R1 = 3 × p_R1 = 3.31443e−6.
    expect(f.evidence.family_size).toBe(3);
    expect(f.evidence.q).toBeCloseTo(3.31443e-6, 10);
    // Newcombe: −0.45 ∓ … = [−0.562976, −0.292874]; at stake 0.292874 × 40 deals × 1,000 per win (64,000 ÷ 64 wins).
    expect(f.evidence.difference_ci95).toEqual([-0.562976, -0.292874]);
    expect(r.money).toMatchObject({ revenue: 64000, won: 64, closed: 170, per_win: 1000 });
    expect(f.score).toBeCloseTo(11714.96, 2);
    expect(f.tone).toBe('negative');
    expect(f.params).toMatchObject({ rep: 'R1', rep_name: 'Ann Lee (R1)', team: 'T1', team_name: 'North (T1)', value: 0.05, n: 40, team_rest_value: 0.5 });
    expect(f.sentence).toBe('Ann Lee (R1) won 5.0% of closed deals (2 of 40) against 50.0% for the rest of team North (T1) (q < 0.001); worth about 11,715 USD of revenue at the team’s rate.');
    expect(f.records).toEqual({
      query: { kpi: 'win_rate', period: '2026-10', as_of: '2026-11-23', filter: ['rep=R1'] },
      cli: 'quotient records --kpi win_rate --period 2026-10 --as-of 2026-11-23 --filter rep=R1',
    });
    // R2 and R3 are significantly above their rest of team: not a finding of this kind.
    expect(r.checks).toContainEqual({ kind: 'rep_below_team', metric: 'win_rate', tested: 3, found: 1 });
    // No leads: the lead-conversion family says why it did not run.
    expect(r.checks.find((c) => c.metric === 'lead_conversion_rate' && c.kind === 'rep_below_team')?.note).toMatch(/^skipped: .*leads/);
    expect(r.checks.find((c) => c.kind === 'stage_dropoff_worse')?.note).toMatch(/^skipped: .*stage_changes/);
  });

  it('does not appear when the rep is in line with the team', async () => {
    const r = await run(repsData, false);
    expect(ofKind(r, 'rep_below_team')).toEqual([]);
  });

  it('compares with the rest of the rep’s own team, not the company', async () => {
    // Filtered to team T2, R4 has only R5 (10 deals) beside them: nothing is judged.
    const r = await run(repsData, true, { filters: { team: ['T2'] } });
    expect(ofKind(r, 'rep_below_team')).toEqual([]);
    expect(r.checks).toContainEqual(expect.objectContaining({ kind: 'rep_below_team', metric: 'win_rate', tested: 0 }));
  });
});

describe('lead sources and channels', () => {
  let planted: InsightsResult;
  beforeAll(async () => {
    planted = await run(sourcesData, true);
  });

  it('names the best and the worst converting source', async () => {
    const best = one(planted, 'source_best_conversion');
    const worst = one(planted, 'source_worst_conversion');
    // referral 25/50 against the other 30/210 (event's 10 leads count in the rest): z = 5.55732, p = 2.73956e−8.
    expect(best.evidence).toMatchObject({ metric: 'lead_conversion_rate', subject: { value: 0.5, numerator: 25, n: 50 }, comparison: { value: 0.142857, numerator: 30, n: 210 }, test: 'z', family_size: 3 });
    expect(best.evidence.p).toBeCloseTo(2.73956e-8, 12);
    // BH over web (p 0.71873), referral, paid_ads (4.60276e−7): q_referral = 3p/1 = 8.21868e−8.
    expect(best.evidence.q).toBeCloseTo(8.21868e-8, 12);
    // paid_ads 5/100 against 50/160: z = −5.04217, p = 4.60276e−7, q = 3p/2 = 6.90414e−7.
    expect(worst.evidence).toMatchObject({ subject: { value: 0.05, numerator: 5, n: 100 }, comparison: { value: 0.3125, numerator: 50, n: 160 } });
    expect(worst.evidence.q).toBeCloseTo(6.90414e-7, 11);
    // One converted lead is worth revenue ÷ closed deals = 60,000 ÷ 60 = 1,000. Newcombe lower
    // ends: referral 0.213176 × 50, paid_ads 0.171594 × 100.
    expect(best.score).toBeCloseTo(10658.8, 2);
    expect(worst.score).toBeCloseTo(17159.4, 2);
    expect(best.sentence).toBe('Leads from referral convert best: 50.0% (25 of 50) against 14.3% for leads from other sources (q < 0.001); worth about 10,659 USD of expected revenue above the other sources’ rate.');
    expect(worst.records.cli).toBe('quotient records --kpi lead_conversion_rate --period 2026-10 --as-of 2026-11-23 --filter source=paid_ads');
  });

  it('names the dearest and the cheapest channel per new customer', async () => {
    const cpa = ofKind(planted, 'source_cpa');
    // 20 new customers each; spend web 20,000, referral 4,000, paid_ads 60,000 → CPA 1,000, 200, 3,000;
    // average 84,000 ÷ 60 = 1,400. paid_ads 3,000 ≥ 1.5 × 1,400; referral 200 ≤ 1,400 ÷ 1.5.
    expect(cpa.map((i) => [i.id, i.params.cpa, i.params.average, i.params.ratio, i.score, i.tone])).toEqual([
      ['source_cpa:highest:paid_ads', 3000, 1400, 2.142857, (3000 - 1400) * 20, 'negative'],
      ['source_cpa:lowest:referral', 200, 1400, 0.142857, (1400 - 200) * 20, 'positive'],
    ]);
    expect(cpa[0].sentence).toBe('The paid_ads channel costs the most per new customer: 3,000 USD (60,000 USD for 20 customers), 2.1× the average of 1,400 USD; 32,000 USD more than those customers would have cost at the average.');
    // sales_team has spend but no new customers: not compared, and said so.
    expect(planted.checks.find((c) => c.kind === 'source_cpa')).toEqual({ kind: 'source_cpa', metric: 'cpa_by_channel', tested: 3, found: 2, note: 'spend but no new customers (not compared): sales_team' });
  });

  it('finds nothing when sources convert alike and cost alike', async () => {
    const r = await run(sourcesData, false);
    expect(r.insights.map((i) => i.kind)).toEqual([]);
  });

  it('ranks by money at stake', () => {
    expect(planted.insights.map((i) => [i.rank, i.id, i.severity])).toEqual([
      [1, 'source_cpa:highest:paid_ads', 'high'],
      [2, 'source_cpa:lowest:referral', 'high'],
      [3, 'source_worst_conversion:paid_ads', 'high'],
      [4, 'source_best_conversion:referral', 'high'],
    ]);
    expect(planted.total).toBe(4);
  });

  it('keeps the best ranked findings under a limit', async () => {
    const store = await storeWith(sourcesData(true));
    stores.push(store);
    const r = await insights(store, { ...OCT, limit: 2 });
    expect(r.insights.map((i) => i.id)).toEqual(['source_cpa:highest:paid_ads', 'source_cpa:lowest:referral']);
    expect(r.total).toBe(4);
    await checkLinks(store, r);
  });
});

describe('stages', () => {
  let planted: InsightsResult;
  beforeAll(async () => {
    planted = await run(stagesData, true);
  });

  it('finds a stage whose drop-off moved against its history, leaving undecided entries out', async () => {
    const f = one(planted, 'stage_dropoff_worse');
    // Prop in October: 40 entered, 10 won, 25 lost, 5 still open → 10 of 35 decided. The 12 months
    // before (2025-10-01..2026-09-30): 30 of 40. z = −4.02083, p = 5.79929e−5; Qual 40/50 against
    // 40/50 has p = 1; BH over the two stages: q = 2p = 1.15986e−4.
    expect(f.evidence).toMatchObject({
      metric: 'decided_stage_conversion',
      subject: { value: 0.285714, numerator: 10, n: 35 },
      comparison: { label: 'Prop, 2025-10-01..2026-09-30', value: 0.75, numerator: 30, n: 40 },
      family_size: 2,
      details: { entered: 40, undecided: 5, history_entered: 40, history_undecided: 0 },
    });
    expect(f.evidence.p).toBeCloseTo(5.79929e-5, 9);
    expect(f.evidence.q).toBeCloseTo(1.15986e-4, 9);
    // Prop is the last stage, so moving on is winning: at stake 0.240107 × 35 × 1,000.
    expect(f.evidence.difference_ci95).toEqual([-0.627643, -0.240107]);
    expect(f.score).toBeCloseTo(0.240107 * 35 * 1000, 1);
    expect(f.sentence).toBe('Fewer deals moved on from Prop: 28.6% of the entries decided in the period (10 of 35; 5 still open not counted) against 75.0% in the 12 months before (q < 0.001); worth about 8,404 USD of expected revenue.');
    expect(f.records.query.filter).toEqual(['stage=Prop']);
  });

  it('finds the bottleneck against the other stages', async () => {
    const f = one(planted, 'stage_bottleneck');
    // Prop 10/35 against Qual 40/50: z = −4.74148, p = 2.12163e−6 (the same pair tested from both sides: q = p).
    expect(f.params).toMatchObject({ stage: 'Prop', drop_off: 0.714286, dropped_off: 25, n: 35, others_drop_off: 0.2, others_n: 50 });
    expect(f.evidence.q).toBeCloseTo(2.12163e-6, 10);
    expect(f.score).toBeCloseTo(0.304126 * 35 * 1000, 1);
  });

  it('does not judge a stage while most of its entries are undecided', async () => {
    // Prop in October: 10 won, 5 lost, 25 still open — 25 of 40 undecided.
    const r = await run((p) => stagesData(p, { won: 10, lost: 5, open: 25 }), true);
    expect(ofKind(r, 'stage_dropoff_worse')).toEqual([]);
    expect(ofKind(r, 'stage_bottleneck')).toEqual([]);
    expect(r.checks.filter((c) => c.kind.startsWith('stage_')).map((c) => [c.kind, c.tested, c.note])).toEqual([
      ['stage_dropoff_worse', 1, 'more than half of the entries still undecided, not judged yet: Prop'],
      ['stage_bottleneck', 0, 'not judged while entries of Prop are mostly undecided'],
    ]);
  });

  it('finds neither when the stage converts as before and like the others', async () => {
    const r = await run(stagesData, false);
    expect(ofKind(r, 'stage_dropoff_worse')).toEqual([]);
    expect(ofKind(r, 'stage_bottleneck')).toEqual([]);
  });
});

describe('activity_separates_outcomes', () => {
  it('finds demos separating won from lost deals, not calls', async () => {
    const r = await run(activitiesData, true);
    const f = one(r, 'activity_separates_outcomes');
    // Won deals: 60 demos over 40 = 1.5; lost: 10 over 60 = 0.166667; 9×. Deals with a demo won 30 of 40,
    // without 10 of 60: z = 5.83333, p = 5.43309e−9; calls (20/50 against 20/50) p = 1; q = 2p.
    expect(f.params).toMatchObject({ activity_type: 'demo', direction: 'more_in_won', per_won_deal: 1.5, per_lost_deal: 0.166667, ratio: 9, with_value: 0.75, with_n: 40, without_value: 0.166667, without_n: 60 });
    expect(f.evidence.q).toBeCloseTo(1.08662e-8, 12);
    expect(f.evidence.family_size).toBe(2);
    // An association: its money counts a tenth for ranking and is not claimed in the sentence.
    expect(f.score).toBeCloseTo(0.393592 * 40 * 1000 * 0.1, 1);
    expect(f.sentence).toBe('Won deals had 1.50 demos each, lost deals 0.17 (9.0×); deals with a demo won 75.0% (30 of 40) against 16.7% without (q < 0.001) — an association, worth testing, not proof that demos win deals.');
  });

  it('does not appear when won and lost deals have as many demos', async () => {
    const r = await run(activitiesData, false);
    expect(ofKind(r, 'activity_separates_outcomes')).toEqual([]);
  });
});

describe('technique_wins_more', () => {
  it('finds the technique that wins more', async () => {
    const r = await run(techniquesData, true);
    const f = one(r, 'technique_wins_more');
    // challenger 30/60 against 30/120: z = 3.35410, p = 7.96230e−4; solution and spin p = 0.0935325; q = 3p.
    expect(f.params).toMatchObject({ technique: 'challenger', value: 0.5, n: 60, rest_value: 0.25, rest_n: 120 });
    expect(f.evidence.q).toBeCloseTo(2.38869e-3, 8);
    expect(f.score).toBeCloseTo(0.10111 * 60 * 1000, 0);
    expect(f.sentence).toBe('Deals worked with the challenger technique won 50.0% (30 of 60) against 25.0% for the other deals (q = 0.002); worth about 6,067 USD in wins above the other deals’ rate.');
  });

  it('does not appear when techniques win alike', async () => {
    const r = await run(techniquesData, false);
    expect(ofKind(r, 'technique_wins_more')).toEqual([]);
  });
});

describe('target_met', () => {
  it('celebrates reps, teams and the company that met a target', async () => {
    const r = await run(targetsData, true);
    expect(r.insights.map((i) => [i.id, i.sentence])).toEqual([
      // Ties at 0 money at stake rank by kind and then id.
      ['target_met:company:win_rate', 'The company met its win rate target: 125.0% (50.0% against 40.0%).'],
      ['target_met:rep:revenue', 'Ann Lee (R1) met the revenue quota: 125.0% (5,000 USD against 4,000 USD).'],
      ['target_met:team:revenue', 'Team North (T1) met its revenue quota: 114.3% (8,000 USD against 7,000 USD).'],
    ]);
    const rep = r.insights[1];
    expect(rep).toMatchObject({ score: 0, severity: 'low', tone: 'positive' });
    expect(rep.params).toMatchObject({ level: 'rep', kpi: 'revenue', count: 1, of: 2, surplus: 1000, met: [{ id: 'R1', name: 'Ann Lee (R1)', attainment: 1.25, value: 5000, target: 4000, surplus: 1000 }] });
    expect(rep.records.cli).toBe('quotient records --kpi quota_attainment --period 2026-10 --as-of 2026-11-23 --by rep --filter rep=R1');
  });

  it('does not appear when no target was met', async () => {
    const r = await run(targetsData, false);
    expect(ofKind(r, 'target_met')).toEqual([]);
  });
});

describe('ranking', () => {
  const finding = (id: string, kind: Finding['kind'], at_stake: number, q: number | null): Finding => ({
    id, kind, tone: 'negative', params: {}, sentence: id, records: { query: { kpi: 'win_rate', as_of: '2026-11-23', filter: [] }, cli: '' }, at_stake,
    evidence: { metric: 'win_rate', subject: { label: '', value: null, numerator: null, n: null, ci95: null }, comparison: null, difference: null, difference_ci95: null, test: null, p: null, q, family_size: null },
  });

  it('orders by money at stake, then q, then kind and id, and grades severity by share of revenue', () => {
    const r = rank([
      finding('target_met:rep:revenue', 'target_met', 0, null),
      finding('technique_wins_more:x', 'technique_wins_more', 500, 0.01),
      finding('rep_below_team:win_rate:R2', 'rep_below_team', 500, 0.001),
      finding('source_cpa:highest:a', 'source_cpa', 6000, null),
      finding('rep_below_team:win_rate:R1', 'rep_below_team', 500, 0.001),
      finding('stage_bottleneck:Prop', 'stage_bottleneck', 1500, 0.02),
    ], 100000);
    expect(r.map((i) => [i.rank, i.id, i.severity, i.score])).toEqual([
      [1, 'source_cpa:highest:a', 'high', 6000],
      [2, 'stage_bottleneck:Prop', 'medium', 1500],
      [3, 'rep_below_team:win_rate:R1', 'low', 500],
      [4, 'rep_below_team:win_rate:R2', 'low', 500],
      [5, 'technique_wins_more:x', 'low', 500],
      [6, 'target_met:rep:revenue', 'low', 0],
    ]);
    expect(r[0]).not.toHaveProperty('at_stake');
  });
});

describe('scope and filters', () => {
  it('a manager’s scope judges their team; nobody outside it is named', async () => {
    const r = await run(repsData, true, { scope: { reps: ['R1', 'R2', 'R3'] } });
    expect(r.insights.map((i) => i.id)).toEqual(['rep_below_team:win_rate:R1']);
    expect(JSON.stringify(r)).not.toMatch(/R4|R5|Dana|Eli/);
  });

  it('a rep-scoped call never names another rep', async () => {
    const r = await run(repsData, true, { scope: { reps: ['R1'] } });
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/R[2-5]|Bob|Cem|Dana|Eli/);
    expect(ofKind(r, 'rep_below_team')).toEqual([]);
    expect(r.query.scope).toEqual({ reps: ['R1'] });
  });

  it('a rep scope sees no company-wide spend and judges no team target on a part of it', async () => {
    const s = await run(sourcesData, true, { scope: { reps: ['R4'] } });
    expect(ofKind(s, 'source_cpa')).toEqual([]);
    expect(s.checks.find((c) => c.kind === 'source_cpa')?.note).toMatch(/^skipped: /);
    const t = await run(targetsData, true, { scope: { reps: ['R1'] } });
    // R1's quota is met; the team and the company are not judged on R1's part of them.
    expect(t.insights.map((i) => i.id)).toEqual(['target_met:rep:revenue']);
    expect(t.checks.filter((c) => c.kind === 'target_met').map((c) => [c.metric, c.note ?? ''])).toEqual([
      ['target_attainment by rep', ''],
      ['target_attainment by team', 'not judged on part of the team (restricted scope or filter)'],
      ['target_attainment by company', 'not judged on part of the company (restricted scope or filter)'],
    ]);
  });

  it('refuses filters on dimensions that are not of deals or people', async () => {
    const store = await storeWith(repsData(true));
    stores.push(store);
    await expect(insights(store, { ...OCT, filters: { stage: ['Prop'] } })).rejects.toSatisfy((e: unknown) => isUserError(e) && /filtered by/.test((e as Error).message));
    await expect(insights(store, { ...OCT, limit: 0 })).rejects.toSatisfy(isUserError);
  });

  it('every records link runs', async () => {
    for (const [data, store] of [[repsData, await storeWith(repsData(true))], [stagesData, await storeWith(stagesData(true))], [targetsData, await storeWith(targetsData(true))]] as const) {
      stores.push(store);
      const r = await insights(store, OCT);
      expect(r.insights.length, String(data.name)).toBeGreaterThan(0);
      await checkLinks(store, r);
    }
  });
});

describe('quotient insights', () => {
  const cli = useCliStore(repsData(true));

  it('prints the result object as JSON', async () => {
    const r = await cli('insights', '--period', '2026-10', '--as-of', '2026-11-23', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as InsightsResult;
    expect(o.query).toMatchObject({ period: '2026-10', from: '2026-10-01', to: '2026-10-31', as_of: '2026-11-23', limit: 20 });
    expect(o.insights.map((i) => i.id)).toEqual(['rep_below_team:win_rate:R1']);
    const store = await storeWith(repsData(true));
    stores.push(store);
    expect(o).toEqual(JSON.parse(JSON.stringify(await insights(store, OCT))));
  });

  it('prints a numbered list with evidence and records', async () => {
    const r = await cli('insights', '--period', '2026-10', '--as-of', '2026-11-23');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Insights, 2026-10 (2026-10-01 to 2026-10-31), as of 2026-11-23: 1 finding, ranked by money at stake (USD)');
    expect(lines[2]).toBe('1. [high] Ann Lee (R1) won 5.0% of closed deals (2 of 40) against 50.0% for the rest of team North (T1) (q < 0.001); worth about 11,715 USD of revenue at the team’s rate.');
    expect(lines[3]).toBe('   rep R1 5.0% (2 of 40, 95% CI 1.4%–16.5%) vs rest of team T1 50.0% (40 of 80, 95% CI 39.3%–60.7%); z-test p < 0.001, q < 0.001 (3 tests)');
    expect(lines[4]).toBe('   records: quotient records --kpi win_rate --period 2026-10 --as-of 2026-11-23 --filter rep=R1');
    expect(r.out).toContain('Checked:');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['--by', 'rep'], ['--limit', '0'], ['--format', 'csv'], ['--lang', 'de'], ['--period', 'someday'], ['--filter', 'stage=Prop']]) {
      const r = await cli('insights', '--as-of', '2026-11-23', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^quotient: /);
      expect(r.out).toBe('');
    }
  });
});

describe('the demo store', () => {
  let dir = '';
  let store: Store;
  let r: InsightsResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotient-insights-demo-'));
    await generateDemoCsv(dir, { ...DEMO_DEFAULTS, asOf: '2026-11-23' });
    store = await openStore(await storeLocation(':memory:'));
    const imported = await importFiles(store, planFolder(dir).specs);
    if (!imported.ok) throw new Error('demo import failed');
    r = await insights(store, { asOf: '2026-11-23' });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('yields the planted effects over the last 90 days', () => {
    expect(r.query).toMatchObject({ from: '2026-08-26', to: '2026-11-23' });
    const ids = r.insights.map((i) => i.id);
    for (const id of [
      'rep_below_team:win_rate:R012',
      'rep_below_team:win_rate:R030',
      'source_best_conversion:referral',
      'source_worst_conversion:paid_ads',
      'source_cpa:highest:paid_ads',
      'source_cpa:lowest:referral',
      'activity_separates_outcomes:demo',
      'activity_separates_outcomes:meeting',
      'stage_bottleneck:Proposal',
      'technique_wins_more:challenger',
    ]) expect(ids).toContain(id);
    // Only the two weak reps fall below their teams; nothing planted moves a stage against its history.
    expect(ids.filter((id) => id.startsWith('rep_below_team'))).toHaveLength(2);
    expect(ids.filter((id) => id.startsWith('stage_dropoff_worse'))).toEqual([]);
    const scores = r.insights.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('links every finding to records that run', async () => {
    await checkLinks(store, r);
  });

  it('a weak rep’s own view names no other rep', async () => {
    const own = await insights(store, { asOf: '2026-11-23', scope: { reps: ['R012'] } });
    expect(JSON.stringify(own).match(/R0\d\d/g)?.filter((x) => x !== 'R012') ?? []).toEqual([]);
  });
});
