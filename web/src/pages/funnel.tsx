// Funnel: per stage, how many opportunities entered, moved on and dropped off, the conversion and
// the days in stage (mean, median, 90th percentile) — as a funnel chart and a table; split by a
// dimension and/or by cohort (creation month) as a matrix of conversions whose rows open the
// detail. Every count opens the records behind it (stage_conversion or time_in_stage, filtered
// by the stage and the group).
import { useMemo, useState } from 'react';
import { api } from '../api';
import { AnalysisError, Drill, FilterRefused, PeriodLine, Picker, ScopeNote, refusedFilters, useAnalysisT, useDimLabel, useGroupName, usePageParam, withFilter, type ApiParams } from '../components/analysis';
import { Chart, type ChartOption } from '../components/chart';
import { RecordsDialog } from '../components/records-dialog';
import { Loading } from '../components/status';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams } from '../state';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { FUNNEL_MESSAGES } from './funnel.i18n';
import type { FunnelResult, FunnelStage } from '../api-types';

export const FUNNEL_SPLITS = ['none', 'team', 'rep', 'source', 'segment', 'technique'] as const;

interface Group {
  key: string;
  label: string;
  value: string | null | undefined;
  cohort: string | null | undefined;
  stages: FunnelStage[];
}

interface DrillState {
  kpi: string;
  title: string;
  params: ApiParams;
}

const BLUES = ['#1f4fd8', '#3563de', '#4b78e4', '#628ce9', '#79a0ee', '#90b4f2', '#a7c6f5', '#bdd6f8'];

function FunnelChart({ stages }: { stages: FunnelStage[] }) {
  const t = usePageT(FUNNEL_MESSAGES);
  const { fmt } = useSession();
  const option = useMemo<ChartOption>(() => {
    const max = Math.max(1, ...stages.map((s) => s.entered));
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) => {
          const s = stages[p.dataIndex];
          return t('tooltip', { stage: s.stage, count: fmt.count(s.entered), conversion: fmt.percent(s.conversion, 1) });
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '5%',
          width: '90%',
          top: 6,
          bottom: 6,
          min: 0,
          max,
          minSize: '34%',
          gap: 3,
          label: { show: true, position: 'inside', color: '#fff', fontSize: 13, formatter: (p: { name: string; value: number }) => `${p.name}  ${fmt.count(p.value)}` },
          itemStyle: { borderWidth: 0 },
          data: stages.map((s, i) => ({ name: s.stage, value: s.entered, itemStyle: { color: BLUES[Math.min(i, BLUES.length - 1)] } })),
        },
      ],
    };
  }, [stages, fmt, t]);
  const words = stages.map((s) => t('chart_stage', { stage: s.stage, count: fmt.count(s.entered) })).join(', ');
  return <Chart option={option} label={t('chart_label', { stages: words })} height={Math.max(180, 46 * stages.length + 12)} className="an-funnel-chart" />;
}

