// Live data on the dashboard: records pushed through the API while the Overview is open change
// its KPI cards within 2 s — without a reload of the page and without a loading state (the old
// numbers stay until the new ones are there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth/tokens.js';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-live-');
let d: Dashboard;
let token: string;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path, async (f) => {
    token = (await createToken(f.store, f.users.admin, 'crm hook', 'read-write')).token;
  });
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const cardValue = (page: import('playwright-core').Page, kpi: string) => page.locator(`.kpi-card[data-kpi="${kpi}"] .kpi-value`).innerText();

describe('live data', () => {
  it('a push changes the Overview’s cards within 2 s, without a reload or a loading state', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/' + MARCH);
    await settled(page);
    // By hand: won O1 1000 + O3 2000 + O4 4000 + O6 300 = 7,300; 4 of 6 closed won.
    expect([await cardValue(page, 'revenue'), await cardValue(page, 'win_rate'), await cardValue(page, 'average_deal_size')]).toEqual(['$7,300', '66.7%', '$1,825']);
    // A mark that a reload would lose, and a watch for any loading state from now on.
    await page.evaluate(() => {
      const w = window as unknown as { liveMark: number; sawLoading: boolean };
      w.liveMark = 42;
      w.sawLoading = false;
      new MutationObserver(() => {
        if (document.querySelector('.loading')) w.sawLoading = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // Wait for the event stream to be open before pushing (the page subscribes once signed in).
    await expect.poll(() => d.fixture.server.context.events.listeners, { timeout: 5000 }).toBeGreaterThan(0);
    const deal = { opportunity_id: 'O7', account_id: 'A1', rep_id: 'R2', created_at: '2026-03-01T10:00:00Z', status: 'won', amount: 700, currency: 'USD', closed_at: '2026-03-25T10:00:00Z', source: 'web' };
    const res = await fetch(`${d.base}/api/ingest/opportunities`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'live-1' }, body: JSON.stringify([deal]) });
    expect([res.status, (await res.json()).inserted]).toEqual([200, 1]);
    const pushed = Date.now();
    // After: 7,300 + 700 = 8,000; 5 of 7 closed won = 71.4%; 8,000 / 5 = 1,600.
    await expect.poll(() => cardValue(page, 'revenue'), { timeout: 2000, interval: 50 }).toBe('$8,000');
    expect(Date.now() - pushed).toBeLessThan(2000);
    await expect.poll(() => cardValue(page, 'win_rate'), { timeout: 1000 }).toBe('71.4%');
    expect(await cardValue(page, 'average_deal_size')).toBe('$1,600');
    expect(await page.evaluate(() => {
      const w = window as unknown as { liveMark?: number; sawLoading: boolean };
      return { liveMark: w.liveMark, sawLoading: w.sawLoading };
    })).toEqual({ liveMark: 42, sawLoading: false });
    expect(problems).toEqual([]);
    await context.close();
  });
});
