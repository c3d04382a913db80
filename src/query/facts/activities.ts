// Facts over activities: all activities by occurred_at, and activities linked to opportunities
// counted in the bucket of their opportunity's close.
import { type FactDef, flowJoin } from './types.js';

export const activitiesFact: FactDef = {
  id: 'activities',
  doc: 'activities, counted in the bucket of occurred_at',
  from: () => `activities x ${flowJoin('x.occurred_at')}`,
  range: (lo, hi) => `x.occurred_at >= ${lo} AND x.occurred_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { activity_type: 'x.type' },
  measures: { count: { agg: 'count' } },
  record: {
    id: 'x.activity_id',
    columns: {
      activity_id: 'x.activity_id',
      rep_id: 'x.rep_id',
      type: 'x.type',
      occurred_at: 'x.occurred_at',
      opportunity_id: 'x.opportunity_id',
      account_id: 'x.account_id',
      outcome: 'x.outcome',
    },
  },
};

export const closedOpportunityActivities: FactDef = {
  id: 'closed_opportunity_activities',
  doc: 'activities linked to opportunities won or lost, counted in the bucket of the opportunity’s closed_at',
  from: (c) => `(SELECT o.*, a.type, a.n FROM ${c.rel('opp_activities')} a JOIN ${c.rel('opps')} o ON o.opportunity_id = a.opportunity_id
    WHERE o.status IN ('won', 'lost')) x ${flowJoin('x.closed_at')}`,
  range: (lo, hi) => `x.closed_at >= ${lo} AND x.closed_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency', activity_type: 'x.type' },
  measures: {
    call_count: { agg: 'sum', expr: 'x.n', where: `x.type = 'call'` },
    won_count: { agg: 'sum', expr: 'x.n', where: `x.status = 'won'` },
  },
  record: {
    id: 'x.opportunity_id',
    columns: { opportunity_id: 'x.opportunity_id', rep_id: 'x.rep_id', status: 'x.status', closed_at: 'x.closed_at', activity_type: 'x.type', activities: 'x.n' },
  },
};
