// Filter values that match nothing in the store: a typo (`team=T1` where the teams are T01…)
// would otherwise give an empty report that looks like a real zero. Each becomes a warning
// that names the known values.
import type { Store } from '../store/store.js';
import type { Filter } from './query.js';

/** Where the values of each filterable dimension live (product constants, not user input). */
const SOURCES: Partial<Record<string, string>> = {
  rep: 'SELECT rep_id AS v FROM reps',
  team: 'SELECT team_id AS v FROM teams',
  manager: 'SELECT manager_rep_id AS v FROM teams',
  region: 'SELECT region AS v FROM teams',
  product: 'SELECT product_id AS v FROM products',
  product_line: 'SELECT product_line AS v FROM products',
  source: 'SELECT source AS v FROM opportunities UNION SELECT source FROM leads',
  channel: 'SELECT source AS v FROM opportunities UNION SELECT source FROM leads UNION SELECT channel FROM spend UNION SELECT acquisition_channel FROM accounts',
  segment: 'SELECT segment AS v FROM accounts',
  industry: 'SELECT industry AS v FROM accounts',
  technique: 'SELECT technique AS v FROM opportunities',
  currency: 'SELECT coalesce(currency, ?) AS v FROM opportunities',
  stage: 'SELECT stage AS v FROM stage_changes UNION SELECT stage FROM pipeline_stages',
  activity_type: 'SELECT type AS v FROM activities',
};

export async function unmatchedFilterWarnings(store: Store, filters: readonly Filter[], reportingCurrency: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const f of filters) {
    const source = SOURCES[f.dim];
    if (!source) continue;
    const lead = f.dim === 'currency' ? [reportingCurrency] : [];
    const found = await store.query<{ v: string }>(
      `SELECT DISTINCT v FROM (${source}) s WHERE v IN (${f.values.map(() => '?').join(', ')})`,
      [...lead, ...f.values],
    );
    const known = new Set(found.map((r) => String(r.v)));
    const missing = f.values.filter((v) => !known.has(v));
    if (missing.length === 0) continue;
    const sample = await store.query<{ v: string }>(`SELECT DISTINCT v FROM (${source}) s WHERE v IS NOT NULL ORDER BY v LIMIT 12`, lead);
    const list = sample.map((r) => r.v).join(', ');
    warnings.push(`filter ${f.dim}=${missing.join(',')} matches no ${f.dim} in the store${list ? ` (known values include: ${list})` : ''}`);
  }
  return warnings;
}
