// Every route × every kind of caller (each role, anonymous, a read-only token) × own and other
// data: the status each must get. The routes come from the server's own route table, so a new
// route without a row here fails this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { addUser } from '../../src/server/auth/users.js';
import { createToken } from '../../src/server/auth/tokens.js';
import type { Role } from '../../src/server/auth/roles.js';
import { bearer, makeFixture, PASSWORD, ROLE_USERS, signIn, type Credentials, type Fixture } from './fixture.js';

type Who = Role | 'anonymous' | 'read_token';
const WHO: readonly Who[] = ['admin', 'manager', 'rep', 'viewer', 'anonymous', 'read_token'];

interface Case {
  what: string;
  method?: string;
  url: (who: Who) => string;
  payload?: (who: Who) => unknown;
  contentType?: string;
  /** Sign in afresh for this request (it ends the session). */
  fresh?: boolean;
  expect: Record<Who, number>;
}

const statuses = (admin: number, manager: number, rep: number, viewer: number, anonymous: number, read: number): Record<Who, number> => ({ admin, manager, rep, viewer, anonymous, read_token: read });
const everyone = (s = 200) => statuses(s, s, s, s, s, s);
const users = (s = 200) => statuses(s, s, s, s, 401, s);
const adminOnly = (s = 200, read = s) => statuses(s, 403, 403, 403, 401, read);
const adminWrite = (s = 200) => adminOnly(s, 403);

let f: Fixture;
const creds = {} as Record<Who, Credentials>;
const ids = { tokens: {} as Record<string, string>, victim: '' };
const tmp = useTempDir('quotient-matrix-');

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  for (const role of ['admin', 'manager', 'rep', 'viewer'] as const) creds[role] = await signIn(f.server, ROLE_USERS[role].email);
  creds.anonymous = { headers: {} };
  creds.read_token = bearer(f.readToken);
  for (const role of ['admin', 'manager', 'rep', 'viewer'] as const) ids.tokens[role] = (await createToken(f.store, f.users[role], 'own', 'read')).info.token_id;
  ids.tokens.read_token = ids.tokens.admin;
  ids.tokens.anonymous = ids.tokens.admin;
  ids.victim = (await addUser(f.store, { email: 'victim@example.com', password: PASSWORD, role: 'viewer' })).user_id;
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const ownRep: Record<Who, string> = { admin: 'R1', manager: 'R1', rep: 'R1', viewer: 'R1', anonymous: 'R1', read_token: 'R1' };
const M = 'kpi=revenue&period=2026-03';

