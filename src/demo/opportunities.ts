// One opportunity from a converted lead: its deal, its journey through the pipeline, and the
// rows that follow from it (stage changes, line items, activities, subscription, surveys).
import type { Accounts } from './accounts.js';
import type { ActivityWriter } from './activities.js';
import type { Calendar } from './calendar.js';
import { CURRENCIES, SEGMENTS, SOURCES, STAGE_PROBABILITY, STAGES, TECHNIQUES } from './catalog.js';
import type { CsvFile } from './csv-writer.js';
import type { CustomerWriter } from './customers.js';
import { centsText, Deal } from './deals.js';
import { CYCLE_SIZE_EXPONENT, SEGMENT_EFFECTS, SOURCE_EFFECTS, TECHNIQUE_EFFECTS } from './effects.js';
import type { FxRates } from './fx.js';
import type { People, Rep } from './people.js';
import { Journey } from './pipeline.js';
import { cumulative, Rng } from './random.js';
import type { RevenueLedger } from './targets.js';

const TECHNIQUE_CUM = cumulative(TECHNIQUES.map((t) => TECHNIQUE_EFFECTS[t].share));
const TECHNIQUE_LIFT = TECHNIQUES.map((t) => TECHNIQUE_EFFECTS[t].winLift);
const SOURCE_LIFT = SOURCES.map((s) => SOURCE_EFFECTS[s].winLift);
const SEGMENT_LIFT = SEGMENTS.map((s) => SEGMENT_EFFECTS[s].winLift);
const SEGMENT_CYCLE = SEGMENTS.map((s) => SEGMENT_EFFECTS[s].cycleFactor);
const STAGE_PROB_TEXT = STAGE_PROBABILITY.map(String);
/** Why deals are lost: stale deals fade out; early losses lack budget or timing; late ones lose on price. */
const STALE_REASONS = ['no_decision', 'went_dark'] as const;
const EARLY_REASONS = ['no_budget', 'timing', 'no_decision', 'competitor'] as const;
const LATE_REASONS = ['price', 'price', 'competitor', 'competitor', 'timing', 'no_budget'] as const;

export interface OppFiles {
  opportunities: CsvFile;
  stageChanges: CsvFile;
  lineItems: CsvFile;
}

export interface OppContext {
  cal: Calendar;
  people: People;
  accounts: Accounts;
  fx: FxRates;
  activities: ActivityWriter;
  customers: CustomerWriter;
  ledger: RevenueLedger;
}

export class OpportunityWriter {
  private readonly rng: Rng;
  private readonly itemRng: Rng;
  private readonly deal = new Deal();
  private readonly journey = new Journey();
  private next = 1;
  private readonly writeItem: (line: string) => void;

  constructor(private readonly files: OppFiles, private readonly ctx: OppContext, seed: number) {
    this.rng = new Rng(seed, 'opportunities');
    this.itemRng = new Rng(seed, 'line_items');
    this.writeItem = (line) => files.lineItems.row(line);
  }

  get created(): number {
    return this.next - 1;
  }

  /** Creates the opportunity a lead converted into at raw time r0 and returns its id. */
  create(leadId: string, source: number, account: number, accountId: string, owner: Rep, r0: number): string {
    const { cal, people, accounts, fx } = this.ctx;
    const rng = this.rng;
    const n = this.next++;
    const oppId = 'O' + String(n).padStart(7, '0');
    const segment = accounts.segment(account);
    const currency = accounts.currency(account);
    const day0 = Math.floor(r0);
    this.deal.compose(this.itemRng, segment, currency, fx.rate(currency, day0));
    const technique = rng.pickIndex(TECHNIQUE_CUM);
    const lift = people.winLift(owner, day0) + TECHNIQUE_LIFT[technique] + SOURCE_LIFT[source] + SEGMENT_LIFT[segment];
    const cycleFactor = SEGMENT_CYCLE[segment] * Math.pow(this.deal.relativeSize, CYCLE_SIZE_EXPONENT);
    const j = this.journey;
    j.run(rng, r0, lift, cycleFactor);
    j.pushToQuarterEnd(rng, cal);

    const end = cal.numDays;
    const closed = j.closeAt < end;
    const step = closed ? j.steps - 1 : j.stepAt(end);
    for (let k = 0; k <= step; k++) this.files.stageChanges.row(`${oppId},${STAGES[j.stage[k]]},${cal.stamp(j.at[k])}`);
    const stage = j.stage[step];
    let status: string;
    let closedAt = '';
    let expected: string;
    let probability: string;
    let lostReason = '';
    if (closed) {
      status = j.won ? 'won' : 'lost';
      closedAt = cal.stamp(j.closeAt);
      expected = cal.date(Math.floor(j.closeAt));
      probability = j.won ? '1' : '0';
      if (!j.won) lostReason = this.lostReason(stage, j.stale);
    } else {
      status = 'open';
      expected = cal.date(Math.floor(r0 + Journey.plannedDays(cycleFactor) * rng.uniform(0.8, 1.3)));
      probability = STAGE_PROB_TEXT[stage];
    }
    this.files.opportunities.row(
      `${oppId},${accountId},${owner.id},${cal.stamp(r0)},${status},${STAGES[stage]},${centsText(this.deal.amountCents)},${CURRENCIES[currency]},${closedAt},${leadId},${SOURCES[source]},${TECHNIQUES[technique]},${expected},${probability},${lostReason}`,
    );
    this.deal.lineItemRows(oppId, this.writeItem);
    this.ctx.activities.forOpportunity(oppId, accountId, owner, r0, j.closeAt, j.won);
    if (closed && j.won) {
      const closeDay = Math.floor(j.closeAt);
      accounts.won(account, j.closeAt, source);
      this.ctx.ledger.add(owner.index, cal.monthOf(closeDay), (this.deal.amountCents / 100) * fx.rate(currency, closeDay));
      const mrr = Math.round(this.deal.recurringCents / 12);
      this.ctx.customers.fromWonDeal('S' + String(n).padStart(7, '0'), oppId, accountId, owner, j.closeAt, mrr, currency, accounts.risk(account));
    }
    return oppId;
  }

  private lostReason(stage: number, stale: boolean): string {
    const rng = this.rng;
    if (stale) return rng.pick(STALE_REASONS);
    return rng.pick(stage <= 1 ? EARLY_REASONS : LATE_REASONS);
  }
}
