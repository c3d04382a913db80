// Leaderboard: reps (or teams, managers, regions) ranked on any KPI for a period — best first in
// the KPI's direction, ties sharing a rank (competition ranking: 1, 2, 2, 4), with each row's
// target attainment where it has a target and `target_met` when it reached it. Groups whose
// sample is below the minimum (rates: 20 records by default) are listed apart, not ranked, as
// are groups without a value. For sums and counts, reps (teams) with nothing in the period rank
// at 0 rather than disappear.
import { kpi as lookupKpi } from '../metrics/catalog.js';
import type { KpiDef } from '../metrics/types.js';
import { runKpiQuery, type KpiResult } from '../query/engine.js';
import type { KpiQuery } from '../query/query.js';
import type { KpiRow } from '../query/rows.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { employedIn, loadOrg, type Org } from '../targets/targets.js';

export const LEADERBOARD_DIMS = ['rep', 'team', 'manager', 'region'] as const;
export type LeaderboardDim = (typeof LEADERBOARD_DIMS)[number];
/** Records a rate needs in a group before the group is ranked (as `compare` judges groups). */
export const DEFAULT_MIN_N = 20;
export const MAX_MIN_N = 1_000_000;

export interface LeaderboardOptions extends Omit<KpiQuery, 'kpis' | 'by' | 'grain' | 'compare'> {
  kpi: string;
  by?: string;
  /** Minimum sample size (rates and averages); default 20 for rates, none for averages. */
  minN?: number;
}

export interface LeaderRow {
  /** 1 = best; ties share a rank and the next rank skips (1, 2, 2, 4). Null when not ranked. */
  rank: number | null;
  id: string | null;
  name: string | null;
  value: number | null;
  /** Sample size of a rate or average. */
  n: number | null;
  ci95: [number, number] | null;
  target: number | null;
  attainment: number | null;
  /** True when the group reached its target (attainment ≥ 1); null without a target. */
  target_met: boolean | null;
  status: string;
  /** Why a row is not ranked. */
  reason?: string;
}

export interface LeaderboardResult {
  query: KpiResult['query'];
  kpi: string;
  by: LeaderboardDim;
  unit: KpiDef['unit'];
  /** The unit of the targets (for quota_attainment: revenue's). */
  target_unit: KpiDef['unit'];
  direction: KpiDef['direction'];
  min_n: number | null;
  ranked: LeaderRow[];
  not_ranked: LeaderRow[];
  summary: string[];
  warnings: string[];
}

/** Whether a KPI's rows carry a sample size: rates and averages. */
export function hasSample(k: KpiDef): boolean {
  return k.formula.kind === 'ratio' && k.formula.style !== 'plain';
}

export function checkMinN(k: KpiDef, minN: number | undefined): number | null {
  if (minN === undefined) return hasSample(k) && k.formula.kind === 'ratio' && k.formula.style === 'rate' ? DEFAULT_MIN_N : null;
  if (!Number.isInteger(minN) || minN < 0 || minN > MAX_MIN_N) throw new UserError('bad_argument', `--min-n: expected a whole number from 0 to ${MAX_MIN_N}, got "${minN}"`);
  if (!hasSample(k)) throw new UserError('bad_argument', `--min-n: ${k.id} has no sample size; the minimum applies to rates and averages (win_rate, average_deal_size, …)`);
  return minN;
}

export function checkLeaderboardKpi(id: string): KpiDef {
  const k = lookupKpi(id);
  if (k.formula.kind === 'all_attainments') throw new UserError('bad_argument', `${k.id} mixes every KPI with targets; rank on one: --kpi quota_attainment or the KPI itself`);
  if (k.implicit?.length && !k.additive) throw new UserError('bad_argument', `${k.id} has one value per ${k.implicit.join(' and ')}, not one per group; it cannot be ranked`);
  return k;
}

export function checkBy(by: string | undefined): LeaderboardDim {
  const d = by ?? 'rep';
  if (!(LEADERBOARD_DIMS as readonly string[]).includes(d)) throw new UserError('bad_argument', `--by: a leaderboard ranks ${LEADERBOARD_DIMS.join(', ')}; got "${d}"`, { by: d, valid: LEADERBOARD_DIMS });
  return d as LeaderboardDim;
}

const STATUS_TEXT: Record<string, string> = {
  no_data: 'no records in the period',
  zero_denominator: 'nothing to divide by (no records of the kind the KPI counts)',
  no_target: 'no target',
};

function nameOf(org: Org, by: LeaderboardDim, id: string): string | null {
  if (by === 'rep' || by === 'manager') return org.reps.get(id)?.name ?? null;
  if (by === 'team') return org.teams.get(id)?.name ?? null;
  return id;
}

