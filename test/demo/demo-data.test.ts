// The demo data read back from its CSVs: headers, keys, references, value rules, money,
// time bounds and determinism.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCsv, type DemoOptions, type DemoSummary } from '../../src/demo/index.js';
import { entities } from '../../src/model/entities.js';
import { isCurrencyCode } from '../../src/model/currencies.js';
import { readTable, type Table } from './read-csv.js';

/** A small run; DEMO_OPTIONS (JSON) overrides it to sweep other sizes and seeds by hand. */
const OPTIONS: DemoOptions = { seed: 7, reps: 12, months: 6, opportunities: 2000, asOf: '2026-03-31', ...JSON.parse(process.env.DEMO_OPTIONS ?? '{}') };
const AS_OF_END = `${OPTIONS.asOf}T23:59:59Z`;
/** First day of data: the first day of the month `months - 1` months before asOf's month. */
const FIRST_DAY = new Date(Date.UTC(Number(OPTIONS.asOf.slice(0, 4)), Number(OPTIONS.asOf.slice(5, 7)) - OPTIONS.months, 1)).toISOString().slice(0, 10);
const LAST_MONTH = OPTIONS.asOf.slice(0, 7);

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'quotient-demo-'));
  dirs.push(d);
  return d;
}

function fileHashes(summary: DemoSummary): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(summary.files)) out[name] = createHash('sha256').update(readFileSync(f.path)).digest('hex');
  return out;
}

let summary: DemoSummary;
const t: Record<string, Table> = {};
const progress = new Map<string, number>();

