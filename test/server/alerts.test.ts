// /api/alerts: everyone reads the rules and the feed of the scopes they may see; admins add,
// remove, check now and read the delivery log; every successful import is followed by a check,
// and a started server checks on its own every alert_check_minutes.
//
//   T1 North (manager M1): M1, R1, R2      T2 South (manager M2): M2, R3
//   March 2026 revenue: R1 1,000, R2 2,000, R3 4,000, M2 300 (company 7,300)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckAndDeliver } from '../../src/alerts/check.js';
import { addRule } from '../../src/alerts/rules.js';
import { addUser } from '../../src/server/auth/users.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { openStore } from '../../src/store/open.js';
import { setSetting } from '../../src/store/settings.js';
import { REFUSAL, startRejectingSmtp, type RejectingSmtp } from '../alerts/smtp.js';
import { useTempDir } from '../helpers/tmp.js';
import { loadData, makeFixture, PASSWORD, ROLE_USERS, signIn, type Credentials, type Fixture } from './fixture.js';

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

describe('GET /api/alerts/deliveries', () => {
  it('admins only; empty while nothing was delivered; the query is checked', async () => {
    expect((await get('admin', '/api/alerts/deliveries')).json()).toEqual({ deliveries: [] });
    expect((await get('manager', '/api/alerts/deliveries')).statusCode).toBe(403);
    const bad = await get('admin', '/api/alerts/deliveries?limit=0');
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, 'query parameter "limit": Too small: expected number to be >=1']);
  });
});

const until = async (what: string, done: () => boolean, timeoutMs = 10_000) => {
  const t0 = Date.now();
  while (!done()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 10));
  }
};

