// The catalog: every KPI of the four tables of kpis.md, with texts in every language, and
// dimensions every fact it reads can honour.
import { describe, expect, it } from 'vitest';
import { catalog, kpiText } from '../../src/metrics/catalog.js';
import { LANGS, measuresOf, type Expr } from '../../src/metrics/types.js';
import { fact } from '../../src/query/facts/index.js';
import { factDims } from '../../src/query/compile.js';

const SPEC_IDS = `revenue revenue_per_rep revenue_per_product revenue_growth gross_margin net_margin sales_cost_ratio
opportunities_created open_pipeline_count open_pipeline_value weighted_pipeline_value win_rate opportunity_win_ratio
lead_conversion_rate average_deal_size average_basket_per_customer sales_cycle_length stage_conversion time_in_stage
activities calls_per_opportunity activities_per_won_deal quota_attainment target_attainment ramp_time
new_customers cac cpa_by_channel clv nps csat retention_rate churn_rate`.split(/\s+/);
// clv's historical variant (mean lifetime revenue of a cohort) is a KPI of its own.
const EXTRA_IDS = ['clv_historical'];

describe('catalog', () => {
  it('has every KPI of spec/kpis.md, once', () => {
    expect(catalog.map((k) => k.id).sort()).toEqual([...SPEC_IDS, ...EXTRA_IDS].sort());
  });
  it('names and defines every KPI in every language', () => {
    for (const k of catalog) for (const l of LANGS) {
      const t = kpiText(k.id, l);
      expect(t.name.length, `${k.id} ${l}`).toBeGreaterThan(1);
      expect(t.definition.length, `${k.id} ${l}`).toBeGreaterThan(10);
    }
    expect(kpiText('revenue', 'de').name).toBe('Umsatz');
    expect(kpiText('revenue', 'nl').name).toBe('Omzet');
    expect(kpiText('revenue', 'tr').name).toBe('Gelir');
    expect(kpiText('win_rate', 'de').name).toBe('Gewinnrate');
  });
  it('every measure exists, and each dimension is carried by at least one fact of the KPI', () => {
    for (const k of catalog) {
      const f = k.formula;
      const exprs: Expr[] = f.kind === 'total' ? [f.of] : f.kind === 'ratio' ? [f.num, f.den, ...Object.values(f.beside ?? {})] : [];
      const ids = exprs.flatMap(measuresOf);
      for (const id of ids) {
        const [factId, m] = id.split('.');
        expect(fact(factId).measures[m], id).toBeDefined();
      }
      const facts = [...new Set(ids.map((id) => id.split('.')[0]))];
      for (const d of k.dimensions) if (facts.length) expect(facts.some((x) => factDims(fact(x)).includes(d)), `${k.id} by ${d}`).toBe(true);
      for (const d of k.implicit ?? []) expect(k.dimensions).toContain(d);
    }
  });
});