/** Reps or teams that would be in the report's rows had they any records: they pass its people filters and scope. */
function members(org: Org, by: LeaderboardDim, r: KpiResult): string[] {
  const f = r.query.filters;
  const ok = (dim: string, value: string | null | undefined) => !f[dim] || (value != null && f[dim].includes(value));
  if (by === 'rep') {
    const scope = r.query.scope.reps;
    return [...org.reps.values()]
      .filter((x) => (x.role ?? 'rep') === 'rep' && employedIn(x, r.query.from, r.query.to) && (scope === 'all' || scope.includes(x.rep_id)))
      .filter((x) => {
        const team = x.team_id ? org.teams.get(x.team_id) : undefined;
        return ok('rep', x.rep_id) && ok('team', x.team_id) && ok('manager', team?.manager_rep_id) && ok('region', team?.region);
      })
      .map((x) => x.rep_id);
  }
  if (by === 'team') {
    if (f.rep || r.query.scope.reps !== 'all') return [];
    return [...org.teams.values()].filter((t) => ok('team', t.team_id) && ok('manager', t.manager_rep_id) && ok('region', t.region)).map((t) => t.team_id);
  }
  return [];
}

export async function leaderboard(store: Store, o: LeaderboardOptions): Promise<LeaderboardResult> {
  const k = checkLeaderboardKpi(o.kpi);
  const by = checkBy(o.by);
  const minN = checkMinN(k, o.minN);
  const own = k.formula.kind === 'attainment';
  const r = await runKpiQuery(store, { period: o.period, from: o.from, to: o.to, asOf: o.asOf, filters: o.filters, scope: o.scope, kpis: [k.id], by: [by], compare: own ? [] : ['target'] });
  const org = await loadOrg(store);
  // One row per group (an implicit split, e.g. per activity type, adds up).
  const rows = new Map<string | null, LeaderRow>();
  let global: KpiRow | null = null;
  for (const x of r.rows) {
    if (!(by in x.group)) {
      global = x;
      continue;
    }
    const id = x.group[by] ?? null;
    const t = x.comparisons?.target;
    const prev = rows.get(id);
    if (prev) {
      if (prev.status === 'ok' && x.status === 'ok') prev.value = Math.round(((prev.value ?? 0) + (x.value ?? 0)) * 100) / 100;
      else if (x.status !== 'ok') Object.assign(prev, { value: null, status: x.status });
      continue;
    }
    rows.set(id, {
      rank: null,
      id,
      name: id === null ? null : nameOf(org, by, id),
      value: x.value,
      n: x.n,
      ci95: x.ci95,
      target: own ? x.denominator : (t?.value ?? null),
      attainment: own ? x.value : (t?.attainment ?? null),
      target_met: null,
      status: x.status,
      ...(x.message ? { reason: x.message } : {}),
    });
  }
  if (global && global.status !== 'ok' && global.status !== 'no_data') {
    throw new UserError('bad_argument', `${k.id} cannot be ranked: ${global.message ?? global.status}`);
  }
  if (k.additive) {
    for (const id of members(org, by, r)) {
      if (!rows.has(id)) rows.set(id, { rank: null, id, name: nameOf(org, by, id), value: 0, n: null, ci95: null, target: null, attainment: null, target_met: null, status: 'ok' });
    }
  }
  for (const x of rows.values()) x.target_met = x.attainment === null ? null : x.attainment >= 1;
  const ranked: LeaderRow[] = [];
  const notRanked: LeaderRow[] = [];
  for (const x of rows.values()) {
    if (x.id === null) notRanked.push({ ...x, reason: `records without a ${by}` });
    else if (x.value === null) notRanked.push({ ...x, reason: x.reason ?? STATUS_TEXT[x.status] ?? x.status });
    else if (minN !== null && (x.n ?? 0) < minN) notRanked.push({ ...x, reason: `n = ${x.n ?? 0}, below the minimum of ${minN}` });
    else ranked.push(x);
  }
  const label = (x: LeaderRow) => x.name ?? x.id ?? '';
  const order = (a: LeaderRow, b: LeaderRow) => (k.direction === 'lower' ? a.value! - b.value! : b.value! - a.value!);
  ranked.sort((a, b) => order(a, b) || label(a).localeCompare(label(b)) || String(a.id).localeCompare(String(b.id)));
  ranked.forEach((x, i) => (x.rank = i > 0 && ranked[i - 1].value === x.value ? ranked[i - 1].rank : i + 1));
  notRanked.sort((a, b) => (b.n ?? -1) - (a.n ?? -1) || label(a).localeCompare(label(b)));
  const withTarget = ranked.filter((x) => x.target_met !== null);
  const met = withTarget.filter((x) => x.target_met);
  const plural = by === 'rep' ? 'reps' : by === 'team' ? 'teams' : by === 'manager' ? 'managers' : 'regions';
  const summary = [
    ranked.length ? `${ranked.length} ${plural} ranked on ${k.id}${ranked.some((x, i) => i > 0 && x.rank === ranked[i - 1].rank) ? ' (ties share a rank)' : ''}.` : `No ${by} can be ranked on ${k.id} in ${r.query.period}.`,
    ...(withTarget.length ? [`${met.length} of ${withTarget.length} with a target met it.`] : []),
    ...(notRanked.length ? [`${notRanked.length} not ranked${minN ? ` (fewer than ${minN} records, or no value)` : ' (no value)'}.`] : []),
  ];
  const targetUnit = k.formula.kind === 'attainment' ? lookupKpi(k.formula.of).unit : k.unit;
  return { query: r.query, kpi: k.id, by, unit: k.unit, target_unit: targetUnit, direction: k.direction, min_n: minN, ranked, not_ranked: notRanked, summary, warnings: r.warnings };
}
