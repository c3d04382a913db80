// Row validation of every entity: one good row is stored with its typed values; bad rows are
// reported one problem per broken rule, each naming file, line, column and value, and an
// import with any bad row writes nothing.
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import type { Store } from '../../src/store/store.js';
import type { EntityName } from '../../src/model/fields.js';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { useTempDir } from '../helpers/tmp.js';
import { testDb } from '../helpers/test-store.js';
import { count, errorsBrief, importOne, openStore, referenceCsv } from '../helpers/store.js';

const tmp = useTempDir('quotient-validation-');
let store: Store;

beforeAll(async () => {
  store = await openStore(testDb(tmp, 'store.duckdb'));
  const order: EntityName[] = ['teams', 'reps', 'accounts', 'products', 'leads', 'opportunities'];
  const specs = order.map((e) => ({ entity: e, path: tmp.write(`ref/${e}.csv`, referenceCsv[e]!), mapping: emptyMapping() }));
  const r = await importFiles(store, specs);
  expect(r.ok).toBe(true);
});

afterAll(async () => {
  await store?.close();
});

interface Case {
  entity: EntityName;
  header: string;
  good: string;
  /** The good row as stored (read back with SELECT *). */
  stored: Record<string, unknown>;
  key: string;
  /** Bad rows, written after the good row (so the first is on line 3). */
  bad: string[];
  /** Expected errors as `line column code value`, sorted by line then column. */
  problems: string[];
}

