// /api/targets — the API twin of `quotient targets` — and GET /api/leaderboard.
//
// Who sees which targets: the company's targets everyone; a team's targets whoever may see that
// team's totals (its manager, its reps); a rep's targets whoever may see that rep in detail (the
// rep, their manager). Admins add and remove targets. The leaderboard is scoped like a report
// split the same way; a rep may not rank other reps (403).
import { z } from 'zod';
import { checkBy, leaderboard } from '../../analysis/leaderboard.js';
import { toQuery } from '../../cli/commands/report.js';
import { targetsList } from '../../targets/list.js';
import { addTarget, checkWeights, parseScope, parseScopeFilter, parseSplit, removeTarget, type SplitSpec, type Target } from '../../targets/targets.js';
import { audit } from '../audit.js';
import { loadScope, scopedQuery, type AccessScope } from '../auth/scope.js';
import { dataIdSchema } from '../auth/roles.js';
import { forbidden } from '../errors.js';
import { isoDate, route, text } from '../route.js';

const anyResult = z.record(z.string(), z.unknown());
const flag = z.enum(['true', 'false']);

/** Whether the caller may see a target. */
export function canSeeTarget(access: AccessScope, t: Pick<Target, 'scope' | 'scope_id'>): boolean {
  if (t.scope === 'company') return true;
  if (t.scope === 'team') return t.scope_id !== null && access.canSeeTeam(t.scope_id);
  return t.scope_id !== null && access.canSeeRepDetail(t.scope_id);
}

const newTarget = z
  .object({
    id: dataIdSchema.max(100).optional().describe('the target’s id (default T-<random>)'),
    kpi: text(100).describe('the KPI, e.g. revenue (quotas are targets on revenue)'),
    scope: text(300).describe('company, team:TEAM_ID or rep:REP_ID'),
    period: text(100).optional().describe('2026-Q4, 2026-03, 2026, this_quarter, … (or from and to)'),
    from: isoDate.optional().describe('first day of a custom period (with to)'),
    to: isoDate.optional().describe('last day of a custom period (with from)'),
    as_of: isoDate.optional().describe('"today" for relative periods'),
    value: z.number().describe('the target in the KPI’s unit (money in the reporting currency, rates as shares: 0.35 = 35%)'),
    split: z
      .union([text(2000), z.object({ weights: z.record(dataIdSchema, z.number()) }).strict()])
      .optional()
      .describe('team targets: also write one target per rep — "even", "weights:R1=2,R2=1" or {"weights": {"R1": 2, "R2": 1}}; the parts add up exactly'),
    replace: z.boolean().optional().describe('replace targets of the same KPI, scope and length that overlap it'),
  })
  .strict();

function splitOf(s: z.output<typeof newTarget>['split']): SplitSpec | undefined {
  if (s === undefined) return undefined;
  if (typeof s === 'string') return parseSplit(s);
  return checkWeights(Object.entries(s.weights));
}

const periodParams = {
  period: text(100).optional().describe('a period as for GET /api/report'),
  from: isoDate.optional().describe('first day of a custom period (with to)'),
  to: isoDate.optional().describe('last day of a custom period (with from)'),
  as_of: isoDate.optional().describe('"today" for relative periods, and the date attainment and pacing are judged on'),
};

