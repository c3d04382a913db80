// The journey of one opportunity through the pipeline stages: skewed time in each stage, a
// chance to move on that depends on the lifts (rep, technique, source, segment) and on how
// stale the deal got, occasional skipped stages and moves back, and a quarter-end push.
import type { Calendar } from './calendar.js';
import { STAGES } from './catalog.js';
import { AGE, DWELL_SIGMA, QUARTER_PUSH, STAGE_BACK, STAGE_EFFECTS, STAGE_SKIP, STALE, ZOMBIE } from './effects.js';
import { logit, sigmoid, type Rng } from './random.js';

const BASE_LOGIT = STAGE_EFFECTS.map((s) => logit(s.advance));
const LAST = STAGES.length - 1;
/** Shortest time between two stage entries, in days (keeps timestamps strictly increasing). */
const MIN_STEP = 0.15;

export class Journey {
  /** Stages entered, in order, with their raw entry times (index 0 is the first stage at creation). */
  stage = new Int32Array(16);
  at = new Float64Array(16);
  steps = 0;
  won = false;
  /** Raw time the deal is (or will be) won or lost. */
  closeAt = 0;
  /** The deal went stale in the stage where it ended. */
  stale = false;

  private push(stage: number, r: number): void {
    this.stage[this.steps] = stage;
    this.at[this.steps] = r;
    this.steps++;
  }

  /** Median days the whole pipeline takes for a deal with this cycle factor. */
  static plannedDays(cycleFactor: number): number {
    let d = 0;
    for (const s of STAGE_EFFECTS) d += s.medianDays;
    return d * cycleFactor;
  }

  /** Simulates the full journey from creation at raw time r0 (may run past asOf). */
  run(rng: Rng, r0: number, lift: number, cycleFactor: number): void {
    this.steps = 0;
    this.stale = false;
    this.push(0, r0);
    const zombieStage = rng.chance(ZOMBIE.share) ? rng.int(0, LAST) : -1;
    let i = 0;
    let r = r0;
    let movedBack = false;
    const planned = Journey.plannedDays(cycleFactor);
    for (;;) {
      const median = STAGE_EFFECTS[i].medianDays * cycleFactor;
      let dwell = rng.lognormal(median, DWELL_SIGMA);
      if (i === zombieStage) dwell *= ZOMBIE.dwellFactor;
      dwell = Math.max(dwell, MIN_STEP);
      const staleness = Math.max(0, Math.log(dwell / median) - STALE.graceLog);
      r += dwell;
      const age = Math.max(0, Math.log((r - r0) / planned) - AGE.graceLog);
      const l = BASE_LOGIT[i] + lift - STALE.weight * staleness - AGE.weight * age + (i === zombieStage ? ZOMBIE.liftPenalty : 0);
      if (!rng.chance(sigmoid(l))) {
        this.won = false;
        this.stale = staleness > 0.5 || age > 0.3 || i === zombieStage;
        break;
      }
      if (i === LAST) {
        this.won = true;
        break;
      }
      let next = i + 1;
      if (!movedBack && STAGE_BACK[i] > 0 && rng.chance(STAGE_BACK[i])) {
        next = i - 1;
        movedBack = true;
      } else if (STAGE_SKIP[i] > 0 && rng.chance(STAGE_SKIP[i])) next = i + 2;
      this.push(next, r);
      i = next;
    }
    this.closeAt = r;
  }

  /** Quarter-end push: a win early in a quarter is sometimes pulled into the quarter before. */
  pushToQuarterEnd(rng: Rng, cal: Calendar): void {
    if (!this.won || this.closeAt >= cal.numDays) return;
    const day = Math.floor(this.closeAt);
    const m = cal.monthOf(day);
    const month = cal.months[m];
    if (m === 0 || month.month % 3 !== 1 || day - month.start >= QUARTER_PUSH.days) return;
    if (!rng.chance(QUARTER_PUSH.share)) return;
    const pulled = month.start - rng.uniform(0.05, QUARTER_PUSH.intoLastDays);
    if (pulled > this.at[this.steps - 1] + MIN_STEP) this.closeAt = pulled;
  }

  /** Index of the last stage entry before raw time t (the stage at t). */
  stepAt(t: number): number {
    let k = 0;
    while (k + 1 < this.steps && this.at[k + 1] < t) k++;
    return k;
  }
}
