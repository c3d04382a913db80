// Targets written by Quotient: validation, splits that add up exactly, replace, remove, roll-ups,
// and `quotient targets add|list|remove` with their output and exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWith, type Rows } from '../fixtures/kpi/store.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { addTarget, listTargets, parseScope, parseSplit, removeTarget, type TargetInput } from '../../src/targets/targets.js';
import { decimalsOf, splitUnits } from '../../src/targets/split.js';
import { paceTargets, rollupOf } from '../../src/targets/pacing.js';
import { dataVersion } from '../../src/store/meta.js';
import type { Store } from '../../src/store/store.js';
import { isUserError } from '../../src/util/errors.js';

//   TA (manager MA): A1, A2, A3, and A4 who left on 2026-02-28      TB (manager MB): B1
const org: Rows = {
  teams: [
    { team_id: 'TA', name: 'Alpha', manager_rep_id: 'MA' },
    { team_id: 'TB', name: 'Beta', manager_rep_id: 'MB' },
  ],
  reps: [
    { rep_id: 'MA', name: 'Mara', team_id: 'TA', role: 'manager' },
    { rep_id: 'A1', name: 'Ada', team_id: 'TA', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'A2', name: 'Abe', team_id: 'TA', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'A3', name: 'Ana', team_id: 'TA', role: 'rep', hire_date: '2024-01-01' },
    { rep_id: 'A4', name: 'Art', team_id: 'TA', role: 'rep', hire_date: '2024-01-01', end_date: '2026-02-28' },
    { rep_id: 'MB', name: 'Milo', team_id: 'TB', role: 'manager' },
    { rep_id: 'B1', name: 'Bea', team_id: 'TB', role: 'rep', hire_date: '2024-01-01' },
  ],
  opportunities: [{ opportunity_id: 'O1', rep_id: 'A1', created_at: '2026-03-01T12:00:00Z', closed_at: '2026-04-03T12:00:00Z', status: 'won', amount: 1000 }],
};

const APRIL = { period: '2026-04', asOf: '2026-04-10' };
const input = (o: Partial<TargetInput> & Pick<TargetInput, 'kpi' | 'value'>): TargetInput => ({ scope: parseScope('company'), ...APRIL, ...o });
const values = (r: { targets: { scope_id: string | null; value: number }[] }) => r.targets.map((t) => [t.scope_id, t.value]);

describe('exact splits', () => {
  it('splits units by the largest remainder; the parts add up to the whole', () => {
    expect(splitUnits(1000000n, [1, 1, 1])).toEqual([333334n, 333333n, 333333n]);
    // 100,001 cents × 2/3 = 66,667.33 and × 1/3 = 33,333.67: the cent left over goes to the larger remainder.
    expect(splitUnits(100001n, [2, 1])).toEqual([66667n, 33334n]);
    expect(splitUnits(10000n, [0.5, 0.25, 0.25])).toEqual([5000n, 2500n, 2500n]);
    expect(splitUnits(7n, [1, 1, 1, 1])).toEqual([2n, 2n, 2n, 1n]);
    expect(decimalsOf(0.35)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(50000)).toBe(0);
  });
});

