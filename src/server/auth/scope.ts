// Who may see what. A user's role and links into the data (their rep, their team) give an
// access scope: the reps they may see in detail (names, rows, records) and the teams whose
// totals they may see. `scopedQuery` turns a KPI query plus a scope into the query the engine
// runs — with the query layer's own `scope` set, so the SQL itself keeps other reps' records
// out — or refuses it.
//
//   admin    every rep, every team
//   manager  the reps of the teams they lead (teams.manager_rep_id = their rep) or belong to, and themselves
//   rep      themselves in detail; their own team's and the company's totals
//   viewer   company totals only
import type { Store } from '../../store/store.js';
import { getSetting } from '../../store/settings.js';
import type { KpiQuery, Scope } from '../../query/query.js';
import { forbidden } from '../errors.js';
import type { Role, User } from './roles.js';

export interface AccessScope {
  role: Role;
  /** Reps whose names and rows the user may see (in splits, filters and leaderboards). */
  reps: readonly string[] | 'all';
  /** Reps whose individual records the user may list (drill-down); within `reps`. */
  recordReps: readonly string[] | 'all';
  /** Teams whose totals the user may see (split or filtered by team). */
  teams: readonly string[] | 'all';
  /** Every role sees company-wide totals that name no rep. */
  companyTotals: true;
  canSeeRepDetail(repId: string): boolean;
  canSeeTeam(teamId: string): boolean;
}

/** The slice of the data scope needs: who leads and who belongs to which team. */
export interface Org {
  teams: readonly { team_id: string; manager_rep_id: string | null }[];
  reps: readonly { rep_id: string; team_id: string | null }[];
}

function scopeOf(role: Role, reps: readonly string[] | 'all', teams: readonly string[] | 'all', recordReps: readonly string[] | 'all' = reps): AccessScope {
  const repSet = reps === 'all' ? null : new Set(reps);
  const teamSet = teams === 'all' ? null : new Set(teams);
  return {
    role,
    reps: reps === 'all' ? 'all' : [...new Set(reps)].sort(),
    recordReps: recordReps === 'all' ? 'all' : [...new Set(recordReps)].sort(),
    teams: teams === 'all' ? 'all' : [...new Set(teams)].sort(),
    companyTotals: true,
    canSeeRepDetail: (id) => repSet === null || repSet.has(id),
    canSeeTeam: (id) => teamSet === null || teamSet.has(id),
  };
}

export interface ScopeOptions {
  /** The admin's setting reps_see_team: a rep sees their team's colleagues by name (not their records). */
  repsSeeTeam?: boolean;
}

export function scopeFor(user: Pick<User, 'role' | 'rep_id' | 'team_id'>, org: Org, options: ScopeOptions = {}): AccessScope {
  switch (user.role) {
    case 'admin':
      return scopeOf('admin', 'all', 'all');
    case 'manager': {
      const led = user.rep_id ? org.teams.filter((t) => t.manager_rep_id === user.rep_id).map((t) => t.team_id) : [];
      const teams = [...led, ...(user.team_id ? [user.team_id] : [])];
      const reps = org.reps.filter((r) => r.team_id !== null && teams.includes(r.team_id)).map((r) => r.rep_id);
      return scopeOf('manager', [...reps, ...(user.rep_id ? [user.rep_id] : [])], teams);
    }
    case 'rep': {
      const own = user.rep_id ? org.reps.find((r) => r.rep_id === user.rep_id)?.team_id ?? user.team_id : user.team_id;
      const self = user.rep_id ? [user.rep_id] : [];
      const colleagues = options.repsSeeTeam && own ? org.reps.filter((r) => r.team_id === own).map((r) => r.rep_id) : [];
      return scopeOf('rep', [...self, ...colleagues], own ? [own] : [], self);
    }
    case 'viewer':
      return scopeOf('viewer', [], []);
  }
}

/** Reads the teams and reps the user's scope depends on. */
export async function loadScope(store: Store, user: Pick<User, 'role' | 'rep_id' | 'team_id'>): Promise<AccessScope> {
  if (user.role === 'admin' || user.role === 'viewer') return scopeFor(user, { teams: [], reps: [] });
  const teams = await store.query<{ team_id: string; manager_rep_id: string | null }>(`SELECT team_id, manager_rep_id FROM teams`);
  const reps = await store.query<{ rep_id: string; team_id: string | null }>(`SELECT rep_id, team_id FROM reps`);
  const repsSeeTeam = user.role === 'rep' && (await getSetting(store, 'reps_see_team')) === 'true';
  return scopeFor(user, { teams, reps }, { repsSeeTeam });
}

/** Dimensions whose values are reps: splitting or filtering by them shows reps in detail. */
const REP_DIMS = ['rep', 'manager'];

/**
 * The query to run for this user, with the engine's scope set; a query that would show reps or
 * teams outside the user's scope is refused with 403 (the same answer whether they exist or not).
 * `records` lists individual records, so it is always a detail query.
 */
export function scopedQuery(access: AccessScope, q: KpiQuery, kind: 'report' | 'records'): KpiQuery {
  const by = q.by ?? [];
  const filters: Record<string, readonly string[]> = { ...(q.filters ?? {}) };
  const detail = kind === 'records' || by.some((d) => REP_DIMS.includes(d)) || REP_DIMS.some((d) => d in filters);
  let scope: Scope = { reps: 'all' };
  if (detail) {
    if (access.reps !== 'all' && access.reps.length === 0) {
      throw forbidden(kind === 'records' ? 'your role cannot list records' : 'your role sees totals only; it cannot split or filter by rep or manager');
    }
    const visible = kind === 'records' ? access.recordReps : access.reps;
    for (const d of REP_DIMS) {
      for (const id of filters[d] ?? []) {
        if (visible !== 'all' && !visible.includes(id)) throw forbidden(kind === 'records' && access.canSeeRepDetail(id) ? `you may see ${d} "${id}" by name but not their records` : `you may not see ${d} "${id}"`);
      }
    }
    scope = { reps: visible };
  }
  if (access.teams !== 'all') {
    for (const id of filters.team ?? []) if (!access.canSeeTeam(id)) throw forbidden(`you may not see team "${id}"`);
    if (by.includes('team') && !filters.team) {
      if (access.teams.length === 0) throw forbidden('your role sees company totals only; it cannot split by team');
      filters.team = access.teams;
    }
  }
  return { ...q, filters, scope };
}
