// quotient funnel on a store file holding the hand-counted funnel fixture.
import { describe, expect, it } from 'vitest';
import { funnelData } from '../fixtures/kpi/funnel.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { FUNNEL_RULES } from '../../src/metrics/pipeline.js';

const run = useCliStore(funnelData);

describe('quotient funnel', () => {
  it('prints ONE JSON object with query, stages and rules', async () => {
    const r = await run('funnel', '--period', '2026', '--as-of', '2026-11-23', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.query).toMatchObject({ period: '2026', by: [], cohort: false });
    expect(o.stages.map((s: { stage: string; entered: number; moved_on: number }) => [s.stage, s.entered, s.moved_on])).toEqual([['Qual', 6, 5], ['Demo', 4, 2], ['Prop', 3, 3]]);
    expect(o.stages[1].days).toEqual({ mean: 9, median: 10, p90: 13.2, stays: 5 });
    expect(o.rules).toEqual(FUNNEL_RULES);
  });

  it('splits by rep and cohort', async () => {
    const r = await run('funnel', '--period', '2026', '--as-of', '2026-11-23', '--by', 'rep', '--cohort', '--filter', 'rep=R1', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(o.query.by).toEqual(['rep', 'cohort_month']);
    expect(o.stages.map((s: { group: { rep: string }; cohort: string; stage: string; entered: number }) => [s.group.rep, s.cohort, s.stage, s.entered])).toEqual([
      ['R1', '2026-09', 'Qual', 2], ['R1', '2026-09', 'Demo', 2], ['R1', '2026-09', 'Prop', 1],
      ['R1', '2026-10', 'Qual', 1], ['R1', '2026-10', 'Demo', 1], ['R1', '2026-10', 'Prop', 1],
    ]);
  });

  it('prints a table with the rules', async () => {
    const r = await run('funnel', '--period', '2026', '--as-of', '2026-11-23');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/stage\s+entered\s+moved on\s+conversion\s+drop-off\s+mean days\s+median\s+p90/);
    expect(r.out).toMatch(/Qual\s+6\s+5\s+83\.3%\s+16\.7%\s+6\.0\s+5\.0\s+10\.0/);
    expect(r.out).toContain('Rules:');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['--by', 'stage'], ['--by', 'rep,team'], ['--by', 'nope'], ['--format', 'csv'], ['--period', 'someday']]) {
      const r = await run('funnel', '--period', '2026', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^quotient: /);
      expect(r.out).toBe('');
    }
  });
});