export const targetRoutes = [
  route({
    method: 'GET',
    url: '/api/targets',
    tag: 'Targets',
    summary: 'Targets with their value so far, attainment, projection and status',
    description:
      'As `quotient targets list --format json`: by default the targets running on as-of; with period (or from/to) those overlapping it; all=true every one. ' +
      'Everyone sees the company’s targets; managers their teams’ and their reps’; reps their own and their team’s.',
    access: 'user',
    query: z
      .object({
        ...periodParams,
        kpi: text(100).optional().describe('only targets on this KPI'),
        scope: text(300).optional().describe('company, team, rep, team:TEAM_ID or rep:REP_ID'),
        all: flag.default('false').describe('every target, whatever its period'),
        rollup: flag.default('false').describe('beside each team (company) target, the sum of its reps’ (teams’) targets'),
        forecast: flag.default('true').describe('blend revenue projections with the forecast'),
      })
      .strict(),
    response: { description: 'as_of, thresholds, targets (each with pacing and, with rollup, its roll-up), method', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const access = await loadScope(store, principal!.user);
        if (query.scope !== undefined) {
          const s = parseScopeFilter(query.scope);
          if (s.id !== undefined && !canSeeTarget(access, { scope: s.scope, scope_id: s.id })) throw forbidden(`you may not see ${s.scope} "${s.id}"`);
        }
        const r = await targetsList(store, {
          kpi: query.kpi, scope: query.scope, period: query.period, from: query.from, to: query.to, asOf: query.as_of,
          all: query.all === 'true', rollup: query.rollup === 'true', forecast: query.forecast !== 'false',
          visible: (t) => canSeeTarget(access, t),
        });
        // The parts of a roll-up name reps (teams): only those the caller may see are listed; the sum stays.
        for (const t of r.targets) if (t.rollup) t.rollup.members = t.rollup.members.filter((m) => canSeeTarget(access, m));
        return r;
      }),
  }),
  route({
    method: 'POST',
    url: '/api/targets',
    tag: 'Targets',
    summary: 'Add a target, and with split its reps’ parts (admins)',
    description: 'Validated as `quotient targets add`: a known KPI measurable at the scope, a known team or rep, a real period, a positive value in the KPI’s unit (rates 0 to 1, money in cents), no overlapping target of the same length unless replace.',
    access: 'admin',
    body: newTarget,
    response: { status: 201, description: 'targets written (the target, then its reps’ parts), targets replaced, notes', schema: anyResult },
    handler: async ({ body, reply, request, principal, server }) => {
      const r = await server.gate.run(async (store) => {
        const added = await addTarget(store, { id: body.id, kpi: body.kpi, scope: parseScope(body.scope), period: body.period, from: body.from, to: body.to, asOf: body.as_of, value: body.value, split: splitOf(body.split), replace: body.replace });
        await audit(store, { action: 'target_added', actor: principal!.user.email, target: added.targets[0]?.target_id ?? null, ip: request.ip, details: { kpi: body.kpi, scope: body.scope, value: body.value, written: added.targets.length, replaced: added.replaced.map((t) => t.target_id) } });
        return added;
      });
      reply.status(201);
      return r;
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/targets/:id',
    tag: 'Targets',
    summary: 'Remove a target (admins)',
    access: 'admin',
    params: z.object({ id: text(200).describe('the target id') }),
    query: z.object({ with_split: flag.default('false').describe('also remove the reps’ targets its split wrote') }).strict(),
    response: { description: 'the targets removed', schema: anyResult },
    handler: ({ params, query, request, principal, server }) =>
      server.gate.run(async (store) => {
        const removed = await removeTarget(store, params.id, query.with_split === 'true');
        await audit(store, { action: 'target_removed', actor: principal!.user.email, target: params.id, ip: request.ip, details: { removed: removed.removed.map((t) => t.target_id) } });
        return removed;
      }),
  }),
  route({
    method: 'GET',
    url: '/api/leaderboard',
    tag: 'Analytics',
    summary: 'Reps (teams, managers, regions) ranked on a KPI, with ties, minimum samples and targets met',
    description: 'As `quotient leaderboard --format json`. Scoped like a report split the same way: a manager ranks their reps, a rep may not rank other reps (403), a viewer sees no split.',
    access: 'user',
    query: z
      .object({
        ...periodParams,
        filter: z.union([text(2000), z.array(text(2000)).max(50)]).optional().describe('DIMENSION=VALUE[,VALUE…], repeatable'),
        kpi: text(100).default('revenue').describe('the KPI to rank on'),
        by: z.enum(['rep', 'team', 'manager', 'region']).default('rep'),
        min_n: z.coerce.number().int().min(0).max(1_000_000).optional().describe('rates and averages: records a group needs to be ranked (default 20 for rates)'),
      })
      .strict(),
    response: { description: 'ranked rows, rows not ranked (with why), summary', schema: anyResult },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const access = await loadScope(store, principal!.user);
        const by = checkBy(query.by);
        if ((by === 'rep' || by === 'manager') && access.role === 'rep' && access.reps !== 'all' && access.reps.length <= 1) {
          throw forbidden('a leaderboard by rep ranks other reps; your role sees only your own figures (an admin can let reps see their team: quotient config set reps_see_team true)');
        }
        const filter = query.filter === undefined ? [] : Array.isArray(query.filter) ? query.filter : [query.filter];
        const q = scopedQuery(access, toQuery({ kpi: query.kpi, period: query.period, from: query.from, to: query.to, asOf: query.as_of, by, filter, format: 'json', lang: 'en' }), 'report');
        return leaderboard(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope, kpi: query.kpi, by, minN: query.min_n });
      }),
  }),
];
