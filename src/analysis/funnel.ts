// The sales funnel from the stage history: per stage, how many opportunities entered it, how
// many moved on and dropped off, and how long stays lasted — optionally split by one dimension
// and by cohort (the month opportunities were created). Computed through the KPI query layer
// (stage_conversion and time_in_stage), so each number equals the report's; the rules for
// skipped stages, moves backwards and reopened opportunities are FUNNEL_RULES.
import type { Store } from '../store/store.js';
import { runKpiQuery, type KpiResult } from '../query/engine.js';
import type { KpiQuery } from '../query/query.js';
import type { KpiRow } from '../query/rows.js';
import { stageOrder } from '../query/stage-order.js';
import { FUNNEL_RULES } from '../metrics/pipeline.js';
import { UserError } from '../util/errors.js';

export interface FunnelOptions extends Omit<KpiQuery, 'kpis' | 'by' | 'grain' | 'compare'> {
  /** One dimension to split by (rep, team, source, …). */
  by?: string;
  /** Split by cohort: the month (YYYY-MM, local time) the opportunity was created. */
  cohort?: boolean;
}

export interface FunnelStage {
  stage: string;
  /** Position in the pipeline order; null for a stage outside it. */
  position: number | null;
  entered: number;
  moved_on: number;
  dropped_off: number;
  /** moved_on ÷ entered (as stage_conversion reports it); null when none entered. */
  conversion: number | null;
  drop_off: number | null;
  /** Days of stays in the stage that ended in the period (as time_in_stage reports it). */
  days: { mean: number | null; median: number | null; p90: number | null; stays: number };
  group?: Record<string, string | null>;
  cohort?: string | null;
}

export interface FunnelResult {
  query: KpiResult['query'] & { cohort: boolean };
  stages: FunnelStage[];
  rules: string[];
  warnings: string[];
}

const COHORT = 'cohort_month';

function keyOf(group: Record<string, string | null>, dims: readonly string[]): string {
  return JSON.stringify(dims.map((d) => group[d] ?? null));
}

export async function funnel(store: Store, options: FunnelOptions = {}): Promise<FunnelResult> {
  const { by, cohort = false, ...rest } = options;
  if (by === 'stage') throw new UserError('bad_argument', 'the funnel is always per stage; --by takes another dimension, e.g. rep or source');
  if (by === COHORT) throw new UserError('bad_argument', 'for cohorts by creation month use --cohort (and --by for another dimension)');
  const splits = [...(by ? [by] : []), ...(cohort ? [COHORT] : [])];
  const r = await runKpiQuery(store, { ...rest, kpis: ['stage_conversion', 'time_in_stage'], by: splits });
  const order = await stageOrder(store);
  const position = new Map(order.map((s) => [s.stage, s.position]));

  // One funnel per split group (by value × cohort), each listing the pipeline's stages in order.
  const conv = new Map<string, KpiRow>();
  const time = new Map<string, KpiRow>();
  const groups = new Map<string, Record<string, string | null>>();
  const extraStages = new Set<string>();
  for (const row of r.rows) {
    const stage = row.group.stage;
    if (stage === undefined || stage === null) continue;
    if (!position.has(stage)) extraStages.add(stage);
    const gk = keyOf(row.group, splits);
    if (!groups.has(gk)) groups.set(gk, Object.fromEntries(splits.map((d) => [d, row.group[d] ?? null])));
    (row.kpi === 'stage_conversion' ? conv : time).set(`${gk}|${stage}`, row);
  }
  if (!splits.length && !groups.size) groups.set(keyOf({}, []), {});
  const stageList: { stage: string; position: number | null }[] = [...order, ...[...extraStages].sort().map((stage) => ({ stage, position: null }))];

  const stages: FunnelStage[] = [];
  const sortedGroups = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [gk, g] of sortedGroups) {
    for (const { stage, position: pos } of stageList) {
      const c = conv.get(`${gk}|${stage}`);
      const t = time.get(`${gk}|${stage}`);
      const entered = c?.denominator ?? 0;
      const moved = c?.numerator ?? 0;
      const conversion = entered > 0 ? (c?.value ?? null) : null;
      const out: FunnelStage = {
        stage,
        position: pos,
        entered,
        moved_on: moved,
        dropped_off: entered - moved,
        conversion,
        drop_off: conversion === null ? null : Math.round((1 - conversion) * 1e6) / 1e6,
        days: { mean: t?.value ?? null, median: t?.beside?.median ?? null, p90: t?.beside?.p90 ?? null, stays: t?.denominator ?? 0 },
      };
      if (by) out.group = { [by]: g[by] ?? null };
      if (cohort) out.cohort = g[COHORT] ?? null;
      stages.push(out);
    }
  }
  const warnings = [...r.warnings];
  const blocked = r.rows.find((x) => x.status.startsWith('needs_') || x.status === 'out_of_scope');
  if (blocked) warnings.push(blocked.message ?? `stage KPIs: ${blocked.status}`);
  return { query: { ...r.query, cohort }, stages, rules: [...FUNNEL_RULES], warnings };
}
