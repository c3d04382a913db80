// GET /api/dimensions: names for the filter pickers, reps and teams only within the caller's
// scope (a rep sees only themselves, a viewer no reps or teams).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { makeFixture, signIn, ROLE_USERS, type Credentials, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-dims-');
let f: Fixture;
const who = {} as Record<'admin' | 'manager' | 'rep' | 'viewer', Credentials>;

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  for (const role of ['admin', 'manager', 'rep', 'viewer'] as const) who[role] = await signIn(f.server, ROLE_USERS[role].email);
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const get = async (role: keyof typeof who) => (await f.server.app.inject({ url: '/api/dimensions', headers: who[role].headers })).json() as { teams: { id: string }[]; reps: { id: string; name: string }[]; sources: string[] };

describe('GET /api/dimensions', () => {
  it('admin: every team and rep with names, and the sources in the data', async () => {
    const d = await get('admin');
    expect(d.teams.map((t) => t.id)).toEqual(['T1', 'T2']);
    expect(d.reps).toEqual([
      { id: 'M2', name: 'Max Manager', team_id: 'T2', role: 'manager', active: true },
      { id: 'M1', name: 'Mia Manager', team_id: 'T1', role: 'manager', active: true },
      { id: 'R3', name: 'Ravi Rep', team_id: 'T2', role: 'rep', active: true },
      { id: 'R1', name: 'Rita Rep', team_id: 'T1', role: 'rep', active: true },
      { id: 'R2', name: 'Rolf Rep', team_id: 'T1', role: 'rep', active: true },
    ]);
    expect(d.sources).toEqual(['event', 'referral', 'web']);
  });

  it('manager: their team and its reps only', async () => {
    const d = await get('manager');
    expect(d.teams.map((t) => t.id)).toEqual(['T1']);
    expect(d.reps.map((r) => r.id).sort()).toEqual(['M1', 'R1', 'R2']);
  });

  it('rep: themselves and their team; viewer: no one', async () => {
    const r = await get('rep');
    expect([r.teams.map((t) => t.id), r.reps.map((x) => x.id)]).toEqual([['T1'], ['R1']]);
    const v = await get('viewer');
    expect([v.teams, v.reps]).toEqual([[], []]);
  });
});
