// Customers: every won deal starts a subscription (monthly revenue from its recurring lines)
// that churns with the account's risk class; NPS and CSAT answers follow the same risk and
// turn negative in the months before a churn.
import type { Calendar } from './calendar.js';
import { CURRENCIES } from './catalog.js';
import type { CsvFile } from './csv-writer.js';
import { centsText } from './deals.js';
import { CHURN_RISK, PRE_CHURN_DAYS, SURVEY } from './effects.js';
import type { People, Rep } from './people.js';
import { cumulative, Rng } from './random.js';

const NPS_CUM = CHURN_RISK.map((r) => cumulative(r.nps));
const CSAT_CUM = CHURN_RISK.map((r) => cumulative(r.csat));
const HIGH = CHURN_RISK.length - 1;
const DAYS_PER_MONTH = 30.44;

export class CustomerWriter {
  private readonly rng: Rng;
  private readonly surveyRng: Rng;
  private nextResponse = 1;

  constructor(
    private readonly subs: CsvFile,
    private readonly surveys: CsvFile,
    private readonly cal: Calendar,
    private readonly people: People,
    seed: number,
  ) {
    this.rng = new Rng(seed, 'subscriptions');
    this.surveyRng = new Rng(seed, 'survey_responses');
  }

  /** A subscription for a deal won at raw time `start` (before asOf), with its survey answers. */
  fromWonDeal(subId: string, oppId: string, accountId: string, owner: Rep, start: number, mrrCents: number, currency: number, risk: number): void {
    const end = this.cal.numDays;
    const lifetimeMonths = this.rng.exponential(1 / CHURN_RISK[risk].monthlyChurn);
    const churnAt = start + Math.max(0.5, lifetimeMonths * DAYS_PER_MONTH);
    const ended = churnAt < end ? this.cal.stamp(churnAt) : '';
    this.subs.row(`${subId},${accountId},${this.cal.stamp(start)},${ended},${centsText(mrrCents)},${CURRENCIES[currency]}`);

    const rng = this.surveyRng;
    const until = Math.min(churnAt, end);
    const answer = (kind: 'nps' | 'csat', r: number) => {
      const cls = churnAt - r < PRE_CHURN_DAYS ? HIGH : risk;
      const rep = this.people.actorFor(owner, Math.floor(r));
      const id = 'SR' + String(this.nextResponse++).padStart(7, '0');
      if (kind === 'nps') this.surveys.row(`${id},nps,${rng.pickIndex(NPS_CUM[cls])},${this.cal.stamp(r)},${accountId},${rep.id},${oppId},`);
      else this.surveys.row(`${id},csat,${rng.pickIndex(CSAT_CUM[cls]) + 1},${this.cal.stamp(r)},${accountId},${rep.id},${oppId},5`);
    };
    const closing = start + rng.uniform(1, 7);
    if (closing < until && rng.chance(SURVEY.closingCsatChance)) answer('csat', closing);
    const onboarding = start + rng.uniform(20, 40);
    if (onboarding < until && rng.chance(SURVEY.onboardingCsatChance)) answer('csat', onboarding);
    for (let k = 1; ; k++) {
      const r = start + SURVEY.everyDays * k + rng.uniform(-10, 10);
      if (r >= until) break;
      if (rng.chance(SURVEY.npsChance)) answer('nps', r);
      if (rng.chance(SURVEY.csatChance)) answer('csat', r);
    }
  }
}
