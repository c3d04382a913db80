// Who is signed in, the KPI catalog in the chosen language, the reporting currency and the
// names of teams, reps and products — loaded once per sign-in (the catalog once per language)
// and shared by every page. It also listens for new data (live.ts) once per sign-in: the
// names are read again and every view reloads quietly.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from './api';
import { LOCALES, useI18n } from './i18n';
import { formatter, type Formatter } from './format';
import type { KpiEntry, Me } from './types';
import type { DimensionValues } from './api-types';
import { DataVersion, useLiveData } from './live';

export interface Session {
  me: Me;
  kpis: Map<string, KpiEntry>;
  dims: DimensionValues;
  currency: string;
  fmt: Formatter;
  signOut(): Promise<void>;
  /** A rep's or team's name for an id (the id itself when unknown). */
  nameOf(dim: string, id: string | null): string;
}

const Ctx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

interface Loaded {
  me: Me;
  dims: DimensionValues;
  currency: string;
}

export function SessionProvider({ me, onSignedOut, children, fallback }: { me: Me; onSignedOut(): void; children: ReactNode; fallback: (e: ApiError | null) => ReactNode }) {
  const { lang, t } = useI18n();
  const [base, setBase] = useState<Loaded | null>(null);
  const [kpis, setKpis] = useState<Map<string, KpiEntry> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const dataVersion = useLiveData();
  useEffect(() => {
    Promise.all([api.get<DimensionValues>('/api/dimensions'), api.get<Record<string, string>>('/api/settings')]).then(
      ([dims, settings]) => setBase({ me, dims, currency: settings.currency ?? 'USD' }),
      // After the first load, a failed refresh keeps the names there are.
      (e: ApiError) => (dataVersion === 0 ? setError(e) : undefined),
    );
  }, [me, dataVersion]);
  useEffect(() => {
    api.get<KpiEntry[]>('/api/kpis', { lang }).then(
      (list) => setKpis(new Map(list.map((k) => [k.id, k]))),
      (e: ApiError) => setError(e),
    );
  }, [lang]);
  const value = useMemo<Session | null>(() => {
    if (!base || !kpis) return null;
    const fmt = formatter(LOCALES[lang], base.currency, { days: (v) => t('unit_days', { value: v }), points: (v) => t('unit_points', { value: v }), pp: (v) => t('unit_pp', { value: v }) });
    const names: Record<string, Map<string, string>> = {
      rep: new Map(base.dims.reps.map((r) => [r.id, r.name])),
      team: new Map(base.dims.teams.map((x) => [x.id, x.name])),
      product: new Map(base.dims.products.map((p) => [p.id, p.name])),
    };
    return {
      me: base.me,
      kpis,
      dims: base.dims,
      currency: base.currency,
      fmt,
      signOut: async () => {
        await api.post('/api/auth/logout').catch(() => undefined);
        onSignedOut();
      },
      nameOf: (dim, id) => (id === null ? '–' : (names[dim]?.get(id) ?? id)),
    };
  }, [base, kpis, lang, t, onSignedOut]);
  if (!value) return <>{fallback(error)}</>;
  return (
    <Ctx.Provider value={value}>
      <DataVersion.Provider value={dataVersion}>{children}</DataVersion.Provider>
    </Ctx.Provider>
  );
}