const cases: Case[] = [
  {
    entity: 'teams',
    header: 'team_id,name,manager_rep_id,region',
    good: 'T9,West,R1,EMEA',
    stored: { team_id: 'T9', name: 'West', manager_rep_id: 'R1', region: 'EMEA' },
    key: 'team_id',
    bad: ['T10,,,', 'T9,Dup,,', 'T11,X,R404,'],
    problems: ['3 name required null', '4 team_id duplicate_key "T9"', '5 manager_rep_id unknown_reference "R404"'],
  },
  {
    entity: 'reps',
    header: 'rep_id,name,email,team_id,role,hire_date,end_date',
    good: 'R9,Nina Novak,nina@example.com,T1,Manager,2024-01-15,',
    stored: { rep_id: 'R9', name: 'Nina Novak', email: 'nina@example.com', team_id: 'T1', role: 'manager', hire_date: '2024-01-15', end_date: null },
    key: 'rep_id',
    bad: [',No Id,,,,,', 'R10,Bob,not-an-email,,boss,2024-13-01,', 'R11,Cy,,T404,,2025-01-01,2024-01-01', 'R9,Again,,,,,'],
    problems: [
      '3 rep_id required null',
      '4 email bad_value "not-an-email"',
      '4 hire_date bad_value "2024-13-01"',
      '4 role not_allowed "boss"',
      '5 end_date inconsistent "2024-01-01"',
      '5 team_id unknown_reference "T404"',
      '6 rep_id duplicate_key "R9"',
    ],
  },
  {
    entity: 'accounts',
    header: 'account_id,name,segment,industry,region,country,acquisition_channel',
    good: 'A9,"Müller & Söhne, GmbH",enterprise,Manufacturing,EMEA,DE,web',
    stored: { account_id: 'A9', name: 'Müller & Söhne, GmbH', segment: 'enterprise', industry: 'Manufacturing', region: 'EMEA', country: 'DE', acquisition_channel: 'web' },
    key: 'account_id',
    bad: ['A10,,SMB,,,,', 'A9,Dup,,,,,'],
    problems: ['3 name required null', '4 account_id duplicate_key "A9"'],
  },
  {
    entity: 'products',
    header: 'product_id,name,product_line,list_price,unit_cost',
    good: 'P9,Add-on,Extensions,99.99,12.5',
    stored: { product_id: 'P9', name: 'Add-on', product_line: 'Extensions', list_price: 99.99, unit_cost: 12.5 },
    key: 'product_id',
    bad: ['P10,Gadget,,-5,abc', 'P11,,,,'],
    problems: ['3 list_price out_of_range "-5"', '3 unit_cost bad_value "abc"', '4 name required null'],
  },
  {
    entity: 'pipeline_stages',
    header: 'stage,position,probability',
    good: 'Closing,5,0.8',
    stored: { stage: 'Closing', position: 5, probability: 0.8 },
    key: 'stage',
    bad: ['Proposal,x,1.5', 'Negotiation,-1,', 'Half,1.5,', 'Closing,6,'],
    problems: [
      '3 position bad_value "x"',
      '3 probability out_of_range "1.5"',
      '4 position out_of_range "-1"',
      '5 position bad_value "1.5"',
      '6 stage duplicate_key "Closing"',
    ],
  },
  {
    entity: 'fx_rates',
    header: 'date,currency,rate',
    good: '2026-01-01,EUR,1.08',
    stored: { date: '2026-01-01', currency: 'EUR', rate: 1.08 },
    key: 'date, currency',
    bad: ['2026-01-01,XYZ,1', '2026-01-01,EUR,1.09', '2026-01-02,GBP,0', '31.01.2026,GBP,-1'],
    problems: [
      '3 currency unknown_currency "XYZ"',
      '4 date, currency duplicate_key "2026-01-01 + EUR"',
      '5 rate out_of_range "0"',
      '6 date bad_value "31.01.2026"',
      '6 rate out_of_range "-1"',
    ],
  },
  {
    entity: 'leads',
    header: 'lead_id,created_at,source,rep_id,account_id,status,converted_at,opportunity_id',
    good: 'L9,2026-01-05T10:00:00Z,web,R1,A1,converted,2026-01-06T10:00:00+01:00,O1',
    stored: { lead_id: 'L9', created_at: '2026-01-05T10:00:00.000Z', source: 'web', rep_id: 'R1', account_id: 'A1', status: 'converted', converted_at: '2026-01-06T09:00:00.000Z', opportunity_id: 'O1' },
    key: 'lead_id',
    bad: ['L10,yesterday,,R404,A404,maybe,,', 'L11,2026-01-05T10:00:00Z,web,,,open,2025-01-01T00:00:00Z,', 'L9,2026-01-05T10:00:00Z,web,,,open,,'],
    problems: [
      '3 account_id unknown_reference "A404"',
      '3 created_at bad_value "yesterday"',
      '3 rep_id unknown_reference "R404"',
      '3 source required null',
      '3 status not_allowed "maybe"',
      '4 converted_at inconsistent "2025-01-01T00:00:00Z"',
      '5 lead_id duplicate_key "L9"',
    ],
  },
  {
    entity: 'opportunities',
    header: 'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,lead_id,source,technique,expected_close_date,probability,lost_reason',
    good: 'O9,A1,R1,2026-01-10T09:00:00Z,Won,Negotiation,1000.50,eur,2026-02-01T12:00:00Z,L1,web,SPIN,2026-02-15,0.9,',
    stored: {
      opportunity_id: 'O9', account_id: 'A1', rep_id: 'R1', created_at: '2026-01-10T09:00:00.000Z', status: 'won', stage: 'Negotiation', amount: 1000.5, currency: 'EUR',
      closed_at: '2026-02-01T12:00:00.000Z', lead_id: 'L1', source: 'web', technique: 'SPIN', expected_close_date: '2026-02-15', probability: 0.9, lost_reason: null,
    },
    key: 'opportunity_id',
    bad: [
      'O10,A1,R404,2026-01-10T09:00:00Z,won,,-5,XYZ,,,,,,1.5,',
      'O11,,R1,not-a-time,pending,,12abc,,,,,,31.02.2026,,',
      'O12,,R1,2026-01-10T09:00:00Z,lost,,10,,2026-01-09T00:00:00Z,,,,,,price',
      'O13,,,2026-01-10T09:00:00Z,open,,,,,,,,,,',
      'O9,,R1,2026-01-10T09:00:00Z,open,,10,,,,,,,,',
    ],
    problems: [
      '3 amount out_of_range "-5"',
      '3 closed_at required null',
      '3 currency unknown_currency "XYZ"',
      '3 probability out_of_range "1.5"',
      '3 rep_id unknown_reference "R404"',
      '4 amount bad_value "12abc"',
      '4 created_at bad_value "not-a-time"',
      '4 expected_close_date bad_value "31.02.2026"',
      '4 status not_allowed "pending"',
      '5 closed_at inconsistent "2026-01-09T00:00:00Z"',
      '6 amount required null',
      '6 rep_id required null',
      '7 opportunity_id duplicate_key "O9"',
    ],
  },
  {
    entity: 'stage_changes',
    header: 'opportunity_id,stage,entered_at',
    good: 'O1,Demo,2026-01-11T00:00:00Z',
    stored: { opportunity_id: 'O1', stage: 'Demo', entered_at: '2026-01-11T00:00:00.000Z' },
    key: 'opportunity_id, stage, entered_at',
    // The last row is the same instant written with another offset: the same key.
    bad: ['O404,Demo,2026-01-11T00:00:00Z', 'O1,,2026-99-01', 'O1,Demo,2026-01-11T01:00:00+01:00'],
    problems: [
      '3 opportunity_id unknown_reference "O404"',
      '4 entered_at bad_value "2026-99-01"',
      '4 stage required null',
      '5 opportunity_id, stage, entered_at duplicate_key "O1 + Demo + 2026-01-11T01:00:00+01:00"',
    ],
  },
  {
    entity: 'line_items',
    header: 'opportunity_id,product_id,quantity,unit_price,discount',
    good: 'O1,P1,2,10.5,0.1',
    stored: { opportunity_id: 'O1', product_id: 'P1', quantity: 2, unit_price: 10.5, discount: 0.1 },
    key: 'opportunity_id, product_id',
    bad: ['O1,P404,0,-1,1.5', 'O1,P1,1,1,', ',P1,x,y,z', 'O404,P1,-2,5,'],
    problems: [
      '3 discount out_of_range "1.5"',
      '3 product_id unknown_reference "P404"',
      '3 quantity out_of_range "0"',
      '3 unit_price out_of_range "-1"',
      '4 opportunity_id, product_id duplicate_key "O1 + P1"',
      '5 discount bad_value "z"',
      '5 opportunity_id required null',
      '5 quantity bad_value "x"',
      '5 unit_price bad_value "y"',
      '6 opportunity_id unknown_reference "O404"',
      '6 quantity out_of_range "-2"',
    ],
  },
  {
    entity: 'activities',
    header: 'activity_id,rep_id,type,occurred_at,opportunity_id,account_id,lead_id,outcome,duration_seconds',
    good: 'AC9,R1,Call,2026-01-12T10:00:00Z,O1,A1,L1,connected,300',
    stored: { activity_id: 'AC9', rep_id: 'R1', type: 'call', occurred_at: '2026-01-12T10:00:00.000Z', opportunity_id: 'O1', account_id: 'A1', lead_id: 'L1', outcome: 'connected', duration_seconds: 300 },
    key: 'activity_id',
    bad: ['AC10,R404,fax,2026-01-12T10:00:00Z,O404,A404,L404,,-3', 'AC11,R1,call,soon,,,,,1.5', 'AC9,R1,call,2026-01-12T10:00:00Z,,,,,'],
    problems: [
      '3 account_id unknown_reference "A404"',
      '3 duration_seconds out_of_range "-3"',
      '3 lead_id unknown_reference "L404"',
      '3 opportunity_id unknown_reference "O404"',
      '3 rep_id unknown_reference "R404"',
      '3 type not_allowed "fax"',
      '4 duration_seconds bad_value "1.5"',
      '4 occurred_at bad_value "soon"',
      '5 activity_id duplicate_key "AC9"',
    ],
  },
  {
    entity: 'spend',
    header: 'spend_id,date,channel,category,amount,currency',
    good: 'S9,2026-01-01,web,marketing,100.25,EUR',
    stored: { spend_id: 'S9', date: '2026-01-01', channel: 'web', category: 'marketing', amount: 100.25, currency: 'EUR' },
    key: 'spend_id',
    bad: ['S10,2026-02-30,,ads,-1,XYZ', 'S11,01/02/2026,web,sales,1.234,', 'S9,2026-01-01,web,sales,1,'],
    problems: [
      '3 amount out_of_range "-1"',
      '3 category not_allowed "ads"',
      '3 channel required null',
      '3 currency unknown_currency "XYZ"',
      '3 date bad_value "2026-02-30"',
      '4 date bad_value "01/02/2026"',
      '5 spend_id duplicate_key "S9"',
    ],
  },
  {
    entity: 'targets',
    header: 'target_id,kpi,scope,scope_id,period_start,period_end,value',
    good: 'G9,revenue,rep,R1,2026-01-01,2026-03-31,100000',
    stored: { target_id: 'G9', kpi: 'revenue', scope: 'rep', scope_id: 'R1', period_start: '2026-01-01', period_end: '2026-03-31', value: 100000 },
    key: 'target_id',
    bad: ['G10,revenue,team,,2026-04-01,2026-03-31,abc', 'G11,,galaxy,,2026-01-01,2026-01-31,1', 'G9,revenue,company,,2026-01-01,2026-01-31,1'],
    problems: [
      '3 period_end inconsistent "2026-03-31"',
      '3 scope_id required null',
      '3 value bad_value "abc"',
      '4 kpi required null',
      '4 scope not_allowed "galaxy"',
      '5 target_id duplicate_key "G9"',
    ],
  },
  {
    entity: 'survey_responses',
    header: 'response_id,kind,score,responded_at,account_id,rep_id,opportunity_id,scale_max',
    good: 'N9,nps,9,2026-01-20T10:00:00Z,A1,R1,O1,',
    stored: { response_id: 'N9', kind: 'nps', score: 9, responded_at: '2026-01-20T10:00:00.000Z', account_id: 'A1', rep_id: 'R1', opportunity_id: 'O1', scale_max: null },
    key: 'response_id',
    bad: ['N10,nps,11,2026-01-20T10:00:00Z,,,,', 'N11,csat,6,2026-01-20T10:00:00Z,,,,', 'N12,ces,-1,x,A404,,,', 'N9,nps,1,2026-01-20T10:00:00Z,,,,'],
    problems: [
      '3 score out_of_range "11"',
      '4 score out_of_range "6"',
      '5 account_id unknown_reference "A404"',
      '5 kind not_allowed "ces"',
      '5 responded_at bad_value "x"',
      '5 score out_of_range "-1"',
      '6 response_id duplicate_key "N9"',
    ],
  },
  {
    entity: 'subscriptions',
    header: 'subscription_id,account_id,started_at,ended_at,mrr,currency',
    good: 'U9,A1,2026-01-01T00:00:00Z,,99.9,EUR',
    stored: { subscription_id: 'U9', account_id: 'A1', started_at: '2026-01-01T00:00:00.000Z', ended_at: null, mrr: 99.9, currency: 'EUR' },
    key: 'subscription_id',
    bad: ['U10,A404,2026-01-01T00:00:00Z,2025-01-01T00:00:00Z,-1,XYZ', 'U11,,,,,', 'U9,A1,2026-01-01T00:00:00Z,,1,'],
    problems: [
      '3 account_id unknown_reference "A404"',
      '3 currency unknown_currency "XYZ"',
      '3 ended_at inconsistent "2025-01-01T00:00:00Z"',
      '3 mrr out_of_range "-1"',
      '4 account_id required null',
      '4 started_at required null',
      '5 subscription_id duplicate_key "U9"',
    ],
  },
];

