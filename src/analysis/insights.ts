// Insights: a ranked list of findings a manager can act on, each with its evidence, the numbers
// its sentence uses and a link to the records behind it. One file per kind of finding in
// insights/; this one runs them over the same query (period, filters, access scope), ranks the
// findings by money at stake and says how. Significance-based findings hold only when significant
// after Benjamini–Hochberg at 5% with groups of at least MIN_GROUP_SIZE (compare.ts).
import type { Store } from '../store/store.js';
import { runKpiQuery } from '../query/engine.js';
import { checkDim, type Scope } from '../query/query.js';
import { OPP_DIMS } from '../metrics/types.js';
import { UserError } from '../util/errors.js';
import { MIN_GROUP_SIZE } from './compare.js';
import { INSIGHT_KINDS, nameBook, type Check, type Finding, type Insight, type InsightContext, type Money } from './insights/common.js';
import { repsBelowTeam } from './insights/reps.js';
import { sourceConversion, sourceCpa, CPA_FACTOR } from './insights/sources.js';
import { activitiesSeparate, SEPARATION } from './insights/activities.js';
import { stageFindings, HISTORY_MONTHS } from './insights/stages.js';
import { techniquesWinMore } from './insights/techniques.js';
import { targetsMet } from './insights/targets.js';

export type { Insight, InsightKind, Evidence, RecordsLink, Check } from './insights/common.js';
export { INSIGHT_KINDS } from './insights/common.js';

/** Enough closed deals and leads for a manager's weekly look. */
export const DEFAULT_PERIOD = 'last_90_days';
export const DEFAULT_LIMIT = 20;
/** Severity: money at stake as a share of the period's revenue. */
export const SEVERITY = { high: 0.05, medium: 0.01 } as const;

export interface InsightsOptions {
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  scope?: Scope;
  /** Dimension → accepted values; dimensions of deals and people (rep, team, source, segment, …). */
  filters?: Readonly<Record<string, readonly string[]>>;
  /** At most this many findings (the best ranked); default DEFAULT_LIMIT. */
  limit?: number;
}

export interface InsightsResult {
  query: {
    period: string;
    from: string;
    to: string;
    as_of: string;
    filters: Record<string, string[]>;
    scope: { reps: readonly string[] | 'all' };
    currency: string;
    timezone: string;
    limit: number;
  };
  /** What one unit of the period is worth, the base of every money at stake. */
  money: Money;
  insights: Insight[];
  /** Findings before the limit. */
  total: number;
  ranking: string;
  rules: string[];
  /** What each family of checks tested and found, or why it was skipped. */
  checks: Check[];
  warnings: string[];
}

export const RANKING =
  'Ranked by money at stake (score, in the reporting currency): the difference a finding describes, taken at the end of its 95% interval nearer to zero, ' +
  'times the records it covers, times what one of them is worth — a win: revenue ÷ won deals; a converted lead: revenue ÷ closed deals; a stage advance: ' +
  'a win × the later stages’ conversion; a channel: its CPA above or below the average × its new customers. Activities that go with winning are associations (deals that go well get more meetings), so their money counts a tenth. Targets met carry no money at stake. ' +
  `Ties: smaller q first, then kind. Severity: score ≥ ${SEVERITY.high * 100}% of the period’s revenue high, ≥ ${SEVERITY.medium * 100}% medium, else low.`;

export const RULES = [
  `Tests: two-proportion z-test, Fisher’s exact test when an expected count is below 5; Benjamini–Hochberg within each family of tests at 5%; at least ${MIN_GROUP_SIZE} records in a group and in what it is compared with.`,
  'rep_below_team: a rep’s win rate or lead conversion significantly below the rest of the rep’s own team.',
  'source_best_conversion / source_worst_conversion: the lead source converting significantly best / worst against the leads of all other sources.',
  `source_cpa: the channel with the highest cost per new customer when ≥ ${CPA_FACTOR}× the average of the channels compared, the lowest when ≤ 1/${CPA_FACTOR} of it (channels with ${MIN_GROUP_SIZE}+ new customers).`,
  `stage_dropoff_worse: a stage converting its decided entries (entries still open in the stage left out) significantly worse than in the ${HISTORY_MONTHS} months before the period.`,
  'stage_bottleneck: the stage converting its decided entries worst, significantly below the other stages pooled.',
  `activity_separates_outcomes: an activity type won deals had ≥ ${SEPARATION}× as often per deal as lost deals (or ≤ 1/${SEPARATION}), with deals having one winning significantly more (or less) often than deals without — an association, not proof of cause.`,
  'technique_wins_more: a technique whose win rate is significantly above that of the other deals.',
  'target_met: reps, teams and the company at 100% or more of a target (revenue quota or any KPI target) in the period.',
];

