// target_met: reps, teams and the company that reached at least 100% of a target in the period
// (target_attainment: every KPI with targets, revenue being the quota; targets prorate by
// overlapping days). One finding per level and KPI, listing everyone who met it, best first.
// Something to celebrate, not to fix: it carries no money at stake, so it ranks after the
// findings that do (the surplus over the target is in its params).
import { findKpi, kpiText } from '../../metrics/catalog.js';
import { runKpiQuery } from '../../query/engine.js';
import type { KpiRow } from '../../query/rows.js';
import {
  blocked, cents, count, money, pct, recordsLink, supports,
  type Finding, type InsightContext, type ParamValue,
} from './common.js';

const LEVELS = [
  { level: 'rep', by: ['rep'], one: 'rep', many: 'reps' },
  { level: 'team', by: ['team'], one: 'team', many: 'teams' },
  { level: 'company', by: [], one: 'company', many: 'company' },
] as const;

/** How many entities a sentence names before "and N more". */
const NAMED = 5;

function formatValue(kpi: string, x: number | null, currency: string): string {
  if (x === null) return '–';
  switch (findKpi(kpi)?.unit) {
    case 'money':
      return money(x, currency);
    case 'ratio':
      return pct(x);
    case 'days':
      return `${x.toFixed(1)} days`;
    case 'count':
      return count(x);
    default:
      return x.toFixed(1);
  }
}

export async function targetsMet(ctx: InsightContext): Promise<Finding[]> {
  const kind = 'target_met';
  const out: Finding[] = [];
  const scoped = ctx.base.scope.reps !== 'all';
  const filtered = Object.keys(ctx.base.filters ?? {});
  for (const lv of LEVELS) {
    // A team's or the company's target is about all of its people: not judged on a part of them
    // (under a restricted scope the query layer would compare with the visible reps' quotas).
    const partial = lv.level === 'company' ? scoped || filtered.length > 0 : lv.level === 'team' ? scoped || filtered.includes('rep') : false;
    if (partial) {
      ctx.checks.push({ kind, metric: `target_attainment by ${lv.level}`, tested: 0, found: 0, note: `not judged on part of the ${lv.level === 'team' ? 'team' : 'company'} (restricted scope or filter)` });
      continue;
    }
    if (!supports(ctx, kind, 'target_attainment', lv.by)) continue;
    const r = await runKpiQuery(ctx.store, { ...ctx.base, kpis: ['target_attainment'], by: [...lv.by] });
    if (blocked(ctx, kind, 'target_attainment', r)) continue;
    const rows = r.rows.filter((x) => x.status === 'ok' && x.value !== null && x.group.kpi && (lv.level === 'company' || x.group[lv.level]));
    const byKpi = new Map<string, KpiRow[]>();
    for (const x of rows) byKpi.set(String(x.group.kpi), [...(byKpi.get(String(x.group.kpi)) ?? []), x]);
    let found = 0;
    for (const [kpi, all] of [...byKpi.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const met = all.filter((x) => (x.value ?? 0) >= 1).sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || String(a.group[lv.level]).localeCompare(String(b.group[lv.level])));
      if (!met.length) continue;
      found++;
      const ids = lv.level === 'company' ? [] : met.map((x) => String(x.group[lv.level]));
      await ctx.names.load(lv.level === 'rep' ? ids : [], lv.level === 'team' ? ids : []);
      const name = (id: string) => (lv.level === 'rep' ? ctx.names.rep(id) : lv.level === 'team' ? ctx.names.team(id) : 'the company');
      const def = findKpi(kpi);
      const isMoney = def?.unit === 'money';
      const lower = def?.direction === 'lower';
      const entities = met.map((x) => {
        const id = lv.level === 'company' ? 'company' : String(x.group[lv.level]);
        const value = x.numerator;
        const target = x.denominator;
        const surplus = isMoney && value !== null && target !== null ? cents(lower ? target - value : value - target) : null;
        return { id, name: name(id), attainment: x.value, value, target, surplus } satisfies Record<string, ParamValue>;
      });
      const what = kpi === 'revenue' && lv.level !== 'company' ? 'revenue quota' : `${kpiText(kpi).name.toLowerCase()} target`;
      const cur = ctx.money.currency;
      const detail = (e: (typeof entities)[number]) => `${pct(e.attainment)} (${formatValue(kpi, e.value, cur)} against ${formatValue(kpi, e.target, cur)})`;
      let sentence: string;
      if (lv.level === 'company') sentence = `The company met its ${what}: ${detail(entities[0])}.`;
      else if (entities.length === 1) sentence = `${lv.level === 'team' ? 'Team ' : ''}${entities[0].name} met ${lv.level === 'team' ? 'its' : 'the'} ${what}: ${detail(entities[0])}.`;
      else {
        const named = entities.slice(0, NAMED).map((e) => `${e.name} ${pct(e.attainment)}`).join(', ');
        const more = entities.length > NAMED ? ` and ${entities.length - NAMED} more` : '';
        sentence = `${entities.length} of ${all.length} ${lv.many} met their ${what}: ${named}${more}.`;
      }
      const surplus = entities.every((e) => e.surplus !== null) ? cents(entities.reduce((s, e) => s + (e.surplus ?? 0), 0)) : null;
      const recordsKpi = kpi === 'revenue' ? 'quota_attainment' : kpi;
      const canFilter = lv.level !== 'company' && (findKpi(recordsKpi)?.dimensions as readonly string[] | undefined)?.includes(lv.level);
      out.push({
        id: `${kind}:${lv.level}:${kpi}`,
        kind,
        tone: 'positive',
        params: { level: lv.level, kpi, count: entities.length, of: all.length, met: entities, surplus, currency: cur },
        sentence,
        evidence: {
          metric: 'target_attainment',
          subject: { label: `${lv.many} that met the ${what}`, value: all.length ? Math.round((entities.length / all.length) * 1e6) / 1e6 : null, numerator: entities.length, n: all.length, ci95: null },
          comparison: { label: 'target', value: 1, numerator: null, n: null, ci95: null },
          difference: null, difference_ci95: null, test: null, p: null, q: null, family_size: null,
          details: { met: entities },
        },
        records: recordsLink(ctx, recordsKpi, canFilter ? { [lv.level]: ids } : {}, canFilter ? lv.level : undefined),
        at_stake: 0,
      });
    }
    ctx.checks.push({ kind, metric: `target_attainment by ${lv.level}`, tested: rows.length, found, ...(rows.length ? {} : { note: 'no targets in the period' }) });
  }
  return out;
}
