// Which groups differ: a rate KPI split by a dimension, each group tested against the rest of
// the company (two-proportion z-test, Fisher's exact test for small counts), the p-values
// corrected for testing many groups at once (Benjamini–Hochberg), and the result said in words.
// Groups too small to judge are marked and not ranked.
import type { Store } from '../store/store.js';
import { runKpiQuery, type KpiResult } from '../query/engine.js';
import type { KpiQuery } from '../query/query.js';
import { findKpi } from '../metrics/catalog.js';
import { benjaminiHochberg, compareRates } from '../stats/significance.js';
import { UserError } from '../util/errors.js';

/** Below this many records in a group (or in the rest) a difference is not judged. */
export const MIN_GROUP_SIZE = 20;
export const FDR = 0.05;

export interface GroupComparison {
  group: Record<string, string | null>;
  value: number | null;
  numerator: number;
  denominator: number;
  ci95: [number, number] | null;
  rest: { value: number | null; numerator: number; denominator: number };
  difference: number | null;
  status: 'tested' | 'too_small';
  test: 'z' | 'fisher' | null;
  p: number | null;
  q: number | null;
  significant: boolean;
  direction: 'higher' | 'lower' | 'same' | null;
  sentence: string;
}

export interface CompareResult {
  query: KpiResult['query'];
  kpi: string;
  by: string;
  overall: { value: number | null; numerator: number; denominator: number };
  groups: GroupComparison[];
  summary: string[];
  warnings: string[];
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** A q-value as people read it: three decimals, or "q < 0.001". */
export function formatQ(q: number): string {
  return q < 0.001 ? 'q < 0.001' : `q = ${q.toFixed(3)}`;
}

export async function compareGroups(store: Store, query: Omit<KpiQuery, 'by' | 'grain' | 'compare'> & { by: string }): Promise<CompareResult> {
  if (query.kpis.length !== 1) throw new UserError('bad_argument', 'compare takes exactly one KPI, e.g. --kpi win_rate');
  const def = findKpi(query.kpis[0]);
  if (def && !(def.formula.kind === 'ratio' && def.formula.style === 'rate')) {
    throw new UserError('bad_argument', `compare tests rates (a share of records, like win_rate or lead_conversion_rate); ${def.id} is not one`);
  }
  const total = await runKpiQuery(store, { ...query, by: [] });
  const split = await runKpiQuery(store, { ...query, by: [query.by] });
  const all = total.rows[0];
  const K = all?.numerator ?? 0;
  const N = all?.denominator ?? 0;
  const label = findKpi(query.kpis[0])?.id.replace(/_/g, ' ') ?? query.kpis[0];
  const groups: GroupComparison[] = split.rows
    .filter((r) => (r.denominator ?? 0) > 0)
    .map((r) => {
      const k = r.numerator ?? 0;
      const n = r.denominator ?? 0;
      const rest = { numerator: K - k, denominator: N - n, value: N - n > 0 ? (K - k) / (N - n) : null };
      const small = n < MIN_GROUP_SIZE || rest.denominator < MIN_GROUP_SIZE;
      const t = small ? null : compareRates(k, n, rest.numerator, rest.denominator);
      return {
        group: r.group, value: r.value, numerator: k, denominator: n, ci95: r.ci95, rest,
        difference: r.value !== null && rest.value !== null ? r.value - rest.value : null,
        status: small ? 'too_small' : 'tested', test: t?.test ?? null, p: t?.p ?? null, q: null, significant: false, direction: null, sentence: '',
      } satisfies GroupComparison;
    });
  const tested = groups.filter((g) => g.status === 'tested');
  const q = benjaminiHochberg(tested.map((g) => g.p!));
  tested.forEach((g, i) => {
    g.q = q[i];
    g.significant = q[i] < FDR;
    g.direction = g.difference === null || g.difference === 0 ? 'same' : g.difference > 0 ? 'higher' : 'lower';
  });
  for (const g of groups) {
    const name = `${query.by} ${Object.values(g.group)[0] ?? '(none)'}`;
    if (g.status === 'too_small') {
      g.sentence = `${name}: ${label} ${pct(g.value)} from ${g.denominator} records — too few to judge (needs ${MIN_GROUP_SIZE} in the group and in the rest).`;
    } else {
      const verdict = g.significant
        ? `significantly ${g.direction} than the rest (${pct(g.rest.value)}, ${formatQ(g.q!)}, ${g.test === 'z' ? 'z-test' : 'Fisher exact test'})`
        : `not significantly different from the rest (${pct(g.rest.value)}, ${formatQ(g.q!)})`;
      g.sentence = `${name}: ${label} ${pct(g.value)} (n = ${g.denominator}) — ${verdict}.`;
    }
  }
  // Ranked: significant differences first (largest first), then the other tested groups, then the small ones.
  const rank = (g: GroupComparison) => (g.status === 'too_small' ? 2 : g.significant ? 0 : 1);
  groups.sort((a, b) => rank(a) - rank(b) || Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0));
  const sig = groups.filter((g) => g.significant);
  const summary = sig.length
    ? sig.map((g) => g.sentence)
    : [`No ${query.by} differs significantly from the rest in ${label} (${tested.length} groups tested, ${groups.length - tested.length} too small to judge).`];
  return { query: { ...split.query }, kpi: query.kpis[0], by: query.by, overall: { value: all?.value ?? null, numerator: K, denominator: N }, groups, summary, warnings: split.warnings };
}
