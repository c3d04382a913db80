// The Settings and users page in Chromium: a setting round-trips through the API, a bad value
// shows the server's message and changes nothing, a user is added, given another role and
// removed, an API token is shown once and revoked; only admins have the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-settings-');
let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard(tmp.path);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

/** Console errors other than the expected 400 answers of refused changes. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 400 \(Bad Request\)/.test(p));

describe('Settings', () => {
  it('a change round-trips; a bad value shows the server’s message and changes nothing', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/settings');
    await settled(page);
    const settings = async () => (await (await page.request.get(`${d.base}/api/settings`)).json()) as Record<string, string>;
    expect(await page.locator('#setting-timezone').inputValue()).toBe('UTC');
    await page.selectOption('#setting-fiscal_year_start_month', { label: 'April' });
    await page.fill('#setting-pipeline_stages', 'Qualification, Demo ,Proposal');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.settings-form [role=status]').innerText()).toBe('Settings saved.');
    expect(await settings()).toMatchObject({ fiscal_year_start_month: '4', pipeline_stages: 'Qualification,Demo,Proposal' });
    // The server's normalised value is shown.
    expect(await page.locator('#setting-pipeline_stages').inputValue()).toBe('Qualification,Demo,Proposal');

    await page.fill('#setting-timezone', 'Mars/Olympus_Mons');
    await page.fill('#setting-currency', 'eur');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const alert = page.locator('.settings-form [role=alert]');
    await expect.poll(() => alert.innerText()).toBe('Not saved. The server said: timezone: "Mars/Olympus_Mons" is not an IANA time zone; expected a name like Europe/Berlin or UTC');
    expect(await page.locator('#setting-timezone').getAttribute('aria-invalid')).toBe('true');
    // All or nothing: the currency did not change either.
    expect(await settings()).toMatchObject({ timezone: 'UTC', currency: 'USD' });
    await screenshot(page, 'settings-invalid');
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#setting-timezone', 'Europe/Berlin');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('.settings-form [role=status]').innerText()).toBe('Settings saved.');
    expect(await settings()).toMatchObject({ timezone: 'Europe/Berlin', currency: 'EUR', fiscal_year_start_month: '4' });
    expect(await page.locator('.settings-form').innerText()).toContain('The new currency shows everywhere after reloading the page.');
    await page.reload();
    await settled(page);
    expect(await page.locator('#setting-timezone').inputValue()).toBe('Europe/Berlin');
    expect(await page.locator('#setting-fiscal_year_start_month option:checked').innerText()).toBe('April');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

describe('Users', () => {
  it('an admin adds a user, changes their role and removes them', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/settings');
    await settled(page);
    const users = async () => (await (await page.request.get(`${d.base}/api/users`)).json()) as { email: string; role: string; rep_id: string | null }[];
    expect(await page.locator('table.settings-users-table tbody tr').count()).toBe(4);
    await page.fill('#new-email', 'rolf@example.com');
    await page.selectOption('#new-role', 'rep');
    await page.selectOption('#new-rep', 'R2');
    await page.fill('#new-password', 'short');
    await page.getByRole('button', { name: 'Add user' }).click();
    // The browser's own check stops a too-short password before the server sees it.
    expect(await page.locator('#new-password').evaluate((e) => (e as HTMLInputElement).validity.tooShort || (e as HTMLInputElement).validity.valid === false)).toBe(true);
    await page.fill('#new-password', 'a long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('.settings-add [role=status]').innerText()).toBe('rolf@example.com was added.');
    await expect.poll(() => page.locator('tr[data-user="rolf@example.com"]').count()).toBe(1);
    expect((await users()).find((u) => u.email === 'rolf@example.com')).toMatchObject({ role: 'rep', rep_id: 'R2' });
    expect(await page.locator('tr[data-user="rolf@example.com"] td').nth(1).innerText()).toBe('Rolf Rep (R2)');

    await page.selectOption('select[aria-label="Role of rolf@example.com"]', 'manager');
    await expect.poll(() => page.locator('.settings-users > [role=status]').innerText()).toBe('rolf@example.com now has the role manager.');
    expect((await users()).find((u) => u.email === 'rolf@example.com')!.role).toBe('manager');
    // The new user can sign in with their password.
    const login = await d.fixture.server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'rolf@example.com', password: 'a long enough password' } });
    expect(login.statusCode).toBe(200);
    await screenshot(page, 'settings-users');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Remove rolf@example.com' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('.settings-users > [role=status]').innerText()).toBe('rolf@example.com was removed.');
    await expect.poll(() => page.locator('tr[data-user="rolf@example.com"]').count()).toBe(0);
    expect((await users()).map((u) => u.email)).not.toContain('rolf@example.com');
    // An admin cannot remove or demote themselves here.
    expect(await page.locator(`tr[data-user="${ROLE_USERS.admin.email}"] button`).count()).toBe(0);
    expect(await page.locator(`tr[data-user="${ROLE_USERS.admin.email}"] select`).isDisabled()).toBe(true);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('a rep user without their rep is refused with the server’s words', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/settings');
    await settled(page);
    await page.fill('#new-email', 'nobody@example.com');
    await page.selectOption('#new-role', 'rep');
    await page.fill('#new-password', 'a long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('.settings-add [role=alert]').innerText()).toBe('That did not work. The server said: a rep user needs the rep they are in the data (--rep REP_ID, or "rep_id")');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

describe('API tokens', () => {
  it('a new token is shown once and works; it can be revoked', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/settings');
    await settled(page);
    await page.fill('#token-name', 'nightly export');
    await page.selectOption('#token-access', 'read');
    await page.getByRole('button', { name: 'Create token' }).click();
    const value = page.locator('#token-value');
    await value.waitFor();
    const token = await value.inputValue();
    expect(token.length).toBeGreaterThan(20);
    await expect.poll(() => page.locator('tr[data-token="nightly export"]').count()).toBe(1);
    const me = await d.fixture.server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect((me.json() as { access: string; user: { email: string } }).access).toBe('read');
    expect((me.json() as { user: { email: string } }).user.email).toBe(ROLE_USERS.admin.email);
    // Shown once: after a reload the secret is gone, the token is listed.
    await page.reload();
    await settled(page);
    expect(await page.locator('#token-value').count()).toBe(0);
    expect(await page.locator('tr[data-token="nightly export"] td').first().innerText()).toBe('read only');
    await page.getByRole('button', { name: 'Revoke the token “nightly export”' }).click();
    await expect.poll(() => page.locator('tr[data-token="nightly export"]').count()).toBe(0);
    const refused = await d.fixture.server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(401);
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });
});

describe('the page', () => {
  it('in German, at a phone’s width, and for admins only', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/settings', { locale: 'de-DE', width: 390, height: 844 });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Einstellungen und Benutzer');
    expect(await page.locator('label[for=setting-timezone]').innerText()).toBe('Zeitzone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'settings-phone-de');
    await context.close();
    const m = await signInAs(d, ROLE_USERS.manager.email, '/settings');
    await settled(m.page);
    expect(await m.page.locator('header nav').innerText()).not.toContain('Settings');
    expect(await m.page.locator('[role=alert]').innerText()).toContain('Your role does not allow this view.');
    await m.context.close();
  });
});
