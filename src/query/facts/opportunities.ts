// Facts over opportunities: closed (by closed_at), created (by created_at), worked (open at any
// time during the bucket) and open (a snapshot at the end of the bucket).
import type { SqlContext } from '../context.js';
import { type FactDef, flowJoin } from './types.js';

const oppDims = { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency' };
const oppRecord = {
  id: 'x.opportunity_id',
  columns: {
    opportunity_id: 'x.opportunity_id',
    rep_id: 'x.rep_id',
    account_id: 'x.account_id',
    status: 'x.status',
    stage: 'x.stage',
    created_at: 'x.created_at',
    closed_at: 'x.closed_at',
    currency: 'x.currency',
    value: 'x.value',
  },
};
const closeFx = { missing: 'x.fx_missing', note: `x.currency || ' on ' || CAST(x.close_day AS VARCHAR)` };

export const closedOpportunities: FactDef = {
  id: 'closed_opportunities',
  doc: 'opportunities won or lost, counted in the bucket of closed_at',
  from: (c) => `${c.rel('opps')} x ${flowJoin('x.closed_at')}`,
  range: (lo, hi) => `x.closed_at >= ${lo} AND x.closed_at < ${hi} AND x.status IN ('won', 'lost')`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: oppDims,
  measures: {
    won_count: { agg: 'count', where: `x.status = 'won'` },
    closed_count: { agg: 'count' },
    won_value: { agg: 'sum', expr: 'x.value_rc', where: `x.status = 'won'`, money: true },
    won_accounts: { agg: 'count_distinct', expr: 'x.account_id', where: `x.status = 'won'` },
    cycle_days: { agg: 'sum', expr: 'x.cycle_days', where: `x.status = 'won'` },
    cycle_median: { agg: 'median', expr: 'x.cycle_days', where: `x.status = 'won'` },
    cycle_p90: { agg: 'p90', expr: 'x.cycle_days', where: `x.status = 'won'` },
  },
  fx: closeFx,
  record: { ...oppRecord, columns: { ...oppRecord.columns, value_rc: 'x.value_rc', cycle_days: 'x.cycle_days' } },
};

export const createdOpportunities: FactDef = {
  id: 'created_opportunities',
  doc: 'opportunities counted in the bucket of created_at',
  from: (c) => `${c.rel('opps')} x ${flowJoin('x.created_at')}`,
  range: (lo, hi) => `x.created_at >= ${lo} AND x.created_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: oppDims,
  measures: { count: { agg: 'count' } },
  record: oppRecord,
};

export const workedOpportunities: FactDef = {
  id: 'worked_opportunities',
  doc: 'opportunities open at any time during the bucket: created before its end, not closed before its start',
  from: (c) => `${c.rel('opps')} x JOIN b ON x.created_at < b.ei AND (x.closed_at IS NULL OR x.closed_at >= b.si)`,
  range: (lo, hi) => `x.created_at < ${hi} AND (x.closed_at IS NULL OR x.closed_at >= ${lo})`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: oppDims,
  measures: {
    count: { agg: 'count' },
    won_count: { agg: 'count', where: `x.status = 'won' AND x.closed_at < b.ei` },
  },
  record: oppRecord,
};

function snapshotRate(c: SqlContext): string {
  return `CASE WHEN x.currency = ${c.cur} THEN 1.0 ELSE sfx.rate END`;
}

export const openOpportunities: FactDef = {
  id: 'open_opportunities',
  doc: 'opportunities open at the end of the bucket: created_at ≤ end and (closed_at empty or > end)',
  from: (c) => `(SELECT x.*, x.value * ${snapshotRate(c)} AS open_value_rc,
      x.currency <> ${c.cur} AND sfx.rate IS NULL AS open_fx_missing, b.k AS bk, b.rd AS brd
    FROM ${c.rel('opps')} x JOIN b ON x.created_at <= b.ei AND (x.closed_at IS NULL OR x.closed_at > b.ei)
    LEFT JOIN fx_rates sfx ON sfx.currency = x.currency AND sfx.date = b.rd) x JOIN b ON b.k = x.bk`,
  range: () => 'TRUE',
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: oppDims,
  measures: {
    count: { agg: 'count' },
    value: { agg: 'sum', expr: 'x.open_value_rc', money: true },
  },
  fx: { missing: 'x.open_fx_missing', note: `x.currency || ' on ' || CAST(x.brd AS VARCHAR)` },
  record: { ...oppRecord, columns: { ...oppRecord.columns, value_rc: 'x.open_value_rc' } },
};
