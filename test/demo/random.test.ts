// The seeded generator and its distributions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulative, hashUnit, Rng } from '../../src/demo/random.js';

function draws(rng: Rng, n: number, f: (r: Rng) => number): number[] {
  return Array.from({ length: n }, () => f(rng));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Rng', () => {
  it('repeats for the same seed and stream, and differs across seeds and streams', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, stream) => {
        const a = draws(new Rng(seed, stream), 8, (r) => r.uint32());
        expect(draws(new Rng(seed, stream), 8, (r) => r.uint32())).toEqual(a);
        expect(draws(new Rng(seed + 1, stream), 8, (r) => r.uint32())).not.toEqual(a);
        expect(draws(new Rng(seed, stream + 'x'), 8, (r) => r.uint32())).not.toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps uniform draws in [0, 1) and integers in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, lo, span) => {
        const rng = new Rng(seed, 'range');
        for (let i = 0; i < 50; i++) {
          const u = rng.next();
          expect(u >= 0 && u < 1).toBe(true);
          const k = rng.int(lo, lo + span);
          expect(Number.isInteger(k) && k >= lo && k <= lo + span).toBe(true);
        }
      }),
    );
  });

  it('draws the distributions it names', () => {
    const rng = new Rng(1, 'dist');
    const normal = draws(rng, 20000, (r) => r.normal());
    expect(mean(normal)).toBeCloseTo(0, 1);
    expect(mean(normal.map((x) => x * x))).toBeCloseTo(1, 1);
    const logn = draws(rng, 20000, (r) => r.lognormal(100, 0.5)).sort((a, b) => a - b);
    expect(logn[10000] / 100).toBeCloseTo(1, 1);
    expect(mean(draws(rng, 20000, (r) => r.poisson(3.5)))).toBeCloseTo(3.5, 1);
    expect(mean(draws(rng, 5000, (r) => r.poisson(80))) / 80).toBeCloseTo(1, 1);
    expect(mean(draws(rng, 20000, (r) => r.exponential(4))) / 4).toBeCloseTo(1, 1);
    const picks = draws(rng, 20000, (r) => r.pickIndex(cumulative([1, 3, 6])));
    expect(picks.filter((i) => i === 2).length / picks.length).toBeCloseTo(0.6, 1);
    const many = cumulative(Array.from({ length: 40 }, (_, i) => (i === 39 ? 40 : 1)));
    const tail = draws(rng, 20000, (r) => r.pickIndex(many));
    expect(tail.filter((i) => i === 39).length / tail.length).toBeCloseTo(40 / 79, 1);
  });

  it('hashes (key, index, slot) to stable uniform numbers', () => {
    expect(hashUnit(5, 10, 1)).toBe(hashUnit(5, 10, 1));
    expect(hashUnit(5, 10, 1)).not.toBe(hashUnit(5, 10, 2));
    expect(hashUnit(5, 10, 1)).not.toBe(hashUnit(5, 11, 1));
    const xs = Array.from({ length: 20000 }, (_, i) => hashUnit(99, i, 3));
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
