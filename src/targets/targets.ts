// Targets on any KPI for the company, a team or a rep, for any period: the rows of the `targets`
// table, whether imported or written here (`quotient targets add|remove`, POST/DELETE
// /api/targets). Written targets are checked as a user would expect (a known KPI that can be
// measured at that level, a known team or rep, a real period, a positive value in the KPI's
// unit, no second target of the same length overlapping it), and a team's target can be split
// across its reps, evenly or by weights, the parts adding up to the team's value exactly (to the
// cent for money). Every write bumps the store's data version, so cached KPI results refresh.
import { randomBytes } from 'node:crypto';
import { kpi as lookupKpi } from '../metrics/catalog.js';
import type { KpiDef } from '../metrics/types.js';
import { addDays, customPeriod, daysBetween, parsePeriod, type Period } from '../query/periods.js';
import { bucketStart, labelOf, nextBucketStart } from '../query/calendar.js';
import { bumpDataVersion } from '../store/meta.js';
import { loadSettings } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { todayIn } from '../util/dates.js';
import { UserError } from '../util/errors.js';
import { decimalsOf, splitUnits, toUnits, unitsToDecimal } from './split.js';

export const TARGET_SCOPES = ['company', 'team', 'rep'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

/** A row of the targets table. Dates are inclusive local dates. */
export interface Target {
  target_id: string;
  kpi: string;
  scope: TargetScope;
  scope_id: string | null;
  period_start: string;
  period_end: string;
  value: number;
}

export interface ScopeRef {
  scope: TargetScope;
  id: string | null;
}

export type SplitSpec = { kind: 'even' } | { kind: 'weights'; weights: [string, number][] };

export interface TargetInput {
  /** Default: T-<8 random hex digits>. */
  id?: string;
  kpi: string;
  scope: ScopeRef;
  /** A period as for reports (2026-Q4, 2026-03, this_month, …), or from/to (both inclusive). */
  period?: string;
  from?: string;
  to?: string;
  /** "Today" for relative periods. */
  asOf?: string;
  value: number;
  /** Team targets only: also write one target per rep of the team. */
  split?: SplitSpec;
  /** Replace targets of the same KPI, scope and length that overlap the new ones (and ids in use). */
  replace?: boolean;
}

export interface AddResult {
  /** What was written: the target, then its reps' parts when split. */
  targets: Target[];
  /** Targets removed to make way (--replace). */
  replaced: Target[];
  notes: string[];
}

const ID_RE = /^[^\p{Cc}\s](?:[^\p{Cc}]{0,98}[^\p{Cc}\s])?$/u;
/** Targets above this are typing errors (and would lose cents as doubles). */
export const MAX_VALUE = 1e12;

const bad = (message: string, details: Record<string, unknown> = {}) => new UserError('bad_argument', message, details);

/** company | team:T01 | rep:R012. */
export function parseScope(spec: string): ScopeRef {
  const s = spec.trim();
  if (s === 'company') return { scope: 'company', id: null };
  const m = /^(team|rep):(.+)$/.exec(s);
  if (!m || !m[2].trim()) throw bad(`--scope: expected company, team:TEAM_ID or rep:REP_ID, e.g. team:T01 or rep:R012; got "${spec}"`);
  return { scope: m[1] as TargetScope, id: m[2].trim() };
}

/** A filter on scopes: company, team, rep (every one of that level), team:T01, rep:R012. */
export function parseScopeFilter(spec: string): { scope: TargetScope; id?: string } {
  const s = spec.trim();
  if (s === 'team' || s === 'rep') return { scope: s };
  const r = parseScope(s);
  return r.id === null ? { scope: r.scope } : { scope: r.scope, id: r.id };
}

export function scopeText(t: { scope: TargetScope; scope_id?: string | null; id?: string | null }): string {
  const id = t.scope_id ?? t.id ?? null;
  return t.scope === 'company' ? 'company' : `${t.scope}:${id ?? ''}`;
}

/** even | weights:R1=2,R2=1. */
export function parseSplit(spec: string): SplitSpec {
  const s = spec.trim();
  if (s === 'even') return { kind: 'even' };
  const m = /^weights:(.+)$/.exec(s);
  if (!m) throw bad(`--split: expected even or weights:REP=WEIGHT,…, e.g. weights:R1=2,R2=1; got "${spec}"`);
  const weights: [string, number][] = [];
  for (const part of m[1].split(',')) {
    const eq = part.indexOf('=');
    const rep = part.slice(0, eq).trim();
    const w = Number(part.slice(eq + 1).trim());
    if (eq <= 0 || !rep || part.slice(eq + 1).trim() === '' || !Number.isFinite(w)) throw bad(`--split: "${part.trim()}" is not REP=WEIGHT, e.g. R1=2`);
    weights.push([rep, w]);
  }
  return checkWeights(weights);
}

/** Weights as given through the API: { R1: 2, R2: 1 }. */
export function checkWeights(weights: [string, number][]): SplitSpec {
  if (!weights.length) throw bad('--split: name at least one rep and its weight, e.g. weights:R1=2,R2=1');
  const seen = new Set<string>();
  for (const [rep, w] of weights) {
    if (seen.has(rep)) throw bad(`--split: rep ${rep} is named twice`);
    seen.add(rep);
    if (!(w > 0) || !Number.isFinite(w)) throw bad(`--split: the weight of ${rep} must be a number above 0; got ${w}`);
    if (decimalsOf(w) > 6 || w > 1e6) throw bad(`--split: the weight of ${rep} must have at most 6 decimals and be at most 1,000,000; got ${w}`);
  }
  return { kind: 'weights', weights };
}

/** Length classes of target periods (day, week, month, quarter, longer), as the query layer ranks them. */
export function lengthClass(start: string, end: string): number {
  const len = daysBetween(start, end) + 1;
  return len <= 1 ? 1 : len <= 7 ? 2 : len <= 31 ? 3 : len <= 92 ? 4 : 5;
}

/** The period's usual name (2026-03, 2026-Q1, 2026, 2026-W10, a day) or from..to. */
export function periodLabel(start: string, end: string, fiscalYearStartMonth: number): string {
  const next = addDays(end, 1);
  for (const grain of ['year', 'quarter', 'month', 'week', 'day'] as const) {
    if (bucketStart(start, grain, fiscalYearStartMonth) === start && nextBucketStart(start, grain) === next) return labelOf(start, grain, fiscalYearStartMonth);
  }
  return `${start}..${end}`;
}

/** Whether targets can be measured at this level: the KPI splits by it (company: always). */
export function measurableAt(k: KpiDef, scope: TargetScope): boolean {
  return scope === 'company' || (k.dimensions as readonly string[]).includes(scope);
}

/** A KPI that takes targets, or a clear refusal. */
export function targetKpi(id: string, scope: TargetScope): KpiDef {
  const k = lookupKpi(id);
  if (k.formula.kind === 'attainment') throw bad(`${k.id} is itself a share of a target; set a target on ${k.formula.of} instead (quotas are targets on revenue)`);
  if (k.formula.kind === 'all_attainments') throw bad(`${k.id} is every KPI against its targets; set a target on the KPI itself, e.g. --kpi revenue`);
  if (!measurableAt(k, scope)) throw bad(`${k.id} cannot be measured per ${scope} (it splits by ${k.dimensions.join(', ') || 'nothing'}), so a ${scope} target on it could never be judged; set a company target`);
  if (k.implicit?.length && !k.additive) throw bad(`${k.id} is measured per ${k.implicit.join(' and ')}, so one target cannot be judged against it`);
  return k;
}

/** Rates and shares of a whole (win_rate, churn_rate, gross_margin) take targets from 0 to 1. */
export function isShare(k: KpiDef): boolean {
  return k.unit === 'ratio' && k.formula.kind === 'ratio' && (k.formula.style === 'rate' || k.direction === 'higher');
}

/** Digits a target value of this KPI may have: cents for money, else 6 (0.3525 = 35.25%). */
const digitsOf = (k: KpiDef) => (k.unit === 'money' ? 2 : 6);

export function checkValue(k: KpiDef, value: unknown): number {
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(`--value: expected a number, e.g. 50000 or 0.35; got "${String(value)}"`);
  if (v <= 0) throw bad(`--value: a target must be above 0; got ${v}`);
  if (isShare(k) && v > 1) throw bad(`--value: ${k.id} is a share, so its target is from 0 to 1 (0.35 = 35%); got ${v}`);
  if (v > MAX_VALUE) throw bad(`--value: at most ${MAX_VALUE.toLocaleString('en-US')}; got ${v}`);
  const digits = digitsOf(k);
  if (decimalsOf(v) > digits) throw bad(`--value: ${k.unit === 'money' ? 'money targets are in cents: at most 2 decimals' : 'at most 6 decimals'}; got ${v}`);
  return v;
}

export function checkId(id: string): string {
  if (!ID_RE.test(id)) throw bad(`--id: "${id}" is not an id; expected 1 to 100 characters without control characters or spaces at either end`);
  return id;
}

const newId = () => `T-${randomBytes(4).toString('hex').toUpperCase()}`;

export interface RepRow {
  rep_id: string;
  name: string;
  team_id: string | null;
  role: string | null;
  hire_date: string | null;
  end_date: string | null;
}

export interface Org {
  reps: Map<string, RepRow>;
  teams: Map<string, { team_id: string; name: string; manager_rep_id: string | null; region: string | null }>;
}

export async function loadOrg(store: Store): Promise<Org> {
  const reps = await store.query<RepRow & Record<string, string | null>>(`SELECT rep_id, name, team_id, role, CAST(hire_date AS VARCHAR) AS hire_date, CAST(end_date AS VARCHAR) AS end_date FROM reps ORDER BY rep_id`);
  const teams = await store.query<{ team_id: string; name: string; manager_rep_id: string | null; region: string | null }>(`SELECT team_id, name, manager_rep_id, region FROM teams ORDER BY team_id`);
  return { reps: new Map(reps.map((r) => [r.rep_id, r])), teams: new Map(teams.map((t) => [t.team_id, t])) };
}

export const employedIn = (r: RepRow, start: string, end: string) => (r.hire_date === null || r.hire_date <= end) && (r.end_date === null || r.end_date >= start);

/** The period of a new target from --period or --from/--to, in the organisation's calendar. */
export async function resolveTargetPeriod(store: Store, o: { period?: string; from?: string; to?: string; asOf?: string }): Promise<Period & { last: string }> {
  const s = await loadSettings(store);
  let p: Period;
  if (o.from !== undefined || o.to !== undefined) {
    if (o.period !== undefined) throw bad('give either --period or --from/--to, not both');
    if (o.from === undefined || o.to === undefined) throw bad('--from and --to go together: give both dates');
    p = customPeriod(o.from, o.to);
  } else if (o.period !== undefined) {
    p = parsePeriod(o.period, { fiscalYearStartMonth: s.fiscal_year_start_month, asOf: o.asOf ?? todayIn(s.timezone) });
  } else {
    throw bad('a target needs a period: --period (2026-Q4, 2026-03, 2026, …) or --from and --to');
  }
  return { ...p, last: addDays(p.end, -1) };
}

const SELECT = `SELECT target_id, kpi, scope, scope_id, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, CAST(value AS DOUBLE PRECISION) AS value FROM targets`;

export interface TargetFilter {
  kpi?: string;
  scope?: { scope: TargetScope; id?: string };
  /** Targets overlapping [from, to] (inclusive). */
  from?: string;
  to?: string;
}

export async function listTargets(store: Store, f: TargetFilter = {}): Promise<Target[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.kpi !== undefined) {
    where.push('kpi = ?');
    params.push(f.kpi);
  }
  if (f.scope) {
    where.push('scope = ?');
    params.push(f.scope.scope);
    if (f.scope.id !== undefined) {
      where.push('scope_id = ?');
      params.push(f.scope.id);
    }
  }
  if (f.from !== undefined && f.to !== undefined) {
    where.push('period_start <= CAST(? AS DATE) AND period_end >= CAST(? AS DATE)');
    params.push(f.to, f.from);
  }
  return store.query<Target & Record<string, string | number | null>>(`${SELECT}${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY period_start, CASE scope WHEN 'company' THEN 0 WHEN 'team' THEN 1 ELSE 2 END, scope_id, kpi, period_end, target_id`, params);
}