describe('row validation per entity', () => {
  test.each(cases)('$entity: bad rows are reported with line, column and value, and nothing is written', async (c) => {
    const before = await count(store, c.entity);
    const path = tmp.write(`bad/${c.entity}.csv`, [c.header, c.good, ...c.bad].join('\n') + '\n');
    const r = await importOne(store, c.entity, path);
    expect(r.ok).toBe(false);
    expect(r.written).toBe(false);
    expect(r.entities).toEqual([]);
    expect(errorsBrief(r)).toEqual(c.problems);
    expect(r.errorCount).toBe(c.problems.length);
    expect(r.warningCount).toBe(0);
    for (const p of r.problems) {
      expect(p.file).toBe(`${c.entity}.csv`);
      expect(p.severity).toBe('error');
      expect(p.expected.length).toBeGreaterThan(5);
    }
    expect(await count(store, c.entity)).toBe(before);
  });

  test.each(cases)('$entity: the good row is stored with typed values', async (c) => {
    const path = tmp.write(`good/${c.entity}.csv`, [c.header, c.good].join('\n') + '\n');
    const r = await importOne(store, c.entity, path);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.written).toBe(true);
    expect(r.entities.map(({ entity, rows, inserted, updated, unchanged, rejected }) => ({ entity, rows, inserted, updated, unchanged, rejected }))).toEqual([
      { entity: c.entity, rows: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0 },
    ]);
    const where = Object.entries(c.stored)
      .filter(([k]) => c.key.split(', ').includes(k))
      .map(([k, v]) => `"${k}" = '${String(v).replace('.000Z', 'Z')}'`)
      .join(' AND ');
    const rows = await store.query(`SELECT * FROM ${c.entity} WHERE ${where}`);
    expect(rows).toEqual([c.stored]);
  });
});

