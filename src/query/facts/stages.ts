// Facts over the stage history: first entries of a stage (conversion), stays that ended (time
// in stage), and the stage of each open opportunity at the end of a bucket (weighted pipeline).
import type { SqlContext } from '../context.js';
import { type FactDef, flowJoin } from './types.js';

const rate = (c: SqlContext) => `CASE WHEN o.currency = ${c.cur} THEN 1.0 ELSE sfx.rate END`;

const stageDims = { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency', stage: 'x.stage', cohort_month: 'x.cohort_month' };
const stayRecord = {
  id: 'x.opportunity_id',
  columns: {
    opportunity_id: 'x.opportunity_id',
    stage: 'x.stage',
    entered_at: 'x.entered_at',
    left_at: 'x.left_at',
    days: 'x.days',
    rep_id: 'x.rep_id',
    status: 'x.status',
    cohort_month: 'x.cohort_month',
  },
};

export const stageEntries: FactDef = {
  id: 'stage_entries',
  doc: 'first entry of each opportunity into each stage, counted in the bucket of entered_at',
  from: (c) => `${c.rel('stage_stays')} x ${flowJoin('x.entered_at')}`,
  range: (lo, hi) => `x.first_entry AND x.entered_at >= ${lo} AND x.entered_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: stageDims,
  measures: {
    count: { agg: 'count' },
    advanced_count: { agg: 'count', where: 'x.advanced' },
  },
  record: { ...stayRecord, columns: { ...stayRecord.columns, advanced: 'x.advanced' } },
};

export const stageExits: FactDef = {
  id: 'stage_exits',
  doc: 'stays in a stage that ended (next stage change or close), counted in the bucket they ended in',
  from: (c) => `${c.rel('stage_stays')} x ${flowJoin('x.left_at')}`,
  range: (lo, hi) => `x.left_at >= ${lo} AND x.left_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: stageDims,
  measures: {
    count: { agg: 'count' },
    days: { agg: 'sum', expr: 'x.days' },
    median_days: { agg: 'median', expr: 'x.days' },
    p90_days: { agg: 'p90', expr: 'x.days' },
  },
  record: stayRecord,
};

export const openStageSnapshot: FactDef = {
  id: 'open_stage_snapshot',
  doc: 'opportunities open at the end of the bucket, with the stage they were in then and its probability',
  from: (c) => `(SELECT o.*, coalesce(s.stage, o.stage) AS snap_stage, ${rate(c)} AS snap_rate,
      o.value * ${rate(c)} AS value_at, coalesce(st.probability, o.probability, h.win_rate, 0) AS prob
    FROM (SELECT o.*, b.k AS bk, b.rd AS brd, b.ei AS bei FROM ${c.rel('opps')} o
          JOIN b ON o.created_at <= b.ei AND coalesce(o.closed_at, 'infinity'::TIMESTAMPTZ) > b.ei) o
    LEFT JOIN ${c.rel('stage_stays')} s ON s.opportunity_id = o.opportunity_id AND s.entered_at <= o.bei AND coalesce(s.left_at, 'infinity'::TIMESTAMPTZ) > o.bei
    LEFT JOIN fx_rates sfx ON sfx.currency = o.currency AND sfx.date = o.brd
    LEFT JOIN ${c.rel('stages')} st ON st.stage = coalesce(s.stage, o.stage)
    LEFT JOIN ${c.rel('stage_history_rates')} h ON h.stage = coalesce(s.stage, o.stage)) x
  JOIN b ON b.k = x.bk`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency', stage: 'x.snap_stage' },
  measures: {
    weighted_value: { agg: 'sum', expr: 'x.value_at * x.prob', money: true },
  },
  fx: { missing: 'x.snap_rate IS NULL', note: `x.currency || ' on ' || CAST(x.brd AS VARCHAR)` },
  record: {
    id: 'x.opportunity_id',
    columns: {
      opportunity_id: 'x.opportunity_id',
      rep_id: 'x.rep_id',
      stage: 'x.snap_stage',
      value: 'x.value',
      value_rc: 'x.value_at',
      probability: 'x.prob',
      weighted_value: 'x.value_at * x.prob',
    },
  },
};
