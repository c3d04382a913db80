// /api/alerts — the API twin of `quotient alerts` and `quotient check` — and the in-app feed.
//
// Everyone signed in reads the rules and the feed; the feed (and the rule list) hold what the
// caller may see: company rules for all, a team's rules for whoever may see the team's totals,
// a rep's rules for whoever may see that rep in detail (as targets). Admins add, remove and
// check now and read the delivery log (every webhook and e-mail attempt).
import { z } from 'zod';
import { checkThroughGate } from '../../alerts/check.js';
import { deliveryLog } from '../../alerts/deliver.js';
import { alertFeed } from '../../alerts/evaluate.js';
import { addRule, listRules, removeRule } from '../../alerts/rules.js';
import { audit } from '../audit.js';
import { loadScope, type AccessScope } from '../auth/scope.js';
import { isoDate, route, text } from '../route.js';
import { canSeeTarget } from './targets.js';

const anyResult = z.record(z.string(), z.unknown());

const visible = (access: AccessScope) => (r: { scope: string | null; scope_id: string | null }) =>
  r.scope === 'company' || ((r.scope === 'team' || r.scope === 'rep') && canSeeTarget(access, { scope: r.scope, scope_id: r.scope_id }));

const newRule = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1 to 64 letters, digits, _ . or -').optional().describe('the rule’s id (default A-<random>)'),
    kpi: text(100).describe('the KPI, e.g. revenue'),
    scope: text(300).describe('company, team:TEAM_ID or rep:REP_ID'),
    when: text(100).describe('below_target, below:X, above:X, change:X (-0.1 = fell 10% or more against the previous period) or significant_drop (rates)'),
    period: z.enum(['this_month', 'this_quarter', 'this_year']).optional().describe('judged over this period to date (default this_month)'),
    webhook: text(2000).optional().describe('POST each alert here as signed JSON (3 attempts, each in the delivery log)'),
    email: text(320).optional().describe('e-mail each alert to this address through the SMTP settings (3 attempts, each in the delivery log; not sent while smtp_host is empty)'),
  })
  .strict();

export const alertRoutes = [
  route({
    method: 'GET',
    url: '/api/alerts',
    tag: 'Alerts',
    summary: 'Alert rules (those on scopes the caller may see)',
    access: 'user',
    response: { description: 'rules', schema: z.object({ rules: z.array(anyResult) }) },
    handler: ({ principal, server }) =>
      server.gate.run(async (store) => {
        const access = await loadScope(store, principal!.user);
        return { rules: (await listRules(store)).filter(visible(access)) };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/alerts',
    tag: 'Alerts',
    summary: 'Add an alert rule (admins)',
    description: 'Validated as `quotient alerts add`: a known KPI measurable at the scope, a known team or rep, a condition.',
    access: 'admin',
    body: newRule,
    response: { status: 201, description: 'the rule', schema: anyResult },
    handler: async ({ body, reply, request, principal, server }) => {
      const r = await server.gate.run(async (store) => {
        const added = await addRule(store, { ...body, createdBy: principal!.user.email });
        await audit(store, { action: 'alert_rule_added', actor: principal!.user.email, target: added.rule_id, ip: request.ip, details: { kpi: body.kpi, scope: body.scope, when: body.when } });
        return added;
      });
      reply.status(201);
      return r;
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/alerts/:id',
    tag: 'Alerts',
    summary: 'Remove an alert rule (admins); the alerts it fired stay in the feed',
    access: 'admin',
    params: z.object({ id: text(200).describe('the rule id') }),
    response: { description: 'the rule removed', schema: anyResult },
    handler: ({ params, request, principal, server }) =>
      server.gate.run(async (store) => {
        const removed = await removeRule(store, params.id);
        await audit(store, { action: 'alert_rule_removed', actor: principal!.user.email, target: params.id, ip: request.ip });
        return removed;
      }),
  }),
  route({
    method: 'GET',
    url: '/api/alerts/feed',
    tag: 'Alerts',
    summary: 'The alerts that fired, newest first (those on scopes the caller may see)',
    access: 'user',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100).describe('at most this many') }).strict(),
    response: { description: 'events', schema: z.object({ events: z.array(anyResult) }) },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const access = await loadScope(store, principal!.user);
        return { events: await alertFeed(store, { limit: query.limit, visible: visible(access) }) };
      }),
  }),
  route({
    method: 'GET',
    url: '/api/alerts/deliveries',
    tag: 'Alerts',
    summary: 'The delivery log: every webhook and e-mail attempt of the fired alerts, newest first (admins)',
    description: 'One entry per attempt (up to 3 per alert and channel); `delivered` says whether that attempt got through, `status_code` is the HTTP status (webhook) or SMTP reply code (e-mail) when there was an answer, `at` when it was made (ISO 8601, UTC).',
    access: 'admin',
    query: z
      .object({
        limit: z.coerce.number().int().min(1).max(1000).default(100).describe('at most this many attempts'),
        event_id: text(100).optional().describe('only the attempts of this alert (its id in the feed)'),
      })
      .strict(),
    response: {
      description: 'attempts, newest first',
      schema: z.object({
        deliveries: z.array(
          z.object({
            event_id: z.string(),
            rule_id: z.string(),
            channel: z.enum(['webhook', 'email']),
            target: z.string().describe('the webhook URL or the e-mail address'),
            attempt: z.number().int().describe('1, 2 or 3'),
            status_code: z.number().int().nullable(),
            error: z.string().nullable(),
            delivered: z.boolean(),
            at: z.string().describe('ISO 8601 UTC'),
          }),
        ),
      }),
    },
    handler: ({ query, server }) =>
      server.gate.run(async (store) => ({ deliveries: await deliveryLog(store, { limit: query.limit, ...(query.event_id === undefined ? {} : { eventId: query.event_id }) }) })),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/check',
    tag: 'Alerts',
    summary: 'Evaluate the alert rules now and deliver what fired (admins)',
    description: 'As `quotient check --format json`; each alert fires once per occurrence.',
    access: 'admin',
    body: z.object({ as_of: isoDate.optional().describe('judge the rules as of this date (default today)') }).strict(),
    response: { description: 'as_of, rules (each with its state), fired, deliveries (webhooks), emails', schema: anyResult },
    handler: async ({ body, server }) => {
      const r = await checkThroughGate((fn) => server.gate.run(fn), { asOf: body.as_of });
      return { ...r, fired: r.fired.map((f) => ({ ...f.event, kpi: f.rule.kpi, scope: f.rule.scope, scope_id: f.rule.scope_id })) };
    },
  }),
];
