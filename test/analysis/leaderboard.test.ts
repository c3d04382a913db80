// leaderboard: competition ranking with ties, the minimum sample for rates, lower-is-better
// KPIs, zero rows for sums, targets met, and `quotient leaderboard`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWith, times, type Rows } from '../fixtures/kpi/store.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { leaderboard } from '../../src/analysis/leaderboard.js';
import { addDays } from '../../src/query/periods.js';
import type { Store } from '../../src/store/store.js';

// March 2026, every deal closed on 03-10 and worth 100:
//   rep  name  closed  won  win rate  cycle (days)  revenue
//   L1   Lena     30    15    50%        10          1,500
//   L2   Lars     20    10    50%        20          1,000
//   L3   Lotte    25     5    20%        10            500
//   L4   Luis     10     9    90%         5            900   (10 closed: below 20)
//   L5   Leo      40    30    75%        30          3,000
//   L6   Liv       —     —     —          —              0   (team TM)
const reps = [
  ['L1', 'Lena', 30, 15, 10], ['L2', 'Lars', 20, 10, 20], ['L3', 'Lotte', 25, 5, 10], ['L4', 'Luis', 10, 9, 5], ['L5', 'Leo', 40, 30, 30],
] as const;
const data: Rows = {
  teams: [{ team_id: 'TL', name: 'Lake', manager_rep_id: 'ML' }, { team_id: 'TM', name: 'Moor', manager_rep_id: 'ML' }],
  reps: [
    { rep_id: 'ML', name: 'Mona', team_id: 'TL', role: 'manager' },
    ...reps.map(([id, name]) => ({ rep_id: id, name, team_id: 'TL', role: 'rep' })),
    { rep_id: 'L6', name: 'Liv', team_id: 'TM', role: 'rep' },
  ],
  opportunities: reps.flatMap(([id, , closed, won, cycle]) =>
    times(closed, (i) => ({ opportunity_id: `${id}-${i}`, rep_id: id, created_at: `${addDays('2026-03-10', -cycle)}T12:00:00Z`, closed_at: '2026-03-10T12:00:00Z', status: i < won ? 'won' : 'lost', amount: 100 })),
  ),
  targets: [
    { target_id: 'W1', kpi: 'win_rate', scope: 'rep', scope_id: 'L1', period_start: '2026-03-01', period_end: '2026-03-31', value: 0.5 },
    { target_id: 'W3', kpi: 'win_rate', scope: 'rep', scope_id: 'L3', period_start: '2026-03-01', period_end: '2026-03-31', value: 0.25 },
    { target_id: 'R1', kpi: 'revenue', scope: 'rep', scope_id: 'L1', period_start: '2026-03-01', period_end: '2026-03-31', value: 1500 },
    { target_id: 'R5', kpi: 'revenue', scope: 'rep', scope_id: 'L5', period_start: '2026-03-01', period_end: '2026-03-31', value: 4000 },
    { target_id: 'RT', kpi: 'revenue', scope: 'team', scope_id: 'TL', period_start: '2026-03-01', period_end: '2026-03-31', value: 6000 },
  ],
};

const brief = (rows: { rank: number | null; id: string | null; value: number | null }[]) => rows.map((x) => [x.rank, x.id, x.value]);
const M = { period: '2026-03', asOf: '2026-03-31' };

