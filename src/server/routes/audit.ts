// GET /api/audit: the audit log, newest first (admins).
import { z } from 'zod';
import { AUDIT_ACTIONS, readAudit } from '../audit.js';
import { route, text } from '../route.js';

const entry = z.object({
  audit_id: z.string(),
  occurred_at: z.string(),
  actor: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    tag: 'Server',
    summary: 'The audit log: sign-ins, imports, user, setting and token changes (admins)',
    access: 'admin',
    query: z
      .object({
        action: z.enum(AUDIT_ACTIONS).optional(),
        actor: text(254).optional().describe('e-mail address of who did it'),
        since: z.iso.datetime({ offset: true }).optional().describe('only entries at or after this time (ISO 8601)'),
        limit: z.coerce.number().int().min(1).max(10_000).default(200),
      })
      .strict(),
    response: { description: 'entries, newest first', schema: z.array(entry) },
    handler: ({ query, server }) => server.gate.run((store) => readAudit(store, query)),
  }),
];
