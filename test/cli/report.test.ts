// The CLI commands kpis, report and records on a store file holding the small company.
import { describe, expect, it } from 'vitest';
import { small } from '../fixtures/kpi/small.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';

const run = useCliStore(small);

describe('quotient kpis', () => {
  it('lists every KPI, in German too, and as JSON', async () => {
    const en = await run('kpis');
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/revenue\s+Revenue/);
    expect((await run('kpis', '--lang', 'de')).out).toMatch(/win_rate\s+Gewinnrate/);
    const json = JSON.parse((await run('kpis', '--format', 'json', '--lang', 'tr')).out);
    expect(json.find((k: { id: string }) => k.id === 'revenue').name).toBe('Gelir');
  });
});

describe('quotient report', () => {
  it('prints ONE JSON object with query and rows', async () => {
    const r = await run('report', '--kpi', 'revenue,win_rate', '--period', '2026-10', '--as-of', '2026-11-23', '--by', 'rep', '--compare', 'previous_period', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.query).toMatchObject({ kpis: ['revenue', 'win_rate'], period: '2026-10', by: ['rep'], currency: 'USD' });
    const wr = o.rows.find((x: { kpi: string; group: { rep: string } }) => x.kpi === 'win_rate' && x.group.rep === 'R2');
    expect(wr).toMatchObject({ period: '2026-10', value: 0.5, numerator: 1, denominator: 2, n: 2, status: 'ok' });
    expect(wr.ci95).toHaveLength(2);
    expect(wr.comparisons.previous_period).toHaveProperty('delta');
  });
  it('formats a table in the language’s locale', async () => {
    const de = await run('report', '--kpi', 'revenue,win_rate', '--period', '2026-10', '--as-of', '2026-11-23', '--lang', 'de');
    expect(de.out).toContain('Umsatz');
    expect(de.out).toContain('4.800,00');
    expect(de.out).toMatch(/75,0\s%/u); // de-DE puts a no-break space before %
    const tr = await run('report', '--kpi', 'revenue', '--period', '2026-10', '--as-of', '2026-11-23', '--lang', 'tr', '--format', 'md');
    expect(tr.out).toMatch(/^\| KPI \| Dönem \|/);
    expect(tr.out).toContain('Gelir');
  });
  it('writes CSV with raw numbers', async () => {
    const r = await run('report', '--kpi', 'revenue', '--period', '2026-Q4', '--grain', 'month', '--as-of', '2026-11-23', '--format', 'csv');
    expect(r.out.split('\n').slice(0, 2)).toEqual(['kpi,period,value,numerator,denominator,n,ci95_low,ci95_high,status,message', 'revenue,2026-10,4800,,,,,,ok,']);
  });
  it('explains bad arguments with exit code 2', async () => {
    const r = await run('report', '--kpi', 'nps', '--by', 'product');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot be split by "product"/);
  });
});

describe('quotient records', () => {
  it('lists the numerator and denominator of a rate, flagged', async () => {
    const r = await run('records', '--kpi', 'win_rate', '--period', '2026-10', '--as-of', '2026-11-23', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const rows = o.sets[0].rows;
    expect(rows.map((x: { opportunity_id: string }) => x.opportunity_id)).toEqual(['O1', 'O2', 'O3', 'O4']);
    expect(rows.filter((x: { in_numerator: boolean }) => x.in_numerator)).toHaveLength(3);
    expect(rows.every((x: { in_denominator: boolean }) => x.in_denominator)).toBe(true);
  });
  it('shares filters with the report, and writes CSV and tables', async () => {
    const csv = await run('records', '--kpi', 'revenue', '--period', '2026-10', '--as-of', '2026-11-23', '--filter', 'rep=R1', '--format', 'csv');
    expect(csv.out.trim().split('\n')).toHaveLength(3); // header + O1 + O2
    const t = await run('records', '--kpi', 'activities', '--period', '2026-10', '--as-of', '2026-11-23', '--by', 'rep');
    expect(t.out).toContain('activity_type');
  });
});

describe('quotient compare', () => {
  it('prints the groups with their verdicts, and JSON with --format json', async () => {
    const table = await run('compare', '--kpi', 'win_rate', '--by', 'technique', '--period', '2026-10');
    expect(table.code).toBe(0);
    // October: spin won O1 and O2 (2 of 2), challenger won O4 and lost O3 (1 of 2): both too small to judge.
    expect(table.out).toContain('win_rate by technique, 2026-10: overall 75.0% (n = 4)');
    expect(table.out).toContain('No technique differs significantly from the rest in win rate (0 groups tested, 2 too small to judge).');
    const json = await run('compare', '--by', 'technique', '--period', '2026-10', '--format', 'json');
    const r = JSON.parse(json.out);
    expect(r.groups.map((g: { group: { technique: string }; status: string; numerator: number; denominator: number }) => [g.group.technique, g.status, g.numerator, g.denominator]).sort()).toEqual([
      ['challenger', 'too_small', 1, 2],
      ['spin', 'too_small', 2, 2],
    ]);
  });
  it('needs exactly one --by dimension and a rate KPI (exit 2)', async () => {
    expect((await run('compare', '--period', '2026-10')).code).toBe(2);
    const notRate = await run('compare', '--kpi', 'revenue', '--by', 'technique', '--period', '2026-10');
    expect(notRate.code).toBe(2);
    expect(notRate.err).toContain('revenue is not one');
  });
});

describe('quotient explain', () => {
  it('gives total_change, drivers that add up to it, and segments (json)', async () => {
    const r = await run('explain', '--kpi', 'revenue', '--period', '2026-10', '--vs', 'previous_period', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['total_change', 'drivers', 'segments']));
    expect(j.drivers.map((d: { driver: string }) => d.driver)).toEqual(['opportunities', 'win_rate', 'average_deal_size']);
    const sum = j.drivers.reduce((a: number, d: { contribution: number }) => a + d.contribution, 0);
    expect(Math.round(sum * 100)).toBe(Math.round(j.total_change * 100));
    expect(j.total_change).toBe(Math.round((j.after - j.before) * 100) / 100);
  });
  it('refuses other KPIs and comparisons (exit 2)', async () => {
    expect((await run('explain', '--kpi', 'win_rate')).code).toBe(2);
    expect((await run('explain', '--vs', 'target')).code).toBe(2);
  });
});
