// The planted effects are recoverable from the default-size demo data with plain counting,
// as docs/demo-data.md promises.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Calendar } from '../../src/demo/calendar.js';
import { DEMO_DEFAULTS, generateDemoCsv } from '../../src/demo/index.js';
import { People } from '../../src/demo/people.js';
import { readTable } from './read-csv.js';

type Row = Record<string, string>;
const AS_OF = '2026-03-31';
/** DEMO_SEED re-runs the checks on another seed: the effects are planted, not lucky. */
const SEED = Number(process.env.DEMO_SEED ?? DEMO_DEFAULTS.seed);
let dir = '';
const t: Record<string, Row[]> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quotient-demo-effects-'));
  const s = await generateDemoCsv(dir, { ...DEMO_DEFAULTS, seed: SEED, asOf: AS_OF });
  for (const [name, f] of Object.entries(s.files)) t[name] = readTable(f.path).rows;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    let g = m.get(k);
    if (!g) m.set(k, (g = []));
    g.push(r);
  }
  return m;
}

function winRate(rows: Row[]): number {
  const won = rows.filter((o) => o.status === 'won').length;
  const lost = rows.filter((o) => o.status === 'lost').length;
  return won / (won + lost);
}

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('planted effects (default options)', () => {
  it('converts referrals best and paid ads worst, 10–30% overall', () => {
    const decided = t.leads.filter((l) => l.status !== 'open');
    const conv = (rows: Row[]) => rows.filter((l) => l.status === 'converted').length / rows.length;
    const bySource = [...groupBy(decided, (l) => l.source)].map(([s, rows]) => [s, conv(rows)] as const).sort((a, b) => b[1] - a[1]);
    expect(bySource.map(([s]) => s)).toHaveLength(6);
    expect(bySource[0][0]).toBe('referral');
    expect(bySource[bySource.length - 1][0]).toBe('paid_ads');
    const overall = conv(decided);
    expect(overall).toBeGreaterThan(0.1);
    expect(overall).toBeLessThan(0.3);
  });

  it('spreads rep win rates around the mean, with the two documented weak reps lowest', () => {
    const weak = new People(DEMO_DEFAULTS.reps, new Calendar(AS_OF, DEMO_DEFAULTS.months, 'UTC'), SEED).sellers.filter((s) => s.weak).map((s) => s.id);
    expect(weak).toEqual(['R012', 'R030']);
    const rates = [...groupBy(t.opportunities, (o) => o.rep_id)]
      .filter(([, rows]) => rows.length >= 200)
      .map(([rep, rows]) => [rep, winRate(rows)] as const)
      .sort((a, b) => a[1] - b[1]);
    expect(rates.slice(0, 2).map(([r]) => r).sort()).toEqual(weak);
    const overall = winRate(t.opportunities);
    expect(overall).toBeGreaterThan(0.18);
    expect(overall).toBeLessThan(0.32);
    for (const [rep, r] of rates) if (weak.includes(rep)) expect(r, rep).toBeLessThan(0.65 * overall);
    const others = rates.filter(([rep]) => !weak.includes(rep)).map(([, r]) => r);
    expect(Math.min(...others)).toBeGreaterThan(0.12);
    expect(Math.max(...others)).toBeLessThan(0.42);
  });

  it('makes challenger the better technique', () => {
    const by = new Map([...groupBy(t.opportunities, (o) => o.technique)].map(([k, rows]) => [k, winRate(rows)]));
    expect(by.get('challenger')! - by.get('solution')!).toBeGreaterThan(0.02);
    expect(by.get('challenger')! - by.get('spin')!).toBeGreaterThan(0.02);
  });

  it('gives won deals more demos and meetings than lost ones', () => {
    const status = new Map(t.opportunities.map((o) => [o.opportunity_id, o.status]));
    const count = (s: string, type: string) =>
      t.activities.filter((a) => a.type === type && status.get(a.opportunity_id) === s).length / t.opportunities.filter((o) => o.status === s).length;
    expect(count('won', 'demo')).toBeGreaterThan(2 * count('lost', 'demo'));
    expect(count('won', 'meeting')).toBeGreaterThan(2 * count('lost', 'meeting'));
  });

  it('makes Proposal the bottleneck, with skipped stages and moves back', () => {
    const order = ['Qualification', 'Discovery', 'Demo', 'Proposal', 'Negotiation'];
    const dwell = new Map<string, number[]>();
    let skips = 0;
    let backs = 0;
    for (const h of groupBy(t.stage_changes, (r) => r.opportunity_id).values()) {
      for (let i = 1; i < h.length; i++) {
        const step = order.indexOf(h[i].stage) - order.indexOf(h[i - 1].stage);
        if (step > 1) skips++;
        if (step < 0) backs++;
        const list = dwell.get(h[i - 1].stage) ?? [];
        list.push(days(h[i - 1].entered_at, h[i].entered_at));
        dwell.set(h[i - 1].stage, list);
      }
    }
    const medians = order.slice(0, 4).map((s) => median(dwell.get(s)!));
    expect(Math.max(...medians)).toBe(medians[3]);
    expect(skips).toBeGreaterThan(100);
    expect(backs).toBeGreaterThan(50);
  });

  it('grows deal size and cycle length from SMB to Enterprise, and stale deals rarely win', () => {
    const segment = new Map(t.accounts.map((a) => [a.account_id, a.segment]));
    const seg = ['SMB', 'Mid-Market', 'Enterprise'];
    const won = t.opportunities.filter((o) => o.status === 'won' && o.currency === 'USD');
    const size = seg.map((s) => median(won.filter((o) => segment.get(o.account_id) === s).map((o) => Number(o.amount))));
    const cycle = seg.map((s) => median(won.filter((o) => segment.get(o.account_id) === s).map((o) => days(o.created_at, o.closed_at))));
    expect(size[0]).toBeLessThan(size[1]);
    expect(size[1]).toBeLessThan(size[2]);
    expect(cycle[0]).toBeLessThan(cycle[1]);
    expect(cycle[1]).toBeLessThan(cycle[2]);
    expect(cycle[0]).toBeGreaterThan(10);
    expect(cycle[2]).toBeGreaterThan(45);
    const closed = t.opportunities.filter((o) => o.status !== 'open');
    const stale = closed.filter((o) => days(o.created_at, o.closed_at) > 2.5 * cycle[seg.indexOf(segment.get(o.account_id)!)]);
    expect(stale.length).toBeGreaterThan(50);
    expect(winRate(stale)).toBeLessThan(winRate(closed) / 2);
  });

  it('pushes wins into quarter ends and dips in summer, while growing', () => {
    const wonMonth = groupBy(t.opportunities.filter((o) => o.status === 'won'), (o) => o.closed_at.slice(5, 7));
    const n = (ms: string[]) => ms.reduce((a, m) => a + (wonMonth.get(m)?.length ?? 0), 0);
    expect(n(['03', '06', '09', '12'])).toBeGreaterThan(1.15 * n(['01', '04', '07', '10']));
    const created = groupBy(t.opportunities, (o) => o.created_at.slice(0, 7));
    const c = (m: string) => created.get(m)!.length;
    expect(c('2025-07') + c('2025-08')).toBeLessThan(0.9 * (c('2025-06') + c('2025-09')));
    expect(c('2026-01') + c('2026-02') + c('2026-03')).toBeGreaterThan(1.3 * (c('2024-04') + c('2024-05') + c('2024-06')));
  });

  it('churns a few percent of subscriptions a month, with lower NPS before churn', () => {
    const months = [...new Set(t.opportunities.map((o) => o.created_at.slice(0, 7)))].sort().slice(6);
    const rates = months.map((m) => {
      const start = `${m}-01T00:00:00Z`;
      const next = new Date(start);
      next.setUTCMonth(next.getUTCMonth() + 1);
      const end = next.toISOString().replace('.000', '');
      const active = t.subscriptions.filter((s) => s.started_at < start && (!s.ended_at || s.ended_at >= start));
      return active.filter((s) => s.ended_at && s.ended_at < end).length / active.length;
    });
    const avg = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(avg).toBeGreaterThan(0.01);
    expect(avg).toBeLessThan(0.06);
    const churned = new Set(t.subscriptions.filter((s) => s.ended_at).map((s) => s.account_id));
    const nps = (rows: Row[]) => (rows.filter((r) => +r.score >= 9).length - rows.filter((r) => +r.score <= 6).length) / rows.length;
    const answers = t.survey_responses.filter((r) => r.kind === 'nps');
    expect(nps(answers.filter((r) => !churned.has(r.account_id))) - nps(answers.filter((r) => churned.has(r.account_id)))).toBeGreaterThan(0.15);
  });

  it('meets some quotas and misses others; costs per opportunity differ by channel', () => {
    const rate = new Map(t.fx_rates.map((r) => [`${r.date}|${r.currency}`, Number(r.rate)]));
    const usd = (o: Row) => Number(o.amount) * (o.currency === 'USD' ? 1 : rate.get(`${o.closed_at.slice(0, 10)}|${o.currency}`)!);
    const won = new Map<string, number>();
    for (const o of t.opportunities) if (o.status === 'won') won.set(`${o.rep_id}|${o.closed_at.slice(0, 7)}`, (won.get(`${o.rep_id}|${o.closed_at.slice(0, 7)}`) ?? 0) + usd(o));
    const quotas = t.targets.filter((g) => g.scope === 'rep' && g.period_start.slice(0, 7) === g.period_end.slice(0, 7) && g.period_end < AS_OF);
    const met = quotas.filter((g) => (won.get(`${g.scope_id}|${g.period_start.slice(0, 7)}`) ?? 0) >= Number(g.value)).length / quotas.length;
    expect(met).toBeGreaterThan(0.2);
    expect(met).toBeLessThan(0.8);
    const spend = new Map<string, number>();
    for (const s of t.spend) if (s.category === 'marketing') spend.set(s.channel, (spend.get(s.channel) ?? 0) + Number(s.amount) * (s.currency === 'USD' ? 1 : rate.get(`${s.date}|${s.currency}`)!));
    const opps = groupBy(t.opportunities, (o) => o.source);
    const cpa = (c: string) => spend.get(c)! / opps.get(c)!.length;
    expect(cpa('paid_ads')).toBeGreaterThan(3 * cpa('referral'));
    expect(t.spend.some((s) => s.category === 'sales')).toBe(true);
  });

  it('keeps most deals in USD and margins differ by product line', () => {
    const usdShare = t.opportunities.filter((o) => o.currency === 'USD').length / t.opportunities.length;
    expect(usdShare).toBeGreaterThan(0.5);
    expect(usdShare).toBeLessThan(0.9);
    const margin = new Map<string, number>();
    for (const p of t.products) margin.set(p.product_line, 1 - Number(p.unit_cost) / Number(p.list_price));
    expect(margin.get('Platform')!).toBeGreaterThan(margin.get('Services')! + 0.3);
  });
});
