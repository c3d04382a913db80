// Renders docs/kpis.md from the KPI catalog, so the documented definitions are the computed ones.
import { catalog, kpiText } from '../metrics/catalog.js';
import { LANGS, type Family } from '../metrics/types.js';
import { FUNNEL_RULES } from '../metrics/pipeline.js';

const FAMILIES: Record<Family, string> = {
  revenue: 'Revenue and profitability',
  pipeline: 'Pipeline and conversion',
  activity: 'Activity and team',
  customers: 'Customers',
};

const UNITS: Record<string, string> = {
  money: 'money (reporting currency, rounded to cents)',
  ratio: 'fraction (0.36 = 36%)',
  count: 'count',
  days: 'days',
  points: 'points (−100 to 100)',
};

export function renderKpisDoc(): string {
  const out: string[] = [
    '# KPI catalog',
    '',
    '<!-- Generated from src/metrics/ by `npm run docs`; a test fails when it is stale. -->',
    '',
    'Every KPI Quotient computes, with its formula as implemented. `quotient kpis [--lang de|nl|tr]` lists them;',
    '`quotient report --kpi ID` computes them; `quotient records --kpi ID` lists the records behind a value.',
    '',
    '## Rules for every KPI',
    '',
    '- **Time attribution**: each record counts in the period of its attribution time (closed_at for won revenue, created_at for new opportunities and leads, occurred_at, responded_at, the spend date), as a local date in the organisation’s time zone. Snapshots (open pipeline, customers) are taken at the end of the period.',
    '- **Money** converts at the rate of the day the record counts on (fx_rates: reporting-currency units per 1 unit); an empty currency or the reporting currency converts at 1. Snapshot values convert at the rate of the snapshot day (the period’s last day, or the as-of date if earlier). A missing rate makes the value empty with status `missing_fx_rate` and a message naming currency and date; other KPIs of the report still compute.',
    '- **Opportunity value** = Σ quantity × unit_price × (1 − discount) of its line items where it has line items, else its amount.',
    '- **Empty values**: a ratio whose denominator is 0 is empty with status `zero_denominator`; an average over no records is empty with `no_data`; a KPI whose data is not imported says `needs_<entity>`; without a target, `no_target`; company-wide data (spend) under a restricted access scope, `out_of_scope`.',
    '- **Rates** show their sample size n and a Wilson 95% interval; comparisons of rates carry a two-proportion z-test p-value and whether the difference is significant (p < 0.05).',
    '- **Targets** (comparison `target`, quota_attainment, target_attainment): targets of other periods prorate by overlapping days — additive KPIs (sums, counts) add prorated targets, others take the day-weighted average; where targets of several lengths overlap for the same KPI and scope (monthly and quarterly quotas) the shortest length wins. The level follows the split: by rep → rep targets; by team, manager or region → team targets, else the sum of their reps’; unsplit → company targets, else team, else rep targets. Splits by other dimensions have no target. value ÷ target, inverted (target ÷ value) for lower-is-better KPIs.',
    '- **Dimensions**: team, manager and region come from the record’s rep (region = the sales region of the rep’s team); segment and industry from its account; source and channel are the lead source (an opportunity’s source, else its lead’s source; spend’s channel).',
    '- **Access scope** restricts every fact to the records of the permitted reps.',
    '',
  ];
  for (const family of Object.keys(FAMILIES) as Family[]) {
    out.push(`## ${FAMILIES[family]}`, '');
    for (const k of catalog.filter((x) => x.family === family)) {
      const en = kpiText(k.id, 'en');
      out.push(`### \`${k.id}\` — ${en.name}`, '', en.definition, '');
      out.push(`- Formula: ${k.formulaText}`);
      if (k.rules) out.push(`- Rule: ${k.rules}`);
      out.push(`- Unit: ${UNITS[k.unit]}; ${k.direction} is better; ${k.additive ? 'additive' : 'not additive'}`);
      out.push(`- Split by: ${k.dimensions.length ? k.dimensions.map((d) => `\`${d}\``).join(', ') : 'period only'}${k.implicit?.length ? ` (always per ${k.implicit.join(', ')})` : ''}`);
      out.push(`- Needs: ${k.needs.join(', ')}`);
      out.push(`- Names: ${LANGS.filter((l) => l !== 'en').map((l) => `${l}: ${kpiText(k.id, l).name}`).join('; ')}`);
      out.push('');
    }
  }
  out.push('## Funnel rules', '', '`quotient funnel` reads stage_conversion and time_in_stage per stage; the stage history counts as follows.', '', ...FUNNEL_RULES.map((r) => `- ${r}`), '');
  return out.join('\n');
}