/** Dimensions insights can be filtered by: those of deals and the people who own them. */
const FILTER_DIMS: readonly string[] = OPP_DIMS;

export async function insights(store: Store, opts: InsightsOptions = {}): Promise<InsightsResult> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new UserError('bad_argument', `limit: expected a whole number of at least 1, got ${limit}`);
  const filters = Object.fromEntries(Object.entries(opts.filters ?? {}).map(([d, v]) => [d, [...v]]));
  for (const d of Object.keys(filters)) {
    checkDim(d);
    if (!FILTER_DIMS.includes(d)) throw new UserError('bad_argument', `insights can be filtered by ${FILTER_DIMS.join(', ')}; not by ${d}`, { dimension: d, valid: FILTER_DIMS });
  }
  const custom = opts.from !== undefined || opts.to !== undefined;
  const base = {
    period: custom ? opts.period : (opts.period ?? DEFAULT_PERIOD),
    from: opts.from,
    to: opts.to,
    asOf: opts.asOf,
    filters,
    scope: opts.scope ?? { reps: 'all' as const },
  };
  const head = await runKpiQuery(store, { ...base, kpis: ['revenue', 'win_rate'] });
  const warnings = [...head.warnings];
  const revenueRow = head.rows.find((r) => r.kpi === 'revenue');
  const winRow = head.rows.find((r) => r.kpi === 'win_rate');
  if (revenueRow?.status === 'missing_fx_rate') warnings.push(`${revenueRow.message ?? 'an exchange rate is missing'}; money at stake is left at 0`);
  const revenue = revenueRow?.status === 'ok' ? (revenueRow.value ?? 0) : null;
  const won = winRow?.numerator ?? 0;
  const closed = winRow?.denominator ?? 0;
  const money: Money = {
    currency: head.query.currency,
    revenue,
    won,
    closed,
    per_win: revenue !== null && won > 0 ? Math.round((revenue / won) * 100) / 100 : null,
    per_opportunity: revenue !== null && closed > 0 ? Math.round((revenue / closed) * 100) / 100 : null,
  };
  const ctx: InsightContext = {
    store,
    base,
    period: { label: head.query.period, from: head.query.from, to: head.query.to, as_of: head.query.as_of },
    money,
    checks: [],
    warnings,
    names: nameBook(store),
  };
  const findings: Finding[] = [];
  for (const finder of [repsBelowTeam, sourceConversion, sourceCpa, stageFindings, activitiesSeparate, techniquesWinMore, targetsMet]) {
    findings.push(...(await finder(ctx)));
  }
  const ranked = rank(findings, revenue);
  return {
    query: {
      period: head.query.period,
      from: head.query.from,
      to: head.query.to,
      as_of: head.query.as_of,
      filters: head.query.filters,
      scope: head.query.scope,
      currency: head.query.currency,
      timezone: head.query.timezone,
      limit,
    },
    money,
    insights: ranked.slice(0, limit),
    total: ranked.length,
    ranking: RANKING,
    rules: RULES,
    checks: ctx.checks,
    warnings,
  };
}

/** Sorts by money at stake, then q, then kind and id; numbers the list and grades severity. */
export function rank(findings: readonly Finding[], revenue: number | null): Insight[] {
  const order = (k: Finding['kind']) => INSIGHT_KINDS.indexOf(k);
  const sorted = [...findings].sort(
    (a, b) => b.at_stake - a.at_stake || (a.evidence.q ?? 2) - (b.evidence.q ?? 2) || order(a.kind) - order(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted.map(({ at_stake, ...f }, i) => {
    const share = revenue && revenue > 0 ? at_stake / revenue : 0;
    const severity = share >= SEVERITY.high ? 'high' : share >= SEVERITY.medium ? 'medium' : 'low';
    return { rank: i + 1, id: f.id, kind: f.kind, tone: f.tone, severity, score: at_stake, params: f.params, sentence: f.sentence, evidence: f.evidence, records: f.records };
  });
}