describe('adding targets', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWith(org);
  });
  afterAll(() => store.close());

  it('a team target split evenly across its employed reps, to the cent, bumping the data version', async () => {
    const before = await dataVersion(store);
    const r = await addTarget(store, input({ id: 'S1', kpi: 'revenue', scope: parseScope('team:TA'), value: 10000, split: parseSplit('even') }));
    expect(r.targets.map((t) => t.target_id)).toEqual(['S1', 'S1-A1', 'S1-A2', 'S1-A3']);
    expect(values(r)).toEqual([['TA', 10000], ['A1', 3333.34], ['A2', 3333.33], ['A3', 3333.33]]);
    expect(r.notes).toEqual(['not employed in the period, so given no part: A4']);
    expect(r.targets[1]).toEqual({ target_id: 'S1-A1', kpi: 'revenue', scope: 'rep', scope_id: 'A1', period_start: '2026-04-01', period_end: '2026-04-30', value: 3333.34 });
    expect(await dataVersion(store)).toBe(before + 1);
    // As stored, the parts add up to the team's value to the cent.
    const parts = await store.query<{ v: number }>(`SELECT value AS v FROM targets WHERE target_id LIKE 'S1-%'`);
    expect(parts.reduce((a, p) => a + Math.round(p.v * 100), 0)).toBe(1_000_000);
  });

  it('by weights: 1,000.01 as 2 : 1 is 666.67 + 333.34; counts split into whole numbers', async () => {
    const w = await addTarget(store, input({ id: 'S2', kpi: 'revenue', scope: parseScope('team:TA'), period: '2026-05', value: 1000.01, split: parseSplit('weights:A1=2,A2=1') }));
    expect(values(w)).toEqual([['TA', 1000.01], ['A1', 666.67], ['A2', 333.34]]);
    expect(w.notes).toEqual(['reps of team TA not named in the weights get no part: A3']);
    const c = await addTarget(store, input({ id: 'S3', kpi: 'opportunities_created', scope: parseScope('team:TA'), value: 10, split: parseSplit('even') }));
    expect(values(c)).toEqual([['TA', 10], ['A1', 4], ['A2', 3], ['A3', 3]]);
  });

  it('a rate does not add up: each rep gets the team’s target, and weights are refused', async () => {
    const r = await addTarget(store, input({ id: 'S4', kpi: 'win_rate', scope: parseScope('team:TA'), value: 0.3, split: parseSplit('even') }));
    expect(values(r)).toEqual([['TA', 0.3], ['A1', 0.3], ['A2', 0.3], ['A3', 0.3]]);
    await expect(addTarget(store, input({ kpi: 'win_rate', scope: parseScope('team:TB'), value: 0.3, split: parseSplit('weights:B1=1') }))).rejects.toThrow(
      'win_rate does not add up across reps, so it cannot be split by weights; --split even gives each rep the team’s target',
    );
  });

  it('refuses a second target of the same length overlapping one; --replace replaces it and its split', async () => {
    await expect(addTarget(store, input({ kpi: 'revenue', scope: parseScope('team:TA'), value: 9000 }))).rejects.toThrow(
      'team:TA already has a revenue target of this length overlapping 2026-04-01..2026-04-30: S1 (revenue, team:TA, 2026-04-01..2026-04-30, 10000); remove it first, or replace it (--replace; in the API and the dashboard: replace)',
    );
    // A quarterly target beside the monthly one is fine (the shortest length wins in reports).
    await addTarget(store, input({ id: 'Q2', kpi: 'revenue', scope: parseScope('team:TA'), period: '2026-Q2', value: 30000 }));
    const r = await addTarget(store, input({ id: 'S5', kpi: 'revenue', scope: parseScope('team:TA'), value: 9000, split: parseSplit('weights:A1=1'), replace: true }));
    expect(r.replaced.map((t) => t.target_id).sort()).toEqual(['S1', 'S1-A1', 'S1-A2', 'S1-A3']);
    const april = await listTargets(store, { kpi: 'revenue', from: '2026-04-01', to: '2026-04-30' });
    expect(april.map((t) => [t.target_id, t.value])).toEqual([['S5', 9000], ['Q2', 30000], ['S5-A1', 9000]]);
  });

  it('validates everything with clear errors', async () => {
    const cases: [Partial<TargetInput> & Pick<TargetInput, 'kpi' | 'value'>, string][] = [
      [{ kpi: 'revenu', value: 1 }, 'unknown KPI "revenu"; KPIs are: revenue, '],
      [{ kpi: 'quota_attainment', value: 1 }, 'quota_attainment is itself a share of a target; set a target on revenue instead (quotas are targets on revenue)'],
      [{ kpi: 'revenue', value: 1, scope: parseScope('rep:ZZ') }, 'unknown rep "ZZ"; import it with the reps first'],
      [{ kpi: 'revenue', value: 1, scope: parseScope('team:TX') }, 'unknown team "TX"; teams are: TA, TB'],
      [{ kpi: 'revenue', value: 1, period: '2026-13' }, 'period "2026-13": there is no month 13 (months are 01 to 12)'],
      [{ kpi: 'revenue', value: 1, period: undefined }, 'a target needs a period: --period (2026-Q4, 2026-03, 2026, …) or --from and --to'],
      [{ kpi: 'revenue', value: 1, period: undefined, from: '2026-05-01', to: '2026-04-01' }, 'the range 2026-05-01..2026-04-01 ends before it starts; expected from ≤ to'],
      [{ kpi: 'revenue', value: -5 }, '--value: a target must be above 0; got -5'],
      [{ kpi: 'revenue', value: 10.005 }, '--value: money targets are in cents: at most 2 decimals; got 10.005'],
      [{ kpi: 'win_rate', value: 35 }, '--value: win_rate is a share, so its target is from 0 to 1 (0.35 = 35%); got 35'],
      [{ kpi: 'churn_rate', value: 1.2 }, '--value: churn_rate is a share, so its target is from 0 to 1 (0.35 = 35%); got 1.2'],
      [{ kpi: 'net_margin', value: 0.2, scope: parseScope('rep:A1') }, 'net_margin cannot be measured per rep (it splits by channel), so a rep target on it could never be judged; set a company target'],
      [{ kpi: 'stage_conversion', value: 0.2 }, 'stage_conversion is measured per stage, so one target cannot be judged against it'],
      [{ kpi: 'revenue', value: 100, split: parseSplit('even') }, '--split divides a team’s target across its reps; give a team scope, e.g. --scope team:T01'],
      [{ kpi: 'revenue', value: 100, scope: parseScope('team:TA'), split: parseSplit('weights:B1=1') }, '--split: B1 is not a rep of team TA; its reps are: A1, A2, A3, A4, MA'],
      [{ kpi: 'revenue', value: 100, scope: parseScope('team:TA'), split: parseSplit('weights:A4=1') }, '--split: A4 is not employed in 2026-04-01..2026-04-30 (hired 2024-01-01, left 2026-02-28)'],
      [{ kpi: 'revenue', value: 100, id: 'S2' }, 'target id S2 is in use by S2 (revenue, team:TA, 2026-05-01..2026-05-31, 1000.01); choose another id, remove S2 first, or replace it (--replace; in the API and the dashboard: replace)'],
      [{ kpi: 'revenue', value: 100, id: ' x' }, '--id: " x" is not an id; expected 1 to 100 characters without control characters or spaces at either end'],
    ];
    for (const [o, message] of cases) {
      const e = await addTarget(store, input(o)).then(() => null, (x: unknown) => x);
      expect(isUserError(e), JSON.stringify(o)).toBe(true);
      expect((e as Error).message.startsWith(message), `${(e as Error).message}\n≠ ${message}`).toBe(true);
    }
    expect(() => parseScope('team')).toThrow('--scope: expected company, team:TEAM_ID or rep:REP_ID, e.g. team:T01 or rep:R012; got "team"');
    expect(() => parseSplit('weights:A1=0')).toThrow('--split: the weight of A1 must be a number above 0; got 0');
    expect(() => parseSplit('weights:A1=1,A1=2')).toThrow('--split: rep A1 is named twice');
    expect(() => parseSplit('thirds')).toThrow('--split: expected even or weights:REP=WEIGHT,…, e.g. weights:R1=2,R2=1; got "thirds"');
  });

  it('removes a target, with its split parts on request', async () => {
    const before = await dataVersion(store);
    expect((await removeTarget(store, 'S3')).removed.map((t) => t.target_id)).toEqual(['S3']);
    expect((await removeTarget(store, 'S4', true)).removed.map((t) => t.target_id)).toEqual(['S4', 'S4-A1', 'S4-A2', 'S4-A3']);
    expect(await dataVersion(store)).toBe(before + 2);
    await expect(removeTarget(store, 'S4')).rejects.toMatchObject({ code: 'not_found', message: 'no target has the id "S4"; quotient targets list --all shows them' });
  });
});

