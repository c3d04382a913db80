// Who is calling: a signed-in browser (session cookie), a script (API token), or the CLI on
// this machine (the local credential of <store>.server.json) — and whether they may call
// this route. Checked before a request's input is even read.
import type { FastifyRequest } from 'fastify';
import type { Store } from '../../store/store.js';
import type { ServerContext } from '../context.js';
import { ApiError, forbidden, unauthenticated } from '../errors.js';
import { changes, type AnyRoute } from '../route.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, readCookies } from './cookies.js';
import type { User } from './roles.js';
import { sameSecret } from './secrets.js';
import { sessionUser } from './sessions.js';
import { tokenUser, type TokenAccess } from './tokens.js';

export interface Principal {
  via: 'session' | 'token' | 'local';
  user: User;
  access: TokenAccess;
  /** The raw session id (to end it at sign-out). */
  sessionId?: string;
  tokenId?: string;
}

/** The user behind the local credential: an admin that exists only while the server runs. */
export const LOCAL_USER: User = { user_id: 'local', email: 'local', role: 'admin', rep_id: null, team_id: null, created_at: new Date(0).toISOString() };

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new ApiError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
  return m[1];
}

/** The caller, or null when the request carries no valid credential. */
export async function resolvePrincipal(store: Store, request: FastifyRequest, ctx: ServerContext): Promise<Principal | null> {
  const token = bearer(request);
  if (token !== null) {
    if (ctx.options.localToken && sameSecret(token, ctx.options.localToken)) return { via: 'local', user: LOCAL_USER, access: 'read-write' };
    const t = await tokenUser(store, token);
    if (!t) throw new ApiError('unauthenticated', 'the API token is unknown or revoked');
    return { via: 'token', user: t.user, access: t.access, tokenId: t.tokenId };
  }
  const sid = readCookies(request)[SESSION_COOKIE];
  if (!sid || sid.length > 100) return null;
  const user = await sessionUser(store, sid, ctx.clock);
  return user ? { via: 'session', user, access: 'read-write', sessionId: sid } : null;
}

/** Throws 401/403 unless the principal may call the route. */
export function authorize(route: AnyRoute, request: FastifyRequest, principal: Principal | null): void {
  if (route.access === 'public') return;
  if (!principal) throw unauthenticated();
  if (route.sessionOnly && principal.via === 'token') throw forbidden('this needs a signed-in user, not an API token');
  if (route.access === 'admin' && principal.user.role !== 'admin') throw forbidden('only an admin may do this');
  if (!changes(request.method)) return;
  if (principal.access === 'read') throw forbidden('this API token is read-only; it cannot change anything');
  if (principal.via === 'session') checkCsrf(request);
}

/** Double submit: the X-CSRF-Token header must repeat the quotient_csrf cookie. */
function checkCsrf(request: FastifyRequest): void {
  const cookie = readCookies(request)[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || !sameSecret(cookie, header)) {
    throw forbidden(`missing or wrong ${CSRF_HEADER} header: send the value of the ${CSRF_COOKIE} cookie with every change`);
  }
}
