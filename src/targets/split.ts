// Exact arithmetic for targets: decimal values as integer units (cents for money), and the split
// of a team's target into parts proportional to weights that add up to the whole exactly
// (largest remainder method, in BigInt so no float error can lose or add a unit).

/** Digits after the decimal point of a number as written (1.25 → 2, 1e-7 → 7, 3 → 0). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return Infinity;
  const s = Math.abs(x).toString();
  const e = /e-(\d+)$/.exec(s);
  if (e) {
    const mantissa = s.slice(0, s.indexOf('e'));
    const dot = mantissa.indexOf('.');
    return Number(e[1]) + (dot < 0 ? 0 : mantissa.length - dot - 1);
  }
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** x in units of 10^-digits, exactly, for an x that has at most `digits` decimals. */
export function toUnits(x: number, digits: number): bigint {
  return BigInt(x.toFixed(digits).replace('.', ''));
}

/** Units of 10^-digits back to a decimal string: 1234n, 2 → "12.34". */
export function unitsToDecimal(units: bigint, digits: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digits ? s.slice(0, -digits) : s;
  const frac = digits ? s.slice(-digits) : '';
  return `${neg ? '-' : ''}${whole}${frac ? '.' + frac : ''}`;
}

/**
 * Splits `total` (in units) in proportion to `weights` (positive numbers of at most 6 decimals):
 * each part is rounded down to a unit, and the units left over go one each to the parts with
 * the largest remainders (the earlier part on a tie). The parts add up to the total exactly.
 */
export function splitUnits(total: bigint, weights: readonly number[]): bigint[] {
  if (!weights.length) return [];
  const w = weights.map((x) => toUnits(x, 6));
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) throw new Error('weights must add up to more than 0');
  const base = w.map((x) => (total * x) / sum);
  const rem = w.map((x) => (total * x) % sum);
  let left = total - base.reduce((a, b) => a + b, 0n);
  const order = rem.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    base[i] += 1n;
    left -= 1n;
  }
  return base;
}
