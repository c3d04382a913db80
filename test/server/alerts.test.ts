// /api/alerts: everyone reads the rules and the feed of the scopes they may see; admins add,
// remove and check now; every successful import is followed by a check.
//
//   T1 North (manager M1): M1, R1, R2      T2 South (manager M2): M2, R3
//   March 2026 revenue: R1 1,000, R2 2,000, R3 4,000, M2 300 (company 7,300)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { makeFixture, ROLE_USERS, signIn, type Credentials, type Fixture } from './fixture.js';

const tmp = useTempDir('quotient-alerts-');
let f: Fixture;
const who = {} as Record<'admin' | 'manager' | 'rep' | 'viewer', Credentials>;

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  for (const role of ['admin', 'manager', 'rep', 'viewer'] as const) who[role] = await signIn(f.server, ROLE_USERS[role].email);
});
afterAll(async () => {
  await f.server.app.close();
  await f.store.close();
});

const get = (role: keyof typeof who, url: string) => f.server.app.inject({ url, headers: who[role].headers });
const send = (role: keyof typeof who, method: 'POST' | 'DELETE', url: string, payload?: unknown) =>
  f.server.app.inject({ method, url, headers: who[role].headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

const RULES = [['AC', 'company'], ['AT1', 'team:T1'], ['AT2', 'team:T2'], ['AR1', 'rep:R1'], ['AR3', 'rep:R3']] as const;

describe('rules', () => {
  it('admins add rules; others get 403; a bad rule is a 400 with the CLI’s message', async () => {
    for (const [id, scope] of RULES) expect((await send('admin', 'POST', '/api/alerts', { id, kpi: 'revenue', scope, when: 'below:100000' })).statusCode).toBe(201);
    expect((await send('manager', 'POST', '/api/alerts', { kpi: 'revenue', scope: 'company', when: 'below:1' })).statusCode).toBe(403);
    expect((await send('rep', 'POST', '/api/alerts', { kpi: 'revenue', scope: 'company', when: 'below:1' })).statusCode).toBe(403);
    const bad = await send('admin', 'POST', '/api/alerts', { kpi: 'revenue', scope: 'company', when: 'significant_drop' });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, '--when significant_drop needs a rate (a KPI with a significance test, e.g. win_rate); revenue is not one, so use change:-0.1 (a drop of 10% or more) instead']);
  });

  it('each role lists the rules of the scopes it may see', async () => {
    const ids = async (role: keyof typeof who) => ((await get(role, '/api/alerts')).json().rules as { rule_id: string }[]).map((r) => r.rule_id);
    expect(await ids('admin')).toEqual(['AC', 'AT1', 'AT2', 'AR1', 'AR3']);
    expect(await ids('manager')).toEqual(['AC', 'AT1', 'AR1']);
    expect(await ids('rep')).toEqual(['AC', 'AT1', 'AR1']);
    expect(await ids('viewer')).toEqual(['AC']);
  });
});

describe('check and feed', () => {
  it('an admin checks now: every rule fires once; a second check fires nothing; others may not check', async () => {
    const r = await send('admin', 'POST', '/api/alerts/check', { as_of: '2026-03-31' });
    expect(r.statusCode).toBe(200);
    expect((r.json().fired as { occurrence_key: string; value: number }[]).map((e) => [e.occurrence_key, e.value])).toEqual([
      ['AC:2026-03:below', 7300], ['AT1:2026-03:below', 3000], ['AT2:2026-03:below', 4300], ['AR1:2026-03:below', 1000], ['AR3:2026-03:below', 4000],
    ]);
    expect((await send('admin', 'POST', '/api/alerts/check', { as_of: '2026-03-31' })).json().fired).toEqual([]);
    expect((await send('manager', 'POST', '/api/alerts/check', { as_of: '2026-03-31' })).statusCode).toBe(403);
  });

  it('the feed is scoped: a rep sees company rules and their own team’s and rep’s', async () => {
    const feed = async (role: keyof typeof who) => ((await get(role, '/api/alerts/feed')).json().events as { rule_id: string }[]).map((e) => e.rule_id).sort();
    expect(await feed('admin')).toEqual(['AC', 'AR1', 'AR3', 'AT1', 'AT2']);
    expect(await feed('rep')).toEqual(['AC', 'AR1', 'AT1']);
    expect(await feed('viewer')).toEqual(['AC']);
    const one = (await get('rep', '/api/alerts/feed')).json().events.find((e: { rule_id: string }) => e.rule_id === 'AR1');
    expect(one).toMatchObject({ kpi: 'revenue', scope: 'rep', scope_id: 'R1', when: 'below:100000', period: '2026-03', value: 1000, message: 'revenue for rep:R1 is 1,000.00 USD (2026-03 to 2026-03-31), below 100,000.00 USD' });
  });

  it('a successful import is followed by a check (this month: no revenue yet, below 1)', async () => {
    expect((await send('admin', 'POST', '/api/alerts', { id: 'NOW', kpi: 'revenue', scope: 'company', when: 'below:1' })).statusCode).toBe(201);
    const up = await f.server.app.inject({ method: 'POST', url: '/api/import/accounts', headers: { ...who.admin.headers, 'content-type': 'text/csv' }, payload: 'account_id,name\nA8,Alert Ltd\n' });
    expect(up.statusCode).toBe(200);
    let events: { rule_id: string }[] = [];
    for (let i = 0; i < 50 && !events.some((e) => e.rule_id === 'NOW'); i++) {
      await new Promise((res) => setTimeout(res, 20));
      events = (await get('admin', '/api/alerts/feed')).json().events;
    }
    expect(events.filter((e) => e.rule_id === 'NOW')).toHaveLength(1);
  });
});

describe('DELETE /api/alerts/:id', () => {
  it('admins only; a missing rule is 404; the fired alerts stay in the feed', async () => {
    expect((await send('rep', 'DELETE', '/api/alerts/AR1')).statusCode).toBe(403);
    const r = await send('admin', 'DELETE', '/api/alerts/AR1');
    expect([r.statusCode, r.json().rule_id]).toEqual([200, 'AR1']);
    expect((await send('admin', 'DELETE', '/api/alerts/AR1')).statusCode).toBe(404);
    expect(((await get('admin', '/api/alerts/feed')).json().events as { rule_id: string }[]).some((e) => e.rule_id === 'AR1')).toBe(true);
  });
});

describe('the webhook secret', () => {
  it('is set by an admin, never shown back by the API (only whether it is set), and audited without its value', async () => {
    const put = await f.server.app.inject({ method: 'PUT', url: '/api/settings', headers: who.admin.headers, payload: { webhook_secret: 'a long random secret' } });
    expect([put.statusCode, put.json().webhook_secret]).toEqual([200, '(set)']);
    for (const role of ['admin', 'viewer'] as const) {
      const got = await f.server.app.inject({ url: '/api/settings', headers: who[role].headers });
      expect(got.json().webhook_secret).toBe('(set)');
      expect(got.body).not.toContain('a long random secret');
    }
    const log = await f.server.app.inject({ url: '/api/audit?action=setting_changed', headers: who.admin.headers });
    expect(log.body).not.toContain('a long random secret');
  });
});
