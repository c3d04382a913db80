// What the Targets and Alerts pages share: numbers typed in the chosen language's way, a KPI's
// value typed in its unit (money in the reporting currency's major units, rates as percentages)
// and the API's value back, scopes (company, team:ID, rep:ID) as a select and in words, and a
// date and time in the chosen language.
import { ApiError } from '../api';
import { errorText } from './status';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import type { KpiEntry, Unit } from '../types';

/** A number as typed in this locale ("10.000,50" in German, "10,000.50" in English), or null. */
export function parseLocaleNumber(text: string, locale: string): number | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  let s = text.trim().replace(/[\s\u00a0\u202f%]/g, '').replace(/^\+/, '').replace(/^[−–]/, '-');
  if (!s) return null;
  s = s.split(group).join('');
  if (decimal !== '.') s = s.replace(decimal, '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A value as typed for a KPI of this unit → the API's value (a rate typed as 35 is 0.35). */
export function toApiValue(typed: number, unit: Unit): number {
  return unit === 'ratio' ? Math.round(typed * 1e4) / 1e6 : unit === 'money' ? Math.round(typed * 100) / 100 : typed;
}

/** KPIs people may pick, by name in the chosen language; only those measurable at the scope. */
export function useKpiOptions(scope: string): KpiEntry[] {
  const { kpis } = useSession();
  const { locale } = useI18n();
  const level = scope.startsWith('team:') ? 'team' : scope.startsWith('rep:') ? 'rep' : 'company';
  return [...kpis.values()].filter((k) => level === 'company' || k.dimensions.includes(level)).sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** The scopes of the organisation as options: the company, then teams, then reps. */
export function ScopeOptions({ company, teamsLabel, repsLabel }: { company: string; teamsLabel: string; repsLabel: string }) {
  const { dims } = useSession();
  return (
    <>
      <option value="company">{company}</option>
      {dims.teams.length > 0 && (
        <optgroup label={teamsLabel}>
          {dims.teams.map((x) => (
            <option key={x.id} value={`team:${x.id}`}>
              {x.name}
            </option>
          ))}
        </optgroup>
      )}
      {dims.reps.length > 0 && (
        <optgroup label={repsLabel}>
          {dims.reps.map((x) => (
            <option key={x.id} value={`rep:${x.id}`}>
              {x.name}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** The KPI and scope selects both forms begin with; the KPI list follows the scope, and a KPI not measurable at it stays shown. */
export function KpiScopeFields(p: { idPrefix: string; kpi: string; scope: string; onKpi(v: string): void; onScope(v: string): void; words: { kpi: string; scope: string; company: string; teams: string; reps: string } }) {
  const { kpis } = useSession();
  const options = useKpiOptions(p.scope);
  return (
    <>
      <label htmlFor={`${p.idPrefix}-kpi`}>
        {p.words.kpi}
        <select id={`${p.idPrefix}-kpi`} value={p.kpi} onChange={(e) => p.onKpi(e.target.value)}>
          {!options.some((k) => k.id === p.kpi) && <option value={p.kpi}>{kpis.get(p.kpi)?.name ?? p.kpi}</option>}
          {options.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${p.idPrefix}-scope`}>
        {p.words.scope}
        <select id={`${p.idPrefix}-scope`} value={p.scope} onChange={(e) => p.onScope(e.target.value)}>
          <ScopeOptions company={p.words.company} teamsLabel={p.words.teams} repsLabel={p.words.reps} />
        </select>
      </label>
    </>
  );
}

/** A scope in words: the company's word, or the team's or rep's name. */
export function useScopeName(company: string): (scope: string, id: string | null, name?: string | null) => string {
  const { nameOf } = useSession();
  return (scope, id, name) => (scope === 'company' ? company : name || nameOf(scope, id));
}

/** An instant (ISO) as a date and time in the chosen language, in the browser's time zone. */
export function useDateTime(): (iso: string) => string {
  const { locale } = useI18n();
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}

/** The server's refusals (400, 404, 409) in its own words through `failed`; anything else as every page says it. */
export function useRefusal(failed: (message: string) => string): (e: unknown) => string {
  const { t } = useI18n();
  return (e) => {
    const ae = e instanceof ApiError ? e : new ApiError(0, 'client', String(e));
    return ae.status === 400 || ae.status === 404 || ae.status === 409 ? failed(ae.message) : errorText(ae, t);
  };
}
