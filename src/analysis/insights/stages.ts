// Stages of the funnel, from the funnel (stage_conversion, time_in_stage) plus one measure the
// catalog lacks: entries still undecided (the opportunity is open and has not moved on). Those are
// left out of both sides — a recent entry has had less time to move on, and counting it as a
// drop-off would make every period look worse than its history.
// stage_dropoff_worse: a stage whose conversion of decided entries in the period is significantly
// below that of the 12 months before it (two-proportion test, Benjamini–Hochberg over the stages
// tested). A stage where more than half of the period's entries are undecided is not judged yet.
// stage_bottleneck: the stage with the lowest conversion of decided entries in the period, when it
// is significantly below the other stages pooled (the same test and correction; entries of one
// opportunity at several stages are not independent, so read q as a guide). Not judged while a
// stage is mostly undecided (a short or current period), since that stage may be the worst.
import { funnel, type FunnelStage } from '../funnel.js';
import { stageEntries } from '../../query/facts/stages.js';
import { customPeriod } from '../../query/periods.js';
import { addDays, shiftMonthsClamped } from '../../query/calendar.js';
import { benjaminiHochberg, compareRates } from '../../stats/significance.js';
import { FDR, MIN_GROUP_SIZE } from '../compare.js';
import { factMeasures } from './measures.js';
import {
  cents, conservativeGap, count, pct, qText, rateEvidence, rateSide, recordsLink, round6, supports, worth,
  type Finding, type InsightContext,
} from './common.js';

export const HISTORY_MONTHS = 12;

interface StageCounts {
  stage: string;
  position: number;
  entered: number;
  moved: number;
  pending: number;
  decided: number;
  median_days: number | null;
}

function counts(stages: FunnelStage[], pending: Map<string, number>): StageCounts[] {
  return stages
    .filter((s) => s.position !== null)
    .map((s) => {
      const p = Math.min(pending.get(s.stage) ?? 0, s.entered - s.moved_on);
      return { stage: s.stage, position: s.position!, entered: s.entered, moved: s.moved_on, pending: p, decided: s.entered - p, median_days: s.days.median };
    });
}

/** P(won | moved on past a stage): the product of the later stages' conversion of decided entries. */
function winAfter(stage: StageCounts, all: StageCounts[]): number {
  return all.filter((s) => s.position > stage.position && s.decided > 0).reduce((p, s) => p * (s.moved / s.decided), 1);
}

