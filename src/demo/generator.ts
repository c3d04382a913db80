// The demo-data run: opens one CSV per entity, writes the reference data, streams the months
// of leads and opportunities, then writes the entities that summarise the run.
import { mkdir } from 'node:fs/promises';
import { entities } from '../model/entities.js';
import { UserError } from '../util/errors.js';
import { Accounts } from './accounts.js';
import { ActivityWriter } from './activities.js';
import { Calendar } from './calendar.js';
import { PRODUCTS, STAGE_PROBABILITY, STAGES } from './catalog.js';
import { CsvSet, csvText } from './csv-writer.js';
import { CustomerWriter } from './customers.js';
import { FxRates } from './fx.js';
import type { DemoOptions, DemoSummary } from './index.js';
import { LeadWriter, leadsPerMonth } from './leads.js';
import { OpportunityWriter } from './opportunities.js';
import { People } from './people.js';
import { writeSpend } from './spend.js';
import { RevenueLedger, writeTargets } from './targets.js';

/** The columns each writer produces, in order; checked against the model so rows never drift from headers. */
const WRITTEN_COLUMNS: Record<string, string> = {
  teams: 'team_id,name,manager_rep_id,region',
  reps: 'rep_id,name,email,team_id,role,hire_date,end_date',
  accounts: 'account_id,name,segment,industry,region,country,acquisition_channel',
  products: 'product_id,name,product_line,list_price,unit_cost',
  pipeline_stages: 'stage,position,probability',
  leads: 'lead_id,created_at,source,rep_id,account_id,status,converted_at,opportunity_id',
  opportunities: 'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,lead_id,source,technique,expected_close_date,probability,lost_reason',
  stage_changes: 'opportunity_id,stage,entered_at',
  line_items: 'opportunity_id,product_id,quantity,unit_price,discount',
  activities: 'activity_id,rep_id,type,occurred_at,opportunity_id,account_id,lead_id,outcome,duration_seconds',
  spend: 'spend_id,date,channel,category,amount,currency',
  targets: 'target_id,kpi,scope,scope_id,period_start,period_end,value',
  survey_responses: 'response_id,kind,score,responded_at,account_id,rep_id,opportunity_id,scale_max',
  subscriptions: 'subscription_id,account_id,started_at,ended_at,mrr,currency',
  fx_rates: 'date,currency,rate',
};

function positiveInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UserError('bad_argument', `${name}: ${value} is out of range; expected a whole number from ${min} to ${max}`);
  }
  return value;
}

export async function runDemo(outDir: string, options: DemoOptions): Promise<DemoSummary> {
  if (!Number.isFinite(options.seed)) throw new UserError('bad_argument', `seed: ${options.seed} is not a number`);
  const seed = Math.floor(options.seed);
  const reps = positiveInteger('reps', options.reps, 3, 100_000);
  const months = positiveInteger('months', options.months, 1, 600);
  const opportunities = positiveInteger('opportunities', options.opportunities, 1, 1_000_000_000);
  const cal = new Calendar(options.asOf, months, options.timezone ?? 'UTC');
  const progress = options.onProgress ?? (() => {});

  await mkdir(outDir, { recursive: true });
  const files = new CsvSet(outDir);
  try {
    for (const e of entities) {
      const header = e.fields.map((f) => f.name);
      if (WRITTEN_COLUMNS[e.name] !== header.join(',')) throw new Error(`demo data: the columns of ${e.name} changed in the model; update the demo writer`);
      files.open(e.name, header);
    }
    const people = new People(reps, cal, seed);
    const fx = new FxRates(cal, seed);
    const accounts = new Accounts(seed, Math.max(20, Math.round(opportunities * 0.05)));
    people.writeTeams(files.get('teams'));
    people.writeReps(files.get('reps'));
    for (const p of PRODUCTS) files.get('products').row(`${p.id},${csvText(p.name)},${p.line},${p.listPrice}.00,${p.unitCost}.00`);
    STAGES.forEach((s, i) => files.get('pipeline_stages').row(`${s},${i + 1},${STAGE_PROBABILITY[i]}`));
    fx.write(files.get('fx_rates'));

    const ledger = new RevenueLedger(people.reps.length, months);
    const activities = new ActivityWriter(files.get('activities'), cal, people, seed);
    const customers = new CustomerWriter(files.get('subscriptions'), files.get('survey_responses'), cal, people, seed);
    const opps = new OpportunityWriter(
      { opportunities: files.get('opportunities'), stageChanges: files.get('stage_changes'), lineItems: files.get('line_items') },
      { cal, people, accounts, fx, activities, customers, ledger },
      seed,
    );
    const leads = new LeadWriter(files.get('leads'), cal, people, accounts, opps, activities, seed);
    const report = (names: readonly string[]) => {
      for (const n of names) progress(n, files.get(n).rows);
    };
    const streaming = ['leads', 'opportunities', 'stage_changes', 'line_items', 'activities', 'subscriptions', 'survey_responses'];
    const perMonth = leadsPerMonth(cal, opportunities);
    for (let m = 0; m < months; m++) {
      await leads.month(m, perMonth[m], files, () => report(['leads', 'opportunities', 'activities']));
      report(streaming);
    }
    writeSpend(files.get('spend'), cal, people, fx, leads.bySourceMonth, activities.meetingsByMonth, seed);
    writeTargets(files.get('targets'), cal, people, ledger);
    await accounts.write(files.get('accounts'), files);
    await files.closeAll();
    const summary: DemoSummary = { files: {} };
    for (const f of files.all()) {
      summary.files[f.entity] = { path: f.path, rows: f.rows };
      progress(f.entity, f.rows);
    }
    return summary;
  } catch (err) {
    files.abortAll();
    throw err;
  }
}
