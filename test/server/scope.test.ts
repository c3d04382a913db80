// Role → access scope, and how a scope turns a KPI query into the query the engine runs.
import { describe, expect, it } from 'vitest';
import { scopedQuery, scopeFor, type Org } from '../../src/server/auth/scope.js';
import type { KpiQuery } from '../../src/query/query.js';
import { ApiError } from '../../src/server/errors.js';

// T1 led by M1 (M1, R1, R2); T2 led by M2 (M2, R3); T3 led by M1 too (R4).
const org: Org = {
  teams: [
    { team_id: 'T1', manager_rep_id: 'M1' },
    { team_id: 'T2', manager_rep_id: 'M2' },
    { team_id: 'T3', manager_rep_id: 'M1' },
  ],
  reps: [
    { rep_id: 'M1', team_id: 'T1' },
    { rep_id: 'R1', team_id: 'T1' },
    { rep_id: 'R2', team_id: 'T1' },
    { rep_id: 'M2', team_id: 'T2' },
    { rep_id: 'R3', team_id: 'T2' },
    { rep_id: 'R4', team_id: 'T3' },
    { rep_id: 'R5', team_id: null },
  ],
};

const q = (more: Partial<KpiQuery> = {}): KpiQuery => ({ kpis: ['revenue'], period: '2026-03', ...more });
const forbiddenBy = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? e.code : 'other';
  }
  return 'allowed';
};

describe('scopeFor', () => {
  it('admin: every rep and team', () => {
    const s = scopeFor({ role: 'admin', rep_id: null, team_id: null }, org);
    expect([s.reps, s.teams]).toEqual(['all', 'all']);
    expect(s.canSeeRepDetail('anyone')).toBe(true);
  });
  it('manager: the teams they lead (by manager_rep_id) and their reps, and themselves', () => {
    const s = scopeFor({ role: 'manager', rep_id: 'M1', team_id: null }, org);
    expect(s.teams).toEqual(['T1', 'T3']);
    expect(s.reps).toEqual(['M1', 'R1', 'R2', 'R4']);
    expect(s.canSeeRepDetail('R3')).toBe(false);
    expect(s.canSeeTeam('T2')).toBe(false);
  });
  it('manager by team only: that team and its reps', () => {
    const s = scopeFor({ role: 'manager', rep_id: null, team_id: 'T2' }, org);
    expect([s.teams, s.reps]).toEqual([['T2'], ['M2', 'R3']]);
  });
  it('rep: themselves in detail, their own team from the data', () => {
    const s = scopeFor({ role: 'rep', rep_id: 'R3', team_id: null }, org);
    expect([s.reps, s.teams]).toEqual([['R3'], ['T2']]);
  });
  it('rep, when the admin lets reps see their team: colleagues by name, records still their own', () => {
    const s = scopeFor({ role: 'rep', rep_id: 'R1', team_id: null }, org, { repsSeeTeam: true });
    expect([s.reps, s.recordReps, s.teams]).toEqual([['M1', 'R1', 'R2'], ['R1'], ['T1']]);
    expect(scopedQuery(s, q({ by: ['rep'] }), 'report').scope).toEqual({ reps: ['M1', 'R1', 'R2'] });
    expect(scopedQuery(s, q({ filters: { rep: ['R2'] } }), 'report').scope).toEqual({ reps: ['M1', 'R1', 'R2'] });
    expect(scopedQuery(s, q(), 'records').scope).toEqual({ reps: ['R1'] });
    expect(forbiddenBy(() => scopedQuery(s, q({ filters: { rep: ['R2'] } }), 'records'))).toBe('forbidden');
    expect(forbiddenBy(() => scopedQuery(s, q({ filters: { rep: ['R3'] } }), 'report'))).toBe('forbidden');
    // Without the setting, nothing changes.
    expect(scopeFor({ role: 'rep', rep_id: 'R1', team_id: null }, org).reps).toEqual(['R1']);
  });
  it('rep without a team: no team totals', () => {
    expect(scopeFor({ role: 'rep', rep_id: 'R5', team_id: null }, org).teams).toEqual([]);
  });
  it('viewer: nothing in detail, no teams', () => {
    const s = scopeFor({ role: 'viewer', rep_id: 'R1', team_id: 'T1' }, org);
    expect([s.reps, s.teams]).toEqual([[], []]);
  });
});

describe('scopedQuery', () => {
  const admin = scopeFor({ role: 'admin', rep_id: null, team_id: null }, org);
  const manager = scopeFor({ role: 'manager', rep_id: 'M1', team_id: null }, org);
  const rep = scopeFor({ role: 'rep', rep_id: 'R1', team_id: null }, org);
  const viewer = scopeFor({ role: 'viewer', rep_id: null, team_id: null }, org);

  it('admin queries run unchanged, with every rep', () => {
    expect(scopedQuery(admin, q({ by: ['rep'] }), 'report')).toEqual({ ...q({ by: ['rep'] }), filters: {}, scope: { reps: 'all' } });
  });
  it('company totals are every rep’s, for every role', () => {
    for (const s of [manager, rep, viewer]) expect(scopedQuery(s, q(), 'report').scope).toEqual({ reps: 'all' });
  });
  it('a split by rep or manager limits the engine to the reps in scope', () => {
    expect(scopedQuery(manager, q({ by: ['rep'] }), 'report').scope).toEqual({ reps: ['M1', 'R1', 'R2', 'R4'] });
    expect(scopedQuery(rep, q({ by: ['manager'] }), 'report').scope).toEqual({ reps: ['R1'] });
  });
  it('records are always limited to the reps in scope', () => {
    expect(scopedQuery(rep, q(), 'records').scope).toEqual({ reps: ['R1'] });
    expect(forbiddenBy(() => scopedQuery(viewer, q(), 'records'))).toBe('forbidden');
  });
  it('filtering by a rep outside the scope is refused', () => {
    expect(forbiddenBy(() => scopedQuery(rep, q({ filters: { rep: ['R2'] } }), 'report'))).toBe('forbidden');
    expect(forbiddenBy(() => scopedQuery(manager, q({ filters: { rep: ['R1', 'R3'] } }), 'report'))).toBe('forbidden');
    expect(forbiddenBy(() => scopedQuery(manager, q({ filters: { manager: ['M2'] } }), 'report'))).toBe('forbidden');
    expect(forbiddenBy(() => scopedQuery(manager, q({ filters: { rep: ['R4'] } }), 'report'))).toBe('allowed');
  });
  it('a split by team shows only the teams in scope; other teams are refused', () => {
    expect(scopedQuery(rep, q({ by: ['team'] }), 'report').filters).toEqual({ team: ['T1'] });
    expect(scopedQuery(manager, q({ by: ['team'] }), 'report').filters).toEqual({ team: ['T1', 'T3'] });
    expect(forbiddenBy(() => scopedQuery(rep, q({ filters: { team: ['T2'] } }), 'report'))).toBe('forbidden');
    expect(forbiddenBy(() => scopedQuery(viewer, q({ by: ['team'] }), 'report'))).toBe('forbidden');
  });
  it('viewers may split company totals by dimensions that name no people', () => {
    expect(scopedQuery(viewer, q({ by: ['source', 'product'] }), 'report').scope).toEqual({ reps: 'all' });
    expect(forbiddenBy(() => scopedQuery(viewer, q({ by: ['rep'] }), 'report'))).toBe('forbidden');
  });
});
