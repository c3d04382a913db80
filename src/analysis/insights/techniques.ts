// technique_wins_more: a sales technique whose win rate is significantly above that of the deals
// worked with the other techniques (compare.ts: z-test or Fisher, Benjamini–Hochberg over the
// techniques tested, MIN_GROUP_SIZE closed deals on each side).
import { compareGroups, MIN_GROUP_SIZE } from '../compare.js';
import {
  cents, conservativeGap, count, pct, qText, rateEvidence, rateSide, recordsLink, supports, worth,
  type Finding, type InsightContext,
} from './common.js';

export async function techniquesWinMore(ctx: InsightContext): Promise<Finding[]> {
  const kind = 'technique_wins_more';
  if (!supports(ctx, kind, 'win_rate', ['technique'])) return [];
  const c = await compareGroups(ctx.store, { ...ctx.base, kpis: ['win_rate'], by: 'technique' });
  // Deals without a technique are not a technique: they stay in "the rest", but get no finding.
  const tested = c.groups.filter((g) => g.status === 'tested' && g.group.technique !== null);
  // The Benjamini–Hochberg family is every group compare tested, deals without a technique included.
  const family = c.groups.filter((g) => g.status === 'tested').length;
  const better = tested.filter((g) => g.significant && g.direction === 'higher');
  ctx.checks.push({ kind, metric: 'win_rate', tested: tested.length, found: better.length, ...(tested.length ? {} : { note: `no technique with ${MIN_GROUP_SIZE} closed deals (and ${MIN_GROUP_SIZE} with other techniques)` }) });
  return better.map((g) => {
    const technique = String(g.group.technique);
    const ev = rateEvidence('win_rate', rateSide(`technique ${technique}`, g.numerator, g.denominator), rateSide('other deals', g.rest.numerator, g.rest.denominator));
    Object.assign(ev, { test: g.test, p: g.p, q: g.q, family_size: family });
    const atStake = cents(conservativeGap(ev.difference_ci95) * g.denominator * (ctx.money.per_win ?? 0));
    return {
      id: `${kind}:${technique}`,
      kind,
      tone: 'positive',
      params: { technique, value: ev.subject.value, numerator: g.numerator, n: g.denominator, rest_value: ev.comparison!.value, rest_n: g.rest.denominator, q: g.q, at_stake: atStake, currency: ctx.money.currency },
      sentence: `Deals worked with the ${technique} technique won ${pct(ev.subject.value)} (${count(g.numerator)} of ${count(g.denominator)}) against ${pct(ev.comparison!.value)} for the other deals (${qText(g.q)})${worth(ctx, atStake, 'in wins above the other deals’ rate')}.`,
      evidence: ev,
      records: recordsLink(ctx, 'win_rate', { technique: [technique] }),
      at_stake: atStake,
    } satisfies Finding;
  });
}
