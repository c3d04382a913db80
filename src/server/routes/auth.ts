// Signing in and out. POST /api/auth/login checks the password (argon2id) and starts a session:
// an HttpOnly session cookie plus a CSRF cookie the dashboard echoes on changes. Failures
// answer the same whether or not the user exists; repeated failures lock the address.
import { z } from 'zod';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { route, text, ok } from '../route.js';
import { clearSignInCookies, CSRF_COOKIE, readCookies, setCsrfCookie, setSignInCookies } from '../auth/cookies.js';
import { LOCKED_MESSAGE } from '../auth/login-limiter.js';
import { loadScope } from '../auth/scope.js';
import { newSecret, verifyPassword } from '../auth/secrets.js';
import { ABSOLUTE_MS, createSession, endSession } from '../auth/sessions.js';
import { credentialsOf } from '../auth/users.js';
import { ROLES } from '../auth/roles.js';

export const userSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  rep_id: z.string().nullable(),
  team_id: z.string().nullable(),
  created_at: z.string(),
});

const meSchema = z.object({
  user: userSchema,
  via: z.enum(['session', 'token', 'local']).describe('how the request was authenticated'),
  access: z.enum(['read', 'read-write']),
  scope: z.object({ reps: z.union([z.array(z.string()), z.literal('all')]), teams: z.union([z.array(z.string()), z.literal('all')]) }).describe('reps seen in detail, teams whose totals are seen'),
  csrfToken: z.string().optional().describe('send it as X-CSRF-Token with every change (browser sessions)'),
});

const WRONG = 'wrong e-mail address or password';

export const authRoutes = [
  route({
    method: 'POST',
    url: '/api/auth/login',
    tag: 'Auth',
    summary: 'Sign in with e-mail address and password; sets the session and CSRF cookies',
    description: `After ${5} failed attempts an address is locked for 15 minutes (429), whether or not a user has it.`,
    access: 'public',
    body: z.object({ email: text(254).min(1), password: z.string().min(1).max(1024) }).strict(),
    response: { description: 'signed in', schema: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.string() }) },
    handler: async ({ body, request, reply, server }) => {
      const email = body.email.trim().toLowerCase();
      const wait = server.limiter.check(request.ip, email);
      if (wait > 0) {
        await server.gate.run((store) => audit(store, { action: 'sign_in_locked', actor: null, target: email, ip: request.ip }));
        throw new ApiError('rate_limited', LOCKED_MESSAGE, undefined, { 'retry-after': String(wait) });
      }
      const cred = await server.gate.run((store) => credentialsOf(store, email));
      const good = await verifyPassword(cred?.hash ?? null, body.password);
      if (!good || !cred) {
        const locked = server.limiter.failed(email);
        await server.gate.run((store) => audit(store, { action: 'sign_in_failed', actor: null, target: email, ip: request.ip, details: locked ? { locked: true } : undefined }));
        throw new ApiError('unauthenticated', WRONG);
      }
      server.limiter.succeeded(email);
      const session = await server.gate.run(async (store) => {
        const s = await createSession(store, cred.user.user_id, server.clock);
        await audit(store, { action: 'sign_in', actor: cred.user.email, ip: request.ip });
        return s;
      });
      const csrf = newSecret();
      setSignInCookies(request, reply, session.id, csrf, ABSOLUTE_MS / 1000);
      return { user: cred.user, csrfToken: csrf, expiresAt: session.expiresAt };
    },
  }),
  route({
    method: 'POST',
    url: '/api/auth/logout',
    tag: 'Auth',
    summary: 'Sign out: ends the session on the server and clears the cookies',
    access: 'user',
    sessionOnly: true,
    response: { description: 'signed out', schema: ok },
    handler: async ({ principal, request, reply, server }) => {
      if (principal!.via !== 'session') throw new ApiError('bad_request', 'sign-out ends a browser session; the local credential ends when the server stops');
      await server.gate.run(async (store) => {
        await endSession(store, principal!.sessionId!);
        await audit(store, { action: 'sign_out', actor: principal!.user.email, ip: request.ip });
      });
      clearSignInCookies(request, reply);
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/auth/me',
    tag: 'Auth',
    summary: 'The signed-in user, how they are signed in, and what they may see',
    access: 'user',
    response: { description: 'the caller', schema: meSchema },
    handler: async ({ principal, request, reply, server }) => {
      const p = principal!;
      const scope = await server.gate.run((store) => loadScope(store, p.user));
      let csrfToken: string | undefined;
      if (p.via === 'session') {
        csrfToken = readCookies(request)[CSRF_COOKIE] ?? newSecret();
        setCsrfCookie(request, reply, csrfToken, ABSOLUTE_MS / 1000);
      }
      return { user: p.user, via: p.via, access: p.access, scope: { reps: scope.reps, teams: scope.teams }, ...(csrfToken ? { csrfToken } : {}) };
    },
  }),
];
