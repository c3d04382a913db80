// /api/tokens: a signed-in user creates API tokens for scripts (the token is shown once),
// lists and revokes their own; admins may list and revoke anyone's. Another user's token
// answers exactly like a missing one.
import { z } from 'zod';
import { audit } from '../audit.js';
import { ApiError, forbidden } from '../errors.js';
import { ok, route, text } from '../route.js';
import { createToken, listTokens, revokeToken, tokenInfo, TOKEN_ACCESS } from '../auth/tokens.js';

const info = z.object({
  token_id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  access: z.enum(TOKEN_ACCESS),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const tokenRoutes = [
  route({
    method: 'GET',
    url: '/api/tokens',
    tag: 'Tokens',
    summary: 'Your API tokens (admins: everyone’s with all=true)',
    access: 'user',
    query: z.object({ all: z.enum(['true', 'false']).default('false').describe('every user’s tokens (admins)') }).strict(),
    response: { description: 'the tokens, without their secrets', schema: z.array(info) },
    handler: ({ query, principal, server }) => {
      const all = query.all === 'true';
      if (all && principal!.user.role !== 'admin') throw forbidden('only an admin may list every user’s tokens');
      return server.gate.run((store) => listTokens(store, all ? 'all' : principal!.user.user_id));
    },
  }),
  route({
    method: 'POST',
    url: '/api/tokens',
    tag: 'Tokens',
    summary: 'Create an API token; the token is in this answer only',
    description: 'Send it as "Authorization: Bearer <token>". A read token can only read; a read-write token acts with your full role.',
    access: 'user',
    sessionOnly: true,
    body: z.object({ name: text(100).min(1).describe('what the token is for'), access: z.enum(TOKEN_ACCESS) }).strict(),
    response: { status: 201, description: 'the token and its record', schema: info.extend({ token: z.string() }) },
    handler: async ({ body, principal, request, reply, server }) => {
      if (principal!.via === 'local') throw forbidden('the local credential cannot own tokens; sign in as a user');
      const t = await server.gate.run(async (store) => {
        const created = await createToken(store, principal!.user, body.name, body.access);
        await audit(store, { action: 'token_created', actor: principal!.user.email, target: created.info.token_id, ip: request.ip, details: { name: created.info.name, access: created.info.access } });
        return created;
      });
      reply.status(201);
      return { ...t.info, token: t.token };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/tokens/:id',
    tag: 'Tokens',
    summary: 'Revoke an API token',
    access: 'user',
    params: z.object({ id: text(100) }),
    response: { description: 'revoked', schema: ok },
    handler: ({ params, principal, request, server }) =>
      server.gate.run(async (store) => {
        const t = await tokenInfo(store, params.id);
        const p = principal!;
        if (!t || (t.user_id !== p.user.user_id && p.user.role !== 'admin')) throw new ApiError('not_found', 'no such token');
        await revokeToken(store, t.token_id);
        await audit(store, { action: 'token_revoked', actor: p.user.email, target: t.token_id, ip: request.ip, details: { name: t.name, owner: t.email } });
        return { ok: true as const };
      }),
  }),
];
