// Properties over random sales data (fast-check): rates stay in [0, 1], zero denominators are
// empty with a status, splits add up, months add up to their quarter, and filters and access
// scope never add records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Store } from '../../src/store/store.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import { insert, report, storeWith } from '../fixtures/kpi/store.js';

const REPS = ['R1', 'R2', 'R3'];
const oppArb = fc.record({
  rep: fc.constantFrom(...REPS),
  status: fc.constantFrom('open', 'won', 'lost'),
  createdDay: fc.integer({ min: 0, max: 300 }),
  cycle: fc.integer({ min: 0, max: 120 }),
  amount: fc.integer({ min: 0, max: 100_000 }),
  source: fc.constantFrom('web', 'referral', 'event'),
});

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();

let store: Store;
let batch = 0;
beforeAll(async () => {
  store = await storeWith({ reps: REPS.map((r) => ({ rep_id: r, name: r, role: 'rep' })) });
});
afterAll(() => store.close());

type Opp = typeof oppArb extends fc.Arbitrary<infer T> ? T : never;

async function load(opps: Opp[]): Promise<void> {
  await store.query('DELETE FROM opportunities');
  batch++;
  await insert(store, 'opportunities', opps.map((o, i) => ({
    opportunity_id: `B${batch}O${i}`, rep_id: o.rep, status: o.status, amount: o.amount, source: o.source,
    created_at: day(o.createdDay), closed_at: o.status === 'open' ? null : day(o.createdDay + o.cycle),
  })));
  await bumpDataVersion(store);
}

const sum = (xs: (number | null)[]) => Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 100) / 100;
const runs = { numRuns: 12 };

describe('KPI properties', () => {
  it('rates stay in [0, 1]; a zero denominator is null with a status', async () => {
    await fc.assert(fc.asyncProperty(fc.array(oppArb, { maxLength: 40 }), async (opps) => {
      await load(opps);
      const r = await report(store, { kpis: ['win_rate', 'opportunity_win_ratio'], period: '2026-Q2', grain: 'month', by: ['rep'] });
      for (const row of r.rows) {
        if (row.denominator === 0) expect(row).toMatchObject({ value: null, status: 'zero_denominator' });
        else if (row.value !== null) {
          expect(row.value).toBeGreaterThanOrEqual(0);
          expect(row.value).toBeLessThanOrEqual(1);
          expect(row.ci95![0]).toBeLessThanOrEqual(row.value);
          expect(row.ci95![1]).toBeGreaterThanOrEqual(row.value);
        }
      }
    }), runs);
  });
  it('per-rep revenue sums to total revenue; monthly revenue sums to the quarter’s', async () => {
    await fc.assert(fc.asyncProperty(fc.array(oppArb, { maxLength: 40 }), async (opps) => {
      await load(opps);
      const total = (await report(store, { kpis: ['revenue'], period: '2026-Q2' })).rows[0].value ?? 0; // null when no opportunity exists at all (needs_opportunities)
      const byRep = await report(store, { kpis: ['revenue'], period: '2026-Q2', by: ['rep'] });
      const byMonth = await report(store, { kpis: ['revenue'], period: '2026-Q2', grain: 'month' });
      expect(sum(byRep.rows.map((x) => x.value))).toBe(total);
      expect(sum(byMonth.rows.map((x) => x.value))).toBe(total);
    }), runs);
  });
  it('filters and access scope never add records', async () => {
    await fc.assert(fc.asyncProperty(fc.array(oppArb, { maxLength: 40 }), fc.subarray(REPS), fc.constantFrom('web', 'referral'), async (opps, reps, source) => {
      await load(opps);
      const kpis = ['revenue', 'opportunities_created', 'open_pipeline_count'];
      const all = await report(store, { kpis, period: '2026-Q2' });
      const scoped = await report(store, { kpis, period: '2026-Q2', scope: { reps } });
      const filtered = await report(store, { kpis, period: '2026-Q2', filters: { source: [source] } });
      for (const k of kpis) {
        const v = (r: typeof all) => r.rows.find((x) => x.kpi === k)!.value ?? 0;
        expect(v(scoped)).toBeLessThanOrEqual(v(all));
        expect(v(filtered)).toBeLessThanOrEqual(v(all));
      }
      const byRep = await report(store, { kpis: ['revenue'], period: '2026-Q2', by: ['rep'], scope: { reps } });
      for (const row of byRep.rows) if (row.status !== 'needs_opportunities' && row.status !== 'no_data') expect(reps).toContain(row.group.rep);
    }), runs);
  });
});
