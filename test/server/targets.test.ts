// /api/targets and /api/leaderboard: who sees which targets and rankings, admins add and remove
// targets with the CLI's validation, and `quotient targets` and `quotient leaderboard` print the
// same through a running server as on the store itself.
//
//   T1 North (manager M1): M1, R1, R2      T2 South (manager M2): M2, R3
//   March 2026 revenue: R1 1,000, R2 2,000, R3 4,000, M2 300
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { insert } from '../fixtures/kpi/store.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import { openStore } from '../../src/store/open.js';
import { loadData, makeFixture, ROLE_USERS, signIn, type Credentials, type Fixture } from './fixture.js';
import { startServe } from './serve-process.js';

const tmp = useTempDir('quotient-targets-');
let f: Fixture;
const who = {} as Record<'admin' | 'manager' | 'rep' | 'viewer', Credentials>;
const march = (id: string, scope: string, scope_id: string | null, value: number) => ({ target_id: id, kpi: 'revenue', scope, scope_id, period_start: '2026-03-01', period_end: '2026-03-31', value });
const TARGETS = [march('TC', 'company', null, 10000), march('TT1', 'team', 'T1', 5000), march('TT2', 'team', 'T2', 5000), march('TR1', 'rep', 'R1', 1000), march('TR2', 'rep', 'R2', 2000), march('TR3', 'rep', 'R3', 4000), march('TM1', 'rep', 'M1', 500)];

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  await insert(f.store, 'targets', TARGETS);
  await bumpDataVersion(f.store);
  for (const role of ['admin', 'manager', 'rep', 'viewer'] as const) who[role] = await signIn(f.server, ROLE_USERS[role].email);
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const get = (role: keyof typeof who, url: string) => f.server.app.inject({ url, headers: who[role].headers });
const send = (role: keyof typeof who, method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
  f.server.app.inject({ method, url, headers: who[role].headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const ids = (body: { targets: { target_id: string }[] }) => body.targets.map((t) => t.target_id);

describe('GET /api/targets', () => {
  it('each role sees the company’s targets and those of the teams and reps in its scope', async () => {
    const q = '/api/targets?period=2026-03&as_of=2026-03-31&forecast=false';
    expect(ids((await get('admin', q)).json())).toEqual(['TC', 'TT1', 'TT2', 'TM1', 'TR1', 'TR2', 'TR3']);
    expect(ids((await get('manager', q)).json())).toEqual(['TC', 'TT1', 'TM1', 'TR1', 'TR2']);
    expect(ids((await get('rep', q)).json())).toEqual(['TC', 'TT1', 'TR1']);
    expect(ids((await get('viewer', q)).json())).toEqual(['TC']);
  });

  it('with attainment and pacing: the period ended, R1 won 1,000 of 1,000', async () => {
    const r = (await get('rep', '/api/targets?scope=rep:R1&period=2026-03&as_of=2026-03-31&forecast=false')).json();
    expect(r.targets).toHaveLength(1);
    expect(r.targets[0]).toMatchObject({ target_id: 'TR1', name: 'Rita Rep', period: '2026-03', pacing: { state: 'ended', so_far: 1000, attainment: 1, status: 'on_track' } });
  });

  it('asking for someone outside the scope is 403; the parts of a roll-up name only visible reps', async () => {
    for (const scope of ['rep:R2', 'rep:R3', 'team:T2']) {
      const r = await get('rep', `/api/targets?scope=${scope}&period=2026-03`);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.message).toBe(`you may not see ${scope.replace(':', ' "')}"`);
    }
    expect((await get('manager', '/api/targets?scope=team:T2&period=2026-03')).statusCode).toBe(403);
    const r = (await get('rep', '/api/targets?scope=team:T1&period=2026-03&as_of=2026-03-31&rollup=true&forecast=false')).json();
    // The sum counts every rep of T1 (M1 500 + R1 1,000 + R2 2,000), the list only R1.
    expect(r.targets[0].rollup).toMatchObject({ of: 'reps', sum: 3500, difference: -1500, mismatch: true, members: [{ target_id: 'TR1', counted: 1000 }] });
    expect((await get('admin', '/api/targets?scope=team:T1&period=2026-03&as_of=2026-03-31&rollup=true&forecast=false')).json().targets[0].rollup.members).toHaveLength(3);
  });
});

describe('the pacing thresholds in /api/settings', () => {
  it('are read by everyone and changed by admins, validated', async () => {
    expect((await get('viewer', '/api/settings')).json()).toMatchObject({ pacing_on_track: '1', pacing_at_risk: '0.85' });
    const put = (body: unknown) => f.server.app.inject({ method: 'PUT', url: '/api/settings', headers: who.admin.headers, payload: body as Record<string, string> });
    expect((await put({ pacing_on_track: '0.9' })).json()).toMatchObject({ pacing_on_track: '0.9' });
    const bad = await put({ pacing_at_risk: '-1' });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, 'pacing_at_risk: "-1" is not a share; expected a number above 0, like 0.85 for 85%']);
    expect((await get('rep', '/api/targets?scope=rep:R1&period=2026-03&as_of=2026-03-31&forecast=false')).json().thresholds).toEqual({ on_track: 0.9, at_risk: 0.85 });
    expect((await put({ pacing_on_track: '1' })).statusCode).toBe(200);
  });
});

