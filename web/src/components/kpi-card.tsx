// A KPI at a glance: its value with unit, the change against the comparison period (green when
// it moved the right way), progress against the target, the trend as a sparkline, the 95%
// interval and sample size of a rate, and the definition on hover or focus. The value opens
// the records behind it. A KPI without data says why.
import { useId } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { KpiEntry, KpiRow } from '../types';
import { Gauge, Sparkline } from './chart';

/** KPIs that are attainments (value ÷ target): shown with a gauge. */
const ATTAINMENT = new Set(['quota_attainment', 'target_attainment']);

export interface KpiCardProps {
  kpi: KpiEntry;
  row: KpiRow | undefined;
  trend: (number | null)[];
  /** Why this KPI cannot be shown under the current filters, if it cannot. */
  unavailable?: string;
  onDrill?(): void;
}

function statusText(row: KpiRow | undefined, kpi: KpiEntry, t: ReturnType<typeof useI18n>['t']): string | null {
  const needs = () => t('no_data', { needs: kpi.needs.map((e) => t(`entity_${e}` as MessageKey)).join(', ') });
  if (!row) return needs();
  if (row.status === 'ok') return null;
  if (row.status === 'no_data') return t('kpi_status_no_data');
  if (row.status.startsWith('needs_')) return t('no_data', { needs: t(`entity_${row.status.slice(6)}` as MessageKey) });
  if (row.status === 'missing_fx_rate') return t('kpi_status_missing_fx', { currency: /for ([A-Z]{3})/.exec(row.message ?? '')?.[1] ?? '?' });
  if (row.status === 'zero_denominator') return t('kpi_status_zero_denominator');
  if (row.status === 'out_of_scope') return t('kpi_status_out_of_scope');
  if (row.status === 'no_target') return t('kpi_status_no_target');
  return t('kpi_status_other', { message: row.message ?? row.status });
}

export function KpiCard({ kpi, row, trend, unavailable, onDrill }: KpiCardProps) {
  const { t } = useI18n();
  const { fmt } = useSession();
  const defId = useId();
  const problem = unavailable ?? statusText(row, kpi, t);
  const prev = row?.comparisons?.previous_period;
  const target = row?.comparisons?.target;
  const good = prev?.delta === null || prev?.delta === undefined || prev.delta === 0 ? 'flat' : (prev.delta > 0) === (kpi.direction === 'higher') ? 'good' : 'bad';
  return (
    <article className="kpi-card" data-kpi={kpi.id} aria-labelledby={`${defId}-name`}>
      <header>
        <h3 id={`${defId}-name`}>{kpi.name}</h3>
        <button type="button" className="info" aria-describedby={`${defId}-def`} aria-label={`${t('definition')}: ${kpi.name}`}>
          ?
        </button>
        <span role="tooltip" id={`${defId}-def`} className="tooltip">
          {kpi.definition}
        </span>
      </header>
      {problem && !row?.value ? (
        <p className="kpi-missing">{problem}</p>
      ) : (
        <>
          <p className="kpi-value">
            {onDrill ? (
              <button type="button" className="drill" onClick={onDrill} title={t('show_records', { kpi: kpi.name })} aria-label={`${fmt.value(row!.value, kpi.unit)} — ${t('show_records', { kpi: kpi.name })}`}>
                {fmt.value(row!.value, kpi.unit)}
              </button>
            ) : (
              fmt.value(row!.value, kpi.unit)
            )}
          </p>
          <p className={`kpi-change ${good}`}>
            {prev && prev.delta !== null ? (
              <>
                <span className="arrow" aria-hidden="true">
                  {prev.delta > 0 ? '▲' : prev.delta < 0 ? '▼' : '■'}
                </span>{' '}
                {fmt.delta(prev.delta, kpi.unit)} {t('vs_previous', { period: prev.period ? fmt.period(prev.period) : '' })}
              </>
            ) : (
              t('no_change_data')
            )}
          </p>
          {target && target.attainment !== null && target.attainment !== undefined ? (
            <div className="kpi-target">
              <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(target.attainment * 100)} aria-label={t('target_progress', { pct: fmt.percent(target.attainment), target: fmt.value(target.value, kpi.unit) })}>
                <span className={target.attainment >= 1 ? 'met' : ''} style={{ width: `${Math.min(100, target.attainment * 100)}%` }} />
              </div>
              <span>{t('target_progress', { pct: fmt.percent(target.attainment), target: fmt.value(target.value, kpi.unit) })}</span>
            </div>
          ) : null}
          {kpi.unit === 'ratio' && row?.ci95 && row.n !== null ? (
            <p className="kpi-ci">{t('interval', { low: fmt.value(row.ci95[0], 'ratio'), high: fmt.value(row.ci95[1], 'ratio'), n: fmt.count(row.n) })}</p>
          ) : null}
        </>
      )}
      {ATTAINMENT.has(kpi.id) && row?.status === 'ok' && row.value !== null && <Gauge value={row.value} label={`${kpi.name}: ${fmt.value(row.value, 'ratio')}`} />}
      {trend.some((v) => v !== null) && <Sparkline values={trend} label={`${kpi.name}: ${t('trend_label')}`} />}
    </article>
  );
}
