// explain: the change in revenue split exactly into closed opportunities, win rate and deal size.
import { describe, expect, it } from 'vitest';
import { storeWith, times } from '../fixtures/kpi/store.js';
import { explainRevenue, splitChange } from '../../src/analysis/explain.js';

describe('splitChange (Shapley values of closed × win rate × deal size)', () => {
  it('matches the hand computation and adds up to the change to the cent', () => {
    // Before: 10 closed, 2 won, 1000 (win rate 0.2, deal size 500); after: 20 closed, 5 won, 3000 (0.25, 600).
    // φ_opps = 10·[(0.2·500 + 0.25·600)/3 + (0.2·600 + 0.25·500)/6] = 1241.667
    // φ_rate = 0.05·[(10·500 + 20·600)/3 + (10·600 + 20·500)/6] = 416.667
    // φ_size = 100·[(10·0.2 + 20·0.25)/3 + (10·0.25 + 20·0.2)/6] = 341.667
    // Rounded to cents they add up to 2000.01; the cent goes off the largest part.
    const parts = splitChange({ closed: 10, won: 2, revenue: 1000 }, { closed: 20, won: 5, revenue: 3000 });
    expect(parts).toEqual([
      { driver: 'opportunities', contribution: 1241.66 },
      { driver: 'win_rate', contribution: 416.67 },
      { driver: 'average_deal_size', contribution: 341.67 },
    ]);
  });
  it('stays defined when a period has no wins', () => {
    const parts = splitChange({ closed: 4, won: 0, revenue: 0 }, { closed: 5, won: 1, revenue: 700 });
    expect(parts.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(700, 9);
    // From zero wins only the win rate and deal size can create revenue: opportunities add nothing alone.
    expect(parts.find((p) => p.driver === 'opportunities')!.contribution).toBeGreaterThanOrEqual(0);
  });
});

describe('explainRevenue', () => {
  const deals = (prefix: string, closed: string, n: number, won: number, amount: number, rep: string) =>
    times(n, (i) => ({ opportunity_id: `${prefix}${i}`, rep_id: rep, created_at: '2026-08-01T12:00:00Z', closed_at: closed, status: i < won ? 'won' : 'lost', amount, source: 'web' }));

  it('October against September: drivers and segments add up to the total change', async () => {
    const store = await storeWith({
      reps: [{ rep_id: 'R1', name: 'Jim', role: 'rep' }, { rep_id: 'R2', name: 'Ann', role: 'rep' }],
      opportunities: [...deals('S', '2026-09-15T12:00:00Z', 10, 2, 500, 'R1'), ...deals('O', '2026-10-15T12:00:00Z', 20, 5, 600, 'R2')],
    });
    const r = await explainRevenue(store, { period: '2026-10', asOf: '2026-11-23' });
    expect(r).toMatchObject({ before: 1000, after: 3000, total_change: 2000, vs: { kind: 'previous_period', label: '2026-09', from: '2026-09-01', to: '2026-09-30' } });
    expect(r.drivers).toEqual([
      { driver: 'opportunities', contribution: 1241.66 },
      { driver: 'win_rate', contribution: 416.67 },
      { driver: 'average_deal_size', contribution: 341.67 },
    ]);
    // By rep: R2 brought +3000 (from nothing), R1 lost its 1000; together the 2000.
    const reps = r.segments.filter((s) => s.dimension === 'rep').map((s) => [s.value, s.change]);
    expect(reps).toEqual([['R2', 3000], ['R1', -1000]]);
    for (const s of r.segments) expect(s.drivers.reduce((a, d) => a + d.contribution, 0)).toBeCloseTo(s.change, 9);
    expect(r.summary[0]).toBe('Revenue 2026-10 changed by +2,000.00 USD against previous period (1000.00 → 3000.00).');
    await store.close();
  });
});
