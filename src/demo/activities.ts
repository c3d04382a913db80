// Activities: touches on a deal between its creation and its close (or asOf), more of them on
// long deals, and more demos and meetings on deals that are won. Plus first touches on leads.
import type { Calendar } from './calendar.js';
import type { CsvFile } from './csv-writer.js';
import { ACTIVITY_EFFECTS } from './effects.js';
import type { People, Rep } from './people.js';
import { cumulative, Rng } from './random.js';

const TYPES = ['call', 'email', 'meeting', 'demo', 'social'] as const;
const CALL = 0;
const EMAIL = 1;
const MEETING = 2;
const DEMO = 3;
const WON_MIX = cumulative(TYPES.map((t) => ACTIVITY_EFFECTS.won.mix[t]));
const LOST_MIX = cumulative(TYPES.map((t) => ACTIVITY_EFFECTS.lost.mix[t]));

export class ActivityWriter {
  private readonly rng: Rng;
  private next = 1;
  /** Meetings per month index (for travel costs). */
  readonly meetingsByMonth: Float64Array;

  constructor(private readonly out: CsvFile, private readonly cal: Calendar, private readonly people: People, seed: number) {
    this.rng = new Rng(seed, 'activities');
    this.meetingsByMonth = new Float64Array(cal.months.length);
  }

  private id(): string {
    return 'AC' + String(this.next++).padStart(8, '0');
  }

  /** outcome,duration_seconds for an activity type. */
  private tail(type: number): string {
    const rng = this.rng;
    const u = rng.next();
    switch (type) {
      case CALL:
        if (u < 0.45) return `connected,${Math.round(rng.lognormal(420, 0.6))}`;
        if (u < 0.8) return `no_answer,${rng.int(15, 40)}`;
        return `voicemail,${rng.int(30, 75)}`;
      case EMAIL:
        return u < 0.75 ? 'sent,' : 'replied,';
      case MEETING:
        return u < 0.88 ? `held,${rng.pick([1800, 2700, 3600])}` : 'no_show,0';
      case DEMO:
        return u < 0.9 ? `completed,${rng.pick([2700, 3600, 4500])}` : 'rescheduled,0';
      default:
        return u < 0.7 ? 'sent,' : 'replied,';
    }
  }

  /**
   * Touches on an opportunity over its simulated life [from, to]; those after asOf are not written.
   * `won` is the deal's eventual outcome (open deals follow the outcome they are heading for).
   */
  forOpportunity(oppId: string, accountId: string, owner: Rep, from: number, to: number, won: boolean): void {
    const rng = this.rng;
    const fx = won ? ACTIVITY_EFFECTS.won : ACTIVITY_EFFECTS.lost;
    const span = to - from;
    const n = rng.poisson(fx.base + fx.perDay * span);
    const mix = won ? WON_MIX : LOST_MIX;
    const end = this.cal.numDays;
    for (let k = 0; k < n; k++) {
      let r = from + rng.next() * span;
      // Most touches avoid weekends: draw once more if the first draw fell on one.
      if (r < end && this.cal.isWeekend(Math.floor(r)) && rng.chance(0.85)) r = from + rng.next() * span;
      const type = rng.pickIndex(mix);
      if (r >= end) continue;
      const day = Math.floor(r);
      if (type === MEETING) this.meetingsByMonth[this.cal.monthOf(day)]++;
      const actor = this.people.actorFor(owner, day);
      this.out.row(`${this.id()},${actor.id},${TYPES[type]},${this.cal.stamp(r)},${oppId},${accountId},,${this.tail(type)}`);
    }
  }

  /** A first touch on a lead at its creation: a call for cold calls, an e-mail otherwise. */
  forLead(leadId: string, accountId: string, rep: Rep, r: number, coldCall: boolean): void {
    if (!coldCall && !this.rng.chance(ACTIVITY_EFFECTS.leadTouchShare)) return;
    const type = coldCall ? CALL : EMAIL;
    this.out.row(`${this.id()},${rep.id},${TYPES[type]},${this.cal.stamp(r)},,${accountId},${leadId},${this.tail(type)}`);
  }
}
