// The canonical data model (shared/spec/data-model.md) as data: one definition per entity.
// Migrations, import validation, export, demo data and docs all read these definitions.
import type { EntityName, Field } from './fields.js';

export interface EntityDef {
  name: EntityName;
  /** Columns that identify a record; re-importing a record with the same key updates it. */
  key: readonly string[];
  fields: readonly Field[];
  doc: string;
}

const LEAD_STATUS = ['open', 'converted', 'disqualified'] as const;
const OPP_STATUS = ['open', 'won', 'lost'] as const;
const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'social', 'other'] as const;

export const entities: readonly EntityDef[] = [
  {
    name: 'teams',
    key: ['team_id'],
    doc: 'Sales teams, each with a manager.',
    fields: [
      { name: 'team_id', kind: 'id', required: true, doc: 'stable id of the team' },
      { name: 'name', kind: 'text', required: true, doc: 'team name' },
      { name: 'manager_rep_id', kind: 'id', ref: { entity: 'reps', column: 'rep_id' }, doc: 'the rep who manages the team' },
      { name: 'region', kind: 'text', doc: 'sales region' },
    ],
  },
  {
    name: 'reps',
    key: ['rep_id'],
    doc: 'Sales representatives and managers.',
    fields: [
      { name: 'rep_id', kind: 'id', required: true, doc: 'stable id of the rep' },
      { name: 'name', kind: 'text', required: true, doc: 'full name' },
      { name: 'email', kind: 'email', doc: 'e-mail address' },
      { name: 'team_id', kind: 'id', ref: { entity: 'teams', column: 'team_id' }, doc: 'team the rep belongs to' },
      { name: 'role', kind: 'enum', values: ['rep', 'manager'], doc: 'rep or manager' },
      { name: 'hire_date', kind: 'date', doc: 'first day; drives ramp time' },
      { name: 'end_date', kind: 'date', doc: 'last day, if the rep left' },
    ],
  },
  {
    name: 'accounts',
    key: ['account_id'],
    doc: 'Customer and prospect companies.',
    fields: [
      { name: 'account_id', kind: 'id', required: true, doc: 'stable id of the account' },
      { name: 'name', kind: 'text', required: true, doc: 'company name' },
      { name: 'segment', kind: 'text', doc: 'segment, e.g. SMB, mid-market, enterprise' },
      { name: 'industry', kind: 'text', doc: 'industry' },
      { name: 'region', kind: 'text', doc: 'region' },
      { name: 'country', kind: 'text', doc: 'country' },
      { name: 'acquisition_channel', kind: 'text', doc: 'channel through which the customer was acquired' },
    ],
  },
  {
    name: 'products',
    key: ['product_id'],
    doc: 'The product catalogue.',
    fields: [
      { name: 'product_id', kind: 'id', required: true, doc: 'stable id of the product' },
      { name: 'name', kind: 'text', required: true, doc: 'product name' },
      { name: 'product_line', kind: 'text', doc: 'product line' },
      { name: 'list_price', kind: 'money', min: 0, doc: 'list price in the reporting currency' },
      { name: 'unit_cost', kind: 'money', min: 0, doc: 'cost per unit in the reporting currency; drives margins' },
    ],
  },
  {
    name: 'pipeline_stages',
    key: ['stage'],
    doc: 'The ordered stages of the sales process (won and lost are statuses, not stages).',
    fields: [
      { name: 'stage', kind: 'id', required: true, doc: 'stage name' },
      { name: 'position', kind: 'integer', required: true, min: 0, doc: 'order of the stage, lowest first' },
      { name: 'probability', kind: 'decimal', min: 0, max: 1, doc: 'probability of winning from this stage, 0 to 1' },
    ],
  },
  {
    name: 'leads',
    key: ['lead_id'],
    doc: 'Leads from every source.',
    fields: [
      { name: 'lead_id', kind: 'id', required: true, doc: 'stable id of the lead' },
      { name: 'created_at', kind: 'timestamp', required: true, doc: 'when the lead was created' },
      { name: 'source', kind: 'text', required: true, doc: 'lead source / channel' },
      { name: 'rep_id', kind: 'id', ref: { entity: 'reps', column: 'rep_id' }, doc: 'owning rep' },
      { name: 'account_id', kind: 'id', ref: { entity: 'accounts', column: 'account_id' }, doc: 'account of the lead' },
      { name: 'status', kind: 'enum', required: true, values: LEAD_STATUS, doc: 'open, converted or disqualified' },
      { name: 'converted_at', kind: 'timestamp', doc: 'when the lead converted' },
      { name: 'opportunity_id', kind: 'id', doc: 'the opportunity the lead converted into' },
    ],
  },
  {
    name: 'opportunities',
    key: ['opportunity_id'],
    doc: 'Deals, open and closed.',
    fields: [
      { name: 'opportunity_id', kind: 'id', required: true, doc: 'stable id of the opportunity' },
      { name: 'account_id', kind: 'id', ref: { entity: 'accounts', column: 'account_id' }, doc: 'account' },
      { name: 'rep_id', kind: 'id', required: true, ref: { entity: 'reps', column: 'rep_id' }, doc: 'owning rep' },
      { name: 'created_at', kind: 'timestamp', required: true, doc: 'when the opportunity was created' },
      { name: 'status', kind: 'enum', required: true, values: OPP_STATUS, doc: 'open, won or lost' },
      { name: 'stage', kind: 'text', doc: 'current stage' },
      { name: 'amount', kind: 'money', required: true, min: 0, doc: 'deal amount in `currency`' },
      { name: 'currency', kind: 'currency', doc: 'ISO 4217 code; empty means the reporting currency' },
      { name: 'closed_at', kind: 'timestamp', doc: 'when it was won or lost (required unless open)' },
      { name: 'lead_id', kind: 'id', doc: 'the lead it came from' },
      { name: 'source', kind: 'text', doc: 'lead source' },
      { name: 'technique', kind: 'text', doc: 'sales technique, playbook or campaign' },
      { name: 'expected_close_date', kind: 'date', doc: 'expected close date' },
      { name: 'probability', kind: 'decimal', min: 0, max: 1, doc: 'probability of winning, 0 to 1' },
      { name: 'lost_reason', kind: 'text', doc: 'why it was lost' },
    ],
  },
  {
    name: 'stage_changes',
    key: ['opportunity_id', 'stage', 'entered_at'],
    doc: 'Stage history: when each opportunity entered each stage.',
    fields: [
      { name: 'opportunity_id', kind: 'id', required: true, ref: { entity: 'opportunities', column: 'opportunity_id' }, doc: 'opportunity' },
      { name: 'stage', kind: 'text', required: true, doc: 'stage entered' },
      { name: 'entered_at', kind: 'timestamp', required: true, doc: 'when the stage was entered' },
    ],
  },
  {
    name: 'line_items',
    key: ['opportunity_id', 'product_id'],
    doc: 'Products sold in an opportunity; their sum is the opportunity’s value.',
    fields: [
      { name: 'opportunity_id', kind: 'id', required: true, ref: { entity: 'opportunities', column: 'opportunity_id' }, doc: 'opportunity' },
      { name: 'product_id', kind: 'id', required: true, ref: { entity: 'products', column: 'product_id' }, doc: 'product' },
      { name: 'quantity', kind: 'decimal', required: true, greaterThan: 0, doc: 'quantity, more than 0' },
      { name: 'unit_price', kind: 'money', required: true, min: 0, doc: 'price per unit in the opportunity’s currency' },
      { name: 'discount', kind: 'decimal', min: 0, max: 1, doc: 'discount as a fraction, 0 to 1' },
    ],
  },
  {
    name: 'activities',
    key: ['activity_id'],
    doc: 'Calls, e-mails, meetings, demos and social touches.',
    fields: [
      { name: 'activity_id', kind: 'id', required: true, doc: 'stable id of the activity' },
      { name: 'rep_id', kind: 'id', required: true, ref: { entity: 'reps', column: 'rep_id' }, doc: 'rep who did it' },
      { name: 'type', kind: 'enum', required: true, values: ACTIVITY_TYPES, doc: 'call, email, meeting, demo, social or other' },
      { name: 'occurred_at', kind: 'timestamp', required: true, doc: 'when it happened' },
      { name: 'opportunity_id', kind: 'id', ref: { entity: 'opportunities', column: 'opportunity_id' }, doc: 'related opportunity' },
      { name: 'account_id', kind: 'id', ref: { entity: 'accounts', column: 'account_id' }, doc: 'related account' },
      { name: 'lead_id', kind: 'id', ref: { entity: 'leads', column: 'lead_id' }, doc: 'related lead' },
      { name: 'outcome', kind: 'text', doc: 'outcome' },
      { name: 'duration_seconds', kind: 'integer', min: 0, doc: 'duration in seconds' },
    ],
  },
  {
    name: 'spend',
    key: ['spend_id'],
    doc: 'Marketing and sales costs per channel.',
    fields: [
      { name: 'spend_id', kind: 'id', required: true, doc: 'stable id of the cost line' },
      { name: 'date', kind: 'date', required: true, doc: 'day the cost counts on' },
      { name: 'channel', kind: 'text', required: true, doc: 'channel (matches lead sources)' },
      { name: 'category', kind: 'enum', required: true, values: ['marketing', 'sales'], doc: 'marketing or sales' },
      { name: 'amount', kind: 'money', required: true, min: 0, doc: 'amount in `currency`' },
      { name: 'currency', kind: 'currency', doc: 'ISO 4217 code; empty means the reporting currency' },
    ],
  },
  {
    name: 'targets',
    key: ['target_id'],
    doc: 'Targets on any KPI for the company, a team or a rep; quotas are targets on revenue.',
    fields: [
      { name: 'target_id', kind: 'id', required: true, doc: 'stable id of the target' },
      { name: 'kpi', kind: 'text', required: true, doc: 'KPI id, e.g. revenue' },
      { name: 'scope', kind: 'enum', required: true, values: ['company', 'team', 'rep'], doc: 'company, team or rep' },
      { name: 'scope_id', kind: 'id', doc: 'team_id or rep_id (empty for company)' },
      { name: 'period_start', kind: 'date', required: true, doc: 'first day of the target period' },
      { name: 'period_end', kind: 'date', required: true, doc: 'last day of the target period' },
      { name: 'value', kind: 'decimal', required: true, doc: 'target value in the KPI’s unit' },
    ],
  },
  {
    name: 'survey_responses',
    key: ['response_id'],
    doc: 'NPS and CSAT answers.',
    fields: [
      { name: 'response_id', kind: 'id', required: true, doc: 'stable id of the answer' },
      { name: 'kind', kind: 'enum', required: true, values: ['nps', 'csat'], doc: 'nps or csat' },
      { name: 'score', kind: 'integer', required: true, min: 0, doc: 'NPS 0–10; CSAT 1–scale_max' },
      { name: 'responded_at', kind: 'timestamp', required: true, doc: 'when it was answered' },
      { name: 'account_id', kind: 'id', ref: { entity: 'accounts', column: 'account_id' }, doc: 'account' },
      { name: 'rep_id', kind: 'id', ref: { entity: 'reps', column: 'rep_id' }, doc: 'rep' },
      { name: 'opportunity_id', kind: 'id', ref: { entity: 'opportunities', column: 'opportunity_id' }, doc: 'opportunity' },
      { name: 'scale_max', kind: 'integer', min: 2, doc: 'top of the CSAT scale (default 5)' },
    ],
  },
  {
    name: 'subscriptions',
    key: ['subscription_id'],
    doc: 'Customer subscriptions: retention, churn and CLV.',
    fields: [
      { name: 'subscription_id', kind: 'id', required: true, doc: 'stable id of the subscription' },
      { name: 'account_id', kind: 'id', required: true, ref: { entity: 'accounts', column: 'account_id' }, doc: 'customer' },
      { name: 'started_at', kind: 'timestamp', required: true, doc: 'start' },
      { name: 'ended_at', kind: 'timestamp', doc: 'end, if it ended' },
      { name: 'mrr', kind: 'money', min: 0, doc: 'monthly recurring revenue in `currency`' },
      { name: 'currency', kind: 'currency', doc: 'ISO 4217 code; empty means the reporting currency' },
    ],
  },
  {
    name: 'fx_rates',
    key: ['date', 'currency'],
    doc: 'Exchange rates: units of reporting currency per 1 unit of `currency`.',
    fields: [
      { name: 'date', kind: 'date', required: true, doc: 'day of the rate' },
      { name: 'currency', kind: 'currency', required: true, doc: 'ISO 4217 code' },
      { name: 'rate', kind: 'decimal', required: true, greaterThan: 0, doc: 'reporting-currency units per 1 unit' },
    ],
  },
];

/** Entities in dependency order: an entity comes after every entity it references (except self-cycles handled by batching). */
export const importOrder: readonly EntityName[] = [
  'teams',
  'reps',
  'accounts',
  'products',
  'pipeline_stages',
  'fx_rates',
  'leads',
  'opportunities',
  'stage_changes',
  'line_items',
  'activities',
  'spend',
  'targets',
  'survey_responses',
  'subscriptions',
];

const byName = new Map(entities.map((e) => [e.name, e]));

export function entity(name: string): EntityDef | undefined {
  return byName.get(name as EntityName);
}

export function isEntityName(name: string): name is EntityName {
  return byName.has(name as EntityName);
}

export function field(def: EntityDef, name: string): Field | undefined {
  return def.fields.find((f) => f.name === name);
}
