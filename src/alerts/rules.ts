// Alert rules: a KPI, a scope (company, team:ID, rep:ID), a condition, and a period the
// condition is judged over (this_month by default, to date as of the check). Checked as targets
// are (a known KPI measurable at the scope, a known team or rep); `significant_drop` needs a rate
// (a KPI with a significance test), other KPIs are refused with a pointer to change:-X.
import { randomBytes } from 'node:crypto';
import { kpi as lookupKpi } from '../metrics/catalog.js';
import type { KpiDef } from '../metrics/types.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { loadOrg, measurableAt, parseScope, scopeText, targetKpi, type ScopeRef, type TargetScope } from '../targets/targets.js';

export const CONDITIONS = ['below_target', 'below', 'above', 'change', 'significant_drop'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const ALERT_PERIODS = ['this_month', 'this_quarter', 'this_year'] as const;
export type AlertPeriod = (typeof ALERT_PERIODS)[number];

export interface AlertRule {
  rule_id: string;
  kpi: string;
  scope: TargetScope;
  scope_id: string | null;
  condition: Condition;
  threshold: number | null;
  period: AlertPeriod;
  webhook: string | null;
  email: string | null;
  active_key: string | null;
  created_at: string;
  created_by: string | null;
}

export interface RuleInput {
  id?: string;
  kpi: string;
  scope: string;
  when: string;
  period?: string;
  webhook?: string;
  email?: string;
  createdBy?: string;
}

const bad = (message: string) => new UserError('bad_argument', message);

export { parseScope };

/** below_target | below:X | above:X | change:X (a share, -0.1 = a drop of 10% or more) | significant_drop. */
export function parseWhen(spec: string): { condition: Condition; threshold: number | null } {
  const s = spec.trim();
  if (s === 'below_target' || s === 'significant_drop') return { condition: s, threshold: null };
  const m = /^(below|above|change):(.+)$/.exec(s);
  const x = m ? Number(m[2].trim()) : NaN;
  if (!m || m[2].trim() === '' || !Number.isFinite(x)) {
    throw bad(`--when: expected below_target, below:X, above:X, change:X (a share: -0.1 = fell 10% or more, 0.2 = rose 20% or more) or significant_drop; got "${spec}"`);
  }
  if (m[1] === 'change' && (x === 0 || Math.abs(x) > 100)) throw bad(`--when: change:X needs a share other than 0, e.g. -0.1 for a drop of 10%; got ${x}`);
  return { condition: m[1] as Condition, threshold: x };
}

export function whenText(r: Pick<AlertRule, 'condition' | 'threshold'>): string {
  return r.threshold === null ? r.condition : `${r.condition}:${r.threshold}`;
}

export function isRate(k: KpiDef): boolean {
  return k.formula.kind === 'ratio' && k.formula.style === 'rate';
}

function checkKpi(id: string, scope: TargetScope, condition: Condition): KpiDef {
  if (condition === 'below_target') return targetKpi(id, scope);
  const k = lookupKpi(id);
  if (!measurableAt(k, scope)) throw bad(`${k.id} cannot be measured per ${scope} (it splits by ${k.dimensions.join(', ') || 'nothing'}); use --scope company`);
  if (k.formula.kind === 'all_attainments') throw bad(`${k.id} is every KPI against its targets; alert on a KPI itself with --when below_target`);
  if (k.implicit?.length && !k.additive) throw bad(`${k.id} is measured per ${k.implicit.join(' and ')}, so one value cannot be judged`);
  if (condition === 'significant_drop' && !isRate(k)) {
    throw bad(`--when significant_drop needs a rate (a KPI with a significance test, e.g. win_rate); ${k.id} is not one, so use change:-0.1 (a drop of 10% or more) instead`);
  }
  return k;
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad(`--webhook: "${url}" is not a URL; expected http(s)://host/path`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(`--webhook: "${url}" is not an http or https URL`);
  return url;
}

function checkEmail(e: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) || e.length > 320) throw bad(`--email: "${e}" is not an e-mail address`);
  return e;
}

function checkPeriod(p: string | undefined): AlertPeriod {
  const v = p ?? 'this_month';
  if (!(ALERT_PERIODS as readonly string[]).includes(v)) throw bad(`--period: expected ${ALERT_PERIODS.join(', ')}; got "${v}"`);
  return v as AlertPeriod;
}

const SELECT = `SELECT rule_id, kpi, scope, scope_id, condition, threshold, period, webhook, email, active_key, CAST(created_at AS VARCHAR) AS created_at, created_by FROM alert_rules`;
type RuleRow = AlertRule & Record<string, string | number | null>;

export async function listRules(store: Store): Promise<AlertRule[]> {
  return store.query<RuleRow>(`${SELECT} ORDER BY created_at, rule_id`);
}

export async function findRule(store: Store, id: string): Promise<AlertRule | null> {
  return (await store.query<RuleRow>(`${SELECT} WHERE rule_id = ?`, [id]))[0] ?? null;
}

/** Checks a rule (without writing it). */
export async function checkRule(store: Store, input: RuleInput): Promise<Omit<AlertRule, 'created_at' | 'active_key'>> {
  const scope: ScopeRef = parseScope(input.scope);
  const { condition, threshold } = parseWhen(input.when);
  const k = checkKpi(input.kpi, scope.scope, condition);
  const period = checkPeriod(input.period);
  const org = await loadOrg(store);
  if (scope.scope === 'rep' && !org.reps.has(scope.id!)) throw bad(`unknown rep "${scope.id}"; import it with the reps first`);
  if (scope.scope === 'team' && !org.teams.has(scope.id!)) throw bad(`unknown team "${scope.id}"; teams are: ${[...org.teams.keys()].join(', ') || 'none yet (import teams first)'}`);
  if (input.id !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(input.id)) throw bad(`--id: "${input.id}" is not an id; expected 1 to 64 letters, digits, _ . or -`);
  return {
    rule_id: input.id ?? `A-${randomBytes(4).toString('hex').toUpperCase()}`,
    kpi: k.id,
    scope: scope.scope,
    scope_id: scope.id,
    condition,
    threshold,
    period,
    webhook: input.webhook === undefined ? null : checkUrl(input.webhook),
    email: input.email === undefined ? null : checkEmail(input.email),
    created_by: input.createdBy ?? null,
  };
}

export async function addRule(store: Store, input: RuleInput): Promise<AlertRule> {
  const r = await checkRule(store, input);
  if (await findRule(store, r.rule_id)) throw bad(`alert rule id ${r.rule_id} is in use; choose another or remove it (quotient alerts remove ${r.rule_id})`);
  await store.query(
    `INSERT INTO alert_rules (rule_id, kpi, scope, scope_id, condition, threshold, period, webhook, email, active_key, created_at, created_by) VALUES (?, ?, ?, ?, ?, CAST(? AS DOUBLE PRECISION), ?, ?, ?, NULL, now(), ?)`,
    [r.rule_id, r.kpi, r.scope, r.scope_id, r.condition, r.threshold === null ? null : String(r.threshold), r.period, r.webhook, r.email, r.created_by],
  );
  return (await findRule(store, r.rule_id))!;
}

export async function removeRule(store: Store, id: string): Promise<AlertRule> {
  const r = await findRule(store, id);
  if (!r) throw new UserError('not_found', `no alert rule has the id "${id}"; quotient alerts list shows them`);
  await store.query(`DELETE FROM alert_rules WHERE rule_id = ?`, [id]);
  return r;
}

export function describeRule(r: AlertRule): string {
  return `${r.rule_id}: ${r.kpi} for ${scopeText(r)} ${whenText(r)} (${r.period})`;
}
