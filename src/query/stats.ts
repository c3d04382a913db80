// Statistics beside KPI values: the Wilson score interval of a rate and the two-proportion
// z-test that says whether two rates differ.

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

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Two-sided p-value of the difference between k1/n1 and k2/n2 (pooled two-proportion z-test). */
export function twoProportionP(k1: number, n1: number, k2: number, n2: number): number | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const p = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = (k1 / n1 - k2 / n2) / se;
  return 2 * (1 - normalCdf(Math.abs(z)));
}
