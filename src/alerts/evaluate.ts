// Evaluates every alert rule as of a date and records what fired, once per occurrence.
//
// - The value: the rule's KPI for its scope over its period to date (this_month → month to date,
//   this_quarter → quarter to date, this_year → year to date), compared with the same stretch of
//   the previous period, by the query layer (runKpiQuery with compare previous_period).
// - below:X / above:X: the value is below / above X.
// - change:X: (value − previous) ÷ previous ≤ X for X < 0 (a drop of |X| or more), ≥ X for X > 0.
// - significant_drop: rates only (rules on other KPIs are refused): the value fell against the
//   previous period and the query layer's two-proportion test says significant (p < 0.05).
// - below_target: a target on the KPI and scope running on as-of whose pacing status
//   (targets/pacing.ts, without the revenue forecast blend) is at_risk or off_track.
// - Once per occurrence: the occurrence key is rule:period:condition (R1:2026-11:below). While a
//   rule's condition stays true in the same period it does not fire again; it fires again when
//   it cleared and came back (key …#2, #3) or in a new period. A rule that cannot be judged
//   (no data, an error) keeps its state.
import { randomUUID } from 'node:crypto';
import { findKpi } from '../metrics/catalog.js';
import { labelOf } from '../query/calendar.js';
import { engineContext, runKpiQuery } from '../query/engine.js';
import { isValidDate } from '../query/periods.js';
import type { KpiRow } from '../query/rows.js';
import type { Store } from '../store/store.js';
import { isUserError, UserError } from '../util/errors.js';
import { formatIn, paceTargets } from '../targets/pacing.js';
import { listTargets, scopeText } from '../targets/targets.js';
import { listRules, whenText, type AlertRule } from './rules.js';

export interface AlertEvent {
  event_id: string;
  rule_id: string;
  occurrence_key: string;
  period: string;
  fired_at: string;
  as_of: string;
  value: number | null;
  message: string;
}

export type RuleState = 'fired' | 'still_true' | 'clear' | 'unknown';

export interface RuleOutcome {
  rule_id: string;
  state: RuleState;
  value: number | null;
  period: string | null;
  reason: string | null;
}

export interface CheckResult {
  as_of: string;
  rules: RuleOutcome[];
  fired: { event: AlertEvent; rule: AlertRule }[];
}

interface Judged {
  /** true: the condition holds; false: it does not; null: it cannot be judged. */
  holds: boolean | null;
  value: number | null;
  period: string | null;
  reason: string | null;
  message: string;
}

const TO_DATE = { this_month: ['mtd', 'month'], this_quarter: ['qtd', 'quarter'], this_year: ['ytd', 'year'] } as const;

async function judge(store: Store, r: AlertRule, asOf: string, fy: number, currency: string): Promise<Judged> {
  const k = findKpi(r.kpi);
  const who = r.scope === 'company' ? 'the company' : scopeText(r);
  const none = (reason: string, period: string | null = null): Judged => ({ holds: null, value: null, period, reason, message: '' });
  if (!k) return none(`"${r.kpi}" is not a KPI of the catalog`);
  const f = (x: number | null) => formatIn(k.unit, x, currency);
  if (r.condition === 'below_target') {
    const targets = await listTargets(store, { kpi: r.kpi, scope: { scope: r.scope, ...(r.scope_id === null ? {} : { id: r.scope_id }) }, from: asOf, to: asOf });
    if (!targets.length) return none(`no ${r.kpi} target for ${scopeText(r)} runs on ${asOf}`);
    const report = await paceTargets(store, targets, { asOf, forecast: false });
    const t = report.targets.find((x) => x.pacing.status !== null);
    if (!t) return none(report.targets[0].pacing.reason ?? 'no pacing status', report.targets[0].period);
    const p = t.pacing;
    return {
      holds: p.status === 'at_risk' || p.status === 'off_track',
      value: p.so_far,
      period: t.period,
      reason: null,
      message: `${r.kpi} for ${who} is ${p.status === 'off_track' ? 'off track' : 'at risk'} for its ${t.period} target ${f(t.value)}: ${f(p.so_far)} so far, projected ${f(p.projected)} (${p.projected_attainment === null ? '–' : (p.projected_attainment * 100).toFixed(1) + '%'})`,
    };
  }
  const [preset, grain] = TO_DATE[r.period];
  const period = labelOf(asOf, grain, fy);
  let rows: KpiRow[];
  try {
    rows = (await runKpiQuery(store, { kpis: [r.kpi], period: preset, asOf, compare: ['previous_period'], filters: r.scope === 'company' ? {} : { [r.scope]: [r.scope_id!] } })).rows;
  } catch (e) {
    if (!isUserError(e)) throw e;
    return none(e.message, period);
  }
  if (rows.length !== 1) return none(rows.length ? `${r.kpi} has more than one value for ${who}` : `no ${r.kpi} value for ${who}`, period);
  const row = rows[0];
  const value = row.value;
  const cmp = row.comparisons?.previous_period;
  const range = `${period} to ${asOf}`;
  if (r.condition === 'below' || r.condition === 'above') {
    if (value === null) return none(row.message ?? row.status, period);
    const holds = r.condition === 'below' ? value < r.threshold! : value > r.threshold!;
    return { holds, value, period, reason: null, message: `${r.kpi} for ${who} is ${f(value)} (${range}), ${r.condition} ${f(r.threshold)}` };
  }
  const prev = cmp?.value ?? null;
  if (value === null || prev === null) return none(`no ${value === null ? 'value' : 'previous-period value'} to compare`, period);
  if (r.condition === 'change') {
    if (prev === 0) return none('the previous period’s value is 0, so a change in % cannot be judged', period);
    const change = (value - prev) / Math.abs(prev);
    const x = r.threshold!;
    const holds = x < 0 ? change <= x + 1e-12 : change >= x - 1e-12;
    return { holds, value, period, reason: null, message: `${r.kpi} for ${who} ${change < 0 ? 'fell' : 'rose'} ${(Math.abs(change) * 100).toFixed(1)}% to ${f(value)} (${range}) from ${f(prev)} (${cmp?.period ?? 'the previous period'})` };
  }
  // significant_drop (rates only; the rule was refused for other KPIs)
  if (cmp?.significant === undefined || cmp.significant === null) return none('no significance test for this comparison (too few records)', period);
  const holds = value < prev && cmp.significant;
  return { holds, value, period, reason: null, message: `${r.kpi} for ${who} dropped significantly to ${f(value)} (${range}) from ${f(prev)} (${cmp.period ?? 'the previous period'}), p = ${cmp.p_value}` };
}

