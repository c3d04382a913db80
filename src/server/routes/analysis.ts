// GET /api/compare, /api/explain, /api/funnel, /api/forecast and /api/insights: the same
// results as `quotient compare`, `explain`, `funnel`, `forecast` and `insights --format json`, within what the caller may see: the
// query is scoped like a report split the same way (a split by rep needs rep detail).
import { z } from 'zod';
import { compareGroups } from '../../analysis/compare.js';
import { explainRevenue } from '../../analysis/explain.js';
import { funnel } from '../../analysis/funnel.js';
import { forecastRevenue, FORECAST_DIMS, MAX_BACKTEST } from '../../analysis/forecast.js';
import { DEFAULT_PERIOD as INSIGHTS_PERIOD, insights } from '../../analysis/insights.js';
import { toQuery } from '../../cli/commands/report.js';
import type { KpiQuery } from '../../query/query.js';
import { loadScope, scopedQuery } from '../auth/scope.js';
import { isoDate, route, text } from '../route.js';

const periodParams = {
  period: text(100).optional().describe('a period as for GET /api/report (default this_month)'),
  from: isoDate.optional().describe('first day of a custom period (with to)'),
  to: isoDate.optional().describe('last day of a custom period (with from)'),
  as_of: isoDate.optional().describe('"today" for relative periods'),
  filter: z.union([text(2000), z.array(text(2000)).max(50)]).optional().describe('DIMENSION=VALUE[,VALUE…], repeatable'),
};

/** The parameters as a KPI query, parsed by the CLI's own parser. */
function kpiQuery(q: { period?: string; from?: string; to?: string; as_of?: string; filter?: string | string[] }, kpi: string, by?: string): KpiQuery {
  const filter = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  return toQuery({ kpi, period: q.period, from: q.from, to: q.to, asOf: q.as_of, by, filter, format: 'json', lang: 'en' });
}

const anyResult = z.record(z.string(), z.unknown());

export const analysisRoutes = [
  route({
    method: 'GET',
    url: '/api/compare',
    tag: 'Analytics',
    summary: 'Test each group of a rate KPI against the rest (z-test or Fisher exact test, Benjamini–Hochberg corrected)',
    description: 'As `quotient compare --format json`. A split by rep or manager needs rep detail (403 otherwise).',
    access: 'user',
    query: z.object({ ...periodParams, kpi: text(100).default('win_rate').describe('a rate KPI, e.g. win_rate'), by: text(100).describe('one dimension: technique, source, rep, team, …') }).strict(),
    response: { description: 'groups with their tests and verdicts', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), kpiQuery(query, query.kpi, query.by), 'report');
        return compareGroups(store, { ...q, by: query.by });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/explain',
    tag: 'Analytics',
    summary: 'Split a change in revenue into opportunities, win rate and deal size, and the segments that moved most',
    description: 'As `quotient explain --format json`. Segments name reps, so it needs rep detail; a rep sees the change of their own deals.',
    access: 'user',
    query: z.object({ ...periodParams, vs: z.enum(['previous_period', 'previous_year']).default('previous_period'), top: z.coerce.number().int().min(1).max(50).default(5) }).strict(),
    response: { description: 'total_change, drivers and segments', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), kpiQuery(query, 'revenue', 'rep'), 'report');
        return explainRevenue(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, vs: query.vs, top: query.top });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/funnel',
    tag: 'Analytics',
    summary: 'Per stage: entered, moved on, conversion, drop-off and days in stage',
    description: 'As `quotient funnel --format json`.',
    access: 'user',
    query: z.object({ ...periodParams, by: text(100).optional().describe('one dimension to split by'), cohort: z.enum(['true', 'false']).default('false').describe('split by creation month') }).strict(),
    response: { description: 'the funnel stages and their rules', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), kpiQuery(query, 'stage_conversion', query.by), 'report');
        return funnel(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, by: query.by, cohort: query.cohort === 'true' });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/forecast',
    tag: 'Analytics',
    summary: 'Revenue expected for a period, with its 80% interval and an optional backtest against two baselines',
    description: 'As `quotient forecast --format json`. A split by rep needs rep detail; totals are company totals.',
    access: 'user',
    query: z
      .object({
        ...periodParams,
        by: z.enum(FORECAST_DIMS as [string, ...string[]]).optional().describe('one dimension to split the forecast by'),
        backtest: z.coerce.number().int().min(1).max(MAX_BACKTEST).optional().describe('replay the forecast at the start of each of the last n periods'),
      })
      .strict(),
    response: { description: 'forecast (period, expected, low, high, won_so_far, …), backtest, method', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), kpiQuery(query, 'revenue', query.by), 'report');
        return forecastRevenue(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, by: query.by, backtest: query.backtest });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/insights',
    tag: 'Analytics',
    summary: 'A ranked list of findings a manager can act on, each with its evidence and the records behind it',
    description: 'As `quotient insights --format json`. Findings name reps, so it needs rep detail; a manager sees their teams, a rep their own deals.',
    access: 'user',
    query: z.object({ ...periodParams, limit: z.coerce.number().int().min(1).max(100).default(20).describe('at most this many findings') }).strict(),
    response: { description: 'ranked findings, what was checked, and the ranking rule', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), kpiQuery({ ...query, period: query.period ?? (query.from || query.to ? undefined : INSIGHTS_PERIOD) }, 'win_rate', 'rep'), 'report');
        return insights(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, limit: query.limit });
      }),
  }),
];
