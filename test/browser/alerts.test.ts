// The Alerts page in Chromium, on the March 2026 deals and targets of test/browser/targets-data.ts:
// an admin adds two rules through the form (revenue of the company below $10,000, with a webhook to
// a local receiver and an e-mail address; South's revenue below its target), "Check now" as of
// 2026-03-31 fires both and the feed shows them (8,300 < 10,000; South 4,300 of 5,000 → 86.0%, at
// risk); the delivery log (or its absence, while that endpoint is being added); a rule removed;
// what a rep sees (their scopes, no admin forms); German; a phone.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { importRows, TARGET_ROWS } from './targets-data.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-alerts-');
let d: Dashboard;
let hook: Server;
let hookUrl = '';
const received: string[] = [];

beforeAll(async () => {
  d = await startDashboard(tmp.path, (f) => importRows(f, tmp.path, TARGET_ROWS));
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((done) => hook.listen(0, '127.0.0.1', done));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
}, 120_000);
afterAll(async () => {
  await d?.close();
  await new Promise<void>((done) => (hook ? hook.close(() => done()) : done()));
});

interface FeedEvent {
  rule_id: string;
  value: number | null;
  message: string;
  kpi: string;
  scope: string;
  scope_id: string | null;
}
const getJson = async <T,>(page: Page, path: string) => (await (await page.request.get(`${d.base}${path}`)).json()) as T;
const feedRows = (page: Page) => page.locator('table.al-feed-table tbody tr');
const ruleRows = (page: Page) => page.locator('table.al-rules-table tbody tr');
/** Console lines the delivery log's 404 leaves while GET /api/alerts/deliveries does not exist yet. */
const real = (problems: string[]) => problems.filter((p) => !/status of 404/.test(p));

