// Significance tests against published values.
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, compareRates, fisherExact, normalCdf, twoProportionTest } from '../../src/stats/significance.js';

describe('fisherExact', () => {
  it('matches the tea-tasting experiment (Fisher 1935): [[3,1],[1,3]] two-sided p = 0.4857', () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.485714, 5);
  });
  it('matches R fisher.test(matrix(c(1,9,11,3),2)): p = 0.002759', () => {
    // R: fisher.test(matrix(c(1, 11, 9, 3), nrow = 2)) → p-value = 0.002759
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759, 5);
  });
  it('is 1 for identical groups and for an empty table', () => {
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 10);
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
  });
});

describe('normalCdf', () => {
  it('gives the textbook quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.644853627)).toBeCloseTo(0.05, 6);
  });
});

describe('twoProportionTest', () => {
  it('computes z and p for 45/100 against 30/100', () => {
    // pooled p = 0.375, se = sqrt(0.375·0.625·0.02) = 0.068465; z = 0.15 / 0.068465 = 2.19089
    const r = twoProportionTest(45, 100, 30, 100)!;
    expect(r.z).toBeCloseTo(2.19089, 4);
    expect(r.p).toBeCloseTo(0.028459, 4);
  });
  it('is null when a group is empty', () => {
    expect(twoProportionTest(1, 0, 3, 10)).toBeNull();
  });
});

describe('compareRates', () => {
  it('uses Fisher for small expected counts and z otherwise', () => {
    expect(compareRates(3, 4, 1, 4)!.test).toBe('fisher');
    expect(compareRates(45, 100, 30, 100)!.test).toBe('z');
  });
});

describe('benjaminiHochberg', () => {
  it('matches R p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")', () => {
    // R: 0.020 0.040 0.040 0.020
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    expect(q.map((x) => Number(x.toFixed(6)))).toEqual([0.02, 0.04, 0.04, 0.02]);
  });
  it('keeps the order of the input and caps at 1', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