export async function stageFindings(ctx: InsightContext): Promise<Finding[]> {
  if (!supports(ctx, 'stage_dropoff_worse', 'stage_conversion', ['stage'])) return [];
  const hFrom = shiftMonthsClamped(ctx.period.from, -HISTORY_MONTHS);
  const hTo = addDays(ctx.period.from, -1);
  const current = await funnel(ctx.store, { ...ctx.base });
  // The funnel's own warnings beyond the query's (unmatched filters) say why a stage KPI could not run.
  const blockedBy = current.warnings.find((w) => !ctx.warnings.includes(w));
  if (!current.stages.some((s) => s.entered > 0)) {
    const note = blockedBy ? `skipped: ${blockedBy}` : 'no stage entries in the period';
    ctx.checks.push({ kind: 'stage_dropoff_worse', metric: 'stage_conversion', tested: 0, found: 0, note });
    ctx.checks.push({ kind: 'stage_bottleneck', metric: 'stage_conversion', tested: 0, found: 0, note });
    return [];
  }
  const history = await funnel(ctx.store, { ...ctx.base, period: undefined, from: hFrom, to: hTo });
  const undecided = await factMeasures(
    ctx.store, { ...ctx.base, kpis: ['stage_conversion'] }, stageEntries,
    { insight_pending: { agg: 'count', where: `NOT x.advanced AND x.status = 'open'` } }, ['stage'],
    (p) => [p, customPeriod(hFrom, hTo)],
  );
  const pendingOf = (start: string) => new Map(undecided.filter((x) => x.start === start).map((x) => [String(x.group.stage), x.values.insight_pending]));
  const cur = counts(current.stages, pendingOf(ctx.period.from));
  const hist = counts(history.stages, pendingOf(hFrom));
  const histOf = new Map(hist.map((s) => [s.stage, s]));
  const valueOfAdvance = (s: StageCounts) => winAfter(s, hist.some((h) => h.decided > 0) ? hist : cur) * (ctx.money.per_win ?? 0);
  const out: Finding[] = [];

  // Against the stage's own history.
  const early = cur.filter((s) => s.entered > 0 && s.pending * 2 > s.entered).map((s) => s.stage);
  const vsHistory = cur
    .filter((s) => s.decided >= MIN_GROUP_SIZE && (histOf.get(s.stage)?.decided ?? 0) >= MIN_GROUP_SIZE && !early.includes(s.stage))
    .map((s) => ({ s, h: histOf.get(s.stage)!, t: compareRates(s.moved, s.decided, histOf.get(s.stage)!.moved, histOf.get(s.stage)!.decided)! }));
  const qh = benjaminiHochberg(vsHistory.map((x) => x.t.p));
  vsHistory.forEach(({ s, h, t }, i) => {
    if (!(qh[i] < FDR && s.moved / s.decided < h.moved / h.decided)) return;
    const ev = rateEvidence('decided_stage_conversion', rateSide(`${s.stage}, ${ctx.period.label}`, s.moved, s.decided), rateSide(`${s.stage}, ${hFrom}..${hTo}`, h.moved, h.decided));
    Object.assign(ev, { test: t.test, p: t.p, q: qh[i], family_size: vsHistory.length, details: { entered: s.entered, undecided: s.pending, history_entered: h.entered, history_undecided: h.pending, history_from: hFrom, history_to: hTo } });
    const atStake = cents(conservativeGap(ev.difference_ci95) * s.decided * valueOfAdvance(s));
    out.push({
      id: `stage_dropoff_worse:${s.stage}`,
      kind: 'stage_dropoff_worse',
      tone: 'negative',
      params: { stage: s.stage, value: ev.subject.value, numerator: s.moved, n: s.decided, undecided: s.pending, history_value: ev.comparison!.value, history_n: h.decided, history_months: HISTORY_MONTHS, q: qh[i], at_stake: atStake, currency: ctx.money.currency },
      sentence: `Fewer deals moved on from ${s.stage}: ${pct(ev.subject.value)} of the entries decided in the period (${count(s.moved)} of ${count(s.decided)}; ${count(s.pending)} still open not counted) against ${pct(ev.comparison!.value)} in the ${HISTORY_MONTHS} months before (${qText(qh[i])})${worth(ctx, atStake, 'of expected revenue')}.`,
      evidence: ev,
      records: recordsLink(ctx, 'stage_conversion', { stage: [s.stage] }),
      at_stake: atStake,
    });
  });
  ctx.checks.push({ kind: 'stage_dropoff_worse', metric: 'stage_conversion', tested: vsHistory.length, found: out.length, ...(early.length ? { note: `more than half of the entries still undecided, not judged yet: ${early.join(', ')}` } : {}) });

  // Against the other stages of the same period — only when every stage can be judged: with a
  // stage still mostly undecided, the worst one may be the one not seen yet.
  const decided = early.length ? [] : cur.filter((s) => s.decided >= MIN_GROUP_SIZE);
  const vsOthers = decided
    .map((s) => {
      const others = decided.filter((o) => o !== s);
      const k = others.reduce((a, o) => a + o.moved, 0);
      const n = others.reduce((a, o) => a + o.decided, 0);
      return { s, k, n, t: n >= MIN_GROUP_SIZE ? compareRates(s.moved, s.decided, k, n) : null };
    })
    .filter((x) => x.t !== null);
  const qo = benjaminiHochberg(vsOthers.map((x) => x.t!.p));
  const lows = vsOthers.map((x, i) => ({ ...x, q: qo[i] })).filter((x) => x.q < FDR && x.s.moved / x.s.decided < x.k / x.n);
  lows.sort((a, b) => a.s.moved / a.s.decided - b.s.moved / b.s.decided || a.s.position - b.s.position);
  const b = lows[0];
  if (b) {
    const s = b.s;
    const ev = rateEvidence('decided_stage_conversion', rateSide(`${s.stage}`, s.moved, s.decided), rateSide('other stages', b.k, b.n));
    const longest = cur.every((o) => o === s || o.median_days === null || (s.median_days ?? 0) >= o.median_days);
    const dropOff = round6(1 - s.moved / s.decided);
    const othersDrop = round6(1 - b.k / b.n);
    Object.assign(ev, { test: b.t!.test, p: b.t!.p, q: b.q, family_size: vsOthers.length, details: { drop_off: dropOff, others_drop_off: othersDrop, dropped_off: s.decided - s.moved, undecided: s.pending, median_days: s.median_days, longest_stay: longest } });
    const atStake = cents(conservativeGap(ev.difference_ci95) * s.decided * valueOfAdvance(s));
    const days = s.median_days === null ? '' : `; stays there last a median ${s.median_days.toFixed(1)} days${longest ? ', the longest of any stage' : ''}`;
    out.push({
      id: `stage_bottleneck:${s.stage}`,
      kind: 'stage_bottleneck',
      tone: 'negative',
      params: { stage: s.stage, drop_off: dropOff, dropped_off: s.decided - s.moved, n: s.decided, others_drop_off: othersDrop, others_n: b.n, median_days: s.median_days, longest_stay: longest, q: b.q, at_stake: atStake, currency: ctx.money.currency },
      sentence: `${s.stage} is the funnel’s bottleneck: ${pct(dropOff)} of the deals decided there dropped off (${count(s.decided - s.moved)} of ${count(s.decided)}) against ${pct(othersDrop)} at the other stages (${qText(b.q)})${days}${worth(ctx, atStake, 'of expected revenue at the other stages’ rate')}.`,
      evidence: ev,
      records: recordsLink(ctx, 'stage_conversion', { stage: [s.stage] }),
      at_stake: atStake,
    });
  }
  ctx.checks.push({ kind: 'stage_bottleneck', metric: 'stage_conversion', tested: vsOthers.length, found: b ? 1 : 0, ...(early.length ? { note: `not judged while entries of ${early.join(', ')} are mostly undecided` } : {}) });
  return out;
}
