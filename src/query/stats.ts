// Statistics beside KPI values: the Wilson score interval of a rate, and whether two rates
// differ (the significance tests themselves live in src/stats).
import { compareRates } from '../stats/significance.js';

const Z95 = 1.959963984540054;

/** Wilson score 95% interval of k successes in n trials; null for n = 0. */
export function wilson(k: number, n: number): [number, number] | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Two-sided p-value of the difference between k1/n1 and k2/n2: Fisher's exact test for small counts, else the two-proportion z-test. */
export function twoProportionP(k1: number, n1: number, k2: number, n2: number): number | null {
  return compareRates(k1, n1, k2, n2)?.p ?? null;
}
