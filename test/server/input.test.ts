// Hostile and malformed input through every query parameter, path parameter and body field
// of every route (taken from the OpenAPI document the routes generate): never a 500, every
// refusal a JSON error with a message, wrong types and unknown fields a 400, and the store
// intact afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { buildApp, type QuotientServer } from '../../src/server/app.js';
import { openApiDocument } from '../../src/server/openapi.js';
import type { AnyRoute } from '../../src/server/route.js';
import { makeFixture, PASSWORD, signIn, type Credentials, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-input-');
let f: Fixture;
let server: QuotientServer;
let admin: Credentials;

const HOSTILE = ["'; DROP TABLE users; --", '" OR 1=1 --', '\u0000', 'x'.repeat(5000), '{"$ne":null}', '../../etc/passwd', '-1', '1e309', 'NaN', '<script>alert(1)</script>', '%', '🙂', ' ', ''];
const WRONG_TYPES: unknown[] = [123, true, null, [], {}, ['a', 'b']];

/** A request that would succeed for an admin, to vary one input at a time. */
const BASE: Record<string, { query?: Record<string, string>; params?: Record<string, string>; body?: Record<string, unknown>; raw?: string }> = {
  'GET /api/report': { query: { kpi: 'revenue', period: '2026-03' } },
  'GET /api/records': { query: { kpi: 'revenue', period: '2026-03' } },
  'POST /api/auth/login': { body: { email: 'fuzz@example.com', password: 'not the password' } },
  'PUT /api/settings': { body: { timezone: 'UTC' } },
  'POST /api/users': { body: { email: 'fuzz-user@example.com', password: PASSWORD, role: 'viewer' } },
  'PATCH /api/users/:id': { params: { id: 'ID' }, body: { team_id: null } },
  'POST /api/tokens': { body: { name: 'fuzz', access: 'read' } },
  'POST /api/targets': { body: { kpi: 'revenue', scope: 'team:T1', period: '2026-06', value: 1000, replace: true } },
  'POST /api/alerts': { body: { kpi: 'revenue', scope: 'team:T1', when: 'below:1000' } },
  'POST /api/alerts/check': { body: { as_of: '2026-03-31' } },
  'GET /api/digest': { query: { period: '2026-03', lang: 'de', format: 'text' } },
  'POST /api/digest/send': { body: { to: ['chef@example.com'], period: '2026-03', lang: 'nl' } },
  'GET /api/export/:entity.csv': { params: { entity: 'teams' } },
  'POST /api/import/:entity': { params: { entity: 'accounts' }, raw: 'account_id,name\nA7,Fuzz Ltd\n' },
  // Without a body (the records' parameters are what varies here; push.test.ts sends records).
  'POST /api/ingest/:entity': { params: { entity: 'accounts' } },
  'GET /api/events': { query: { once: 'true' } },
};

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  server = await buildApp(f.store, { tempDir: tmp.path, limits: { perIp: 1e9, failures: 1e9 } });
  admin = await signIn(server, 'admin@example.com');
});
afterAll(async () => {
  await server.app.close();
  await f.server.app.close();
  await f.store.close();
});

interface Sent {
  route: AnyRoute;
  url: string;
  body?: unknown;
  raw?: string;
}

async function send(s: Sent): Promise<{ status: number; body: string; label: string }> {
  const res = await server.app.inject({
    method: s.route.method,
    url: s.url,
    headers: { ...admin.headers, ...(s.raw !== undefined ? { 'content-type': 'text/csv' } : {}) },
    ...(s.raw !== undefined ? { payload: s.raw } : s.body !== undefined ? { payload: s.body as Record<string, unknown> } : {}),
  });
  return { status: res.statusCode, body: res.body, label: `${s.route.method} ${s.url.slice(0, 120)} ${JSON.stringify(s.body ?? '').slice(0, 120)}` };
}

function urlOf(route: AnyRoute, params: Record<string, string>, query: [string, string][]): string {
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(name === 'id' && params[name] === 'ID' ? f.users.viewer.user_id : (params[name] ?? 'x')));
  const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

function expectClean(r: { status: number; body: string; label: string }): void {
  expect(r.status, r.label + ' → ' + r.body.slice(0, 300)).toBeLessThan(500);
  if (r.status >= 400) {
    const e = JSON.parse(r.body).error;
    expect(typeof e.code, r.label).toBe('string');
    expect(e.message.length, r.label).toBeGreaterThan(5);
  }
}

