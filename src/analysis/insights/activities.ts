// activity_separates_outcomes: an activity type that separates won from lost deals. For the deals
// closed in the period, per type: activities per won deal (the activities_per_won_deal KPI)
// against per lost deal, and the win rate of deals with at least one such activity against deals
// without (two-proportion test, Benjamini–Hochberg over the types tested). A type separates the
// outcomes when the test is significant, both groups have MIN_GROUP_SIZE deals, and won deals have
// at least SEPARATION × as many per deal as lost deals (or at most 1 ÷ SEPARATION, when the type
// goes with losing) in the same direction as the win rates. An association, not proof of cause.
import { runKpiQuery } from '../../query/engine.js';
import { closedOpportunityActivities } from '../../query/facts/activities.js';
import { benjaminiHochberg, compareRates } from '../../stats/significance.js';
import { FDR, MIN_GROUP_SIZE } from '../compare.js';
import { factMeasures } from './measures.js';
import {
  blocked, cents, conservativeGap, count, pct, qText, rateEvidence, rateSide, recordsLink, round6, supports, times,
  type Finding, type InsightContext,
} from './common.js';

/** Share of the money an activity's gap describes that counts for ranking (see below). */
export const ASSOCIATION_WEIGHT = 0.1;

export const SEPARATION = 2;

const PLURAL: Record<string, [string, string]> = {
  call: ['a call', 'calls'],
  email: ['an e-mail', 'e-mails'],
  meeting: ['a meeting', 'meetings'],
  demo: ['a demo', 'demos'],
  social: ['a social touch', 'social touches'],
  other: ['another activity', 'other activities'],
};
const words = (type: string): [string, string] => PLURAL[type] ?? [`a ${type} activity`, `${type} activities`];

const EXTRA = {
  insight_lost_n: { agg: 'sum', expr: 'x.n', where: `x.status = 'lost'` },
  insight_won_deals: { agg: 'count', where: `x.status = 'won'` },
  insight_lost_deals: { agg: 'count', where: `x.status = 'lost'` },
} as const;

export async function activitiesSeparate(ctx: InsightContext): Promise<Finding[]> {
  const kind = 'activity_separates_outcomes';
  if (!supports(ctx, kind, 'activities_per_won_deal', ['activity_type'])) return [];
  const r = await runKpiQuery(ctx.store, { ...ctx.base, kpis: ['activities_per_won_deal'] });
  if (blocked(ctx, kind, 'activities_per_won_deal', r)) return [];
  const won = ctx.money.won;
  const lost = ctx.money.closed - won;
  if (won < MIN_GROUP_SIZE || lost < MIN_GROUP_SIZE) {
    ctx.checks.push({ kind, metric: 'activities_per_won_deal', tested: 0, found: 0, note: `needs ${MIN_GROUP_SIZE} won and ${MIN_GROUP_SIZE} lost deals in the period (${won} won, ${lost} lost)` });
    return [];
  }
  const perWon = new Map(r.rows.filter((x) => x.kpi === 'activities_per_won_deal' && x.group.activity_type).map((x) => [String(x.group.activity_type), x]));
  const extra = await factMeasures(ctx.store, { ...ctx.base, kpis: ['activities_per_won_deal'] }, closedOpportunityActivities, EXTRA, ['activity_type']);
  const types = [...new Set([...perWon.keys(), ...extra.map((x) => String(x.group.activity_type))])].filter((t) => t !== 'null').sort();
  const rows = types.map((type) => {
    const e = extra.find((x) => x.group.activity_type === type)?.values ?? { insight_lost_n: 0, insight_won_deals: 0, insight_lost_deals: 0 };
    const wonN = perWon.get(type)?.numerator ?? 0;
    const withN = e.insight_won_deals + e.insight_lost_deals;
    return { type, wonN, lostN: e.insight_lost_n, wonWith: e.insight_won_deals, withN, wonWithout: won - e.insight_won_deals, withoutN: won + lost - withN };
  });
  const tested = rows
    .filter((x) => x.withN >= MIN_GROUP_SIZE && x.withoutN >= MIN_GROUP_SIZE)
    .map((x) => ({ ...x, t: compareRates(x.wonWith, x.withN, x.wonWithout, x.withoutN)! }));
  const q = benjaminiHochberg(tested.map((x) => x.t.p));
  const out: Finding[] = [];
  tested.forEach((x, i) => {
    const perWonDeal = round6(x.wonN / won);
    const perLostDeal = round6(x.lostN / lost);
    const ratio = x.lostN > 0 ? round6((x.wonN / won) / (x.lostN / lost)) : x.wonN > 0 ? null : 1;
    const winsMore = x.wonWith / x.withN > x.wonWithout / x.withoutN;
    const separates = winsMore ? ratio === null || ratio >= SEPARATION : ratio !== null && ratio <= 1 / SEPARATION;
    if (!(q[i] < FDR && separates)) return;
    const [one, many] = words(x.type);
    const ev = rateEvidence('win_rate', rateSide(`deals with ${one}`, x.wonWith, x.withN), rateSide(`deals without ${one}`, x.wonWithout, x.withoutN));
    Object.assign(ev, {
      test: x.t.test, p: x.t.p, q: q[i], family_size: tested.length,
      details: { activity_type: x.type, per_won_deal: perWonDeal, per_lost_deal: perLostDeal, ratio, won_deals: won, lost_deals: lost, activities_won: x.wonN, activities_lost: x.lostN },
    });
    // An association, not an effect: deals that go well get more meetings and demos as much as
    // the other way round. The money the gap describes is counted at ASSOCIATION_WEIGHT, so a
    // correlation does not outrank findings a manager can act on directly, and is not claimed.
    const atStake = cents(conservativeGap(ev.difference_ci95) * x.withN * (ctx.money.per_win ?? 0) * ASSOCIATION_WEIGHT);
    const ratioText = ratio === null ? 'none in lost deals' : winsMore ? times(ratio) : `${times(round6(1 / ratio))} as many in lost deals`;
    const head = winsMore
      ? `Won deals had ${perWonDeal.toFixed(2)} ${many} each, lost deals ${perLostDeal.toFixed(2)} (${ratioText})`
      : `Lost deals had ${perLostDeal.toFixed(2)} ${many} each, won deals ${perWonDeal.toFixed(2)} (${ratioText})`;
    out.push({
      id: `${kind}:${x.type}`,
      kind,
      tone: winsMore ? 'positive' : 'negative',
      params: {
        activity_type: x.type, direction: winsMore ? 'more_in_won' : 'more_in_lost', per_won_deal: perWonDeal, per_lost_deal: perLostDeal, ratio,
        with_value: ev.subject.value, with_numerator: x.wonWith, with_n: x.withN, without_value: ev.comparison!.value, without_n: x.withoutN, q: q[i], at_stake: atStake, currency: ctx.money.currency,
      },
      sentence: `${head}; deals with ${one} won ${pct(ev.subject.value)} (${count(x.wonWith)} of ${count(x.withN)}) against ${pct(ev.comparison!.value)} without (${qText(q[i])}) — an association, worth testing, not proof that ${many} win deals.`,
      evidence: ev,
      records: recordsLink(ctx, 'win_rate'),
      at_stake: atStake,
    });
  });
  ctx.checks.push({ kind, metric: 'activities_per_won_deal', tested: tested.length, found: out.length });
  return out;
}
