// rep_below_team: a rep whose win rate or lead conversion is significantly below the rest of
// their own team (two-proportion z-test, Fisher's exact test for small counts; Benjamini–Hochberg
// over all reps tested for the metric). Reps without a team, and reps or rests of team smaller
// than MIN_GROUP_SIZE, are not judged.
import { runKpiQuery } from '../../query/engine.js';
import { benjaminiHochberg, compareRates } from '../../stats/significance.js';
import { FDR, MIN_GROUP_SIZE } from '../compare.js';
import {
  blocked, cents, conservativeGap, count, pct, qText, rateEvidence, rateSide, recordsLink, supports, usable, worth,
  type Finding, type InsightContext,
} from './common.js';

const METRICS = [
  { kpi: 'win_rate', what: 'closed deals', verb: 'won', per: 'per_win', worthOf: 'of revenue at the team’s rate' },
  { kpi: 'lead_conversion_rate', what: 'leads', verb: 'converted', per: 'per_opportunity', worthOf: 'of expected revenue at the team’s rate' },
] as const;

interface Tested {
  rep: string;
  team: string;
  k: number;
  n: number;
  restK: number;
  restN: number;
  test: 'z' | 'fisher';
  p: number;
}

export async function repsBelowTeam(ctx: InsightContext): Promise<Finding[]> {
  const metrics = METRICS.filter((m) => supports(ctx, 'rep_below_team', m.kpi, ['team', 'rep']));
  if (!metrics.length) return [];
  const r = await runKpiQuery(ctx.store, { ...ctx.base, kpis: metrics.map((m) => m.kpi), by: ['team', 'rep'] });
  const out: Finding[] = [];
  for (const m of metrics) {
    if (blocked(ctx, 'rep_below_team', m.kpi, r)) continue;
    const rows = usable(r, m.kpi).filter((x) => x.group.team !== null && x.group.rep !== null && (x.denominator ?? 0) > 0);
    const teams = new Map<string, { k: number; n: number }>();
    for (const x of rows) {
      const t = teams.get(x.group.team!) ?? { k: 0, n: 0 };
      t.k += x.numerator ?? 0;
      t.n += x.denominator ?? 0;
      teams.set(x.group.team!, t);
    }
    const tested: Tested[] = [];
    for (const x of rows) {
      const team = teams.get(x.group.team!)!;
      const k = x.numerator ?? 0;
      const n = x.denominator ?? 0;
      const restK = team.k - k;
      const restN = team.n - n;
      if (n < MIN_GROUP_SIZE || restN < MIN_GROUP_SIZE) continue;
      const t = compareRates(k, n, restK, restN)!;
      tested.push({ rep: x.group.rep!, team: x.group.team!, k, n, restK, restN, test: t.test, p: t.p });
    }
    const q = benjaminiHochberg(tested.map((t) => t.p));
    const below = tested.map((t, i) => ({ ...t, q: q[i] })).filter((t) => t.q < FDR && t.k / t.n < t.restK / t.restN);
    ctx.checks.push({ kind: 'rep_below_team', metric: m.kpi, tested: tested.length, found: below.length, ...(tested.length ? {} : { note: `no rep with ${MIN_GROUP_SIZE} ${m.what} and a team with ${MIN_GROUP_SIZE} more` }) });
    await ctx.names.load(below.map((t) => t.rep), below.map((t) => t.team));
    for (const t of below) {
      const ev = rateEvidence(m.kpi, rateSide(`rep ${t.rep}`, t.k, t.n), rateSide(`rest of team ${t.team}`, t.restK, t.restN));
      Object.assign(ev, { test: t.test, p: t.p, q: t.q, family_size: tested.length });
      const value = ctx.money[m.per] ?? 0;
      const atStake = cents(conservativeGap(ev.difference_ci95) * t.n * value);
      out.push({
        id: `rep_below_team:${m.kpi}:${t.rep}`,
        kind: 'rep_below_team',
        tone: 'negative',
        params: {
          metric: m.kpi, rep: t.rep, rep_name: ctx.names.rep(t.rep), team: t.team, team_name: ctx.names.team(t.team),
          value: ev.subject.value, numerator: t.k, n: t.n, team_rest_value: ev.comparison!.value, team_rest_n: t.restN, q: t.q, at_stake: atStake, currency: ctx.money.currency,
        },
        sentence: `${ctx.names.rep(t.rep)} ${m.verb} ${pct(ev.subject.value)} of ${m.what} (${count(t.k)} of ${count(t.n)}) against ${pct(ev.comparison!.value)} for the rest of team ${ctx.names.team(t.team)} (${qText(t.q)})${worth(ctx, atStake, m.worthOf)}.`,
        evidence: ev,
        records: recordsLink(ctx, m.kpi, { rep: [t.rep] }),
        at_stake: atStake,
      });
    }
  }
  return out;
}
