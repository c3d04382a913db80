// The filters every page shares: a period (presets or a custom range) and team, rep, product
// and lead source — written to the URL, so a link shows the same view.
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { filterSearch, type Filters } from '../state';

export const PERIODS = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year', 'ytd', 'last_30_days', 'last_90_days'] as const;

export function FiltersBar({ filters, onChange }: { filters: Filters; onChange(search: string): void }) {
  const { t } = useI18n();
  const { dims } = useSession();
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const set = (patch: Partial<Filters>) => onChange(filterSearch({ ...filters, ...patch }));
  const applyRange = (e: FormEvent) => {
    e.preventDefault();
    if (from && to) set({ period: 'custom', from, to });
  };
  const select = (id: string, label: string, value: string | undefined, options: { value: string; label: string }[], key: keyof Filters) =>
    options.length > 0 && (
      <label htmlFor={id}>
        {label}
        <select id={id} value={value ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })}>
          <option value="">{t('all')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    );
  const any = filters.team || filters.rep || filters.product || filters.source || filters.period !== 'this_month';
  return (
    <form className="filters" aria-label={t('filters')} onSubmit={applyRange}>
      <label htmlFor="f-period">
        {t('period')}
        <select id="f-period" value={filters.period} onChange={(e) => (e.target.value === 'custom' ? set({ period: 'custom', from: from || undefined, to: to || undefined }) : set({ period: e.target.value, from: undefined, to: undefined }))}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`period_${p}` as MessageKey)}
            </option>
          ))}
          <option value="custom">{t('period_custom')}</option>
        </select>
      </label>
      {filters.period === 'custom' && (
        <fieldset className="range">
          <legend>{t('custom_range')}</legend>
          <label htmlFor="f-from">
            {t('from')}
            <input id="f-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label htmlFor="f-to">
            {t('to')}
            <input id="f-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit">{t('apply')}</button>
        </fieldset>
      )}
      {select('f-team', t('team'), filters.team, dims.teams.map((x) => ({ value: x.id, label: x.name })), 'team')}
      {select('f-rep', t('rep'), filters.rep, dims.reps.filter((r) => !filters.team || r.team_id === filters.team).map((x) => ({ value: x.id, label: x.name })), 'rep')}
      {select('f-product', t('product'), filters.product, dims.products.map((x) => ({ value: x.id, label: x.name })), 'product')}
      {select('f-source', t('source'), filters.source, dims.sources.map((x) => ({ value: x, label: x })), 'source')}
      {any && (
        <button type="button" className="link" onClick={() => onChange(filters.as_of ? `?as_of=${filters.as_of}` : '')}>
          {t('clear_filters')}
        </button>
      )}
    </form>
  );
}
