// Facts over customers: new customers (an account's first won opportunity, by its closed_at),
// customers at the start and end of each bucket (accounts with an active subscription), and
// survey answers (by responded_at).
import { type FactDef, flowJoin } from './types.js';

export const newCustomers: FactDef = {
  id: 'new_customers',
  doc: 'accounts, counted in the bucket in which their first won opportunity closed',
  from: (c) => `${c.rel('first_won')} x ${flowJoin('x.closed_at')}`,
  range: (lo, hi) => `x.closed_at >= ${lo} AND x.closed_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.channel', channel: 'x.channel', technique: 'x.technique', currency: 'x.currency' },
  measures: {
    count: { agg: 'count' },
    lifetime_value: { agg: 'sum', expr: 'x.lifetime_value', money: true },
  },
  record: {
    id: 'x.account_id',
    columns: { account_id: 'x.account_id', opportunity_id: 'x.opportunity_id', rep_id: 'x.rep_id', closed_at: 'x.closed_at', channel: 'x.channel', lifetime_value: 'x.lifetime_value' },
  },
};

const activeAt = (t: string) => `(x.started_at <= ${t} AND (x.ended_at IS NULL OR x.ended_at > ${t}))`;

export const customersFact: FactDef = {
  id: 'customers',
  doc: 'subscriptions active at the start or the end of the bucket; a customer is an account with an active subscription',
  from: (c) => `(SELECT s.*, fw.rep_id, coalesce(fw.channel, a.acquisition_channel) AS channel,
      coalesce(nullif(upper(s.currency), ''), ${c.cur}) AS cur, ${c.cur} AS cur_rc
    FROM subscriptions s LEFT JOIN ${c.rel('first_won')} fw ON fw.account_id = s.account_id
    LEFT JOIN accounts a ON a.account_id = s.account_id) x
  JOIN b ON x.started_at <= b.ei AND (x.ended_at IS NULL OR x.ended_at > b.si)
  LEFT JOIN fx_rates sfx ON sfx.currency = x.cur AND sfx.date = b.rd`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { channel: 'x.channel', source: 'x.channel' },
  measures: {
    at_start: { agg: 'count_distinct', expr: 'x.account_id', where: activeAt('b.si') },
    at_end: { agg: 'count_distinct', expr: 'x.account_id', where: activeAt('b.ei') },
    either: { agg: 'count_distinct', expr: 'x.account_id', where: `(${activeAt('b.si')} OR ${activeAt('b.ei')})` },
    mrr_at_end: {
      agg: 'sum',
      expr: `CAST(coalesce(x.mrr, 0) AS DOUBLE PRECISION) * CASE WHEN x.cur = x.cur_rc THEN 1.0 ELSE sfx.rate END`,
      where: activeAt('b.ei'),
      money: true,
    },
  },
  fx: { missing: 'x.cur <> x.cur_rc AND sfx.rate IS NULL', note: `x.cur || ' on ' || CAST(b.rd AS VARCHAR)` },
  record: {
    id: 'x.subscription_id',
    columns: { subscription_id: 'x.subscription_id', account_id: 'x.account_id', started_at: 'x.started_at', ended_at: 'x.ended_at', mrr: 'x.mrr', currency: 'x.cur' },
  },
};

export const surveysFact: FactDef = {
  id: 'surveys',
  doc: 'NPS and CSAT answers, counted in the bucket of responded_at',
  from: () => `survey_responses x ${flowJoin('x.responded_at')}`,
  range: (lo, hi) => `x.responded_at >= ${lo} AND x.responded_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: {},
  measures: {
    nps_count: { agg: 'count', where: `x.kind = 'nps'` },
    promoters: { agg: 'count', where: `x.kind = 'nps' AND x.score >= 9` },
    detractors: { agg: 'count', where: `x.kind = 'nps' AND x.score <= 6` },
    csat_count: { agg: 'count', where: `x.kind = 'csat'` },
    csat_top: { agg: 'count', where: `x.kind = 'csat' AND x.score >= coalesce(x.scale_max, 5) - 1` },
    csat_score: { agg: 'sum', expr: 'x.score', where: `x.kind = 'csat'` },
  },
  record: {
    id: 'x.response_id',
    columns: { response_id: 'x.response_id', kind: 'x.kind', score: 'x.score', scale_max: 'x.scale_max', responded_at: 'x.responded_at', rep_id: 'x.rep_id', account_id: 'x.account_id' },
  },
};
