// Sign-in, sessions, CSRF, lock-out, tokens and security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { buildApp, type QuotientServer } from '../../src/server/app.js';
import { sha256 } from '../../src/server/auth/secrets.js';
import { bearer, makeFixture, PASSWORD, signIn, type Fixture } from './fixture.js';

let f: Fixture;
let now = Date.parse('2026-03-31T09:00:00Z');
const tmp = useTempDir('quotient-auth-');

beforeAll(async () => {
  f = await makeFixture(tmp.path, { clock: () => now, limits: { failures: 5, lockMs: 15 * 60_000 } });
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const login = (email: string, password: string, server: QuotientServer = f.server, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });
const cookieFlags = (setCookie: string | string[] | undefined) => ([] as string[]).concat(setCookie ?? []);

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and a script-readable CSRF cookie; not Secure over plain http', async () => {
    const res = await login('ADMIN@example.com ', PASSWORD);
    expect(res.statusCode).toBe(200);
    const [session, csrf] = cookieFlags(res.headers['set-cookie']);
    expect(session).toMatch(/^quotient_session=[\w-]{43}; Path=\/; Max-Age=604800; SameSite=Lax; HttpOnly$/);
    expect(csrf).toMatch(/^quotient_csrf=[\w-]{43}; Path=\/; Max-Age=604800; SameSite=Lax$/);
    expect(res.json().user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    expect(res.json().user).not.toHaveProperty('password_hash');
  });

  it('only the session id’s sha256 is stored', async () => {
    const res = await login('admin@example.com', PASSWORD);
    const id = decodeURIComponent(/quotient_session=([^;]+)/.exec(cookieFlags(res.headers['set-cookie'])[0])![1]);
    const rows = await f.store.query(`SELECT session_hash FROM sessions WHERE session_hash IN (?, ?)`, [id, sha256(id)]);
    expect(rows).toEqual([{ session_hash: sha256(id) }]);
  });

  it('Secure cookies behind a trusted proxy that says https, not when the proxy is not trusted', async () => {
    const trusted = await buildApp(f.store, { trustProxy: true });
    const res = await login('admin@example.com', PASSWORD, trusted, { 'x-forwarded-proto': 'https' });
    expect(cookieFlags(res.headers['set-cookie']).every((c) => c.endsWith('; Secure') || c.includes('; Secure'))).toBe(true);
    await trusted.app.close();
    const plain = await login('admin@example.com', PASSWORD, f.server, { 'x-forwarded-proto': 'https' });
    expect(cookieFlags(plain.headers['set-cookie']).some((c) => c.includes('Secure'))).toBe(false);
  });

  it('a wrong password and an unknown address get the same 401', async () => {
    const a = await login('rita@example.com', 'wrong password!');
    const b = await login('nobody@example.com', 'wrong password!');
    expect([a.statusCode, a.body]).toEqual([401, b.body]);
    expect(a.json().error).toEqual({ code: 'unauthenticated', message: 'wrong e-mail address or password' });
  });

  it('five failures lock the address for 15 minutes with 429 — the same for a missing user — even with the right password', async () => {
    for (const email of ['rolf@example.com', 'vic@example.com']) {
      for (let i = 0; i < 5; i++) expect((await login(email, 'bad guess ' + i)).statusCode).toBe(401);
    }
    const locked = await login('vic@example.com', PASSWORD);
    const missing = await login('rolf@example.com', 'bad guess 6');
    expect(locked.statusCode).toBe(429);
    expect([locked.statusCode, locked.body]).toEqual([missing.statusCode, missing.body]);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    now += 15 * 60_000 + 1000;
    expect((await login('vic@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('failed and successful sign-ins are in the audit log', async () => {
    const actions = (await f.store.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log`)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['sign_in', 'sign_in_failed', 'sign_in_locked']));
  });
});

describe('sessions', () => {
  it('sign-out deletes the session on the server: the old cookie no longer works', async () => {
    const c = await signIn(f.server, 'rita@example.com');
    expect((await f.server.app.inject({ url: '/api/auth/me', headers: c.headers })).statusCode).toBe(200);
    const before = Number((await f.store.query<{ n: number }>(`SELECT count(*) AS n FROM sessions`))[0].n);
    const out = await f.server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: c.headers });
    expect(out.statusCode).toBe(200);
    expect(cookieFlags(out.headers['set-cookie'])[0]).toMatch(/^quotient_session=; Path=\/; Max-Age=0/);
    expect(Number((await f.store.query<{ n: number }>(`SELECT count(*) AS n FROM sessions`))[0].n)).toBe(before - 1);
    expect((await f.server.app.inject({ url: '/api/auth/me', headers: c.headers })).statusCode).toBe(401);
  });

  it('a session ends after 12 hours idle', async () => {
    const c = await signIn(f.server, 'rita@example.com');
    now += 11 * 3600_000;
    expect((await f.server.app.inject({ url: '/api/auth/me', headers: c.headers })).statusCode).toBe(200);
    now += 12 * 3600_000 + 1000;
    expect((await f.server.app.inject({ url: '/api/auth/me', headers: c.headers })).statusCode).toBe(401);
  });

  it('me tells who, how, and what they may see', async () => {
    const c = await signIn(f.server, 'mia@example.com');
    const me = (await f.server.app.inject({ url: '/api/auth/me', headers: c.headers })).json();
    expect(me).toMatchObject({ user: { email: 'mia@example.com', role: 'manager' }, via: 'session', access: 'read-write', scope: { reps: ['M1', 'R1', 'R2'], teams: ['T1'] }, csrfToken: c.csrf });
  });
});

describe('CSRF', () => {
  it('a cookie-authenticated change without the matching X-CSRF-Token header is refused', async () => {
    const c = await signIn(f.server, 'admin@example.com');
    const put = (headers: Record<string, string>) => f.server.app.inject({ method: 'PUT', url: '/api/settings', headers, payload: { currency: 'USD' } });
    const { 'x-csrf-token': _drop, ...noHeader } = c.headers;
    for (const headers of [noHeader, { ...c.headers, 'x-csrf-token': 'forged' }, { cookie: c.headers.cookie.replace(/quotient_csrf=[^;]+/, 'quotient_csrf=forged'), 'x-csrf-token': 'other' }]) {
      const res = await put(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/x-csrf-token/);
    }
    expect((await put(c.headers)).statusCode).toBe(200);
  });

  it('bearer-token requests need no CSRF token', async () => {
    const res = await f.server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.com', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const created = await f.server.app.inject({ method: 'POST', url: '/api/tokens', headers: (await signIn(f.server, 'admin@example.com')).headers, payload: { name: 'rw', access: 'read-write' } });
    const token = created.json().token as string;
    expect(token).toMatch(/^qt_/);
    expect((await f.server.app.inject({ method: 'PUT', url: '/api/settings', ...bearer(token), payload: { currency: 'USD' } })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('a read-only token reads but cannot change anything (403)', async () => {
    const t = bearer(f.readToken);
    expect((await f.server.app.inject({ url: '/api/users', ...t })).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['PUT', '/api/settings', { currency: 'EUR' }],
      ['POST', '/api/users', { email: 'x@example.com', password: PASSWORD, role: 'viewer' }],
      ['DELETE', `/api/users/${f.users.viewer.user_id}`, undefined],
    ] as const) {
      const res = await f.server.app.inject({ method, url, ...t, ...(payload ? { payload } : {}) });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('this API token is read-only; it cannot change anything');
    }
  });

  it('tokens are stored hashed; a revoked token stops working', async () => {
    const c = await signIn(f.server, 'rita@example.com');
    const created = (await f.server.app.inject({ method: 'POST', url: '/api/tokens', headers: c.headers, payload: { name: 'temp', access: 'read' } })).json();
    expect(await f.store.query(`SELECT count(*) AS n FROM api_tokens WHERE token_hash = ?`, [created.token])).toEqual([{ n: 0 }]);
    expect((await f.server.app.inject({ url: '/api/auth/me', ...bearer(created.token) })).json()).toMatchObject({ via: 'token', access: 'read' });
    expect((await f.server.app.inject({ method: 'DELETE', url: `/api/tokens/${created.token_id}`, headers: c.headers })).statusCode).toBe(200);
    const after = await f.server.app.inject({ url: '/api/auth/me', ...bearer(created.token) });
    expect(after.statusCode).toBe(401);
  });

  it('a malformed Authorization header is 401, not 500', async () => {
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer a b', 'Bearer qt_' + 'x'.repeat(500)]) {
      expect((await f.server.app.inject({ url: '/api/kpis', headers: { authorization } })).statusCode).toBe(401);
    }
  });
});

describe('security headers', () => {
  it('CSP default-src self with frame-ancestors none, no-sniff, no-referrer, no-store on API answers', async () => {
    for (const url of ['/api/health', '/api/kpis', '/api/nowhere']) {
      const res = await f.server.app.inject({ url });
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('the docs page allows nothing but its own inline style', async () => {
    const res = await f.server.app.inject({ url: '/api/docs' });
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; frame-ancestors 'none'/);
  });

  it('a JSON body over 1 MB is 413 payload_too_large', async () => {
    const res = await f.server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@example.com', password: 'x'.repeat(1_100_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

describe('per-address limit', () => {
  it('one client address gets 429 after its quota of attempts, whatever the e-mail addresses', async () => {
    const limited = await buildApp(f.store, { limits: { perIp: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(`spray${i}@example.com`, 'password guess', limited)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.app.close();
  });
});