function StageTable({ stages, onDrill }: { stages: FunnelStage[]; onDrill(kpi: string, stage: string): (() => void) | undefined }) {
  const t = usePageT(FUNNEL_MESSAGES);
  const { fmt, kpis } = useSession();
  const convName = kpis.get('stage_conversion')?.name ?? 'stage_conversion';
  const timeName = kpis.get('time_in_stage')?.name ?? 'time_in_stage';
  const { locale } = useI18n();
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const days = (x: number | null) => (x === null ? '–' : one.format(x));
  return (
    <div className="table-scroll">
      <table className="data an-table an-stages">
        <caption className="visually-hidden">{t('table_caption')}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{t('col_stage')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_entered')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_moved_on')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_dropped_off')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_conversion')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_drop_off')}</th>
            <th scope="colgroup" colSpan={3} className="an-group-head">{t('col_days')}</th>
            <th scope="col" rowSpan={2} className="num">{t('col_stays')}</th>
          </tr>
          <tr>
            <th scope="col" className="num">{t('col_mean')}</th>
            <th scope="col" className="num">{t('col_median')}</th>
            <th scope="col" className="num">{t('col_p90')}</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => {
            const what = t('what_stage', { kpi: convName, stage: s.stage });
            return (
              <tr key={s.stage} data-stage={s.stage}>
                <th scope="row">{s.stage}</th>
                <td className="num" data-col="entered">
                  <Drill text={fmt.count(s.entered)} what={what} onClick={s.entered > 0 ? onDrill('stage_conversion', s.stage) : undefined} />
                </td>
                <td className="num" data-col="moved_on">
                  <Drill text={fmt.count(s.moved_on)} what={what} onClick={s.moved_on > 0 ? onDrill('stage_conversion', s.stage) : undefined} />
                </td>
                <td className="num" data-col="dropped_off">{fmt.count(s.dropped_off)}</td>
                <td className="num" data-col="conversion">{fmt.percent(s.conversion, 1)}</td>
                <td className="num" data-col="drop_off">{fmt.percent(s.drop_off, 1)}</td>
                <td className="num" data-col="mean">{days(s.days.mean)}</td>
                <td className="num" data-col="median">{days(s.days.median)}</td>
                <td className="num" data-col="p90">{days(s.days.p90)}</td>
                <td className="num" data-col="stays">
                  <Drill text={fmt.count(s.days.stays)} what={t('what_stage', { kpi: timeName, stage: s.stage })} onClick={s.days.stays > 0 ? onDrill('time_in_stage', s.stage) : undefined} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Funnel({ filters, navigate }: PageProps) {
  const t = usePageT(FUNNEL_MESSAGES);
  const w = useAnalysisT();
  const dimLabel = useDimLabel();
  const groupName = useGroupName();
  const { kpis, fmt } = useSession();
  const [by, setBy] = usePageParam('funnel_by', 'none');
  const [cohortParam, setCohort] = usePageParam('funnel_cohort', 'false');
  const cohort = cohortParam === 'true';
  const [selected, setSelected] = useState<string | null>(null);
  const [drill, setDrill] = useState<DrillState | null>(null);
  const params = apiFilterParams(filters);
  const conv = kpis.get('stage_conversion');
  const refused = refusedFilters(filters, conv?.dimensions);
  const splitOk = by === 'none' || !conv || conv.dimensions.includes(by);
  const data = useApi<FunnelResult | null>(
    () => (refused.length || !splitOk ? Promise.resolve(null) : api.get<FunnelResult>('/api/funnel', { ...params, by: by === 'none' ? undefined : by, cohort: cohort ? 'true' : undefined })),
    [JSON.stringify(params), by, cohort, refused.join(','), splitOk],
  );
  const split = by !== 'none' || cohort;

  const groups = useMemo<Group[]>(() => {
    const out = new Map<string, Group>();
    for (const s of data.data?.stages ?? []) {
      const value = by !== 'none' ? (s.group?.[by] ?? null) : undefined;
      const c = cohort ? (s.cohort ?? null) : undefined;
      const key = JSON.stringify([value ?? null, c ?? null]);
      let g = out.get(key);
      if (!g) {
        const parts = [...(by !== 'none' ? [groupName(by, value)] : []), ...(cohort ? [c ? fmt.period(c) : w('none_value')] : [])];
        g = { key, label: parts.join(' · '), value, cohort: c, stages: [] };
        out.set(key, g);
      }
      g.stages.push(s);
    }
    return [...out.values()].filter((g) => g.stages.some((s) => s.entered > 0 || s.days.stays > 0));
  }, [data.data, by, cohort, groupName, fmt, w]);

  // Until a row is chosen, the detail shows the group with the most entries.
  const entered = (g: Group) => g.stages.reduce((a, s) => a + s.entered, 0);
  const current = groups.find((g) => g.key === selected) ?? groups.reduce<Group | undefined>((best, g) => (!best || entered(g) > entered(best) ? g : best), undefined);
  const stageNames = useMemo(() => [...new Set((data.data?.stages ?? []).map((s) => s.stage))], [data.data]);

  const drillFor =
    (g: Group | undefined) =>
    (kpi: string, stage: string): (() => void) | undefined => {
      let p = withFilter(params, 'stage', stage);
      if (g && by !== 'none') {
        if (g.value === null || g.value === undefined) return undefined;
        p = withFilter(p, by, g.value);
      }
      if (g && cohort) {
        if (!g.cohort) return undefined;
        p = withFilter(p, 'cohort_month', g.cohort);
      }
      const name = kpis.get(kpi)?.name ?? kpi;
      const title = g && split ? t('what_group', { kpi: name, stage, group: g.label }) : t('what_stage', { kpi: name, stage });
      return () => setDrill({ kpi, title, params: p });
    };

  const splitLabel = by !== 'none' && cohort ? t('split_and_cohort', { dim: dimLabel(by) }) : by !== 'none' ? dimLabel(by) : w('dim_cohort');
  const q = data.data?.query;
  return (
    <section aria-labelledby="page-title" className="an-page an-funnel">
      <h1 id="page-title">{t('title')}</h1>
      {q ? <PeriodLine filters={filters} from={q.from} to={q.to} asOf={q.as_of} /> : <p className="subtitle">{t('intro')}</p>}
      <form className="an-controls" aria-label={t('title')} onSubmit={(e) => e.preventDefault()}>
        <Picker id="funnel-by" label={t('split_by')} value={by} options={FUNNEL_SPLITS.map((d) => ({ value: d, label: dimLabel(d) }))} onChange={(v) => { setBy(v); setSelected(null); }} />
        <label htmlFor="funnel-cohort" className="an-check">
          <input id="funnel-cohort" type="checkbox" checked={cohort} onChange={(e) => { setCohort(e.target.checked ? 'true' : 'false'); setSelected(null); }} />
          {t('cohort_view')}
        </label>
      </form>
      {refused.length > 0 && <FilterRefused dims={refused} filters={filters} navigate={navigate} />}
      {!splitOk && (
        <div className="an-notice" role="status">
          <p>{w('split_refused', { what: t('title'), dim: dimLabel(by) })}</p>
        </div>
      )}
      {data.loading && <Loading />}
      {data.error && <AnalysisError error={data.error} by={by} onRetry={data.reload} />}
      {data.data && !data.loading && (
        <>
          <ScopeNote scope={q?.scope} />
          {stageNames.length === 0 ? (
            <p className="an-empty">{t('no_stages')}</p>
          ) : groups.length === 0 ? (
            <p className="an-empty">{t('empty')}</p>
          ) : (
            <>
              {split && (
                <section className="an-card" aria-labelledby="funnel-matrix-title">
                  <h2 id="funnel-matrix-title">{t('matrix_caption', { split: splitLabel })}</h2>
                  <p className="note">{t('matrix_hint')}</p>
                  <div className="table-scroll an-matrix-wrap">
                    <table className="data an-table an-matrix">
                      <thead>
                        <tr>
                          <th scope="col">{splitLabel}</th>
                          {stageNames.map((s) => (
                            <th key={s} scope="col" className="num">
                              {s}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {groups.map((g) => (
                          <tr key={g.key} data-group={g.label} className={g === current ? 'an-selected' : undefined}>
                            <th scope="row">
                              <button type="button" className="an-row-pick" aria-pressed={g === current} onClick={() => setSelected(g.key)} title={t('show_details', { group: g.label })}>
                                {g.label}
                              </button>
                            </th>
                            {stageNames.map((name) => {
                              const s = g.stages.find((x) => x.stage === name);
                              return (
                                <td key={name} className="num" data-stage={name}>
                                  {s && s.entered > 0 ? (
                                    <>
                                      <span className="an-cell-main">
                                        <Drill text={fmt.percent(s.conversion, 1)} what={t('what_group', { kpi: conv?.name ?? 'stage_conversion', stage: name, group: g.label })} onClick={drillFor(g)('stage_conversion', name)} />
                                      </span>
                                      <span className="an-cell-sub">{w('of_n', { k: fmt.count(s.moved_on), n: fmt.count(s.entered) })}</span>
                                    </>
                                  ) : (
                                    '–'
                                  )}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              )}
              {current && (
                <section className="an-card an-detail" aria-labelledby="funnel-detail-title">
                  <h2 id="funnel-detail-title">{split ? t('details_for', { group: current.label }) : t('table_caption')}</h2>
                  <div className="an-funnel-grid">
                    {entered(current) > 0 ? <FunnelChart stages={current.stages} /> : <p className="an-empty">{t('empty')}</p>}
                    <div>
                      <StageTable stages={current.stages} onDrill={drillFor(split ? current : undefined)} />
                      <p className="note">{t('days_hint')}</p>
                    </div>
                  </div>
                </section>
              )}
              <details className="an-rules">
                <summary>{t('rules_title')}</summary>
                <ul>
                  <li>{t('rule_entered')}</li>
                  <li>{t('rule_moved')}</li>
                  <li>{t('rule_dropped')}</li>
                </ul>
              </details>
            </>
          )}
          {data.data.warnings.length > 0 && (
            <ul className="note an-warnings" lang="en">
              {data.data.warnings.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {drill && <RecordsDialog kpi={drill.kpi} title={drill.title} params={drill.params} onClose={() => setDrill(null)} />}
    </section>
  );
}
