// Webhooks: a local server receives the alert with a valid signature; a first attempt answered
// 500 is retried and delivered, and the delivery log holds both attempts.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAndDeliver } from '../../src/alerts/check.js';
import { deliveryLog, postWebhook } from '../../src/alerts/deliver.js';
import { addRule } from '../../src/alerts/rules.js';
import { setSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/store.js';
import { alertStore } from './fixture.js';

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
    expect(r.deliveries.map((d) => [d.delivered, d.attempts.map((a) => [a.attempt, a.status_code, a.error])])).toEqual([[true, [[1, 500, 'HTTP 500'], [2, 204, null]]]]);
    const log = await deliveryLog(store, r.fired[0].event.event_id);
    expect(log.map((a) => [a.url, a.attempt, a.status_code, a.error])).toEqual([[url, 1, 500, 'HTTP 500'], [url, 2, 204, null]]);
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
    expect(attempts.map((a) => [a.attempt, a.status_code])).toEqual([[1, null], [2, null]]);
    expect(attempts[0].error).toMatch(/fetch failed/);
  });
});