export async function findTarget(store: Store, id: string): Promise<Target | null> {
  const rows = await store.query<Target & Record<string, string | number | null>>(`${SELECT} WHERE target_id = ?`, [id]);
  return rows[0] ?? null;
}

/** Existing targets a new one would double: same KPI and scope, overlapping, of the same length class. */
async function conflicts(store: Store, t: Target): Promise<Target[]> {
  const rows = await store.query<Target & Record<string, string | number | null>>(
    `${SELECT} WHERE kpi = ? AND scope = ? AND coalesce(scope_id, '') = ? AND period_start <= CAST(? AS DATE) AND period_end >= CAST(? AS DATE) ORDER BY period_start, target_id`,
    [t.kpi, t.scope, t.scope_id ?? '', t.period_end, t.period_start],
  );
  const cls = lengthClass(t.period_start, t.period_end);
  return rows.filter((r) => lengthClass(r.period_start, r.period_end) === cls);
}

const describeTarget = (t: Target) => `${t.target_id} (${t.kpi}, ${scopeText(t)}, ${t.period_start}..${t.period_end}, ${t.value})`;

/** Adds a target (and its reps' parts when split), all or nothing. */
export async function addTarget(store: Store, input: TargetInput): Promise<AddResult> {
  const k = targetKpi(input.kpi, input.scope.scope);
  const value = checkValue(k, input.value);
  const id = input.id === undefined ? undefined : checkId(input.id);
  const period = await resolveTargetPeriod(store, input);
  const org = await loadOrg(store);
  const { scope, id: scopeId } = input.scope;
  if (scope === 'rep' && !org.reps.has(scopeId!)) throw bad(`unknown rep "${scopeId}"; import it with the reps first`, { rep: scopeId });
  if (scope === 'team' && !org.teams.has(scopeId!)) throw bad(`unknown team "${scopeId}"; teams are: ${[...org.teams.keys()].join(', ') || 'none yet (import teams first)'}`, { team: scopeId });
  if (input.split && scope !== 'team') throw bad('--split divides a team’s target across its reps; give a team scope, e.g. --scope team:T01');
  const notes: string[] = [];
  const main: Target = {
    target_id: id ?? newId(),
    kpi: k.id,
    scope,
    scope_id: scope === 'company' ? null : scopeId,
    period_start: period.start,
    period_end: period.last,
    value,
  };
  // A random id is drawn again on the (unlikely) clash; a chosen one must be free or replaced.
  if (id === undefined) while (await findTarget(store, main.target_id)) main.target_id = newId();
  const written: Target[] = [main, ...(input.split ? splitTarget(k, main, input.split, org, notes) : [])];
  const replaced = new Map<string, Target>();
  for (const t of written) {
    const clash = await findTarget(store, t.target_id);
    if (!clash) continue;
    if (!input.replace) throw bad(`target id ${t.target_id} is in use by ${describeTarget(clash)}; choose another id, remove ${t.target_id} first, or replace it (--replace; in the API and the dashboard: replace)`);
    replaced.set(clash.target_id, clash);
  }
  for (const t of written) {
    const c = await conflicts(store, t);
    if (!c.length) continue;
    if (!input.replace) {
      throw bad(
        `${scopeText(t)} already has a ${t.kpi} target of this length overlapping ${t.period_start}..${t.period_end}: ${c.map(describeTarget).join('; ')}; ` +
          `remove it first, or replace it (--replace; in the API and the dashboard: replace)`,
        { conflicts: c.map((x) => x.target_id) },
      );
    }
    for (const x of c) replaced.set(x.target_id, x);
  }
  // A new split replaces the whole of an old one: the parts of replaced team targets go too.
  if (input.split) {
    for (const old of [...replaced.values()].filter((x) => x.scope === 'team')) for (const part of await splitParts(store, old)) replaced.set(part.target_id, part);
  }
  await store.transaction(async () => {
    for (const x of replaced.keys()) await store.query(`DELETE FROM targets WHERE target_id = ?`, [x]);
    for (const t of written) {
      await store.query(
        `INSERT INTO targets (target_id, kpi, scope, scope_id, period_start, period_end, value) VALUES (?, ?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DOUBLE PRECISION))`,
        [t.target_id, t.kpi, t.scope, t.scope_id, t.period_start, t.period_end, String(t.value)],
      );
    }
    await bumpDataVersion(store);
  });
  return { targets: written, replaced: [...replaced.values()], notes };
}

