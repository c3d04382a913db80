// Line items of won opportunities, counted in the bucket of the opportunity's close; value in
// the reporting currency at the close day's rate, cost from the product's unit_cost.
import { type FactDef, flowJoin } from './types.js';

export const wonLineItems: FactDef = {
  id: 'won_line_items',
  doc: 'line items of opportunities won, counted in the bucket of closed_at',
  from: (c) => `(SELECT o.opportunity_id, o.rep_id, o.account_id, o.source, o.technique, o.currency, o.closed_at, o.close_day, o.fx_missing,
      li.product_id, p.product_line, li.quantity, p.unit_cost,
      li.quantity * CAST(li.unit_price AS DOUBLE PRECISION) * (1 - coalesce(li.discount, 0)) AS line_value,
      CASE WHEN o.value = 0 THEN 0 ELSE o.value_rc / o.value END AS rate
    FROM line_items li JOIN ${c.rel('opps')} o ON o.opportunity_id = li.opportunity_id AND o.status = 'won'
    LEFT JOIN products p ON p.product_id = li.product_id) x ${flowJoin('x.closed_at')}`,
  range: (lo, hi) => `x.closed_at >= ${lo} AND x.closed_at < ${hi}`,
  rep: 'x.rep_id',
  account: 'x.account_id',
  dims: { source: 'x.source', channel: 'x.source', technique: 'x.technique', currency: 'x.currency', product: 'x.product_id', product_line: 'x.product_line' },
  measures: {
    value: { agg: 'sum', expr: 'x.line_value * x.rate', money: true },
    costed_value: { agg: 'sum', expr: 'x.line_value * x.rate', where: 'x.unit_cost IS NOT NULL', money: true },
    cost: { agg: 'sum', expr: 'x.quantity * CAST(x.unit_cost AS DOUBLE PRECISION)', where: 'x.unit_cost IS NOT NULL' },
  },
  fx: { missing: 'x.fx_missing', note: `x.currency || ' on ' || CAST(x.close_day AS VARCHAR)` },
  record: {
    id: 'x.opportunity_id',
    columns: {
      opportunity_id: 'x.opportunity_id',
      product_id: 'x.product_id',
      quantity: 'x.quantity',
      line_value: 'x.line_value',
      currency: 'x.currency',
      value_rc: 'x.line_value * x.rate',
      cost: 'x.quantity * CAST(x.unit_cost AS DOUBLE PRECISION)',
    },
  },
};
