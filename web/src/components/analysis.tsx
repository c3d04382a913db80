// What the analysis pages (Funnel, Compare, Explain, Insights) share: a page setting kept in the
// URL beside the shared filters, dimension names and group names in words, the period line,
// q-values as people read them, and refusals (a filter the figures cannot take, a split the role
// may not see) said in words with a way out — never a blank page.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api';
import { MESSAGES, useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { FILTER_DIMS, filterSearch, type FilterDim, type Filters } from '../state';
import { ANALYSIS_MESSAGES } from './analysis.i18n';
import { ErrorView } from './status';

export type ApiParams = Record<string, string | string[] | undefined>;

/** The shared words of the analysis pages. */
export function useAnalysisT() {
  return usePageT(ANALYSIS_MESSAGES);
}

/**
 * A page's own setting (a split, a KPI, a comparison) kept in the URL next to the filters, so a
 * link shows the same view; it survives filter changes (which rewrite the query string) and
 * follows back and forward.
 */
export function usePageParam(name: string, fallback: string): [string, (v: string) => void] {
  const read = useCallback(() => new URLSearchParams(window.location.search).get(name) ?? fallback, [name, fallback]);
  const [value, setValue] = useState(read);
  const [path] = useState(() => window.location.pathname);
  useEffect(() => {
    const sync = () => {
      if (window.location.pathname !== path) return;
      const q = new URLSearchParams(window.location.search);
      const want = value === fallback ? null : value;
      if (q.get(name) === want) return;
      if (want === null) q.delete(name);
      else q.set(name, want);
      const s = q.toString();
      window.history.replaceState(window.history.state, '', window.location.pathname + (s ? `?${s}` : ''));
    };
    sync();
    window.addEventListener('quotient:navigate', sync);
    return () => window.removeEventListener('quotient:navigate', sync);
  }, [name, value, fallback, path]);
  useEffect(() => {
    const back = () => {
      if (window.location.pathname === path) setValue(read());
    };
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, [read, path]);
  return [value, setValue];
}

/** The parameters with one dimension's filter set to a single value (replacing any filter on it). */
export function withFilter(params: ApiParams, dim: string, value: string): ApiParams {
  const own = ([] as string[]).concat(params.filter ?? []).filter((f) => !f.startsWith(`${dim}=`));
  return { ...params, filter: [...own, `${dim}=${value}`] };
}

/** A dimension's name in words. */
export function useDimLabel(): (dim: string) => string {
  const w = useAnalysisT();
  return (dim) => {
    const key = `dim_${dim}` as Parameters<typeof w>[0];
    return key in ANALYSIS_MESSAGES.en ? w(key) : dim;
  };
}

/** A group's value in words: names for reps and teams, "(none)" for no value. */
export function useGroupName(): (dim: string, value: string | null | undefined) => string {
  const w = useAnalysisT();
  const { nameOf } = useSession();
  return (dim, value) => {
    if (value === null || value === undefined) return w('none_value');
    if (dim === 'rep' || dim === 'team') return nameOf(dim, value);
    return value;
  };
}

/** A name as it reads inside a sentence: lower case, except in German, where nouns keep their capital. */
export function useInSentence(): (name: string) => string {
  const { lang, locale } = useI18n();
  return (name) => (lang === 'de' ? name : name.toLocaleLowerCase(locale));
}

/** A KPI's name as it reads inside a sentence. */
export function useKpiInSentence(): (kpi: string) => string {
  const { kpis } = useSession();
  const lower = useInSentence();
  return (kpi) => lower(kpis.get(kpi)?.name ?? kpi.replace(/_/g, ' '));
}

/** A q-value as people read it: three decimals, or "q < 0.001". */
export function useFormatQ(): (q: number | null) => string {
  const w = useAnalysisT();
  const { locale } = useI18n();
  const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (q) => (q === null ? '–' : q < 0.001 ? w('q_below', { value: three.format(0.001) }) : w('q_equals', { value: three.format(q) }));
}

/** "This quarter: Oct 1, 2026 – Dec 31, 2026, as of Nov 23, 2026". */
export function PeriodLine({ filters, from, to, asOf }: { filters: Filters; from: string; to: string; asOf?: string }) {
  const { t } = useI18n();
  const w = useAnalysisT();
  const { fmt } = useSession();
  // A preset by its name; any other period the URL names (2026-03, 2026-Q1) as the API names it, in words.
  const key = `period_${filters.period}`;
  const period = filters.period === 'custom' ? t('period_custom') : key in MESSAGES.en ? t(key as MessageKey) : fmt.period(filters.period);
  const words = { period, from: fmt.date(from), to: fmt.date(to) };
  return <p className="subtitle">{asOf ? w('period_line', { ...words, asOf: fmt.date(asOf) }) : w('period_line_short', words)}</p>;
}

/** The shared filters in use that the figures behind a view cannot take. */
export function refusedFilters(filters: Filters, dims: readonly string[] | undefined): FilterDim[] {
  if (!dims) return [];
  return FILTER_DIMS.filter((d) => filters[d] && !dims.includes(d));
}

/** Says which filters this view cannot take, with a button to remove each. */
export function FilterRefused({ dims, filters, navigate }: { dims: readonly FilterDim[]; filters: Filters; navigate(path: string, search?: string): void }) {
  const w = useAnalysisT();
  const label = useDimLabel();
  return (
    <div className="an-notice" role="status">
      <p>{w('filter_refused', { dims: dims.map(label).join(', ') })}</p>
      <p className="an-actions">
        {dims.map((d) => (
          <button key={d} type="button" onClick={() => navigate(window.location.pathname, filterSearch({ ...filters, [d]: undefined }))}>
            {w('remove_filter', { dim: label(d) })}
          </button>
        ))}
      </p>
    </div>
  );
}

/** A refusal or failure from the server, in words: the role, a filter, or the server's own message. */
export function AnalysisError({ error, by, onRetry }: { error: ApiError; by?: string; onRetry(): void }) {
  const w = useAnalysisT();
  const label = useDimLabel();
  if (error.status === 403) {
    return (
      <div className="an-notice an-refused" role="alert">
        <p>{by && by !== 'none' ? w('role_refused_split', { dim: label(by) }) : w('role_refused')}</p>
      </div>
    );
  }
  const dim = typeof error.details.dimension === 'string' ? error.details.dimension : null;
  if (error.status === 400 && dim) {
    return (
      <div className="an-notice" role="alert">
        <p>{w('server_refused_filter', { dim: label(dim) })}</p>
      </div>
    );
  }
  return <ErrorView error={error} onRetry={onRetry} />;
}

/**
 * Under a restricted scope, says whose deals are counted: the scope a result names, else (for
 * results that do not name it) the reps the user may see, as /api/dimensions lists them.
 */
export function ScopeNote({ scope: given }: { scope?: { reps: readonly string[] | 'all' } }) {
  const w = useAnalysisT();
  const { me, dims } = useSession();
  const scope = given ?? (me.user.role === 'rep' || me.user.role === 'manager' ? { reps: dims.reps.map((r) => r.id) } : undefined);
  if (!scope || scope.reps === 'all') return null;
  const own = me.user.rep_id !== null && scope.reps.length === 1 && scope.reps[0] === me.user.rep_id;
  return <p className="note an-scope">{own ? w('scope_own') : w('scope_some', { count: scope.reps.length })}</p>;
}

/** A small select with its label above, in the style of the shared filters. */
export function Picker({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange(v: string): void }) {
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A number that opens the records behind it (`what` names them: "Win rate, technique spin"). */
export function Drill({ text, what, onClick }: { text: string; what: string; onClick?: () => void }) {
  const w = useAnalysisT();
  if (!onClick) return <>{text}</>;
  const label = w('open_records', { what });
  return (
    <button type="button" className="an-drill" onClick={onClick} aria-label={`${text} — ${label}`} title={label}>
      {text}
    </button>
  );
}