const matrix: Record<string, Case[]> = {
  'GET /api/health': [{ what: 'health', url: () => '/api/health', expect: everyone() }],
  'GET /api/openapi.json': [{ what: 'document', url: () => '/api/openapi.json', expect: everyone() }],
  'GET /api/docs': [{ what: 'page', url: () => '/api/docs', expect: everyone() }],
  'POST /api/auth/login': [{ what: 'good password', method: 'POST', url: () => '/api/auth/login', payload: () => ({ email: 'admin@example.com', password: PASSWORD }), expect: everyone() }],
  'POST /api/auth/logout': [{ what: 'own session', method: 'POST', url: () => '/api/auth/logout', fresh: true, expect: statuses(200, 200, 200, 200, 401, 403) }],
  'GET /api/auth/me': [{ what: 'self', url: () => '/api/auth/me', expect: users() }],
  'GET /api/kpis': [{ what: 'catalog', url: () => '/api/kpis', expect: users() }],
  'GET /api/dimensions': [{ what: 'filter values (scoped)', url: () => '/api/dimensions', expect: users() }],
  'GET /api/report': [
    { what: 'company totals', url: () => `/api/report?${M}`, expect: users() },
    { what: 'own rep in detail', url: (w) => `/api/report?${M}&by=rep&filter=rep=${ownRep[w]}`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'another team’s rep in detail', url: () => `/api/report?${M}&filter=rep=R3`, expect: statuses(200, 403, 403, 403, 401, 200) },
    { what: 'split by rep (scoped)', url: () => `/api/report?${M}&by=rep`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'own team total', url: () => `/api/report?${M}&by=team&filter=team=T1`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'another team’s total', url: () => `/api/report?${M}&filter=team=T2`, expect: statuses(200, 403, 403, 403, 401, 200) },
  ],
  'GET /api/compare': [
    { what: 'groups without people', url: () => `/api/compare?period=2026-03&by=technique`, expect: users() },
    { what: 'split by rep (scoped)', url: () => `/api/compare?period=2026-03&by=rep`, expect: statuses(200, 200, 200, 403, 401, 200) },
  ],
  'GET /api/explain': [
    { what: 'change with rep segments (scoped)', url: () => `/api/explain?period=2026-03`, expect: statuses(200, 200, 200, 403, 401, 200) },
  ],
  'GET /api/funnel': [
    { what: 'company funnel', url: () => `/api/funnel?period=2026-03`, expect: users() },
    { what: 'funnel by rep (scoped)', url: () => `/api/funnel?period=2026-03&by=rep`, expect: statuses(200, 200, 200, 403, 401, 200) },
  ],
  'GET /api/forecast': [
    { what: 'company forecast', url: () => `/api/forecast?period=2026-Q2&as_of=2026-04-15`, expect: users() },
    { what: 'forecast by rep (scoped)', url: () => `/api/forecast?period=2026-Q2&as_of=2026-04-15&by=rep`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'another team’s forecast', url: () => `/api/forecast?period=2026-Q2&as_of=2026-04-15&filter=team=T2`, expect: statuses(200, 403, 403, 403, 401, 200) },
  ],
  'GET /api/insights': [
    { what: 'findings naming reps (scoped)', url: () => `/api/insights?period=2026-03`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'another team’s findings', url: () => `/api/insights?period=2026-03&filter=team=T2`, expect: statuses(200, 403, 403, 403, 401, 200) },
  ],
  'GET /api/targets': [
    { what: 'targets (scoped)', url: () => '/api/targets?period=2026-03&forecast=false', expect: users() },
    { what: 'another team’s targets', url: () => '/api/targets?period=2026-03&scope=team:T2&forecast=false', expect: statuses(200, 403, 403, 403, 401, 200) },
  ],
  'POST /api/targets': [
    { what: 'add', method: 'POST', url: () => '/api/targets', payload: () => ({ kpi: 'revenue', scope: 'company', period: '2026-03', value: 1000, replace: true }), expect: adminWrite(201) },
  ],
  'DELETE /api/targets/:id': [{ what: 'a missing target', method: 'DELETE', url: () => '/api/targets/no-such-target', expect: statuses(404, 403, 403, 403, 401, 403) }],
  'GET /api/alerts': [{ what: 'rules (scoped)', url: () => '/api/alerts', expect: users() }],
  'POST /api/alerts': [{ what: 'add', method: 'POST', url: () => '/api/alerts', payload: () => ({ kpi: 'revenue', scope: 'company', when: 'below:1000' }), expect: adminWrite(201) }],
  'DELETE /api/alerts/:id': [{ what: 'a missing rule', method: 'DELETE', url: () => '/api/alerts/no-such-rule', expect: statuses(404, 403, 403, 403, 401, 403) }],
  'GET /api/alerts/feed': [{ what: 'fired alerts (scoped)', url: () => '/api/alerts/feed', expect: users() }],
  'GET /api/alerts/deliveries': [
    { what: 'delivery log', url: () => '/api/alerts/deliveries', expect: adminOnly() },
    { what: 'one alert’s attempts', url: () => '/api/alerts/deliveries?event_id=no-such-event&limit=5', expect: adminOnly() },
  ],
  'POST /api/alerts/check': [{ what: 'check now', method: 'POST', url: () => '/api/alerts/check', payload: () => ({ as_of: '2026-03-31' }), expect: adminWrite() }],
  'GET /api/digest': [{ what: 'digest naming reps (scoped)', url: () => '/api/digest?period=2026-03&as_of=2026-04-15&lang=de', expect: statuses(200, 200, 200, 403, 401, 200) }],
  'POST /api/digest/send': [{ what: 'send (e-mail is off: 400 once allowed)', method: 'POST', url: () => '/api/digest/send', payload: () => ({ to: ['chef@example.com'], period: '2026-03' }), expect: adminWrite(400) }],
  'GET /api/leaderboard': [
    { what: 'teams ranked (scoped)', url: () => '/api/leaderboard?kpi=revenue&by=team&period=2026-03', expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'reps ranked (scoped)', url: () => '/api/leaderboard?kpi=revenue&by=rep&period=2026-03', expect: statuses(200, 200, 403, 403, 401, 200) },
  ],
  'GET /api/records': [
    { what: 'own records', url: (w) => `/api/records?${M}&filter=rep=${ownRep[w]}`, expect: statuses(200, 200, 200, 403, 401, 200) },
    { what: 'another team’s records', url: () => `/api/records?${M}&filter=rep=R3`, expect: statuses(200, 403, 403, 403, 401, 200) },
  ],
  'GET /api/settings': [{ what: 'read', url: () => '/api/settings', expect: users() }],
  'PUT /api/settings': [{ what: 'change', method: 'PUT', url: () => '/api/settings', payload: () => ({ timezone: 'UTC' }), expect: adminWrite() }],
  'POST /api/import/:entity': [
    { what: 'upload', method: 'POST', url: () => '/api/import/accounts', contentType: 'text/csv', payload: () => 'account_id,name\nA9,Initech\n', expect: adminWrite() },
  ],
  'POST /api/ingest/:entity': [
    { what: 'push a JSON array', method: 'POST', url: () => '/api/ingest/accounts', contentType: 'application/json', payload: () => '[{"account_id":"A8","name":"Pushed Ltd"}]', expect: adminWrite() },
    { what: 'push JSON Lines', method: 'POST', url: () => '/api/ingest/accounts', contentType: 'application/x-ndjson', payload: () => '{"account_id":"A8","name":"Pushed Ltd"}\n', expect: adminWrite() },
  ],
  'GET /api/events': [{ what: 'the data version (once)', url: () => '/api/events?once=true', expect: users() }],
  'GET /api/export/:entity.csv': [{ what: 'download', url: () => '/api/export/reps.csv', expect: adminOnly() }],
  'GET /api/users': [{ what: 'list', url: () => '/api/users', expect: adminOnly() }],
  'POST /api/users': [
    { what: 'add', method: 'POST', url: () => '/api/users', payload: (w) => ({ email: `new-${w}@example.com`, password: PASSWORD, role: 'viewer' }), expect: adminWrite(201) },
  ],
  'GET /api/users/:id': [
    { what: 'another user', url: () => `/api/users/${f.users.rep.user_id}`, expect: adminOnly() },
    { what: 'a missing user', url: () => '/api/users/no-such-user', expect: adminOnly(404) },
  ],
  'PATCH /api/users/:id': [{ what: 'another user', method: 'PATCH', url: () => `/api/users/${f.users.viewer.user_id}`, payload: () => ({ team_id: null }), expect: adminWrite() }],
  'DELETE /api/users/:id': [{ what: 'another user', method: 'DELETE', url: () => `/api/users/${ids.victim}`, expect: adminWrite() }],
  'GET /api/tokens': [{ what: 'own tokens', url: () => '/api/tokens', expect: users() }],
  'POST /api/tokens': [{ what: 'create', method: 'POST', url: () => '/api/tokens', payload: () => ({ name: 'script', access: 'read' }), expect: statuses(201, 201, 201, 201, 401, 403) }],
  'DELETE /api/tokens/:id': [
    { what: 'another user’s token', method: 'DELETE', url: () => `/api/tokens/${ids.tokens.viewer}`, expect: statuses(200, 404, 404, 200, 401, 403) },
    { what: 'own token', method: 'DELETE', url: (w) => `/api/tokens/${ids.tokens[w]}`, expect: statuses(200, 200, 200, 200, 401, 403) },
    { what: 'a missing token', method: 'DELETE', url: () => '/api/tokens/no-such-token', expect: statuses(404, 404, 404, 404, 401, 403) },
  ],
  'GET /api/audit': [{ what: 'read', url: () => '/api/audit', expect: adminOnly() }],
};

