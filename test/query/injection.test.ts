// User-supplied strings never reach SQL as text: names are checked against the catalog and
// values travel as parameters. Every input is tried with SQL injection attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { isUserError } from '../../src/util/errors.js';
import { main } from '../../src/cli/main.js';
import { report, storeWith } from '../fixtures/kpi/store.js';
import { small } from '../fixtures/kpi/small.js';

const ATTACKS = [
  "x' OR '1'='1",
  "'; DROP TABLE opportunities; --",
  'R1") OR 1=1 --',
  "revenue; DELETE FROM reps",
  "2026-10'; DROP TABLE reps; --",
  "\\' UNION SELECT * FROM settings --",
];

let store: Store;
beforeAll(async () => {
  store = await storeWith(small);
});
afterAll(() => store.close());

async function stillIntact(): Promise<void> {
  const rows = await store.query<{ n: number }>('SELECT (SELECT count(*) FROM opportunities) + (SELECT count(*) FROM reps) AS n');
  expect(rows[0].n).toBe(small.opportunities.length + small.reps.length);
}

describe('SQL injection', () => {
  it('filter values are parameters: they match nothing and change nothing', async () => {
    for (const a of ATTACKS) {
      const r = await report(store, { kpis: ['revenue', 'win_rate'], period: '2026-10', filters: { rep: [a], source: [a] } });
      expect(r.rows.find((x) => x.kpi === 'revenue')!.value).toBe(0);
      const scoped = await report(store, { kpis: ['revenue'], period: '2026-10', scope: { reps: [a] } });
      expect(scoped.rows[0].value).toBe(0);
    }
    await stillIntact();
  });
  it('KPI ids, dimensions, periods, grains and comparisons are checked names', async () => {
    for (const a of ATTACKS) {
      for (const q of [{ kpis: [a] }, { kpis: ['revenue'], by: [a] }, { kpis: ['revenue'], filters: { [a]: ['x'] } }, { kpis: ['revenue'], period: a }, { kpis: ['revenue'], grain: a }, { kpis: ['revenue'], compare: [a] }, { kpis: ['revenue'], from: a, to: a }]) {
        await expect(report(store, q as never)).rejects.toSatisfy((e: unknown) => isUserError(e) && e.code === 'bad_argument');
      }
    }
    await stillIntact();
  });
  it('the CLI rejects them too (kpi, by, filter, period, lang, format)', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t), stderrIsTTY: false };
    for (const a of ATTACKS) {
      for (const args of [['--kpi', a], ['--kpi', 'revenue', '--by', a], ['--kpi', 'revenue', '--filter', `${a}=1`], ['--kpi', 'revenue', '--period', a], ['--kpi', 'revenue', '--lang', a], ['--kpi', 'revenue', '--format', a]]) {
        expect(await main(['--db', ':memory:', 'report', ...args], io)).toBe(2);
      }
    }
    expect(err.every((e) => !/internal error/.test(e))).toBe(true);
  });
});
