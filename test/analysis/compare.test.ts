// compare: a planted difference is found, a small group is marked and not ranked, and the
// p-values are the z-test's, corrected with Benjamini–Hochberg.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { storeWith, times } from '../fixtures/kpi/store.js';
import { compareGroups } from '../../src/analysis/compare.js';
import { isUserError } from '../../src/util/errors.js';

// Technique A wins 60 of 100, B 30 of 100, C 2 of 5 — all closed in October 2026.
const closed = (prefix: string, technique: string, won: number, total: number) =>
  times(total, (i) => ({
    opportunity_id: `${prefix}${i}`, rep_id: 'R1', created_at: '2026-09-01T12:00:00Z', closed_at: '2026-10-10T12:00:00Z',
    status: i < won ? 'won' : 'lost', amount: 100, technique,
  }));

let store: Store;
beforeAll(async () => {
  store = await storeWith({ reps: [{ rep_id: 'R1', name: 'Jim', role: 'rep' }], opportunities: [...closed('A', 'A', 60, 100), ...closed('B', 'B', 30, 100), ...closed('C', 'C', 2, 5)] });
});
afterAll(() => store.close());

describe('compare', () => {
  it('tests each technique against the rest and says which differ', async () => {
    const r = await compareGroups(store, { kpis: ['win_rate'], period: '2026-10', by: 'technique' });
    // Report values are rounded to 6 digits: 92 / 205 = 0.448780…
    expect(r.overall).toEqual({ value: 0.44878, numerator: 92, denominator: 205 });
    const [a, b, c] = r.groups;
    // A: 60/100 against 32/105. Pooled 92/205; z = 4.24826, two-sided p = 2.1544e-5 (hand-computed).
    expect(a).toMatchObject({ group: { technique: 'A' }, numerator: 60, denominator: 100, status: 'tested', test: 'z', significant: true, direction: 'higher' });
    expect(a.rest).toEqual({ numerator: 32, denominator: 105, value: 32 / 105 });
    expect(a.p).toBeCloseTo(2.1544e-5, 8);
    // B: 30/100 against 62/105; z = −4.17974, p = 2.9185e-5.
    expect(b).toMatchObject({ group: { technique: 'B' }, significant: true, direction: 'lower' });
    expect(b.p).toBeCloseTo(2.9185e-5, 8);
    // Benjamini–Hochberg over two tests: q_B = p_B; q_A = min(2 p_A, q_B) = p_B.
    expect(b.q).toBeCloseTo(2.9185e-5, 8);
    expect(a.q).toBeCloseTo(2.9185e-5, 8);
    // C has 5 records: marked, not tested, listed last.
    expect(c).toMatchObject({ group: { technique: 'C' }, status: 'too_small', p: null, q: null, significant: false });
    expect(r.summary).toEqual([
      'technique A: win rate 60.0% (n = 100) — significantly higher than the rest (30.5%, q < 0.001, z-test).',
      'technique B: win rate 30.0% (n = 100) — significantly lower than the rest (59.0%, q < 0.001, z-test).',
    ]);
    expect(c.sentence).toBe('technique C: win rate 40.0% from 5 records — too few to judge (needs 20 in the group and in the rest).');
  });

  it('says so when nothing differs', async () => {
    const r = await compareGroups(store, { kpis: ['win_rate'], period: '2026-10', by: 'rep' });
    expect(r.summary).toEqual(['No rep differs significantly from the rest in win rate (0 groups tested, 1 too small to judge).']);
  });

  it('refuses KPIs that are not rates', async () => {
    await expect(compareGroups(store, { kpis: ['revenue'], period: '2026-10', by: 'technique' })).rejects.toSatisfy((e: unknown) => isUserError(e) && /not one/.test((e as Error).message));
  });
});