describe('Alerts', () => {
  it('an admin adds rules through the form, checks now, and sees the alerts in the feed and the delivery log', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/alerts');
    page.setDefaultTimeout(10_000);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Alerts');
    expect(await page.locator('.al-feed .al-empty').innerText()).toBe('No alerts have fired yet.');
    expect(await page.locator('.al-rules .al-empty').innerText()).toBe('No alert rules yet.');

    // Revenue of the company below $10,000 this month, typed in dollars, with a webhook and an e-mail.
    await page.selectOption('#al-kpi', 'revenue');
    await page.selectOption('#al-scope', 'company');
    await page.selectOption('#al-condition', 'below');
    expect(await page.locator('label[for=al-threshold]').innerText()).toBe('Value (USD)');
    await page.fill('#al-threshold', '10,000');
    await page.selectOption('#al-period', 'this_month');
    await page.fill('#al-webhook', hookUrl);
    await page.fill('#al-email', 'ops@example.com');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('.al-add .tg-said').innerText()).toBe('Rule added.');
    await settled(page);
    // A refusal in the server's words, the form kept: significant_drop needs a rate.
    await page.selectOption('#al-condition', 'significant_drop');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('.al-add .tg-said').innerText()).toMatch(/^The server refused: --when significant_drop needs a rate/);
    expect(await page.inputValue('#al-webhook')).toBe(hookUrl);
    // South's revenue below its target.
    await page.selectOption('#al-scope', 'team:T2');
    await page.selectOption('#al-condition', 'below_target');
    await page.fill('#al-webhook', '');
    await page.fill('#al-email', '');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('.al-add .tg-said').innerText()).toBe('Rule added.');
    await settled(page);

    const rules = (await getJson<{ rules: { rule_id: string; condition: string; threshold: number | null; webhook: string | null; email: string | null }[] }>(page, '/api/alerts')).rules;
    expect(rules.map((r) => [r.condition, r.threshold, r.webhook, r.email])).toEqual([
      ['below', 10000, hookUrl, 'ops@example.com'],
      ['below_target', null, null, null],
    ]);
    expect(await ruleRows(page).nth(0).locator('th, td').allInnerTexts()).toEqual(['Revenue', 'Company', 'Below $10,000', 'This month', `Yes: ${hookUrl}`, 'Yes: ops@example.com', 'Quiet', 'Remove']);
    expect(await ruleRows(page).nth(1).locator('th, td').allInnerTexts()).toEqual(['Revenue', 'South', 'Below its target (at risk or off track)', 'This month', 'No', 'No', 'Quiet', 'Remove']);

    // Check now, as of the end of March: 8,300 < 10,000 fires; South at 86.0% of its target is at risk and fires.
    await page.fill('#al-check-asof', '2026-03-31');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => page.locator('.al-checked').innerText()).toBe('Checked 2 rules as of Mar 31, 2026: 2 alerts fired.');
    await settled(page);
    const events = (await getJson<{ events: FeedEvent[] }>(page, '/api/alerts/feed?limit=10')).events;
    expect(events.map((e) => [e.rule_id, e.value]).sort()).toEqual([
      [rules[0].rule_id, 8300],
      [rules[1].rule_id, 4300],
    ].sort());
    expect(await feedRows(page).count()).toBe(2);
    for (const [i, e] of events.entries()) {
      const cells = await feedRows(page).nth(i).locator('td').allInnerTexts();
      expect(cells).toEqual(['Revenue', e.scope === 'company' ? 'Company' : 'South', e.message, e.value === 8300 ? '$8,300' : '$4,300']);
    }
    const south = events.find((e) => e.scope_id === 'T2')!;
    expect(south.message).toContain('at risk');
    expect(south.message).toContain('86.0%');
    expect(await ruleRows(page).locator('.al-state').allInnerTexts()).toEqual(['Firing', 'Firing']);
    // The webhook got the company's alert.
    await expect.poll(() => received.length).toBe(1);
    expect(JSON.parse(received[0]).value).toBe(8300);

    // The delivery log: rows when the server has it, else it says there is none.
    const log = await page.request.get(`${d.base}/api/alerts/deliveries?limit=50`);
    if (log.status() === 404) {
      expect(await page.locator('.al-log-none').innerText()).toBe('This server keeps no delivery log.');
    } else {
      const deliveries = ((await log.json()) as { deliveries: { channel: string; target: string; delivered: boolean; status_code: number | null }[] }).deliveries;
      const hooks = deliveries.filter((x) => x.channel === 'webhook');
      expect(hooks.map((x) => [x.target, x.delivered, x.status_code])).toEqual([[hookUrl, true, 200]]);
      const rows = page.locator('table.al-log-table tbody tr');
      expect(await rows.count()).toBe(deliveries.length);
      const hookRow = rows.filter({ hasText: hookUrl });
      expect((await hookRow.locator('td').allInnerTexts()).slice(0, 4)).toEqual(['Webhook', hookUrl, '1', '200']);
      expect(await hookRow.locator('.al-state').innerText()).toBe('Delivered');
    }
    await screenshot(page, 'alerts-admin');
    expect(await axeViolations(page)).toEqual([]);

    // Remove the South rule, after a confirmation; its alert stays in the feed.
    await page.getByRole('button', { name: 'Remove the rule Revenue · South · Below its target (at risk or off track)' }).click();
    await page.getByRole('group', { name: /^Remove the rule Revenue · South/ }).getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('.al-removed').innerText()).toBe('The rule was removed.');
    await settled(page);
    expect(await ruleRows(page).count()).toBe(1);
    expect(await feedRows(page).count()).toBe(2);
    expect(real(problems).filter((p) => !/status of 400/.test(p))).toEqual([]);
    await context.close();
  });

  it('a rep sees the alerts of what they may see, and no admin forms', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.rep.email, '/alerts');
    await settled(page);
    // Rita (North) sees the company's alert, not South's; the company's rule; no forms, no log.
    expect(await feedRows(page).count()).toBe(1);
    expect(await feedRows(page).nth(0).locator('td').nth(1).innerText()).toBe('Company');
    expect(await ruleRows(page).count()).toBe(1);
    expect(await ruleRows(page).nth(0).locator('th, td').allInnerTexts()).toEqual(['Revenue', 'Company', 'Below $10,000', 'This month', `Yes: ${hookUrl}`, 'Yes: ops@example.com', 'Firing']);
    for (const sel of ['#al-add-title', '#al-check-title', '#al-log-title']) expect(await page.locator(sel).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await screenshot(page, 'alerts-rep');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German, on a phone', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/alerts', { locale: 'de-DE', width: 390, height: 844 });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Warnungen');
    expect(await page.locator('#al-feed-title').innerText()).toBe('Warnungsverlauf');
    expect(await page.locator('#al-add-title').innerText()).toBe('Regel hinzufügen');
    expect(await page.locator('#al-log-title').innerText()).toBe('Zustellprotokoll');
    expect(await page.getByRole('button', { name: 'Jetzt prüfen' }).count()).toBe(1);
    const company = feedRows(page).filter({ hasText: 'Unternehmen' });
    expect(await company.locator('td').nth(3).innerText()).toBe('8.300\u00a0$');
    // The feed's sentence rebuilt in German from the event's numbers and its rule.
    expect(await company.locator('.al-message').innerText()).toBe('Umsatz für Unternehmen: 8.300\u00a0$ im Zeitraum März 2026; Regel: Unter 10.000\u00a0$.');
    expect(await ruleRows(page).nth(0).locator('.al-condition').innerText()).toBe('Unter 10.000\u00a0$');
    expect(await ruleRows(page).nth(0).locator('.al-state').innerText()).toBe('Ausgelöst');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'alerts-de-phone');
    expect(await axeViolations(page)).toEqual([]);
    expect(real(problems)).toEqual([]);
    await context.close();
  });
});
