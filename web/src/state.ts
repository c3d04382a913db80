// Where the dashboard is and what it shows, kept in the URL: the page's path and the filters
// (period or a custom range, team, rep, product, lead source), so a link shows the same view.
import { useCallback, useEffect, useState } from 'react';

export const FILTER_DIMS = ['team', 'rep', 'product', 'source'] as const;
export type FilterDim = (typeof FILTER_DIMS)[number];

export interface Filters {
  period: string;
  from?: string;
  to?: string;
  as_of?: string;
  team?: string;
  rep?: string;
  product?: string;
  source?: string;
}

export const DEFAULT_PERIOD = 'this_month';

export function readFilters(search: string): Filters {
  const q = new URLSearchParams(search);
  const f: Filters = { period: q.get('period') ?? DEFAULT_PERIOD };
  for (const k of ['from', 'to', 'as_of', ...FILTER_DIMS] as const) {
    const v = q.get(k);
    if (v) f[k] = v;
  }
  if (f.from && f.to) f.period = 'custom';
  return f;
}

export function filterSearch(f: Filters): string {
  const q = new URLSearchParams();
  if (f.period === 'custom' && f.from && f.to) {
    q.set('from', f.from);
    q.set('to', f.to);
  } else if (f.period !== DEFAULT_PERIOD) q.set('period', f.period);
  if (f.as_of) q.set('as_of', f.as_of);
  for (const k of FILTER_DIMS) if (f[k]) q.set(k, f[k]!);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The API's period and filter parameters for these filters. */
export function apiFilterParams(f: Filters): Record<string, string | string[] | undefined> {
  const custom = f.period === 'custom' && f.from && f.to;
  return {
    period: custom ? undefined : f.period,
    from: custom ? f.from : undefined,
    to: custom ? f.to : undefined,
    as_of: f.as_of,
    filter: FILTER_DIMS.filter((k) => f[k]).map((k) => `${k}=${f[k]}`),
  };
}

export interface Location {
  path: string;
  search: string;
}

const current = (): Location => ({ path: window.location.pathname, search: window.location.search });

/** The location, updated on navigation (links, back and forward). */
export function useLocation(): [Location, (path: string, search?: string) => void] {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const navigate = useCallback((path: string, search = window.location.search) => {
    window.history.pushState(null, '', path + search);
    setLoc(current());
    window.dispatchEvent(new Event('quotient:navigate'));
  }, []);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('quotient:navigate', on);
    return () => window.removeEventListener('quotient:navigate', on);
  }, []);
  return [loc, navigate];
}