export interface CheckOptions {
  asOf?: string;
  /** Only these rules (default all). */
  ruleIds?: readonly string[];
}

/** Evaluates the rules and records the alerts that fired (not delivering them). */
export async function checkAlerts(store: Store, o: CheckOptions = {}): Promise<CheckResult> {
  const env = await engineContext(store);
  const asOf = o.asOf ?? env.today;
  if (!isValidDate(asOf)) throw new UserError('bad_argument', `--as-of: "${asOf}" is not a date; expected YYYY-MM-DD`);
  const rules = (await listRules(store)).filter((r) => !o.ruleIds || o.ruleIds.includes(r.rule_id));
  const out: CheckResult = { as_of: asOf, rules: [], fired: [] };
  for (const r of rules) {
    const j = await judge(store, r, asOf, env.fiscalYearStartMonth, env.settings.currency);
    const base = j.period === null ? null : `${r.rule_id}:${j.period}:${r.condition}`;
    const outcome: RuleOutcome = { rule_id: r.rule_id, state: 'unknown', value: j.value, period: j.period, reason: j.reason };
    out.rules.push(outcome);
    if (j.holds === null || base === null) continue;
    if (!j.holds) {
      outcome.state = 'clear';
      if (r.active_key !== null) await store.query(`UPDATE alert_rules SET active_key = NULL WHERE rule_id = ?`, [r.rule_id]);
      continue;
    }
    if (r.active_key !== null && (r.active_key === base || r.active_key.startsWith(`${base}#`))) {
      outcome.state = 'still_true';
      continue;
    }
    const n = Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM alert_events WHERE occurrence_key = ? OR starts_with(occurrence_key, ?)`, [base, `${base}#`]))[0].n);
    const key = n === 0 ? base : `${base}#${n + 1}`;
    const event: AlertEvent = { event_id: randomUUID(), rule_id: r.rule_id, occurrence_key: key, period: j.period!, fired_at: new Date().toISOString(), as_of: asOf, value: j.value, message: j.message };
    await store.transaction(async () => {
      await store.query(`INSERT INTO alert_events (event_id, rule_id, kpi, scope, scope_id, occurrence_key, period, fired_at, as_of, value, message) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS DATE), CAST(? AS DOUBLE PRECISION), ?)`, [
        event.event_id, event.rule_id, r.kpi, r.scope, r.scope_id, event.occurrence_key, event.period, event.fired_at, event.as_of, event.value === null ? null : String(event.value), event.message,
      ]);
      await store.query(`UPDATE alert_rules SET active_key = ? WHERE rule_id = ?`, [key, r.rule_id]);
    });
    outcome.state = 'fired';
    out.fired.push({ event, rule: { ...r, active_key: key } });
  }
  return out;
}

/** A fired alert with its rule's KPI and scope; condition, threshold and when are null once the rule is removed. */
export type FeedEvent = AlertEvent & Pick<AlertRule, 'kpi' | 'scope' | 'scope_id'> & { condition: AlertRule['condition'] | null; threshold: number | null; when: string | null };

/** The fired alerts, newest first (the in-app feed), optionally only those `visible`. */
export async function alertFeed(store: Store, o: { limit?: number; visible?: (e: FeedEvent) => boolean } = {}): Promise<FeedEvent[]> {
  const rows = await store.query<FeedEvent & Record<string, string | number | null>>(
    `SELECT e.event_id, e.rule_id, e.occurrence_key, e.period, e.fired_at, CAST(e.as_of AS VARCHAR) AS as_of, e.value, e.message,
            e.kpi, e.scope, e.scope_id, r.condition, r.threshold
       FROM alert_events e LEFT JOIN alert_rules r ON r.rule_id = e.rule_id ORDER BY e.fired_at DESC, e.event_id`,
  );
  const all = rows.map((x) => ({ ...x, when: x.condition === null ? null : whenText({ condition: x.condition, threshold: x.threshold }) }));
  return (o.visible ? all.filter(o.visible) : all).slice(0, o.limit ?? 200);
}
