// Facts over leads (by created_at) and marketing and sales spend (by its date).
import { type FactDef, flowJoin } from './types.js';

export const leadsFact: FactDef = {
  id: 'leads',
  doc: 'leads, counted in the bucket of created_at',
  from: () => `leads x ${flowJoin('x.created_at')}`,
  range: (lo, hi) => `x.created_at >= ${lo} AND x.created_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.source', channel: 'x.source' },
  measures: {
    count: { agg: 'count' },
    converted_count: { agg: 'count', where: `(x.status = 'converted' OR x.converted_at IS NOT NULL)` },
  },
  record: {
    id: 'x.lead_id',
    columns: { lead_id: 'x.lead_id', created_at: 'x.created_at', source: 'x.source', rep_id: 'x.rep_id', status: 'x.status', converted_at: 'x.converted_at', opportunity_id: 'x.opportunity_id' },
  },
};

export const spendFact: FactDef = {
  id: 'spend',
  doc: 'marketing and sales spend, counted in the bucket of its date, converted at that day’s rate',
  from: (c) => `(SELECT s.*, coalesce(nullif(upper(s.currency), ''), ${c.cur}) AS cur,
      CASE WHEN coalesce(nullif(upper(s.currency), ''), ${c.cur}) = ${c.cur} THEN 1.0 ELSE fx.rate END AS rate
    FROM spend s LEFT JOIN fx_rates fx ON fx.currency = upper(s.currency) AND fx.date = s.date) x
  JOIN b ON x.date >= b.s AND x.date < b.e`,
  range: (lo, hi) => `x.date >= CAST(${lo} AS DATE) - 1 AND x.date < CAST(${hi} AS DATE) + 1`,
  rep: null,
  dims: { channel: 'x.channel', source: 'x.channel', currency: 'x.cur' },
  measures: {
    value: { agg: 'sum', expr: 'CAST(x.amount AS DOUBLE PRECISION) * x.rate', money: true },
    marketing: { agg: 'sum', expr: 'CAST(x.amount AS DOUBLE PRECISION) * x.rate', where: `x.category = 'marketing'`, money: true },
    sales: { agg: 'sum', expr: 'CAST(x.amount AS DOUBLE PRECISION) * x.rate', where: `x.category = 'sales'`, money: true },
  },
  fx: { missing: 'x.rate IS NULL', note: `x.cur || ' on ' || CAST(x.date AS VARCHAR)` },
  record: {
    id: 'x.spend_id',
    columns: { spend_id: 'x.spend_id', date: 'x.date', channel: 'x.channel', category: 'x.category', amount: 'x.amount', currency: 'x.cur', value_rc: 'CAST(x.amount AS DOUBLE PRECISION) * x.rate' },
  },
};