beforeAll(async () => {
  summary = await generateDemoCsv(tempDir(), { ...OPTIONS, onProgress: (e, n) => progress.set(e, n) });
  for (const e of entities) t[e.name] = readTable(summary.files[e.name].path);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d+\.\d{2}$/;

describe('demo data files', () => {
  it('writes one file per entity with the model header, rows for every entity, and a matching summary', () => {
    for (const e of entities) {
      expect(t[e.name].header, e.name).toEqual(e.fields.map((f) => f.name));
      expect(t[e.name].rows.length, e.name).toBeGreaterThan(0);
      expect(summary.files[e.name].rows, e.name).toBe(t[e.name].rows.length);
      expect(summary.files[e.name].path.endsWith(`${e.name}.csv`)).toBe(true);
      expect(progress.get(e.name), e.name).toBe(t[e.name].rows.length);
    }
    expect(Math.abs(t.opportunities.rows.length - OPTIONS.opportunities)).toBeLessThan(OPTIONS.opportunities * 0.1);
    expect(t.reps.rows.length).toBe(OPTIONS.reps);
  });

  it('is deterministic: same options give identical bytes, another seed differs', async () => {
    const again = await generateDemoCsv(tempDir(), OPTIONS);
    const other = await generateDemoCsv(tempDir(), { ...OPTIONS, seed: 8 });
    const a = fileHashes(summary);
    expect(fileHashes(again)).toEqual(a);
    const b = fileHashes(other);
    expect(b.opportunities).not.toBe(a.opportunities);
    expect(b.activities).not.toBe(a.activities);
  });

  it('keeps keys unique, references resolvable and values within the model rules', () => {
    const problems: string[] = [];
    const keys = new Map<string, Set<string>>();
    for (const e of entities) {
      const seen = new Set<string>();
      for (const r of t[e.name].rows) {
        const k = e.key.map((c) => r[c]).join('|');
        if (seen.has(k)) problems.push(`${e.name} duplicate key ${k}`);
        seen.add(k);
      }
      if (e.key.length === 1) keys.set(`${e.name}.${e.key[0]}`, seen);
    }
    for (const e of entities) {
      for (const f of e.fields) {
        const target = f.ref ? keys.get(`${f.ref.entity}.${f.ref.column}`) : undefined;
        const numeric = f.kind === 'money' || f.kind === 'decimal' || f.kind === 'integer';
        for (const r of t[e.name].rows) {
          const v = r[f.name];
          const bad = (why: string) => problems.push(`${e.name}.${f.name}=${v}: ${why}`);
          if (v === '') {
            if (f.required) bad('required');
            continue;
          }
          if (target && !target.has(v)) bad('references nothing');
          if (f.values && !f.values.includes(v)) bad('not an allowed value');
          if (f.kind === 'timestamp' && !TS.test(v)) bad('not a UTC timestamp');
          if (f.kind === 'date' && !DATE.test(v)) bad('not a date');
          if (f.kind === 'currency' && !isCurrencyCode(v)) bad('not ISO 4217');
          if (f.kind === 'money' && !MONEY.test(v)) bad('not money with 2 decimals');
          if (f.kind === 'integer' && !Number.isInteger(Number(v))) bad('not an integer');
          if (numeric) {
            const n = Number(v);
            if (!Number.isFinite(n)) bad('not a number');
            if (f.min !== undefined && n < f.min) bad('below min');
            if (f.max !== undefined && n > f.max) bad('above max');
            if (f.greaterThan !== undefined && !(n > f.greaterThan)) bad('not greater than bound');
          }
        }
      }
    }
    // References the model leaves untyped.
    const opps = keys.get('opportunities.opportunity_id')!;
    const leads = keys.get('leads.lead_id')!;
    for (const r of t.leads.rows) if (r.opportunity_id && !opps.has(r.opportunity_id)) problems.push(`lead ${r.lead_id} → missing opportunity`);
    for (const r of t.opportunities.rows) if (!leads.has(r.lead_id)) problems.push(`opportunity ${r.opportunity_id} → missing lead`);
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('gives every team a manager from the team', () => {
    const reps = new Map(t.reps.rows.map((r) => [r.rep_id, r]));
    for (const team of t.teams.rows) {
      const m = reps.get(team.manager_rep_id)!;
      expect(m.role).toBe('manager');
      expect(m.team_id).toBe(team.team_id);
    }
    expect(t.reps.rows.some((r) => r.end_date !== '')).toBe(true);
    const yearAgo = `${Number(OPTIONS.asOf.slice(0, 4)) - 1}${OPTIONS.asOf.slice(4)}`;
    expect(t.reps.rows.some((r) => r.hire_date >= yearAgo)).toBe(true);
  });

  it('closes opportunities consistently and links them to their leads', () => {
    const leads = new Map(t.leads.rows.map((r) => [r.lead_id, r]));
    for (const o of t.opportunities.rows) {
      const closed = o.status !== 'open';
      expect(o.closed_at !== '', o.opportunity_id).toBe(closed);
      if (closed) expect(o.closed_at >= o.created_at, o.opportunity_id).toBe(true);
      if (o.status === 'lost') expect(o.lost_reason).not.toBe('');
      const lead = leads.get(o.lead_id)!;
      expect(lead.status).toBe('converted');
      expect(lead.opportunity_id).toBe(o.opportunity_id);
      expect(lead.converted_at).toBe(o.created_at);
      expect(lead.source).toBe(o.source);
      expect(lead.account_id).toBe(o.account_id);
    }
    for (const l of t.leads.rows) expect(l.status === 'converted').toBe(l.converted_at !== '' && l.opportunity_id !== '');
  });

  it('records stage history in time order within each opportunity’s life', () => {
    const history = new Map<string, { stage: string; at: string }[]>();
    for (const r of t.stage_changes.rows) {
      let h = history.get(r.opportunity_id);
      if (!h) history.set(r.opportunity_id, (h = []));
      h.push({ stage: r.stage, at: r.entered_at });
    }
    const stages = new Set(t.pipeline_stages.rows.map((r) => r.stage));
    for (const o of t.opportunities.rows) {
      const h = history.get(o.opportunity_id)!;
      expect(h[0]).toEqual({ stage: 'Qualification', at: o.created_at });
      for (let i = 1; i < h.length; i++) expect(h[i].at > h[i - 1].at, o.opportunity_id).toBe(true);
      const end = o.closed_at || AS_OF_END;
      expect(h[h.length - 1].at <= end).toBe(true);
      expect(h[h.length - 1].stage).toBe(o.stage);
      for (const s of h) expect(stages.has(s.stage)).toBe(true);
    }
  });

  it('makes line items add up to the opportunity amount to the cent', () => {
    const sums = new Map<string, number>();
    const prices = new Map(t.products.rows.map((p) => [p.product_id, p]));
    for (const li of t.line_items.rows) {
      expect(li.unit_price).toMatch(MONEY);
      expect(prices.has(li.product_id)).toBe(true);
      const v = Number(li.quantity) * Number(li.unit_price) * (1 - Number(li.discount || 0));
      sums.set(li.opportunity_id, (sums.get(li.opportunity_id) ?? 0) + v);
    }
    for (const o of t.opportunities.rows) {
      expect(sums.has(o.opportunity_id), o.opportunity_id).toBe(true);
      expect(Math.round(sums.get(o.opportunity_id)! * 100), o.opportunity_id).toBe(Math.round(Number(o.amount) * 100));
    }
    for (const p of t.products.rows) expect(Number(p.unit_cost)).toBeLessThan(Number(p.list_price));
  });

  it('has daily fx rates for every day and every non-reporting currency in use', () => {
    const have = new Set(t.fx_rates.rows.map((r) => `${r.date}|${r.currency}`));
    const used = new Set<string>();
    for (const name of ['opportunities', 'spend', 'subscriptions']) for (const r of t[name].rows) used.add(r.currency);
    expect([...used].sort()).toEqual(['EUR', 'GBP', 'TRY', 'USD']);
    const days: string[] = [];
    for (let d = new Date(`${FIRST_DAY}T00:00:00Z`); d.toISOString().slice(0, 10) <= OPTIONS.asOf; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
    for (const c of ['EUR', 'GBP', 'TRY']) for (const day of days) expect(have.has(`${day}|${c}`), `${c} ${day}`).toBe(true);
    expect(t.fx_rates.rows.length).toBe(days.length * 3);
    const tryRates = t.fx_rates.rows.filter((r) => r.currency === 'TRY').map((r) => Number(r.rate));
    expect(tryRates[tryRates.length - 1]).toBeLessThan(tryRates[0]);
  });

  it('places activities inside the life of their opportunity and on its account', () => {
    const opps = new Map(t.opportunities.rows.map((o) => [o.opportunity_id, o]));
    const leads = new Map(t.leads.rows.map((l) => [l.lead_id, l]));
    for (const a of t.activities.rows) {
      if (a.opportunity_id) {
        const o = opps.get(a.opportunity_id)!;
        expect(a.account_id).toBe(o.account_id);
        expect(a.occurred_at >= o.created_at && a.occurred_at <= (o.closed_at || AS_OF_END), a.activity_id).toBe(true);
      } else {
        const l = leads.get(a.lead_id)!;
        expect(a.account_id).toBe(l.account_id);
      }
    }
    const perOpp = t.activities.rows.length / t.opportunities.rows.length;
    expect(perOpp).toBeGreaterThan(7);
    expect(perOpp).toBeLessThan(14);
  });

  it('has nothing after asOf and data from the first month on', () => {
    const events: [string, string[]][] = [
      ['leads', ['created_at', 'converted_at']],
      ['opportunities', ['created_at', 'closed_at']],
      ['stage_changes', ['entered_at']],
      ['activities', ['occurred_at']],
      ['survey_responses', ['responded_at']],
      ['subscriptions', ['started_at', 'ended_at']],
      ['spend', ['date']],
      ['fx_rates', ['date']],
      ['reps', ['hire_date', 'end_date']],
      ['targets', ['period_start']],
    ];
    const problems: string[] = [];
    for (const [name, cols] of events) {
      for (const r of t[name].rows) {
        for (const c of cols) {
          if (r[c] === '') continue;
          if (r[c] > AS_OF_END) problems.push(`${name}.${c}=${r[c]} after asOf`);
          if (name !== 'reps' && r[c] < FIRST_DAY) problems.push(`${name}.${c}=${r[c]} before the first day`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    for (const s of t.subscriptions.rows) if (s.ended_at) expect(s.ended_at > s.started_at).toBe(true);
    for (const g of t.targets.rows) expect(g.period_end >= g.period_start).toBe(true);
  });

  it('has open opportunities at asOf, and this month in progress', () => {
    const open = t.opportunities.rows.filter((o) => o.status === 'open');
    expect(open.length).toBeGreaterThan(20);
    expect(t.opportunities.rows.some((o) => o.created_at.startsWith(LAST_MONTH))).toBe(true);
    expect(t.opportunities.rows.some((o) => o.closed_at.startsWith(LAST_MONTH))).toBe(true);
    expect(new Set(open.map((o) => o.stage)).size).toBe(5);
  });

  it('answers surveys on their scales and ties subscriptions to won accounts', () => {
    for (const s of t.survey_responses.rows) {
      const score = Number(s.score);
      if (s.kind === 'nps') {
        expect(score >= 0 && score <= 10).toBe(true);
        expect(s.scale_max).toBe('');
      } else {
        expect(s.scale_max).toBe('5');
        expect(score >= 1 && score <= 5).toBe(true);
      }
    }
    const wonAccounts = new Set(t.opportunities.rows.filter((o) => o.status === 'won').map((o) => o.account_id));
    for (const s of t.subscriptions.rows) expect(wonAccounts.has(s.account_id)).toBe(true);
    const acquired = t.accounts.rows.filter((a) => a.acquisition_channel !== '');
    expect(acquired.length).toBe(wonAccounts.size);
  });

  it('sets revenue quotas per rep and team, monthly and quarterly, and company win-rate targets', () => {
    const kinds = new Set(t.targets.rows.map((g) => `${g.kpi}/${g.scope}`));
    expect([...kinds].sort()).toEqual(['revenue/rep', 'revenue/team', 'win_rate/company']);
    const monthly = t.targets.rows.filter((g) => g.kpi === 'revenue' && g.period_start.slice(0, 7) === g.period_end.slice(0, 7));
    const quarterly = t.targets.rows.filter((g) => g.kpi === 'revenue' && g.period_start.slice(0, 7) !== g.period_end.slice(0, 7));
    expect(monthly.length).toBeGreaterThan(0);
    expect(quarterly.length).toBeGreaterThan(0);
    for (const g of t.targets.rows.filter((x) => x.scope === 'company')) expect(g.scope_id).toBe('');
  });

  it('quotes text with commas and keeps UTF-8 intact', () => {
    const raw = readFileSync(summary.files.accounts.path, 'utf8');
    expect(raw).toMatch(/,"[^"\n]*, Inc\.",/);
    expect(t.accounts.rows.some((a) => a.name.endsWith(', Inc.'))).toBe(true);
    expect(raw.endsWith('\n')).toBe(true);
  });

  it('rejects options it cannot honour', async () => {
    await expect(generateDemoCsv(tempDir(), { ...OPTIONS, asOf: '2026-02-30' })).rejects.toThrow(/asOf/);
    await expect(generateDemoCsv(tempDir(), { ...OPTIONS, reps: 1 })).rejects.toThrow(/reps/);
    await expect(generateDemoCsv(tempDir(), { ...OPTIONS, timezone: 'Mars/Olympus' })).rejects.toThrow(/timezone/);
  });
});