describe('POST and DELETE /api/targets', () => {
  it('an admin adds a team target split across its reps; the parts add up to the cent', async () => {
    const r = await send('admin', 'POST', '/api/targets', { id: 'A1', kpi: 'revenue', scope: 'team:T1', period: '2026-04', value: 1000.01, split: 'even' });
    expect(r.statusCode).toBe(201);
    expect(r.json().targets.map((t: { target_id: string; value: number }) => [t.target_id, t.value])).toEqual([['A1', 1000.01], ['A1-R1', 500.01], ['A1-R2', 500]]);
    const w = await send('admin', 'POST', '/api/targets', { id: 'A2', kpi: 'revenue', scope: 'team:T1', period: '2026-05', value: 900, split: { weights: { R1: 2, R2: 1 } } });
    expect(w.json().targets.map((t: { value: number }) => t.value)).toEqual([900, 600, 300]);
    expect(ids((await get('rep', '/api/targets?period=2026-04&forecast=false')).json())).toEqual(['A1', 'A1-R1']);
  });

  it('refuses bad targets with 400 and the CLI’s message; non-admins with 403', async () => {
    const bad = await send('admin', 'POST', '/api/targets', { kpi: 'win_rate', scope: 'company', period: '2026-04', value: 35 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('--value: win_rate is a share, so its target is from 0 to 1 (0.35 = 35%); got 35');
    const unknown = await send('admin', 'POST', '/api/targets', { kpi: 'revenue', scope: 'rep:NOPE', period: '2026-04', value: 5 });
    expect([unknown.statusCode, unknown.json().error.message]).toEqual([400, 'unknown rep "NOPE"; import it with the reps first']);
    expect((await send('manager', 'POST', '/api/targets', { kpi: 'revenue', scope: 'team:T1', period: '2026-06', value: 5 })).statusCode).toBe(403);
    expect((await send('manager', 'DELETE', '/api/targets/A1')).statusCode).toBe(403);
  });

  it('an admin removes a target (with its split on request); a missing one is 404', async () => {
    const r = await send('admin', 'DELETE', '/api/targets/A2?with_split=true');
    expect(r.statusCode).toBe(200);
    expect(ids({ targets: r.json().removed })).toEqual(['A2', 'A2-R1', 'A2-R2']);
    expect((await send('admin', 'DELETE', '/api/targets/A2')).statusCode).toBe(404);
  });

  it('adding and removing targets is in the audit log, with who did it', async () => {
    const log = await f.server.app.inject({ url: '/api/audit?action=target_added', headers: who.admin.headers });
    expect(log.statusCode).toBe(200);
    const added = (log.json() as { actor: string; target: string }[]).map((e) => [e.actor, e.target]);
    expect(added).toEqual(expect.arrayContaining([['admin@example.com', 'A1'], ['admin@example.com', 'A2']]));
    const removed = await f.server.app.inject({ url: '/api/audit?action=target_removed', headers: who.admin.headers });
    expect((removed.json() as { target: string; details: { removed: string[] } }[]).map((e) => [e.target, e.details.removed])).toEqual([['A2', ['A2', 'A2-R1', 'A2-R2']]]);
  });
});

describe('GET /api/leaderboard', () => {
  const L = '/api/leaderboard?kpi=revenue&period=2026-03';
  const ranked = (body: { ranked: { rank: number; id: string; value: number }[] }) => body.ranked.map((x) => [x.rank, x.id, x.value]);

  it('an admin ranks every rep; a manager their reps; a rep may not rank reps; a viewer sees no split', async () => {
    expect(ranked((await get('admin', `${L}&by=rep`)).json())).toEqual([[1, 'R3', 4000], [2, 'R2', 2000], [3, 'R1', 1000], [4, 'M2', 300]]);
    expect(ranked((await get('manager', `${L}&by=rep`)).json())).toEqual([[1, 'R2', 2000], [2, 'R1', 1000]]);
    const rep = await get('rep', `${L}&by=rep`);
    expect([rep.statusCode, rep.json().error.message]).toEqual([403, 'a leaderboard by rep ranks other reps; your role sees only your own figures (an admin can let reps see their team: quotient config set reps_see_team true)']);
    expect((await get('rep', `${L}&by=manager`)).statusCode).toBe(403);
    expect((await get('viewer', `${L}&by=rep`)).statusCode).toBe(403);
    expect((await get('viewer', `${L}&by=team`)).statusCode).toBe(403);
  });

  it('teams: a rep sees their own team, the admin both with their targets met', async () => {
    expect(ranked((await get('rep', `${L}&by=team`)).json())).toEqual([[1, 'T1', 3000]]);
    const a = (await get('admin', `${L}&by=team`)).json();
    expect(a.ranked.map((x: { id: string; target_met: boolean | null }) => [x.id, x.target_met])).toEqual([['T2', false], ['T1', false]]);
    expect((await get('rep', `${L}&by=team&filter=team=T2`)).statusCode).toBe(403);
  });

  it('when the admin lets reps see their team (reps_see_team): a rep ranks their team by name, but lists only their own records', async () => {
    const put = (v: string) => f.server.app.inject({ method: 'PUT', url: '/api/settings', headers: who.admin.headers, payload: { reps_see_team: v } });
    expect((await put('true')).statusCode).toBe(200);
    try {
      // Team T1: R2 2,000, R1 1,000, M1 (the manager) nothing.
      expect(ranked((await get('rep', `${L}&by=rep`)).json())).toEqual([[1, 'R2', 2000], [2, 'R1', 1000]]);
      const names = (await get('rep', '/api/dimensions')).json() as { reps: { id: string }[] };
      expect(names.reps.map((r) => r.id).sort()).toEqual(['M1', 'R1', 'R2']);
      const others = await get('rep', '/api/records?kpi=revenue&period=2026-03&filter=rep=R2');
      expect([others.statusCode, others.json().error.message]).toEqual([403, 'you may see rep "R2" by name but not their records']);
      expect((await get('rep', '/api/records?kpi=revenue&period=2026-03&filter=rep=R1')).statusCode).toBe(200);
      expect((await get('rep', `${L}&by=rep&filter=rep=R3`)).statusCode).toBe(403);
    } finally {
      await put('false');
    }
  });
});

describe('the CLI while quotient serve holds the store', () => {
  const COMMANDS: string[][] = [
    ['targets', 'add', '--kpi', 'revenue', '--scope', 'team:T1', '--period', '2026-03', '--value', '3000.01', '--split', 'weights:R1=1,R2=2', '--id', 'X1'],
    ['targets', 'list', '--period', '2026-03', '--as-of', '2026-03-20', '--rollup', '--format', 'json'],
    ['targets', 'list', '--period', '2026-03', '--as-of', '2026-03-20', '--rollup', '--no-forecast', '--explain'],
    ['leaderboard', '--kpi', 'revenue', '--period', '2026-03', '--as-of', '2026-03-31'],
    ['leaderboard', '--kpi', 'win_rate', '--period', '2026-03', '--min-n', '2', '--format', 'json'],
    ['targets', 'add', '--kpi', 'win_rate', '--scope', 'company', '--period', '2026-03', '--value', '40'],
    ['targets', 'remove', 'X1', '--with-split'],
    ['targets', 'remove', 'X1'],
  ];
  const local: CliRun[] = [];
  const served: CliRun[] = [];
  let child: ChildProcess | undefined;

  const storeFile = async (name: string) => {
    const db = tmp.join(name);
    const s = await openStore(db);
    await loadData(s, tmp.path);
    await s.close();
    return db;
  };

  beforeAll(async () => {
    const a = await storeFile('local.duckdb');
    for (const c of COMMANDS) local.push(await runCli(['--db', a, ...c]));
    const b = await storeFile('served.duckdb');
    ({ child } = await startServe(b));
    for (const c of COMMANDS) served.push(await runCli(['--db', b, ...c]));
  }, 60_000);
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints what it prints on the store itself, errors included', () => {
    expect(local.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 2, 0, 2]);
    for (const [i, r] of served.entries()) {
      if (r.code === 0) expect(r.err, COMMANDS[i].join(' ')).toContain('working through its API');
      expect([r.code, r.out], COMMANDS[i].join(' ')).toEqual([local[i].code, local[i].out]);
      expect(r.err.split('\n').filter((l) => l.startsWith('quotient:'))).toEqual(local[i].err.split('\n').filter((l) => l.startsWith('quotient:')));
    }
    expect(local[0].out).toContain('  X1-R1: revenue 1,000.00 for rep:R1, 2026-03-01..2026-03-31\n  X1-R2: revenue 2,000.01 for rep:R2, 2026-03-01..2026-03-31\n');
    expect(local[5].err).toBe('quotient: --value: win_rate is a share, so its target is from 0 to 1 (0.35 = 35%); got 40\n');
  });
});