describe('roll-ups', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWith(org);
    await addTarget(store, input({ id: 'TA-4', kpi: 'revenue', scope: parseScope('team:TA'), value: 10000, split: parseSplit('even') }));
    await addTarget(store, input({ id: 'TB-4', kpi: 'revenue', scope: parseScope('team:TB'), value: 1000 }));
    // B1 has only a quarterly target: 3,000 × 30 / 91 days of it fall in April.
    await addTarget(store, input({ id: 'B1-Q2', kpi: 'revenue', scope: parseScope('rep:B1'), period: '2026-Q2', value: 3000 }));
    await addTarget(store, input({ id: 'CO-4', kpi: 'revenue', value: 11000 }));
    await addTarget(store, input({ id: 'WR-4', kpi: 'win_rate', scope: parseScope('team:TB'), value: 0.3 }));
  });
  afterAll(() => store.close());

  it('sums the reps’ targets beside each team target and flags a mismatch', async () => {
    const r = await paceTargets(store, await listTargets(store, { from: '2026-04-01', to: '2026-04-30' }), { asOf: '2026-04-10', rollup: true, forecast: false });
    const by = new Map(r.targets.map((t) => [t.target_id, t.rollup]));
    expect(by.get('TA-4')).toMatchObject({ of: 'reps', sum: 10000, difference: 0, mismatch: false });
    expect(by.get('TA-4')!.members.map((m) => [m.scope_id, m.counted])).toEqual([['A1', 3333.34], ['A2', 3333.33], ['A3', 3333.33]]);
    // 3,000 × 30 / 91 = 989.010989… → 989.01, 10.99 short of 1,000.
    expect(by.get('TB-4')).toMatchObject({ of: 'reps', sum: 989.01, difference: -10.99, mismatch: true, members: [{ target_id: 'B1-Q2', value: 3000, counted: 989.01 }] });
    // The company from its teams: 10,000 + 1,000 = 11,000.
    expect(by.get('CO-4')).toMatchObject({ of: 'teams', sum: 11000, difference: 0, mismatch: false });
    expect(by.get('WR-4')).toMatchObject({ sum: null, mismatch: null, note: 'win_rate does not add up across reps or teams' });
    expect(by.has('B1-Q2') && by.get('B1-Q2')).toBeUndefined();
  });

  it('a team without rep targets says so', () => {
    const t = { target_id: 'X', kpi: 'revenue', scope: 'team' as const, scope_id: 'TB', period_start: '2026-06-01', period_end: '2026-06-30', value: 5 };
    expect(rollupOf(t, [], { reps: new Map(), teams: new Map() })).toMatchObject({ sum: null, mismatch: null, note: 'no rep targets for revenue overlap the period' });
  });
});