describe('what each problem says was expected', () => {
  async function problemsOf(entity: EntityName, text: string) {
    const r = await importOne(store, entity, tmp.write(`expect/${entity}.csv`, text));
    expect(r.written).toBe(false);
    return r.problems;
  }

  it('names the rule that was broken', async () => {
    const opp = await problemsOf(
      'opportunities',
      'opportunity_id,rep_id,created_at,status,amount,currency,closed_at,probability,expected_close_date\n' +
        'O20,R1,2026-01-10T09:00:00Z,won,-5,XYZ,,1.5,31.02.2026\n' +
        'O21,R1,soon,open,12abc,,,,\n' +
        'O22,R1,2026-01-10T09:00:00Z,lost,1,,2026-01-01T00:00:00Z,,\n' +
        'O23,,2026-01-10T09:00:00Z,maybe,1,,,,\n',
    );
    const by = (line: number, column: string) => opp.find((p) => p.line === line && p.column === column)?.expected;
    expect(by(2, 'amount')).toBe('a number that is not negative (0 or more)');
    expect(by(2, 'currency')).toBe('an ISO 4217 currency code like USD, EUR, GBP or TRY');
    expect(by(2, 'closed_at')).toBe('a closed_at date-time (required when status is won or lost)');
    expect(by(2, 'probability')).toBe('a number from 0 to 1');
    expect(by(2, 'expected_close_date')).toBe('a date like 2026-03-31');
    expect(by(3, 'created_at')).toBe('a date-time like 2026-03-31T14:30:00 or 2026-03-31T14:30:00+02:00');
    expect(by(3, 'amount')).toBe('a decimal amount like 1234.50 (for a decimal comma like 1234,50 use --decimal-comma)');
    expect(by(4, 'closed_at')).toBe('closed_at on or after created_at');
    expect(by(5, 'rep_id')).toBe('a value (required; a non-empty identifier)');
    expect(by(5, 'status')).toContain('one of: open, won, lost');
  });

  it('says the NPS and CSAT ranges', async () => {
    const ps = await problemsOf('survey_responses', 'response_id,kind,score,responded_at\nN30,nps,11,2026-01-20T10:00:00Z\nN31,csat,6,2026-01-20T10:00:00Z\n');
    expect(ps.map((p) => [p.line, p.expected])).toEqual([
      [2, 'an NPS score from 0 to 10'],
      [3, 'a CSAT score from 1 to scale_max (default 5)'],
    ]);
  });

  it('says the target period rule', async () => {
    const ps = await problemsOf('targets', 'target_id,kpi,scope,period_start,period_end,value\nG30,revenue,company,2026-04-01,2026-03-31,1\n');
    expect(ps.map((p) => [p.line, p.column, p.value, p.expected])).toEqual([[2, 'period_end', '2026-03-31', 'period_end on or after period_start']]);
  });

  it('names the referenced entity in the singular: "an existing rep"', async () => {
    const ps = await problemsOf('opportunities', 'opportunity_id,rep_id,created_at,status,amount\nO40,R404,2026-01-10T09:00:00Z,open,1\n');
    expect(ps.map((p) => [p.line, p.column, p.value, p.expected])).toEqual([
      [2, 'rep_id', 'R404', 'the id of an existing rep (no reps record has rep_id = this value, in the store or in this import)'],
    ]);
  });

  it('names the referenced entity in the singular: "an existing opportunity"', async () => {
    const ps = await problemsOf('stage_changes', 'opportunity_id,stage,entered_at\nO404,Demo,2026-01-11T00:00:00Z\n');
    expect(ps).toHaveLength(1);
    expect(ps[0].expected).toContain('the id of an existing opportunity (');
  });

  it('describes a duplicate key without internal column names', async () => {
    const ps = await problemsOf('reps', 'rep_id,name\nR50,Ann\nR50,Ann again\n');
    expect(ps.map((p) => [p.line, p.column, p.value, p.code])).toEqual([[3, 'rep_id', 'R50', 'duplicate_key']]);
    expect(ps[0].expected).toContain('a unique rep_id');
    expect(ps[0].expected).not.toMatch(/__v/);
  });
});