describe('the scheduled check (a started server, every few milliseconds instead of alert_check_minutes)', () => {
  const dir = useTempDir('quotient-alerts-scheduled-');
  let running: RunningServer;
  let smtp: RejectingSmtp;
  let hook: Server;
  let hookUrl = '';
  const hookStatuses: number[] = [];
  const checks: CheckAndDeliver[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    // A webhook answering 500 once, then 204; an SMTP server refusing every recipient.
    hook = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const status = hookStatuses.length === 0 ? 500 : 204;
        hookStatuses.push(status);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((res) => hook.listen(0, '127.0.0.1', res));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    smtp = await startRejectingSmtp();

    const path = dir.join('store.duckdb');
    const store = await openStore(path);
    await loadData(store, dir.path);
    await addUser(store, { email: ROLE_USERS.admin.email, password: PASSWORD, role: 'admin' });
    await addUser(store, { email: ROLE_USERS.viewer.email, password: PASSWORD, role: 'viewer' });
    // This month (the fixture's deals are all in March 2026): no revenue yet, below 1 — as in the import test.
    await addRule(store, { id: 'HOOK', kpi: 'revenue', scope: 'company', when: 'below:1', webhook: hookUrl });
    await addRule(store, { id: 'MAIL', kpi: 'revenue', scope: 'company', when: 'below:1', email: 'boss@example.com' });
    await setSetting(store, 'smtp_host', '127.0.0.1');
    await setSetting(store, 'smtp_port', String(smtp.port));
    await setSetting(store, 'smtp_from', 'quotient@example.com');
    expect(await setSetting(store, 'alert_check_minutes', '1')).toBe('1');
    running = await startServer(store, path, {
      port: 0,
      host: '127.0.0.1',
      tempDir: dir.path,
      alertCheck: { intervalMs: 30, delivery: { delays: [0, 0] }, onChecked: (r, e) => (r ? checks.push(r) : errors.push(e)) },
    });
  });
  afterAll(async () => {
    await running?.stop();
    await smtp?.close();
    await new Promise<void>((res) => hook.close(() => res()));
  });

  it('fires the rules on its own, without any request, and only once across several ticks', async () => {
    await until('the first scheduled check', () => checks.length >= 1);
    const first = checks[0];
    expect(first.fired.map((f) => [f.event.rule_id, f.event.occurrence_key.replace(/\d{4}-\d{2}/, 'MONTH'), f.event.value])).toEqual([
      ['HOOK', 'HOOK:MONTH:below', 0],
      ['MAIL', 'MAIL:MONTH:below', 0],
    ]);
    await until('four more ticks', () => checks.length >= 5);
    expect(errors).toEqual([]);
    for (const later of checks.slice(1)) {
      expect(later.fired).toEqual([]);
      expect(later.rules.map((r) => [r.rule_id, r.state])).toEqual([['HOOK', 'still_true'], ['MAIL', 'still_true']]);
      expect([later.deliveries, later.emails]).toEqual([[], []]);
    }
    // Delivered once: the webhook was called twice (500, then 204), the SMTP server asked three times.
    expect(hookStatuses).toEqual([500, 204]);
    expect(smtp.rcpts).toEqual(['boss@example.com', 'boss@example.com', 'boss@example.com']);
    const admin = await signIn(running.server, ROLE_USERS.admin.email);
    const feed = (await running.server.app.inject({ url: '/api/alerts/feed', headers: admin.headers })).json().events as { rule_id: string }[];
    expect(feed.map((e) => e.rule_id).sort()).toEqual(['HOOK', 'MAIL']);
  });

  it('GET /api/alerts/deliveries: the webhook’s 500-then-204 as 2 attempts, the refused e-mail as 3, newest first', async () => {
    const admin = await signIn(running.server, ROLE_USERS.admin.email);
    const first = checks[0];
    const hookEvent = first.fired.find((f) => f.rule.rule_id === 'HOOK')!.event.event_id;
    const mailEvent = first.fired.find((f) => f.rule.rule_id === 'MAIL')!.event.event_id;
    const [h1, h2] = first.deliveries[0].attempts;
    const [m1, m2, m3] = first.emails[0].attempts;
    const refused = `could not send e-mail through 127.0.0.1:${smtp.port}: Can't send mail - all recipients were rejected: 550 ${REFUSAL}`;
    const webhookRow = (attempt: number, status_code: number, error: string | null, delivered: boolean, at: string) => ({ event_id: hookEvent, rule_id: 'HOOK', channel: 'webhook', target: hookUrl, attempt, status_code, error, delivered, at });
    const emailRow = (attempt: number, at: string) => ({ event_id: mailEvent, rule_id: 'MAIL', channel: 'email', target: 'boss@example.com', attempt, status_code: 550, error: refused, delivered: false, at });

    const get = (url: string) => running.server.app.inject({ url, headers: admin.headers });
    expect((await get(`/api/alerts/deliveries?event_id=${hookEvent}`)).json()).toEqual({ deliveries: [webhookRow(2, 204, null, true, h2.at), webhookRow(1, 500, 'HTTP 500', false, h1.at)] });
    expect((await get(`/api/alerts/deliveries?event_id=${mailEvent}`)).json()).toEqual({ deliveries: [emailRow(3, m3.at), emailRow(2, m2.at), emailRow(1, m1.at)] });
    // Everything, newest first: the e-mails went after the webhooks.
    const all = (await get('/api/alerts/deliveries')).json().deliveries as { channel: string; attempt: number; at: string }[];
    expect(all.map((d) => `${d.channel} ${d.attempt}`)).toEqual(['email 3', 'email 2', 'email 1', 'webhook 2', 'webhook 1']);
    expect(all.map((d) => d.at)).toEqual([m3.at, m2.at, m1.at, h2.at, h1.at]);
    expect(h1.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await get('/api/alerts/deliveries?limit=2')).json().deliveries.map((d: { attempt: number }) => d.attempt)).toEqual([3, 2]);
    expect((await get('/api/alerts/deliveries?event_id=no-such-event')).json()).toEqual({ deliveries: [] });
    const viewer = await signIn(running.server, ROLE_USERS.viewer.email);
    expect((await running.server.app.inject({ url: '/api/alerts/deliveries', headers: viewer.headers })).statusCode).toBe(403);
  });
});