describe('quotient targets', () => {
  const run = useCliStore(org);

  it('add prints what was written; the parts add up', async () => {
    const r = await run('targets', 'add', '--kpi', 'revenue', '--scope', 'team:TA', '--period', '2026-04', '--value', '10000', '--split', 'even', '--id', 'C1');
    expect(r).toEqual({
      code: 0,
      err: '',
      out: [
        'Added C1: revenue 10,000.00 for team:TA, 2026-04-01..2026-04-30.',
        'Split across 3 reps:',
        '  C1-A1: revenue 3,333.34 for rep:A1, 2026-04-01..2026-04-30',
        '  C1-A2: revenue 3,333.33 for rep:A2, 2026-04-01..2026-04-30',
        '  C1-A3: revenue 3,333.33 for rep:A3, 2026-04-01..2026-04-30',
        'Note: not employed in the period, so given no part: A4.',
        '',
      ].join('\n'),
    });
    const j = await run('targets', 'add', '--kpi', 'revenue', '--scope', 'team:TB', '--from', '2026-04-01', '--to', '2026-04-30', '--value', '2500', '--id', 'C2', '--format', 'json');
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toEqual({ targets: [{ target_id: 'C2', kpi: 'revenue', scope: 'team', scope_id: 'TB', period_start: '2026-04-01', period_end: '2026-04-30', value: 2500 }], replaced: [], notes: [] });
    expect((await run('targets', 'add', '--kpi', 'revenue', '--scope', 'rep:B1', '--period', '2026-04', '--value', '2000', '--id', 'C3')).code).toBe(0);
  });

  it.each([
    [['--kpi', 'revenu', '--scope', 'company', '--period', '2026-04', '--value', '1'], 'quotient: unknown KPI "revenu"; KPIs are: revenue,'],
    [['--kpi', 'revenue', '--scope', 'rep:NOPE', '--period', '2026-04', '--value', '1'], 'quotient: unknown rep "NOPE"; import it with the reps first\n'],
    [['--kpi', 'revenue', '--scope', 'team:NOPE', '--period', '2026-04', '--value', '1'], 'quotient: unknown team "NOPE"; teams are: TA, TB\n'],
    [['--kpi', 'revenue', '--scope', 'company', '--period', '2026-Q7', '--value', '1'], 'quotient: period "2026-Q7": there is no quarter Q7'],
    [['--kpi', 'revenue', '--scope', 'company', '--period', '2026-04', '--value', '-100'], 'quotient: --value: a target must be above 0; got -100\n'],
    [['--kpi', 'revenue', '--scope', 'company', '--period', '2026-04', '--value', 'lots'], 'quotient: --value: expected a number, e.g. 50000 or 0.35; got "lots"\n'],
    [['--kpi', 'win_rate', '--scope', 'company', '--period', '2026-04', '--value', '1.5'], 'quotient: --value: win_rate is a share, so its target is from 0 to 1 (0.35 = 35%); got 1.5\n'],
    [['--kpi', 'revenue', '--scope', 'everyone', '--period', '2026-04', '--value', '1'], 'quotient: --scope: expected company, team:TEAM_ID or rep:REP_ID'],
    [['--kpi', 'revenue', '--scope', 'team:TA', '--period', '2026-04', '--value', '1'], 'quotient: team:TA already has a revenue target of this length overlapping 2026-04-01..2026-04-30: C1 (revenue, team:TA, 2026-04-01..2026-04-30, 10000); remove it first, or replace it (--replace; in the API and the dashboard: replace)\n'],
  ])('add %j is refused with exit 2', async (args, message) => {
    const r = await run('targets', 'add', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.startsWith(message), r.err).toBe(true);
  });

  it('list shows attainment, pacing and with --rollup the sum of the parts', async () => {
    const r = await run('targets', 'list', '--as-of', '2026-04-10', '--rollup', '--no-forecast');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Targets running on 2026-04-10, as of 2026-04-10 (on track ≥ 100.0%, at risk ≥ 85.0% of the target projected)');
    expect(lines[2].split(/\s{2,}/)).toEqual(['id', 'kpi', 'scope', 'name', 'period', 'target', 'so far', 'attained', 'due by now', 'projected', 'proj. att.', 'status', 'sum of parts', 'roll-up']);
    // C2: TB's 2,500 against B1's 2,000 — a mismatch of −500.
    expect(lines.find((l) => l.startsWith('C2 '))).toMatch(/C2\s+revenue\s+team:TB\s+Beta\s+2026-04\s+2,500\.00\s+0\.00\s+0\.0%\s+833\.33\s+0\.00\s+0\.0%\s+off track\s+2,000\.00\s+MISMATCH -500\.00 \(reps\)$/);
    // A1 won 1,000 on 04-03; no history, so linear: 10 of 30 days → 3,000 of 3,333.34.
    expect(lines.find((l) => l.startsWith('C1-A1 '))).toMatch(/C1-A1\s+revenue\s+rep:A1\s+Ada\s+2026-04\s+3,333\.34\s+1,000\.00\s+30\.0%\s+1,111\.11\s+3,000\.00\s+90\.0%\s+at risk$/);
    expect(lines.find((l) => l.startsWith('C1 '))).toMatch(/ok \(reps\)$/);
    const j = JSON.parse((await run('targets', 'list', '--as-of', '2026-04-10', '--scope', 'team:TB', '--rollup', '--format', 'json')).out);
    expect(j.targets).toHaveLength(1);
    expect(j.targets[0]).toMatchObject({ target_id: 'C2', name: 'Beta', period: '2026-04', rollup: { sum: 2000, difference: -500, mismatch: true } });
    expect(j.targets[0].pacing).toMatchObject({ share_basis: 'linear', so_far: 0, status: 'off_track' });
  });

  it('the pacing thresholds are settings, validated', async () => {
    expect(await run('config', 'set', 'pacing_on_track', '0.95')).toEqual({ code: 0, out: 'pacing_on_track = 0.95\n', err: '' });
    expect(await run('config', 'set', 'pacing_at_risk', '0.8')).toEqual({ code: 0, out: 'pacing_at_risk = 0.8\n', err: '' });
    expect(await run('config', 'set', 'pacing_at_risk', '0')).toEqual({ code: 2, out: '', err: 'quotient: pacing_at_risk: "0" is not a share; expected a number above 0, like 0.85 for 85%\n' });
    expect(await run('config', 'set', 'pacing_on_track', 'high')).toEqual({ code: 2, out: '', err: 'quotient: pacing_on_track: "high" is not a share; expected a number above 0, like 1 for 100% or 0.95 for 95%\n' });
    const r = await run('targets', 'list', '--as-of', '2026-04-10', '--no-forecast', '--format', 'json');
    expect(JSON.parse(r.out).thresholds).toEqual({ on_track: 0.95, at_risk: 0.8 });
    // A1 at 90% of its target is at risk under 95% / 80%.
    expect(JSON.parse(r.out).targets.find((t: { target_id: string }) => t.target_id === 'C1-A1').pacing.status).toBe('at_risk');
    await run('config', 'set', 'pacing_on_track', '1');
    await run('config', 'set', 'pacing_at_risk', '0.85');
  });

  it('list refuses bad filters with exit 2', async () => {
    expect(await run('targets', 'list', '--kpi', 'nope')).toMatchObject({ code: 2, err: 'quotient: unknown KPI "nope"; `quotient kpis` lists them\n' });
    expect(await run('targets', 'list', '--scope', 'region:EMEA')).toMatchObject({ code: 2, err: expect.stringContaining('--scope: expected company, team:TEAM_ID or rep:REP_ID') });
    expect(await run('targets', 'list', '--as-of', '2026-02-30')).toMatchObject({ code: 2, err: 'quotient: --as-of: "2026-02-30" is not a date; expected YYYY-MM-DD\n' });
    expect(await run('targets', 'list', '--all', '--period', '2026-04')).toMatchObject({ code: 2, err: 'quotient: --all lists every target whatever its period; leave out --period and --from/--to\n' });
  });

  it('remove removes a target (and with --with-split its parts); a missing one is exit 2', async () => {
    expect(await run('targets', 'remove', 'C1', '--with-split')).toEqual({
      code: 0,
      err: '',
      out: [
        'Removed C1: revenue 10,000.00 for team:TA, 2026-04-01..2026-04-30.',
        'Removed C1-A1: revenue 3,333.34 for rep:A1, 2026-04-01..2026-04-30.',
        'Removed C1-A2: revenue 3,333.33 for rep:A2, 2026-04-01..2026-04-30.',
        'Removed C1-A3: revenue 3,333.33 for rep:A3, 2026-04-01..2026-04-30.',
        '',
      ].join('\n'),
    });
    expect(await run('targets', 'remove', 'C1')).toEqual({ code: 2, out: '', err: 'quotient: no target has the id "C1"; quotient targets list --all shows them\n' });
    const left = JSON.parse((await run('targets', 'list', '--all', '--format', 'json', '--no-forecast')).out);
    expect(left.targets.map((t: { target_id: string }) => t.target_id)).toEqual(['C2', 'C3']);
  });
});
