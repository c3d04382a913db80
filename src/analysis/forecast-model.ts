// The forecast's model, as pure functions over the counts forecast-data.ts reads.
//
// Open pipeline. Win and timing probabilities come from weekly snapshots of the pipeline before
// the as-of moment T: every opportunity open at a snapshot is one observation in its cell (stage
// × age bucket at the snapshot), followed from the snapshot until it was won, lost, or T came
// (then it is censored: still open at T, which is known at T, so nothing after T is ever used).
// Discrete daily hazards of winning and of losing give each cell's cumulative incidence of a
// win within x days, CIF_won(x) (competing risks: a loss ends the chance of a win), which
// handles censoring without bias. Observations weigh their value, so a probability is the share
// of comparable pipeline value that was won: large deals win less often and more slowly, and a
// count would overstate revenue. A cell's curve is shrunk toward its stage's curve, and a
// stage's toward the curve of all stages, with the weight of SHRINK opportunities:
//   CIF(x) = (n_cell · CIF_cell(x) + SHRINK · CIF_stage(x)) / (n_cell + SHRINK).
// An open opportunity is won inside [T + d0, T + d1) with probability CIF_won(d1) − CIF_won(d0);
// P(win) = CIF_won(∞) ÷ (CIF_won(∞) + CIF_lost(∞)) and P(closes in time | won) is the ratio.
//
// New business (opportunities created after T and won inside the period): the expected number of
// opportunities created in the window × the value won per opportunity created in the same part
// of earlier periods.

/** Upper bounds (exclusive) of the age buckets, in days since the opportunity was created. */
export const AGE_BUCKETS: readonly number[] = [7, 21, 45, 90, 180];
/** Pseudo-opportunities of the coarser level a thin cell is shrunk toward. */
export const SHRINK = 25;
/** z of the two-sided 80% interval of a normal distribution. */
export const Z80 = 1.2815515655446004;

export function ageBucketLabel(i: number): string {
  const lo = i === 0 ? 0 : AGE_BUCKETS[i - 1];
  return i < AGE_BUCKETS.length ? `${lo}-${AGE_BUCKETS[i] - 1} days` : `${lo}+ days`;
}

/** One row of the snapshot table: the weight of the observations of a cell that ended on `day` (after the snapshot) this way. */
export interface HazardRow {
  stage: string;
  /** Age bucket (AGE_BUCKETS) at the snapshot. */
  age: number;
  /** Whole days from the snapshot to the close (won/lost) or to T (open = censored). */
  day: number;
  outcome: 'won' | 'lost' | 'open';
  n: number;
}

/** A cell, a stage (age null) or all stages (both null). */
export interface CellKey {
  stage: string | null;
  age: number | null;
}

/** Distinct opportunities observed in a cell or level (they weigh its curve against the coarser one). */
export interface CellSize extends CellKey {
  opportunities: number;
}

/** Cumulative incidence of a win and of a loss: won[x] = P(won within x days), flat after the last day. */
export interface Curve {
  won: Float64Array;
  lost: Float64Array;
  opportunities: number;
}

function at(a: Float64Array, x: number): number {
  if (a.length === 0 || x <= 0) return 0;
  return a[Math.min(Math.floor(x), a.length - 1)];
}

/** Cumulative incidence (Kaplan–Meier with competing risks) from event and censoring weights per day. */
export function curveOf(rows: readonly Pick<HazardRow, 'day' | 'outcome' | 'n'>[], opportunities: number): Curve {
  let maxDay = -1;
  for (const r of rows) maxDay = Math.max(maxDay, r.day);
  const won = new Float64Array(maxDay + 1);
  const lost = new Float64Array(maxDay + 1);
  const cens = new Float64Array(maxDay + 1);
  let atRisk = 0;
  for (const r of rows) {
    atRisk += r.n;
    if (r.outcome === 'won') won[r.day] += r.n;
    else if (r.outcome === 'lost') lost[r.day] += r.n;
    else cens[r.day] += r.n; // observed through day − 1
  }
  const cifWon = new Float64Array(maxDay + 2);
  const cifLost = new Float64Array(maxDay + 2);
  let survival = 1;
  for (let d = 0; d <= maxDay; d++) {
    atRisk -= cens[d];
    const hw = atRisk > 0 ? won[d] / atRisk : 0;
    const hl = atRisk > 0 ? lost[d] / atRisk : 0;
    cifWon[d + 1] = cifWon[d] + survival * hw;
    cifLost[d + 1] = cifLost[d] + survival * hl;
    survival *= 1 - hw - hl;
    atRisk -= won[d] + lost[d];
  }
  return { won: cifWon, lost: cifLost, opportunities };
}

export interface CellProbability {
  /** P(won, eventually). */
  pWin: number;
  /** P(won inside the window) ÷ P(won). */
  pInTime: number;
  /** P(won inside the window). */
  p: number;
}

