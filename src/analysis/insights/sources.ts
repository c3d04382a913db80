// Lead sources and channels.
// source_best_conversion / source_worst_conversion: lead conversion by source, each source
// against the leads of all other sources (compare.ts: z-test or Fisher, Benjamini–Hochberg); the
// best is the highest significantly-higher source, the worst the lowest significantly-lower one.
// source_cpa: cost per new customer by channel (cpa_by_channel) against the average of the
// channels compared (Σ spend ÷ Σ new customers); the dearest channel when it costs at least
// CPA_FACTOR × the average, the cheapest when it costs at most 1 ÷ CPA_FACTOR of it. Channels with
// fewer than MIN_GROUP_SIZE new customers are not compared (their CPA swings with one customer).
import { runKpiQuery } from '../../query/engine.js';
import { compareGroups, FDR, MIN_GROUP_SIZE, type GroupComparison } from '../compare.js';
import {
  blocked, cents, conservativeGap, count, money, pct, qText, rateEvidence, rateSide, recordsLink, round6, supports, times, usable, worth,
  type Evidence, type Finding, type InsightContext,
} from './common.js';

export const CPA_FACTOR = 1.5;

export async function sourceConversion(ctx: InsightContext): Promise<Finding[]> {
  if (!supports(ctx, 'source_best_conversion', 'lead_conversion_rate', ['source'])) return [];
  const c = await compareGroups(ctx.store, { ...ctx.base, kpis: ['lead_conversion_rate'], by: 'source' });
  const groups = c.groups.filter((g) => g.group.source !== null && g.group.source !== undefined);
  const tested = groups.filter((g) => g.status === 'tested');
  const higher = tested.filter((g) => g.significant && g.direction === 'higher').sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const lower = tested.filter((g) => g.significant && g.direction === 'lower').sort((a, b) => (a.value ?? 0) - (b.value ?? 0));
  const note = c.overall.denominator === 0 ? { note: 'no leads in the period' } : tested.length ? {} : { note: `no source with ${MIN_GROUP_SIZE} leads (and ${MIN_GROUP_SIZE} from other sources)` };
  ctx.checks.push({ kind: 'source_best_conversion', metric: 'lead_conversion_rate', tested: tested.length, found: higher.length ? 1 : 0, ...note });
  ctx.checks.push({ kind: 'source_worst_conversion', metric: 'lead_conversion_rate', tested: tested.length, found: lower.length ? 1 : 0, ...note });
  const out: Finding[] = [];
  const make = (g: GroupComparison, best: boolean): Finding => {
    const source = String(g.group.source);
    const ev: Evidence = rateEvidence('lead_conversion_rate', rateSide(`source ${source}`, g.numerator, g.denominator), rateSide('other sources', g.rest.numerator, g.rest.denominator));
    Object.assign(ev, { test: g.test, p: g.p, q: g.q, family_size: c.groups.filter((x) => x.status === 'tested').length });
    const atStake = cents(conservativeGap(ev.difference_ci95) * g.denominator * (ctx.money.per_opportunity ?? 0));
    const kind = best ? 'source_best_conversion' : 'source_worst_conversion';
    return {
      id: `${kind}:${source}`,
      kind,
      tone: best ? 'positive' : 'negative',
      params: { source, value: ev.subject.value, numerator: g.numerator, n: g.denominator, rest_value: ev.comparison!.value, rest_n: g.rest.denominator, q: g.q, at_stake: atStake, currency: ctx.money.currency },
      sentence: `Leads from ${source} convert ${best ? 'best' : 'worst'}: ${pct(ev.subject.value)} (${count(g.numerator)} of ${count(g.denominator)}) against ${pct(ev.comparison!.value)} for leads from other sources (${qText(g.q)})${worth(ctx, atStake, best ? 'of expected revenue above the other sources’ rate' : 'of expected revenue below the other sources’ rate')}.`,
      evidence: ev,
      records: recordsLink(ctx, 'lead_conversion_rate', { source: [source] }),
      at_stake: atStake,
    };
  };
  if (higher.length && (higher[0].q ?? 1) < FDR) out.push(make(higher[0], true));
  if (lower.length && (lower[0].q ?? 1) < FDR) out.push(make(lower[0], false));
  return out;
}

