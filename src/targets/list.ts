// `quotient targets list` and GET /api/targets: the targets of a period (by default those running
// on the as-of date), filtered by KPI and scope, each with its attainment and pacing, and with
// --rollup the sum of the reps' (teams') targets beside each team (company) target.
import { kpi as lookupKpi } from '../metrics/catalog.js';
import { engineContext } from '../query/engine.js';
import { addDays, customPeriod, isValidDate, parsePeriod } from '../query/periods.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { paceTargets, type TargetsReport } from './pacing.js';
import { listTargets, parseScopeFilter, type Target } from './targets.js';

export interface ListOptions {
  kpi?: string;
  /** company, team, rep, team:T01, rep:R012. */
  scope?: string;
  /** Targets overlapping this period (or from/to); default: those running on as-of. */
  period?: string;
  from?: string;
  to?: string;
  /** Every target, whatever its period. */
  all?: boolean;
  asOf?: string;
  forecast?: boolean;
  rollup?: boolean;
  /** Keeps only the targets the caller may see (the API's access scope). */
  visible?: (t: Target) => boolean;
}

export interface TargetsList extends TargetsReport {
  filter: { kpi: string | null; scope: string | null; from: string | null; to: string | null };
}

export async function targetsList(store: Store, o: ListOptions = {}): Promise<TargetsList> {
  const env = await engineContext(store);
  const asOf = o.asOf ?? env.today;
  if (!isValidDate(asOf)) throw new UserError('bad_argument', `--as-of: "${asOf}" is not a date; expected YYYY-MM-DD`);
  const kpi = o.kpi === undefined ? undefined : lookupKpi(o.kpi).id;
  const scope = o.scope === undefined ? undefined : parseScopeFilter(o.scope);
  let from: string | undefined;
  let to: string | undefined;
  if (o.all) {
    if (o.period !== undefined || o.from !== undefined || o.to !== undefined) throw new UserError('bad_argument', '--all lists every target whatever its period; leave out --period and --from/--to');
  } else if (o.from !== undefined || o.to !== undefined) {
    if (o.period !== undefined) throw new UserError('bad_argument', 'give either --period or --from/--to, not both');
    if (o.from === undefined || o.to === undefined) throw new UserError('bad_argument', '--from and --to go together: give both dates');
    const p = customPeriod(o.from, o.to);
    [from, to] = [p.start, addDays(p.end, -1)];
  } else if (o.period !== undefined) {
    const p = parsePeriod(o.period, { fiscalYearStartMonth: env.fiscalYearStartMonth, asOf });
    [from, to] = [p.start, addDays(p.end, -1)];
  } else {
    [from, to] = [asOf, asOf];
  }
  let targets = await listTargets(store, { kpi, scope, from, to });
  if (o.visible) targets = targets.filter(o.visible);
  const report = await paceTargets(store, targets, { asOf, forecast: o.forecast, rollup: o.rollup });
  return { ...report, filter: { kpi: kpi ?? null, scope: o.scope ?? null, from: from ?? null, to: to ?? null } };
}
