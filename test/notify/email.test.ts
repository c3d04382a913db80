// E-mail: sendEmail through a local SMTP sink; a clear error without SMTP settings; a rule with
// --email gets an e-mail when its alert fires (and an error, not a crash, when e-mail is off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAndDeliver } from '../../src/alerts/check.js';
import { addRule } from '../../src/alerts/rules.js';
import { sendEmail } from '../../src/notify/email.js';
import { setSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/store.js';
import { alertStore } from '../alerts/fixture.js';
import { part, startSink, type Sink } from './sink.js';

let sink: Sink;
beforeAll(async () => {
  sink = await startSink();
});
afterAll(() => sink.close());

async function smtp(store: Store): Promise<void> {
  await setSetting(store, 'smtp_host', '127.0.0.1');
  await setSetting(store, 'smtp_port', String(sink.port));
  await setSetting(store, 'smtp_from', 'quotient@example.com');
}

describe('e-mail', () => {
  it('without smtp_host: a clear error, and a fired alert with an address records the failure', async () => {
    const store = await alertStore();
    await expect(sendEmail(store, { to: 'a@example.com', subject: 's', text: 't' })).rejects.toThrow(/^e-mail is off: no SMTP server is set; set one with quotient config set smtp_host HOST/);
    await addRule(store, { id: 'E0', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'boss@example.com' });
    const r = await checkAndDeliver(store, { asOf: '2026-03-15' });
    expect(r.fired).toHaveLength(1);
    expect(r.emails).toEqual([{ event_id: r.fired[0].event.event_id, rule_id: 'E0', to: 'boss@example.com', delivered: false, error: expect.stringMatching(/^e-mail is off/), attempts: [] }]);
    await store.close();
  });

  it('settings are validated', async () => {
    const store = await alertStore();
    await expect(setSetting(store, 'smtp_port', '70000')).rejects.toThrow(/smtp_port: "70000" is not a port/);
    await expect(setSetting(store, 'smtp_from', 'nobody')).rejects.toThrow(/smtp_from: "nobody" is not an e-mail address/);
    await expect(setSetting(store, 'smtp_secure', 'yes')).rejects.toThrow(/smtp_secure: "yes" is not true or false/);
    expect(await setSetting(store, 'smtp_host', '')).toBe('');
    await store.close();
  });

  it('sendEmail delivers text and HTML to the sink', async () => {
    const store = await alertStore();
    await smtp(store);
    sink.received.length = 0;
    const sent = await sendEmail(store, { to: 'x@example.com', subject: 'Hallo', text: 'plain body', html: '<p>html body</p>' });
    expect(sent.accepted).toEqual(['x@example.com']);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]).toMatchObject({ from: 'quotient@example.com', to: ['x@example.com'] });
    expect(part(sink.received[0].raw, 'text/plain')).toContain('plain body');
    expect(part(sink.received[0].raw, 'text/html')).toContain('<p>html body</p>');
    await store.close();
  });

  it('a rule with an e-mail address: one e-mail per fired alert, not repeated', async () => {
    const store = await alertStore();
    await smtp(store);
    await addRule(store, { id: 'E1', kpi: 'revenue', scope: 'rep:R1', when: 'below:900', email: 'boss@example.com' });
    sink.received.length = 0;
    const r = await checkAndDeliver(store, { asOf: '2026-03-15' });
    expect(r.emails.map((e) => [e.to, e.delivered, e.error])).toEqual([['boss@example.com', true, null]]);
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0];
    expect(mail.to).toEqual(['boss@example.com']);
    expect(mail.raw).toMatch(/Subject: Quotient alert: revenue for rep:R1 is 800\.00 USD/);
    expect(part(mail.raw, 'text/plain')).toContain('revenue for rep:R1 is 800.00 USD (2026-03 to 2026-03-15), below 900.00 USD\n\nRule: E1');
    expect(part(mail.raw, 'text/html')).toContain('<th align="left">Occurrence</th><td>E1:2026-03:below</td>');
    const again = await checkAndDeliver(store, { asOf: '2026-03-16' });
    expect([again.emails.length, sink.received.length]).toEqual([0, 1]);
    await store.close();
  });
});
