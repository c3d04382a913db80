// Derived relations the facts read: opportunities with their value in origin and reporting
// currency, first won opportunity per account, stage stays, activity counts per opportunity,
// ramp months. rollups.ts decides whether each is a stored table or an inline subquery.
import { constLiteral } from '../store/sql.js';
import type { RelationName, SqlContext } from './context.js';

export interface RelationDef {
  name: RelationName;
  /** Stored as a rollup table (rebuilt when the data changes) rather than inlined. */
  materialize: boolean;
  /** Settings the relation depends on, so a stored one is rebuilt when they change. */
  dependsOn: ('tz' | 'cur' | 'stages' | 'ramp')[];
  select(ctx: SqlContext): string;
}

/** Opportunities: value = Σ line items where present, else amount; value_rc at the close day's rate. */
const opps: RelationDef = {
  name: 'opps',
  materialize: true,
  dependsOn: ['tz', 'cur'],
  select: (c) => `SELECT y.*,
  CASE WHEN y.currency = ${c.cur} THEN y.value ELSE y.value * fx.rate END AS value_rc,
  (y.closed_at IS NOT NULL AND y.currency <> ${c.cur} AND fx.rate IS NULL) AS fx_missing
FROM (
  SELECT o.opportunity_id, o.account_id, o.rep_id, o.status, o.stage, o.technique, o.probability,
    o.created_at, o.closed_at, o.amount,
    coalesce(nullif(o.source, ''), ld.source) AS source,
    coalesce(nullif(upper(o.currency), ''), ${c.cur}) AS currency,
    CAST(${c.sql.localOfInstant(c.tz, 'o.closed_at')} AS DATE) AS close_day,
    CAST(coalesce(li.value, o.amount) AS DOUBLE PRECISION) AS value,
    li.value IS NOT NULL AS has_items,
    ${c.sql.daysBetweenInstants('o.created_at', 'o.closed_at')} AS cycle_days
  FROM opportunities o
  LEFT JOIN (SELECT opportunity_id, sum(quantity * CAST(unit_price AS DOUBLE PRECISION) * (1 - coalesce(discount, 0))) AS value
             FROM line_items GROUP BY opportunity_id) li ON li.opportunity_id = o.opportunity_id
  LEFT JOIN leads ld ON ld.lead_id = CASE WHEN o.source IS NULL OR o.source = '' THEN o.lead_id END
) y
LEFT JOIN fx_rates fx ON fx.currency = y.currency AND fx.date = y.close_day`,
};

/** Each account's first won opportunity (ties broken by id), its acquisition channel, and the
 * account's lifetime revenue so far (every won opportunity, in reporting currency; unknown
 * when one of them lacks an exchange rate). */
const firstWon: RelationDef = {
  name: 'first_won',
  materialize: true,
  dependsOn: ['tz', 'cur'],
  select: (c) => `SELECT w.*, coalesce(w.source, a.acquisition_channel) AS channel, lt.lifetime_value
FROM (
  SELECT o.account_id, o.opportunity_id, o.rep_id, o.closed_at, o.source, o.technique, o.currency,
    row_number() OVER (PARTITION BY o.account_id ORDER BY o.closed_at, o.opportunity_id) AS rn
  FROM ${c.rel('opps')} o WHERE o.status = 'won' AND o.account_id IS NOT NULL
) w LEFT JOIN accounts a ON a.account_id = w.account_id
LEFT JOIN (
  SELECT account_id, CASE WHEN count(*) = count(value_rc) THEN sum(value_rc) END AS lifetime_value
  FROM ${c.rel('opps')} WHERE status = 'won' AND account_id IS NOT NULL GROUP BY 1
) lt ON lt.account_id = w.account_id
WHERE w.rn = 1`,
};

/** The ordered stages: pipeline_stages when imported, else the pipeline_stages setting. */
const stages: RelationDef = {
  name: 'stages',
  materialize: false,
  dependsOn: ['stages'],
  select: (c) => {
    const values = c.settingStages.map((s, i) => `(${constLiteral(s)}, ${i + 1}, CAST(NULL AS DOUBLE PRECISION))`).join(', ');
    return `SELECT stage, position, probability FROM pipeline_stages
UNION ALL SELECT * FROM (VALUES ${values}) v(stage, position, probability) WHERE NOT EXISTS (SELECT 1 FROM pipeline_stages)`;
  },
};

/** One row per stage change: how long the stay lasted and, for an opportunity's first entry of a stage, whether it advanced.
 * The funnel rules (docs/kpis.md, `quotient funnel`) are these: a stage counts once per opportunity,
 * at its first entry (re-entries after a move back or a reopen are not new entries); it advanced when
 * the opportunity later entered any stage of a higher position (skipping stages is fine) or was won;
 * a stay lasts until the next stage change (forwards or backwards) or the close. cohort_month is the
 * local month of the opportunity's created_at. */
