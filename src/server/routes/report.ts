// GET /api/report and GET /api/records: the same KPI query as `quotient report` and
// `quotient records`, from the same options parsed by the same function, answered with the
// same JSON as their --format json — restricted to what the caller's role may see.
import { z } from 'zod';
import { runKpiQuery } from '../../query/engine.js';
import { kpiRecords } from '../../query/records.js';
import { GRAINS } from '../../query/query.js';
import { LANGS } from '../../metrics/types.js';
import { toQuery, type QueryOptions } from '../../cli/commands/report.js';
import { UserError } from '../../util/errors.js';
import { loadScope, scopedQuery } from '../auth/scope.js';
import { isoDate, route, text } from '../route.js';

const queryParams = {
  kpi: text(2000).min(1, 'name at least one KPI').describe('KPI ids, comma-separated (see GET /api/kpis)'),
  period: text(100).optional().describe('today, this_week, this_month, last_month, this_quarter, ytd, last_30_days, 2026-Q3, 2026-10, 2026-W10, 2026-10-05 or 2026-01-01..2026-03-31 (default this_month)'),
  from: isoDate.optional().describe('first day of a custom period (with to)'),
  to: isoDate.optional().describe('last day of a custom period (with from)'),
  as_of: isoDate.optional().describe('"today" for relative periods (default: today in the organisation’s time zone)'),
  by: text(500).optional().describe('split by dimensions, comma-separated: rep, team, manager, region, product, product_line, source, channel, segment, industry, technique, currency, stage, activity_type, cohort_month'),
  filter: z
    .union([text(2000), z.array(text(2000)).max(50)])
    .optional()
    .describe('DIMENSION=VALUE[,VALUE…]; repeat the parameter for several dimensions, e.g. filter=team=T1&filter=source=web'),
  lang: z.enum(LANGS).default('en').describe('language of texts'),
};

export const reportQuery = z
  .object({
    ...queryParams,
    grain: z.enum(GRAINS).optional().describe('one row per day, week, month, quarter or year of the period'),
    compare: text(200).optional().describe('previous_period, previous_year, target (comma-separated)'),
  })
  .strict();

export const recordsQuery = z
  .object({
    ...queryParams,
    limit: z.coerce.number().int('expected a whole number').min(1).max(100_000).default(10_000).describe('at most this many records per set'),
  })
  .strict();

/** The API's parameters as the CLI's options, for the CLI's own parser. */
function cliOptions(q: z.output<typeof reportQuery> | z.output<typeof recordsQuery>): QueryOptions {
  const filter = q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter];
  return {
    kpi: q.kpi,
    period: q.period,
    from: q.from,
    to: q.to,
    asOf: q.as_of,
    grain: 'grain' in q ? q.grain : undefined,
    by: q.by,
    filter,
    compare: 'compare' in q ? q.compare : undefined,
    format: 'json',
    lang: q.lang,
  };
}

const reportResult = z
  .object({
    query: z.record(z.string(), z.unknown()).describe('the query as run: KPIs, period, dates, split, filters, comparisons, scope, currency, time zone'),
    rows: z.array(z.record(z.string(), z.unknown())).describe('one row per KPI × period bucket × group: value, numerator, denominator, n, ci95, comparisons, status'),
  })
  .describe('the same object as `quotient report --format json`');

const recordsResult = z
  .object({
    kpi: z.string(),
    period: z.string(),
    sets: z.array(z.object({ fact: z.string(), doc: z.string(), roles: z.array(z.string()), columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())) })),
    truncated: z.boolean(),
  })
  .describe('the same object as `quotient records --format json`');

export const reportRoutes = [
  route({
    method: 'GET',
    url: '/api/report',
    tag: 'KPIs',
    summary: 'Compute KPIs for a period, split, filtered and compared',
    description: 'Managers see their teams and reps, reps themselves plus team and company totals, viewers company totals; a split or filter outside that is refused with 403.',
    access: 'user',
    query: reportQuery,
    response: { description: 'the KPI rows', schema: reportResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), toQuery(cliOptions(query)), 'report');
        return runKpiQuery(store, q);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/records',
    tag: 'KPIs',
    summary: 'The records behind a KPI value (for rates: numerator and denominator, flagged)',
    description: 'Only records of reps the caller may see in detail; viewers cannot list records.',
    access: 'user',
    query: recordsQuery,
    response: { description: 'the record sets', schema: recordsResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const base = toQuery(cliOptions(query));
        if (base.kpis.length !== 1) throw new UserError('bad_argument', `kpi: name exactly one KPI for records, got "${query.kpi}"`);
        const q = scopedQuery(await loadScope(store, principal!.user), base, 'records');
        return kpiRecords(store, { ...q, kpis: [q.kpis[0]] }, { limit: query.limit });
      }),
  }),
];