const keyOf = (k: CellKey) => `${k.stage === null ? '*' : `=${k.stage}`}\u0000${k.age ?? '*'}`;

/** Learned curves per cell (stage × age bucket), per stage and for all stages, each shrunk toward the next coarser one. */
export class WinModel {
  private readonly curves = new Map<string, Curve>();

  constructor(rows: readonly HazardRow[], sizes: readonly CellSize[], private readonly shrink = SHRINK) {
    const pooled = new Map<string, HazardRow[]>();
    for (const r of rows) {
      for (const key of WinModel.chain(r)) {
        const k = keyOf(key);
        (pooled.get(k) ?? pooled.set(k, []).get(k)!).push(r);
      }
    }
    const counts = new Map(sizes.map((s) => [keyOf(s), s.opportunities]));
    for (const [k, rs] of pooled) this.curves.set(k, curveOf(rs, counts.get(k) ?? 0));
  }

  /** A cell and the coarser levels it is shrunk toward, finest first. */
  static chain(k: CellKey): CellKey[] {
    const out: CellKey[] = [];
    if (k.stage !== null && k.age !== null) out.push({ stage: k.stage, age: k.age });
    if (k.stage !== null) out.push({ stage: k.stage, age: null });
    out.push({ stage: null, age: null });
    return out;
  }

  /** Training opportunities of a cell or level. */
  opportunities(key: CellKey): number {
    return this.curves.get(keyOf(key))?.opportunities ?? 0;
  }

  private shrunk(kind: 'won' | 'lost', key: CellKey, x: number): number {
    let value = 0;
    let top = true;
    for (const k of WinModel.chain(key).reverse()) {
      const c = this.curves.get(keyOf(k));
      if (c) value = top ? at(c[kind], x) : (c.opportunities * at(c[kind], x) + this.shrink * value) / (c.opportunities + this.shrink);
      top = false;
    }
    return value;
  }

  /** Probabilities for an opportunity of this cell (or level) to be won within [d0, d1) days of T. */
  probability(key: CellKey, d0: number, d1: number): CellProbability {
    const w = this.shrunk('won', key, Number.POSITIVE_INFINITY);
    const l = this.shrunk('lost', key, Number.POSITIVE_INFINITY);
    const pWin = w + l > 0 ? w / (w + l) : 0;
    const p = Math.max(0, this.shrunk('won', key, d1) - this.shrunk('won', key, d0));
    return { pWin, pInTime: pWin > 0 ? Math.min(1, p / pWin) : 0, p };
  }
}

/** One earlier window of new business: opportunities created in it, and the value (and Σ value²) of those won inside it. */
export interface NewBusinessSample {
  created: number;
  value: number;
  valueSq: number;
}

/**
 * New business expected from `volume` opportunities to be created: volume × (value won per
 * opportunity created in the samples). Variance: compound Poisson (volume × Σ value² per
 * created) plus the uncertainty of the rate (the spread of the samples' rates ÷ their number).
 */
export function newBusinessEstimate(samples: readonly NewBusinessSample[], volume: number): { perCreated: number; expected: number; variance: number } {
  const created = samples.reduce((a, s) => a + s.created, 0);
  if (created <= 0 || volume <= 0) return { perCreated: 0, expected: 0, variance: 0 };
  const perCreated = samples.reduce((a, s) => a + s.value, 0) / created;
  const perCreatedSq = samples.reduce((a, s) => a + s.valueSq, 0) / created;
  const rates = samples.filter((s) => s.created > 0).map((s) => s.value / s.created);
  const spread = rates.length > 1 ? rates.reduce((a, r) => a + (r - perCreated) ** 2, 0) / (rates.length - 1) / rates.length : 0;
  return { perCreated, expected: volume * perCreated, variance: volume * perCreatedSq + volume ** 2 * spread };
}

/**
 * How far to trust a calibration factor realised ÷ predicted measured on earlier periods, whose
 * realised value has this (Bernoulli) variance: shrunk toward 1 by its noise against a prior
 * spread of true factors of ±PRIOR_SD.
 */
export function shrinkCalibration(realised: number, predicted: number, variance: number, priorSd = 0.15): number {
  if (predicted <= 0) return 1;
  const factor = realised / predicted;
  const noise = variance / predicted ** 2;
  const weight = priorSd ** 2 / (priorSd ** 2 + noise);
  return 1 + weight * (factor - 1);
}

/** The 80% interval of won + a remaining amount with this variance (never below what is won). */
export function interval80(won: number, remaining: number, variance: number): { low: number; high: number } {
  const half = Z80 * Math.sqrt(Math.max(0, variance));
  return { low: won + Math.max(0, remaining - half), high: won + remaining + half };
}
