// Significance tests for comparing rates between groups: the two-proportion z-test for large
// counts, Fisher's exact test for small ones, and Benjamini–Hochberg for many comparisons.

/** log Γ(n+1) = log n!, exact summation for small n and Stirling's series beyond. */
function logFactorial(n: number): number {
  if (n < 2) return 0;
  if (n < 256) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * Two-sided Fisher exact test for the 2×2 table [[a, b], [c, d]] (a = successes of group 1,
 * b = failures of group 1, c and d likewise for group 2): the sum of the probabilities of all
 * tables with the same margins that are no more likely than the observed one.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  if (n === 0) return 1;
  const logDenom = logChoose(n, col1);
  const prob = (x: number) => Math.exp(logChoose(row1, x) + logChoose(n - row1, col1 - x) - logDenom);
  const observed = prob(a);
  const lo = Math.max(0, col1 - (n - row1));
  const hi = Math.min(row1, col1);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = prob(x);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return Math.min(1, p);
}

/** Standard normal cumulative distribution (W. J. Cody's rational approximation of erfc, |error| < 1e-14 in practice). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc via Chebyshev fitting; relative error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Pooled two-proportion z-test; two-sided p-value, or null when a group is empty. */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): { z: number; p: number } | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Compares two rates with the right test: Fisher's exact test when any expected cell count
 * is below 5 (where the normal approximation is poor), else the two-proportion z-test.
 */
export function compareRates(k1: number, n1: number, k2: number, n2: number): { test: 'fisher' | 'z'; p: number } | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const n = n1 + n2;
  const k = k1 + k2;
  const expected = [(n1 * k) / n, (n1 * (n - k)) / n, (n2 * k) / n, (n2 * (n - k)) / n];
  if (Math.min(...expected) < 5) return { test: 'fisher', p: fisherExact(k1, n1 - k1, k2, n2 - k2) };
  return { test: 'z', p: twoProportionTest(k1, n1, k2, n2)!.p };
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: controls the false
 * discovery rate when many groups are tested at once.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    running = Math.min(running, (order[r].p * m) / (r + 1));
    adjusted[order[r].i] = Math.min(1, running);
  }
  return adjusted;
}