/** One target per rep of the team: parts of the team's value for additive KPIs, else the team's value each. */
function splitTarget(k: KpiDef, team: Target, split: SplitSpec, org: Org, notes: string[]): Target[] {
  const members = [...org.reps.values()].filter((r) => r.team_id === team.scope_id);
  const { period_start: start, period_end: end } = team;
  let reps: RepRow[];
  let weights: number[];
  if (split.kind === 'even') {
    reps = members.filter((r) => (r.role ?? 'rep') === 'rep' && employedIn(r, start, end));
    if (!reps.length) throw bad(`team ${team.scope_id} has no reps employed in ${start}..${end} to split the target across`);
    const left = members.filter((r) => (r.role ?? 'rep') === 'rep' && !employedIn(r, start, end));
    if (left.length) notes.push(`not employed in the period, so given no part: ${left.map((r) => r.rep_id).join(', ')}`);
    weights = reps.map(() => 1);
  } else {
    if (!k.additive) throw bad(`${k.id} does not add up across reps, so it cannot be split by weights; --split even gives each rep the team’s target`);
    reps = [];
    weights = [];
    for (const [repId, w] of split.weights) {
      const r = org.reps.get(repId);
      if (!r || r.team_id !== team.scope_id) throw bad(`--split: ${repId} is not a rep of team ${team.scope_id}; its reps are: ${members.map((m) => m.rep_id).join(', ') || 'none'}`);
      if (!employedIn(r, start, end)) throw bad(`--split: ${repId} is not employed in ${start}..${end} (hired ${r.hire_date ?? '–'}, left ${r.end_date ?? '–'})`);
      reps.push(r);
      weights.push(w);
    }
    const unnamed = members.filter((r) => (r.role ?? 'rep') === 'rep' && employedIn(r, start, end) && !split.weights.some(([id]) => id === r.rep_id));
    if (unnamed.length) notes.push(`reps of team ${team.scope_id} not named in the weights get no part: ${unnamed.map((r) => r.rep_id).join(', ')}`);
  }
  let values: number[];
  if (k.additive) {
    const digits = k.unit === 'money' ? 2 : Number.isInteger(team.value) ? 0 : 4;
    values = splitUnits(toUnits(team.value, digits), weights).map((u) => Number(unitsToDecimal(u, digits)));
  } else {
    values = reps.map(() => team.value);
    notes.push(`${k.id} does not add up across reps: each rep’s target is the team’s, ${team.value}`);
  }
  return reps.map((r, i) => ({ ...team, target_id: `${team.target_id}-${r.rep_id}`, scope: 'rep' as const, scope_id: r.rep_id, value: values[i] }));
}

/** The reps' targets a team target's split wrote: ids <team target id>-<rep id>, same KPI and period. */
async function splitParts(store: Store, t: Target): Promise<Target[]> {
  if (t.scope !== 'team') return [];
  return store.query<Target & Record<string, string | number | null>>(
    `${SELECT} WHERE scope = 'rep' AND kpi = ? AND period_start = CAST(? AS DATE) AND period_end = CAST(? AS DATE) AND target_id = ? || '-' || scope_id ORDER BY target_id`,
    [t.kpi, t.period_start, t.period_end, t.target_id],
  );
}

export interface RemoveResult {
  removed: Target[];
}

/** Removes a target; withSplit also removes the reps' targets its split wrote (ids ID-<rep>). */
export async function removeTarget(store: Store, id: string, withSplit = false): Promise<RemoveResult> {
  const t = await findTarget(store, id);
  if (!t) throw new UserError('not_found', `no target has the id "${id}"; quotient targets list --all shows them`);
  const removed = [t, ...(withSplit ? await splitParts(store, t) : [])];
  await store.transaction(async () => {
    for (const r of removed) await store.query(`DELETE FROM targets WHERE target_id = ?`, [r.target_id]);
    await bumpDataVersion(store);
  });
  return { removed };
}
