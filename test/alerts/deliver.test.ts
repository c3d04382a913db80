// Webhooks: a local server receives the alert with a valid signature; a first attempt answered
// 500 is retried and delivered, and the delivery log holds both attempts. E-mails: retried the
// same way against an SMTP server that refuses, every attempt logged with channel email.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAndDeliver } from '../../src/alerts/check.js';
import { deliveryLog, postWebhook, withRetries } from '../../src/alerts/deliver.js';
import { addRule } from '../../src/alerts/rules.js';
import { EMAIL_OFF } from '../../src/notify/email.js';
import { setSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/store.js';
import { alertStore } from './fixture.js';
import { REFUSAL, startRejectingSmtp, type RejectingSmtp } from './smtp.js';

const SECRET = 'top-secret';
let server: Server;
let url = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let failFirst = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failFirst > 0) {
        failFirst--;
        res.writeHead(500).end('boom');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((res) => server.close(() => res())));

const hmac = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('webhook delivery', () => {
  let store: Store;
  beforeAll(async () => {
    store = await alertStore();
    await setSetting(store, 'webhook_secret', SECRET);
  });
  afterAll(() => store.close());

  it('POSTs the alert as JSON with a valid X-Quotient-Signature; a 500 is retried and the log shows both attempts', async () => {
    await addRule(store, { id: 'W1', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', webhook: url });
    received.length = 0;
    failFirst = 1;
    const r = await checkAndDeliver(store, { asOf: '2026-03-15', delivery: { delays: [5, 10] } });
    expect(r.fired).toHaveLength(1);
    expect(received).toHaveLength(2);
    for (const got of received) {
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers['x-quotient-signature']).toBe(hmac(got.body));
    }
    const body = JSON.parse(received[1].body);
    expect(body).toEqual({
      alert: { id: r.fired[0].event.event_id, occurrence: 'W1:2026-03:below' },
      rule: { id: 'W1', kpi: 'revenue', scope: 'rep', scope_id: 'R1', condition: 'below', threshold: 900, period: 'this_month' },
      value: 800,
      period: '2026-03',
      message: 'revenue for rep:R1 is 800.00 USD (2026-03 to 2026-03-15), below 900.00 USD',
      fired_at: r.fired[0].event.fired_at,
    });
    expect(r.deliveries.map((d) => [d.rule_id, d.delivered, d.attempts.map((a) => [a.attempt, a.status_code, a.error, a.delivered])])).toEqual([['W1', true, [[1, 500, 'HTTP 500', false], [2, 204, null, true]]]]);
    const id = r.fired[0].event.event_id;
    const [first, second] = r.deliveries[0].attempts;
    // The log: newest first, each attempt with its rule, channel, target and time (ISO UTC, as sent).
    expect(await deliveryLog(store, { eventId: id })).toEqual([
      { event_id: id, rule_id: 'W1', channel: 'webhook', target: url, attempt: 2, status_code: 204, error: null, delivered: true, at: second.at },
      { event_id: id, rule_id: 'W1', channel: 'webhook', target: url, attempt: 1, status_code: 500, error: 'HTTP 500', delivered: false, at: first.at },
    ]);
    expect(first.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await deliveryLog(store, { limit: 1 })).map((a) => a.attempt)).toEqual([2]);
    expect(await deliveryLog(store, { eventId: 'no-such-event' })).toEqual([]);
    // Not repeated: the next check fires and sends nothing.
    const again = await checkAndDeliver(store, { asOf: '2026-03-16', delivery: { delays: [5, 10] } });
    expect([again.fired.length, again.deliveries.length, received.length]).toEqual([0, 0, 2]);
  });

  it('gives up after three attempts, with exponential backoff between them', async () => {
    received.length = 0;
    failFirst = 5;
    const t0 = Date.now();
    const attempts = await postWebhook(url, '{"x":1}', SECRET, { delays: [20, 40] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(60);
    expect(attempts.map((a) => [a.attempt, a.status_code])).toEqual([[1, 500], [2, 500], [3, 500]]);
    expect(received).toHaveLength(3);
    failFirst = 0;
  });

  it('an unreachable URL is an error attempt, logged', async () => {
    const attempts = await postWebhook('http://127.0.0.1:1/none', '{}', SECRET, { delays: [1] });
    expect(attempts.map((a) => [a.attempt, a.status_code, a.delivered])).toEqual([[1, null, false], [2, null, false]]);
    expect(attempts[0].error).toBe('fetch failed: bad port'); // fetch refuses port 1 itself
  });
});

describe('withRetries (shared by webhooks and e-mail)', () => {
  it('stops at the first delivered attempt; a thrown error is a failed attempt with its text and status', async () => {
    let n = 0;
    const attempts = await withRetries(
      async () => {
        n++;
        if (n === 1) throw Object.assign(new Error('first refused'), { code: 421 });
        return { status_code: 250, error: null, delivered: true };
      },
      [0, 0],
      (e) => (e as { code: number }).code,
    );
    expect(attempts.map(({ at: _at, ...a }) => a)).toEqual([
      { attempt: 1, status_code: 421, error: 'first refused', delivered: false },
      { attempt: 2, status_code: 250, error: null, delivered: true },
    ]);
    expect(n).toBe(2);
  });

  it('three attempts by default, waiting 0.5 s and then 1 s', async () => {
    const t0 = Date.now();
    const attempts = await withRetries(async () => ({ status_code: null, error: 'down', delivered: false }));
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1490);
  });
});

describe('e-mail delivery: retried like webhooks, every attempt logged', () => {
  let smtp: RejectingSmtp;
  let store: Store;
  beforeAll(async () => {
    smtp = await startRejectingSmtp(0);
    store = await alertStore();
    await setSetting(store, 'smtp_host', '127.0.0.1');
    await setSetting(store, 'smtp_port', String(smtp.port));
    await setSetting(store, 'smtp_from', 'quotient@example.com');
  });
  afterAll(async () => {
    await store.close();
    await smtp.close();
  });
  const refused = () => `could not send e-mail through 127.0.0.1:${smtp.port}: Can't send mail - all recipients were rejected: 550 ${REFUSAL}`;

  it('an address the server refuses: 3 attempts, each logged with channel email, the 550 and the SMTP error', async () => {
    await addRule(store, { id: 'M1', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'boss@example.com' });
    smtp.reject = Infinity;
    const r = await checkAndDeliver(store, { asOf: '2026-03-15', ruleIds: ['M1'], delivery: { delays: [0, 0] } });
    const id = r.fired[0].event.event_id;
    expect(smtp.rcpts).toEqual(['boss@example.com', 'boss@example.com', 'boss@example.com']);
    expect(r.emails.map(({ attempts, ...e }) => [e, attempts.map((a) => [a.attempt, a.status_code, a.error, a.delivered])])).toEqual([
      [{ event_id: id, rule_id: 'M1', to: 'boss@example.com', delivered: false, error: refused() }, [[1, 550, refused(), false], [2, 550, refused(), false], [3, 550, refused(), false]]],
    ]);
    const at = r.emails[0].attempts.map((a) => a.at);
    expect(await deliveryLog(store, { eventId: id })).toEqual([3, 2, 1].map((n) => ({ event_id: id, rule_id: 'M1', channel: 'email', target: 'boss@example.com', attempt: n, status_code: 550, error: refused(), delivered: false, at: at[n - 1] })));
  });

  it('refused once, delivered on the second attempt: logged as such (250 from the server)', async () => {
    await addRule(store, { id: 'M2', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'second@example.com' });
    smtp.reject = 1;
    smtp.accepted = 0;
    const r = await checkAndDeliver(store, { asOf: '2026-03-15', ruleIds: ['M2'], delivery: { delays: [0, 0] } });
    expect(smtp.accepted).toBe(1);
    expect(r.emails.map((e) => [e.delivered, e.error])).toEqual([[true, null]]);
    expect((await deliveryLog(store, { eventId: r.fired[0].event.event_id })).map((a) => [a.channel, a.target, a.attempt, a.status_code, a.error, a.delivered])).toEqual([
      ['email', 'second@example.com', 2, 250, null, true],
      ['email', 'second@example.com', 1, 550, refused(), false],
    ]);
  });

  it('a closed port: 3 attempts with the connection error and no status', async () => {
    const closed = await alertStore();
    await setSetting(closed, 'smtp_host', '127.0.0.1');
    await setSetting(closed, 'smtp_port', '1');
    await addRule(closed, { id: 'M3', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'boss@example.com' });
    const r = await checkAndDeliver(closed, { asOf: '2026-03-15', delivery: { delays: [0, 0] } });
    const error = 'could not send e-mail through 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1';
    expect((await deliveryLog(closed)).map((a) => [a.rule_id, a.channel, a.attempt, a.status_code, a.error, a.delivered])).toEqual([
      ['M3', 'email', 3, null, error, false], ['M3', 'email', 2, null, error, false], ['M3', 'email', 1, null, error, false],
    ]);
    expect(r.emails.map((e) => [e.delivered, e.error, e.attempts.length])).toEqual([[false, error, 3]]);
    await closed.close();
  });

  it('with no SMTP server set nothing is tried and nothing logged; the e-mail says e-mail is off', async () => {
    const off = await alertStore();
    await addRule(off, { id: 'M4', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'boss@example.com' });
    const r = await checkAndDeliver(off, { asOf: '2026-03-15', delivery: { delays: [0, 0] } });
    expect(r.emails).toEqual([{ event_id: r.fired[0].event.event_id, rule_id: 'M4', to: 'boss@example.com', delivered: false, error: EMAIL_OFF, attempts: [] }]);
    expect(await deliveryLog(off)).toEqual([]);
    await off.close();
  });
});
