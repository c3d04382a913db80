// The two cookies of a browser sign-in: `quotient_session` (HttpOnly: scripts cannot read it)
// and `quotient_csrf` (readable by the dashboard's scripts, which echo it in X-CSRF-Token on
// every change — a page on another site can neither read it nor set the header).
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'quotient_session';
export const CSRF_COOKIE = 'quotient_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      if (!(name in out)) out[name] = decodeURIComponent(value);
    } catch {
      // a cookie that is not valid percent-encoding is not one of ours
    }
  }
  return out;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

function serialise(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${o.maxAge}`, 'SameSite=Lax'];
  if (o.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Whether the browser reached us over TLS (directly, or through a proxy we were told to trust). */
export function overTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function setSignInCookies(request: FastifyRequest, reply: FastifyReply, sessionId: string, csrf: string, maxAgeSeconds: number): void {
  const secure = overTls(request);
  reply.header('set-cookie', [
    serialise(SESSION_COOKIE, sessionId, { httpOnly: true, secure, maxAge: maxAgeSeconds }),
    serialise(CSRF_COOKIE, csrf, { httpOnly: false, secure, maxAge: maxAgeSeconds }),
  ]);
}

export function setCsrfCookie(request: FastifyRequest, reply: FastifyReply, csrf: string, maxAgeSeconds: number): void {
  reply.header('set-cookie', serialise(CSRF_COOKIE, csrf, { httpOnly: false, secure: overTls(request), maxAge: maxAgeSeconds }));
}

export function clearSignInCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = overTls(request);
  reply.header('set-cookie', [
    serialise(SESSION_COOKIE, '', { httpOnly: true, secure, maxAge: 0 }),
    serialise(CSRF_COOKIE, '', { httpOnly: false, secure, maxAge: 0 }),
  ]);
}
