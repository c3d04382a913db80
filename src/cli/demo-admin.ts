// `quotient serve --demo`: the store gets demo data if it has no opportunities yet, and a demo
// admin whose fresh password is printed, so the dashboard can be opened at once.
import { randomBytes } from 'node:crypto';
import { DEMO_DEFAULTS } from '../demo/index.js';
import { loadDemo } from '../demo/load.js';
import { addUser, findUser, setPassword } from '../server/auth/users.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

export const DEMO_ADMIN = 'demo@quotient.local';

export async function hasOpportunities(store: Store): Promise<boolean> {
  const r = await store.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM opportunities LIMIT 1)`);
  return Number(r[0].n) > 0;
}

/** Demo data when the store has none; returns what it did, in words. */
export async function ensureDemoData(store: Store, progress: (what: string, done: number, total: number) => void): Promise<string | null> {
  if (await hasOpportunities(store)) return null;
  const { asOf, result } = await loadDemo(store, { ...DEMO_DEFAULTS }, progress);
  if (!result.ok) throw new UserError('invalid_data', 'the generated demo data did not pass validation; nothing was written');
  const rows = result.entities.reduce((a, e) => a + e.rows, 0);
  return `Demo data as of ${asOf}: ${rows.toLocaleString('en-US')} rows.`;
}

/** The demo admin with a new random password (created, or its password replaced). */
export async function resetDemoAdmin(store: Store): Promise<{ email: string; password: string }> {
  const password = randomBytes(12).toString('base64url');
  const user = await findUser(store, DEMO_ADMIN);
  if (user) {
    if (user.role !== 'admin') throw new UserError('bad_argument', `${DEMO_ADMIN} exists and is not an admin; remove it (quotient users remove ${DEMO_ADMIN}) or serve without --demo`);
    await setPassword(store, user, password);
  } else {
    await addUser(store, { email: DEMO_ADMIN, password, role: 'admin' });
  }
  return { email: DEMO_ADMIN, password };
}