describe('leaderboard', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWith(data);
  });
  afterAll(() => store.close());

  it('ranks a rate with ties sharing a rank (1, 2, 2, 4) and lists small samples apart', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'win_rate' });
    expect(r).toMatchObject({ kpi: 'win_rate', by: 'rep', direction: 'higher', min_n: 20 });
    // Ties are ordered by name: Lars before Lena.
    expect(brief(r.ranked)).toEqual([[1, 'L5', 0.75], [2, 'L2', 0.5], [2, 'L1', 0.5], [4, 'L3', 0.2]]);
    expect(r.ranked.map((x) => x.n)).toEqual([40, 20, 30, 25]);
    expect(r.not_ranked).toEqual([
      { rank: null, id: 'L4', name: 'Luis', value: 0.9, n: 10, ci95: expect.any(Array), target: null, attainment: null, target_met: null, status: 'ok', reason: 'n = 10, below the minimum of 20' },
    ]);
    // L1 reached its 50% target; L3's 20% against 25% is 80%.
    expect(r.ranked.find((x) => x.id === 'L1')).toMatchObject({ name: 'Lena', target: 0.5, attainment: 1, target_met: true });
    expect(r.ranked.find((x) => x.id === 'L3')).toMatchObject({ target: 0.25, attainment: 0.8, target_met: false });
    expect(r.ranked.find((x) => x.id === 'L5')).toMatchObject({ target: null, attainment: null, target_met: null });
    expect(r.summary).toEqual(['4 reps ranked on win_rate (ties share a rank).', '1 of 2 with a target met it.', '1 not ranked (fewer than 20 records, or no value).']);
  });

  it('a lower minimum ranks the small sample too', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'win_rate', minN: 5 });
    expect(brief(r.ranked)).toEqual([[1, 'L4', 0.9], [2, 'L5', 0.75], [3, 'L2', 0.5], [3, 'L1', 0.5], [5, 'L3', 0.2]]);
    expect(r.not_ranked).toEqual([]);
  });

  it('lower is better: the shortest sales cycle ranks first; averages have no minimum unless asked', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'sales_cycle_length' });
    expect(r.min_n).toBeNull();
    expect(brief(r.ranked)).toEqual([[1, 'L4', 5], [2, 'L1', 10], [2, 'L3', 10], [4, 'L2', 20], [5, 'L5', 30]]);
    const m = await leaderboard(store, { ...M, kpi: 'sales_cycle_length', minN: 10 });
    expect(m.not_ranked.map((x) => [x.id, x.reason])).toEqual([['L4', 'n = 9, below the minimum of 10'], ['L3', 'n = 5, below the minimum of 10']]);
  });

  it('sums rank reps with nothing at 0; targets met are marked; by team', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'revenue' });
    expect(r.min_n).toBeNull();
    expect(brief(r.ranked)).toEqual([[1, 'L5', 3000], [2, 'L1', 1500], [3, 'L2', 1000], [4, 'L4', 900], [5, 'L3', 500], [6, 'L6', 0]]);
    expect(r.ranked.map((x) => x.target_met)).toEqual([false, true, null, null, null, null]);
    expect(r.ranked[0]).toMatchObject({ target: 4000, attainment: 0.75 });
    const t = await leaderboard(store, { ...M, kpi: 'revenue', by: 'team' });
    expect(t.ranked.map((x) => [x.rank, x.id, x.name, x.value, x.target, x.attainment, x.target_met])).toEqual([
      [1, 'TL', 'Lake', 6900, 6000, 1.15, true],
      [2, 'TM', 'Moor', 0, null, null, null],
    ]);
  });

  it('quota_attainment ranks on attainment itself', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'quota_attainment' });
    expect(r.ranked.map((x) => [x.rank, x.id, x.value, x.target, x.target_met])).toEqual([[1, 'L1', 1, 1500, true], [2, 'L5', 0.75, 4000, false]]);
    expect(r.target_unit).toBe('money');
  });

  it('the scope keeps reps out', async () => {
    const r = await leaderboard(store, { ...M, kpi: 'revenue', scope: { reps: ['L1', 'L2'] } });
    expect(brief(r.ranked)).toEqual([[1, 'L1', 1500], [2, 'L2', 1000]]);
  });

  it('refuses what cannot be ranked', async () => {
    await expect(leaderboard(store, { ...M, kpi: 'revenue', minN: 5 })).rejects.toThrow('--min-n: revenue has no sample size; the minimum applies to rates and averages (win_rate, average_deal_size, …)');
    await expect(leaderboard(store, { ...M, kpi: 'target_attainment' })).rejects.toThrow('target_attainment mixes every KPI with targets; rank on one: --kpi quota_attainment or the KPI itself');
    await expect(leaderboard(store, { ...M, kpi: 'stage_conversion' })).rejects.toThrow('stage_conversion has one value per stage, not one per group; it cannot be ranked');
    await expect(leaderboard(store, { ...M, kpi: 'revenue', by: 'source' })).rejects.toThrow('--by: a leaderboard ranks rep, team, manager, region; got "source"');
    await expect(leaderboard(store, { ...M, kpi: 'win_rate', minN: -1 })).rejects.toThrow('--min-n: expected a whole number from 0 to 1000000, got "-1"');
  });
});

describe('quotient leaderboard', () => {
  const run = useCliStore(data);

  it('prints the ranking with ties, targets met and the groups not ranked', async () => {
    const r = await run('leaderboard', '--kpi', 'win_rate', '--period', '2026-03');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').map((l) => l.trimEnd())).toEqual([
      'win_rate by rep, 2026-03 (higher is better; at least 20 records to be ranked)',
      '',
      ' #  rep  name   win_rate   n  target  attained  met',
      '──  ───  ─────  ────────  ──  ──────  ────────  ───',
      ' 1  L5   Leo       75.0%  40',
      '=2  L2   Lars      50.0%  20',
      '=2  L1   Lena      50.0%  30   50.0%    100.0%  ★',
      ' 4  L3   Lotte     20.0%  25   25.0%     80.0%',
      '',
      'Not ranked:',
      '  L4 Luis: 90.0%, n = 10, below the minimum of 20',
      '',
      '4 reps ranked on win_rate (ties share a rank).',
      '1 of 2 with a target met it.',
      '1 not ranked (fewer than 20 records, or no value).',
      '',
    ]);
    const j = JSON.parse((await run('leaderboard', '--kpi', 'revenue', '--by', 'team', '--period', '2026-03', '--format', 'json')).out);
    expect(j.ranked[0]).toMatchObject({ rank: 1, id: 'TL', target_met: true });
  });

  it('bad input is exit 2', async () => {
    expect(await run('leaderboard', '--kpi', 'revenue', '--min-n', '5')).toMatchObject({ code: 2, err: 'quotient: --min-n: revenue has no sample size; the minimum applies to rates and averages (win_rate, average_deal_size, …)\n' });
    expect(await run('leaderboard', '--kpi', 'win_rate', '--min-n', 'many')).toMatchObject({ code: 2, err: 'quotient: --min-n: expected a whole number of records, e.g. 20; got "many"\n' });
    expect(await run('leaderboard', '--kpi', 'revenue', '--by', 'source')).toMatchObject({ code: 2, err: 'quotient: --by: a leaderboard ranks rep, team, manager, region; got "source"\n' });
    expect(await run('leaderboard', '--kpi', 'nope')).toMatchObject({ code: 2, err: expect.stringContaining('quotient: unknown KPI "nope"') });
  });
});