const stageStays: RelationDef = {
  name: 'stage_stays',
  materialize: true,
  dependsOn: ['tz', 'cur', 'stages'],
  select: (c) => `SELECT s.*,
  s.first_entry AND (s.status = 'won' OR coalesce(s.later_position > s.position, false)) AS advanced,
  ${c.sql.daysBetweenInstants('s.entered_at', 's.left_at')} AS days
FROM (
  SELECT sc.opportunity_id, sc.stage, sc.entered_at, st.position,
    o.rep_id, o.account_id, o.source, o.technique, o.currency, o.status, o.probability, o.created_at,
    substr(CAST(${c.sql.monthStart(c.sql.localOfInstant(c.tz, 'o.created_at'))} AS VARCHAR), 1, 7) AS cohort_month,
    coalesce(lead(sc.entered_at) OVER w, o.closed_at) AS left_at,
    row_number() OVER (PARTITION BY sc.opportunity_id, sc.stage ORDER BY sc.entered_at) = 1 AS first_entry,
    max(st.position) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_position
  FROM stage_changes sc
  JOIN ${c.rel('opps')} o ON o.opportunity_id = sc.opportunity_id
  LEFT JOIN ${c.rel('stages')} st ON st.stage = sc.stage
  WINDOW w AS (PARTITION BY sc.opportunity_id ORDER BY sc.entered_at)
) s`,
};

/** Historical win rate of each stage: won ÷ closed among opportunities that entered it. */
const stageHistoryRates: RelationDef = {
  name: 'stage_history_rates',
  materialize: false,
  dependsOn: ['tz', 'cur'],
  select: (c) => `SELECT stage, avg(CASE WHEN status = 'won' THEN 1.0 ELSE 0.0 END) AS win_rate
FROM ${c.rel('stage_stays')} WHERE first_entry AND status IN ('won', 'lost') GROUP BY stage`,
};

/** Activities linked to an opportunity, counted per opportunity and type. */
const oppActivities: RelationDef = {
  name: 'opp_activities',
  materialize: true,
  dependsOn: [],
  select: () => `SELECT opportunity_id, type, count(*) AS n FROM activities WHERE opportunity_id IS NOT NULL GROUP BY opportunity_id, type`,
};

/** Each rep's first month (local calendar) whose won revenue reached threshold × the month's revenue target. */
const ramps: RelationDef = {
  name: 'ramps',
  materialize: false,
  dependsOn: ['tz', 'cur', 'ramp'],
  select: (c) => {
    const month = (d: string) => c.sql.monthStart(d);
    return `WITH rev AS (
  SELECT rep_id, ${month('close_day')} AS m, sum(value_rc) AS v FROM ${c.rel('opps')} WHERE status = 'won' GROUP BY 1, 2
), tm AS (
  SELECT t.scope_id AS rep_id, CAST(ms.m AS DATE) AS m, t.value, t.period_start, t.period_end,
    ${c.sql.daysBetweenDates('t.period_start', 't.period_end')} + 1 AS len
  FROM targets t CROSS JOIN LATERAL (SELECT ${c.sql.monthSeries(month('t.period_start'), 't.period_end')} AS m) ms
  WHERE t.kpi = 'revenue' AND t.scope = 'rep' AND t.scope_id IS NOT NULL
), tw AS (
  SELECT rep_id, m, value * (${c.sql.daysBetweenDates(`greatest(period_start, m)`, `least(period_end + 1, ${c.sql.addMonths('m', '1')})`)}) / len AS v,
    CASE WHEN len <= 1 THEN 1 WHEN len <= 7 THEN 2 WHEN len <= 31 THEN 3 WHEN len <= 92 THEN 4 ELSE 5 END AS cls
  FROM tm
), tgt AS (
  SELECT rep_id, m, target FROM (
    SELECT rep_id, m, sum(v) AS target, cls, min(cls) OVER (PARTITION BY rep_id, m) AS shortest FROM tw GROUP BY rep_id, m, cls
  ) g WHERE cls = shortest
), hit AS (
  SELECT r.rep_id, r.hire_date, min(tgt.m) AS m
  FROM reps r JOIN tgt ON tgt.rep_id = r.rep_id JOIN rev ON rev.rep_id = tgt.rep_id AND rev.m = tgt.m
  WHERE r.hire_date IS NOT NULL AND tgt.m >= ${month('r.hire_date')} AND tgt.target > 0 AND rev.v >= ${c.rampThreshold} * tgt.target
  GROUP BY r.rep_id, r.hire_date
)
SELECT rep_id, hire_date, ${c.sql.addMonths('m', '1')} AS ramp_end,
  ${c.sql.daysBetweenDates('hire_date', c.sql.addMonths('m', '1'))} AS days
FROM hit`;
  },
};

export const relations: readonly RelationDef[] = [opps, firstWon, stages, stageStays, stageHistoryRates, oppActivities, ramps];

export function relation(name: RelationName): RelationDef {
  return relations.find((r) => r.name === name)!;
}