describe('hostile input never breaks the server', () => {
  it('every query and path parameter of every route', async () => {
    const doc = openApiDocument(server.routes) as { paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>> };
    let sent = 0;
    let refused = 0;
    for (const route of server.routes) {
      const base = BASE[`${route.method} ${route.url}`] ?? {};
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];
      for (const p of op.parameters) {
        for (const bad of HOSTILE) {
          const params = { ...base.params, ...(p.in === 'path' ? { [p.name]: bad } : {}) };
          const query = Object.entries({ ...base.query, ...(p.in === 'query' ? { [p.name]: bad } : {}) });
          if (p.in === 'path' && bad === '') continue;
          const r = await send({ route, url: urlOf(route, params, query), body: base.body, raw: base.raw });
          expectClean(r);
          sent++;
          if (r.status >= 400) refused++;
        }
        if (p.in === 'query') {
          const r = await send({ route, url: urlOf(route, base.params ?? {}, [...Object.entries(base.query ?? {}), [p.name, 'a'], [p.name, 'b']]), body: base.body, raw: base.raw });
          expectClean(r);
        }
      }
      const unknown = await send({ route, url: urlOf(route, base.params ?? {}, [...Object.entries(base.query ?? {}), ['no_such_parameter', '1']]), body: base.body, raw: base.raw });
      expect(unknown.status, unknown.label).toBe(400);
      expect(unknown.body).toMatch(/unknown query parameter: no_such_parameter/);
    }
    expect(sent).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(100);
  });

  it('every body field: hostile strings are data or a 400, wrong types and unknown fields a 400', async () => {
    for (const route of server.routes.filter((r) => r.body)) {
      const base = BASE[`${route.method} ${route.url}`];
      expect(base?.body, `${route.method} ${route.url} needs a base body here`).toBeDefined();
      const url = urlOf(route, base.params ?? {}, []);
      for (const field of Object.keys(base.body!).concat(route.method === 'PUT' ? ['currency', 'fiscal_year_start_month'] : [])) {
        for (const bad of HOSTILE) expectClean(await send({ route, url, body: { ...base.body, [field]: bad } }));
        for (const bad of WRONG_TYPES) {
          if (bad === null && base.body![field] === null) continue;
          // A value of the field's own type is not a wrong type (a number for a numeric field).
          if (bad !== null && typeof bad !== 'object' && typeof bad === typeof base.body![field]) continue;
          const r = await send({ route, url, body: { ...base.body, [field]: bad } });
          expect(r.status, `${r.label} → ${r.body}`).toBe(400);
          expect(JSON.parse(r.body).error.message).toMatch(new RegExp(field));
        }
      }
      const extra = await send({ route, url, body: { ...base.body, is_admin: true } });
      expect([extra.status, JSON.parse(extra.body).error.message]).toEqual([400, 'unknown body field: is_admin']);
    }
  });

  it('bodies that are not JSON objects', async () => {
    for (const payload of ['not json', '[]', '"text"', '{"email": ', '{"__proto__": {"admin": true}, "email": "a@b.c", "password": "x"}']) {
      const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('bad_request');
    }
    const wrongType = await server.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<user/>' });
    expect(wrongType.statusCode).toBe(400);
  });

  it('the store is intact and still answers', async () => {
    expect(Number((await f.store.query<{ n: number }>(`SELECT count(*) AS n FROM users`))[0].n)).toBeGreaterThanOrEqual(4);
    const res = await server.app.inject({ url: '/api/report?kpi=revenue&period=2026-03', headers: admin.headers });
    expect(res.json().rows[0].value).toBe(7300);
  });
});

describe('clear messages for common mistakes', () => {
  const cases: [string, RegExp][] = [
    ['/api/report?kpi=nope&period=2026-03', /unknown KPI "nope"; KPIs are: revenue/],
    ['/api/report?kpi=revenue&period=2026-13', /period/],
    ['/api/report?kpi=revenue&by=planet', /unknown dimension "planet"/],
    ['/api/report?kpi=revenue&grain=hour', /query parameter "grain": Invalid option: expected one of "day"\|"week"/],
    ['/api/report?kpi=revenue&from=2026-01-01', /from and to go together/],
    ['/api/report?kpi=revenue&filter=team', /expected DIMENSION=VALUE/],
    ['/api/report', /query parameter "kpi"/],
    ['/api/records?kpi=revenue,win_rate', /name exactly one KPI/],
    ['/api/records?kpi=revenue&limit=0', /query parameter "limit"/],
  ];
  it.each(cases)('%s', async (url, message) => {
    const res = await server.app.inject({ url, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });
});