describe('access matrix', () => {
  it('every route of the server has a row, and every row a route', () => {
    const table = f.server.registered.map((r) => `${r.method} ${r.url}`).sort();
    expect(new Set(table).size).toBe(table.length);
    expect(table).toEqual(f.server.routes.map((r) => `${r.method} ${r.url}`).sort());
    expect(Object.keys(matrix).sort()).toEqual(table);
  });

  const keys = Object.keys(matrix);
  it.each(keys)('%s', async (key) => {
    const [method] = key.split(' ');
    const got: string[] = [];
    const want: string[] = [];
    for (const c of matrix[key]) {
      for (const who of WHO) {
        let headers = creds[who].headers;
        if (c.fresh && who !== 'anonymous' && who !== 'read_token') headers = (await signIn(f.server, ROLE_USERS[who].email)).headers;
        const payload = c.payload?.(who);
        const res = await f.server.app.inject({
          method: (c.method ?? method) as 'GET',
          url: c.url(who),
          headers: { ...headers, ...(c.contentType ? { 'content-type': c.contentType } : {}) },
          ...(payload === undefined ? {} : { payload: payload as string }),
        });
        got.push(`${c.what} / ${who}: ${res.statusCode}${res.statusCode >= 500 ? ' ' + res.body : ''}`);
        want.push(`${c.what} / ${who}: ${c.expect[who]}`);
      }
    }
    expect(got).toEqual(want);
  });
});

describe('denials do not reveal whether something exists', () => {
  it('a user who may not look gets the same answer for an existing and a missing user', async () => {
    for (const who of ['manager', 'rep', 'viewer', 'anonymous'] as const) {
      const a = await f.server.app.inject({ url: `/api/users/${f.users.admin.user_id}`, headers: creds[who].headers });
      const b = await f.server.app.inject({ url: '/api/users/00000000-0000-0000-0000-000000000000', headers: creds[who].headers });
      expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
      expect([401, 403]).toContain(a.statusCode);
    }
  });

  it('another user’s token answers exactly like a missing one', async () => {
    const other = (await createToken(f.store, f.users.admin, 'not yours', 'read')).info.token_id;
    const a = await f.server.app.inject({ method: 'DELETE', url: `/api/tokens/${other}`, headers: creds.rep.headers });
    const b = await f.server.app.inject({ method: 'DELETE', url: '/api/tokens/3f1c9a1e-0000-4000-8000-000000000000', headers: creds.rep.headers });
    expect([a.statusCode, a.body]).toEqual([404, b.body]);
  });

  it('a rep asking for a rep outside their scope gets the same 403 whether that rep exists or not', async () => {
    const a = await f.server.app.inject({ url: `/api/report?${M}&filter=rep=R3`, headers: creds.rep.headers });
    const b = await f.server.app.inject({ url: `/api/report?${M}&filter=rep=NOBODY`, headers: creds.rep.headers });
    expect(a.statusCode).toBe(403);
    expect(a.json().error.message.replace('R3', 'X')).toBe(b.json().error.message.replace('NOBODY', 'X'));
  });
});