export async function sourceCpa(ctx: InsightContext): Promise<Finding[]> {
  if (!supports(ctx, 'source_cpa', 'cpa_by_channel', ['channel'])) return [];
  const r = await runKpiQuery(ctx.store, { ...ctx.base, kpis: ['cpa_by_channel'], by: ['channel'] });
  if (blocked(ctx, 'source_cpa', 'cpa_by_channel', r)) return [];
  const rows = usable(r, 'cpa_by_channel').filter((x) => x.group.channel !== null && (x.numerator ?? 0) > 0);
  const eligible = rows.filter((x) => (x.denominator ?? 0) >= MIN_GROUP_SIZE).sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || String(a.group.channel).localeCompare(String(b.group.channel)));
  const few = rows.filter((x) => (x.denominator ?? 0) < MIN_GROUP_SIZE).map((x) => String(x.group.channel));
  const none = r.rows.filter((x) => x.kpi === 'cpa_by_channel' && x.status === 'zero_denominator' && x.group.channel !== null).map((x) => String(x.group.channel));
  const notes = [
    ...(few.length ? [`fewer than ${MIN_GROUP_SIZE} new customers: ${few.join(', ')}`] : []),
    ...(none.length ? [`spend but no new customers (not compared): ${none.join(', ')}`] : []),
  ];
  const out: Finding[] = [];
  if (eligible.length >= 2) {
    const spend = eligible.reduce((s, x) => s + (x.numerator ?? 0), 0);
    const customers = eligible.reduce((s, x) => s + (x.denominator ?? 0), 0);
    const average = spend / customers;
    const make = (x: (typeof eligible)[number], dearest: boolean): Finding => {
      const channel = String(x.group.channel);
      const cpa = x.value ?? 0;
      const n = x.denominator ?? 0;
      const ratio = round6(cpa / average);
      const atStake = cents(Math.abs(cpa - average) * n);
      const cur = ctx.money.currency;
      const ev: Evidence = {
        metric: 'cpa_by_channel',
        subject: { label: `channel ${channel}`, value: cpa, numerator: x.numerator, n, ci95: null },
        comparison: { label: 'all channels compared', value: cents(average), numerator: cents(spend), n: customers, ci95: null },
        difference: cents(cpa - average), difference_ci95: null, test: null, p: null, q: null, family_size: null,
        details: { ratio, channels_compared: eligible.length },
      };
      return {
        id: `source_cpa:${dearest ? 'highest' : 'lowest'}:${channel}`,
        kind: 'source_cpa',
        tone: dearest ? 'negative' : 'positive',
        params: { channel, direction: dearest ? 'highest' : 'lowest', cpa, spend: x.numerator, customers: n, average: cents(average), ratio, at_stake: atStake, currency: cur },
        sentence: dearest
          ? `The ${channel} channel costs the most per new customer: ${money(cpa, cur)} (${money(x.numerator ?? 0, cur)} for ${count(n)} customers), ${times(ratio)} the average of ${money(average, cur)}; ${money(atStake, cur)} more than those customers would have cost at the average.`
          : `The ${channel} channel acquires customers most cheaply: ${money(cpa, cur)} each (${money(x.numerator ?? 0, cur)} for ${count(n)} customers), ${times(ratio)} the average of ${money(average, cur)}; ${money(atStake, cur)} less than those customers would have cost at the average.`,
        evidence: ev,
        records: recordsLink(ctx, 'cpa_by_channel', { channel: [channel] }),
        at_stake: atStake,
      };
    };
    const top = eligible[0];
    const bottom = eligible[eligible.length - 1];
    if ((top.value ?? 0) >= CPA_FACTOR * average) out.push(make(top, true));
    if ((bottom.value ?? 0) <= average / CPA_FACTOR) out.push(make(bottom, false));
  } else {
    notes.unshift(`fewer than 2 channels with ${MIN_GROUP_SIZE} new customers`);
  }
  ctx.checks.push({ kind: 'source_cpa', metric: 'cpa_by_channel', tested: eligible.length, found: out.length, ...(notes.length ? { note: notes.join('; ') } : {}) });
  return out;
}
