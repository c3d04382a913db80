// Leads: monthly volume with growth and seasonality, spread over working days; each lead has a
// source, an account and a seller; some convert into opportunities, the others are
// disqualified or still open at asOf.
import type { Accounts } from './accounts.js';
import type { ActivityWriter } from './activities.js';
import type { Calendar } from './calendar.js';
import { SOURCES } from './catalog.js';
import type { CsvFile, CsvSet } from './csv-writer.js';
import { GROWTH_PER_MONTH, LEAD_TIMING, SEASON, SOURCE_EFFECTS } from './effects.js';
import type { OpportunityWriter } from './opportunities.js';
import type { People } from './people.js';
import { cumulative, Rng } from './random.js';

const SOURCE_CUM = cumulative(SOURCES.map((s) => SOURCE_EFFECTS[s].share));
const CONVERSION = SOURCES.map((s) => SOURCE_EFFECTS[s].conversion);
const COLD_CALL = SOURCES.indexOf('cold_call');
/** Expected lead→opportunity conversion over all sources. */
export const OVERALL_CONVERSION = SOURCES.reduce((a, s) => a + SOURCE_EFFECTS[s].share * SOURCE_EFFECTS[s].conversion, 0);
const WEEKEND_WEIGHT = 0.2;

/**
 * Number of leads created in each month, for about `opportunities` opportunities in total:
 * growth × season × the part of the month with data, topped up in the last days for leads
 * that would convert only after asOf.
 */
export function leadsPerMonth(cal: Calendar, opportunities: number): number[] {
  const opps = cal.months.map((mo, m) => Math.pow(1 + GROWTH_PER_MONTH, m) * SEASON[mo.month - 1] * ((mo.end - mo.start) / (mo.calendarEnd - mo.start)));
  const total = opps.reduce((a, b) => a + b, 0);
  return cal.months.map((mo, m) => {
    let late = 0;
    for (let d = mo.start; d < mo.end; d++) late += Math.exp(-(cal.numDays - d - 0.5) / LEAD_TIMING.convertMeanDays);
    const converting = 1 - late / (mo.end - mo.start);
    return Math.round((opportunities * opps[m]) / total / OVERALL_CONVERSION / converting);
  });
}

export class LeadWriter {
  private readonly rng: Rng;
  private next = 1;
  /** Leads per month and source (for marketing spend). */
  readonly bySourceMonth: Float64Array;

  constructor(
    private readonly out: CsvFile,
    private readonly cal: Calendar,
    private readonly people: People,
    private readonly accounts: Accounts,
    private readonly opps: OpportunityWriter,
    private readonly activities: ActivityWriter,
    seed: number,
  ) {
    this.rng = new Rng(seed, 'leads');
    this.bySourceMonth = new Float64Array(cal.months.length * SOURCES.length);
  }

  get created(): number {
    return this.next - 1;
  }

  /** Writes a month's leads (and the opportunities they convert into), pausing whenever output is full. */
  async month(m: number, count: number, files: CsvSet, tick: () => void): Promise<void> {
    const { cal, rng } = this;
    const mo = cal.months[m];
    const days: number[] = [];
    for (let d = mo.start; d < mo.end; d++) days.push(cal.isWeekend(d) ? WEEKEND_WEIGHT : 1);
    const dayCum = cumulative(days);
    const end = cal.numDays;
    for (let k = 0; k < count; k++) {
      const r = mo.start + rng.pickIndex(dayCum) + rng.next();
      const source = rng.pickIndex(SOURCE_CUM);
      this.bySourceMonth[m * SOURCES.length + source]++;
      const account = this.accounts.forNewLead(rng);
      const accountId = this.accounts.id(account);
      const rep = this.people.pickSeller(rng, m, this.accounts.region(account));
      const leadId = 'L' + String(this.next++).padStart(8, '0');
      let status = 'open';
      let convertedAt = '';
      let oppId = '';
      let repId = rep.id;
      if (rng.chance(CONVERSION[source])) {
        const rc = r + Math.max(0.15, rng.exponential(LEAD_TIMING.convertMeanDays));
        if (rc < end) {
          status = 'converted';
          convertedAt = cal.stamp(rc);
          oppId = this.opps.create(leadId, source, account, accountId, rep, rc);
        }
      } else if (r + rng.exponential(LEAD_TIMING.disqualifyMeanDays) < end) status = 'disqualified';
      else if (rng.chance(LEAD_TIMING.unassignedOpenShare)) repId = '';
      this.out.row(`${leadId},${cal.stamp(r)},${SOURCES[source]},${repId},${accountId},${status},${convertedAt},${oppId}`);
      if (repId) this.activities.forLead(leadId, accountId, rep, r, source === COLD_CALL);
      if ((k & 0xffff) === 0xffff) tick();
      if (files.blocked) await files.drain();
    }
  }
}
