// Facts over people and goals: reps employed during the bucket, reps' ramp months, and targets
// prorated to the bucket.
import { catalog } from '../../metrics/catalog.js';
import type { FactDef, MeasureDef } from './types.js';

export const activeReps: FactDef = {
  id: 'active_reps',
  doc: 'reps (not managers) employed on at least one day of the bucket',
  from: () => `reps x JOIN b ON (x.hire_date IS NULL OR x.hire_date < b.e) AND (x.end_date IS NULL OR x.end_date >= b.s)`,
  range: () => `coalesce(x.role, 'rep') <> 'manager'`,
  rep: 'x.rep_id',
  dims: {},
  measures: { rep_count: { agg: 'count' } },
  record: { id: 'x.rep_id', columns: { rep_id: 'x.rep_id', name: 'x.name', team_id: 'x.team_id', hire_date: 'x.hire_date', end_date: 'x.end_date' } },
};

export const rampsFact: FactDef = {
  id: 'ramps',
  doc: 'reps, counted in the bucket containing the last day of their first month at or above the ramp threshold',
  from: (c) => `${c.rel('ramps')} x JOIN b ON x.ramp_end > b.s AND x.ramp_end <= b.e`,
  rep: 'x.rep_id',
  dims: {},
  measures: {
    count: { agg: 'count' },
    days: { agg: 'sum', expr: 'x.days' },
    median_days: { agg: 'median', expr: 'x.days' },
  },
  record: { id: 'x.rep_id', columns: { rep_id: 'x.rep_id', hire_date: 'x.hire_date', ramp_end: 'x.ramp_end', days: 'x.days' } },
};

export type TargetLevel = 'rep' | 'team' | 'company';
export const TARGET_LEVELS: readonly TargetLevel[] = ['rep', 'team', 'company'];

/** Measure names of a KPI's targets at a level: prorated sum, and day-weighted value with its days. */
export function targetMeasures(kpiId: string, level: TargetLevel): { sum: string; weighted: string; days: string } {
  const base = `${kpiId}__${level}`;
  return { sum: `${base}_sum`, weighted: `${base}_wsum`, days: `${base}_days` };
}

function targetMeasureDefs(): Record<string, MeasureDef> {
  const out: Record<string, MeasureDef> = { rows: { agg: 'count' } };
  for (const k of catalog) {
    for (const level of TARGET_LEVELS) {
      const names = targetMeasures(k.id, level);
      // Ids come from the catalog (letters and underscores), so they are safe as literals.
      const where = `x.kpi = '${k.id}' AND x.scope = '${level}'`;
      out[names.sum] = { agg: 'sum', expr: 'x.value * x.ov / x.len', where };
      out[names.weighted] = { agg: 'sum', expr: 'x.value * x.ov', where };
      out[names.days] = { agg: 'sum', expr: 'x.ov', where };
    }
  }
  return out;
}

const cls = (len: string) => `CASE WHEN ${len} <= 1 THEN 1 WHEN ${len} <= 7 THEN 2 WHEN ${len} <= 31 THEN 3 WHEN ${len} <= 92 THEN 4 ELSE 5 END`;

export const targetsFact: FactDef = {
  id: 'targets',
  doc: 'targets overlapping the bucket, with the days of overlap; where targets of several lengths overlap for the same KPI and scope, the shortest length wins',
  from: (c) => {
    const len = `(${c.sql.daysBetweenDates('t.period_start', 't.period_end')} + 1)`;
    // The shortest length wins: a window minimum filtered outside (no QUALIFY, which PostgreSQL lacks).
    return `(SELECT * FROM (SELECT t.*, b.k AS bk,
      CASE WHEN t.scope = 'rep' THEN t.scope_id END AS t_rep,
      CASE WHEN t.scope = 'team' THEN t.scope_id ELSE tr.team_id END AS t_team,
      ${c.sql.daysBetweenDates('greatest(t.period_start, b.s)', 'least(t.period_end + 1, b.e)')} AS ov,
      ${len} AS len, ${cls(len)} AS len_class, min(${cls(len)}) OVER (PARTITION BY b.k, t.kpi, t.scope, t.scope_id) AS shortest_class
    FROM targets t JOIN b ON t.period_start < b.e AND t.period_end >= b.s
    LEFT JOIN reps tr ON t.scope = 'rep' AND tr.rep_id = t.scope_id) w WHERE len_class = shortest_class) x
  JOIN b ON b.k = x.bk`;
  },
  rep: 'x.t_rep',
  team: 'x.t_team',
  dims: {},
  measures: targetMeasureDefs(),
  record: {
    id: 'x.target_id',
    columns: { target_id: 'x.target_id', kpi: 'x.kpi', scope: 'x.scope', scope_id: 'x.scope_id', period_start: 'x.period_start', period_end: 'x.period_end', value: 'x.value', overlap_days: 'x.ov' },
  },
};
