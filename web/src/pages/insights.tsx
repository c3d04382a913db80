// Insights: the ranked findings of GET /api/insights — rank, severity and tone, the sentence
// (English as the server says it; German, Dutch and Turkish rebuilt from the finding's kind and
// params), the money at stake, the evidence (values, n, intervals, the difference, q) and a
// button opening the records behind each finding; then what was checked and how findings rank.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { AnalysisError, FilterRefused, PeriodLine, ScopeNote, refusedFilters, useAnalysisT, useDimLabel, useFormatQ, useKpiInSentence } from '../components/analysis';
import { insightSentence, type InsightKey, type NumberWords } from '../components/insight-sentence';
import { RecordsDialog } from '../components/records-dialog';
import { Loading } from '../components/status';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams } from '../state';
import type { Unit } from '../types';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { INSIGHTS_MESSAGES } from './insights.i18n';
import type { Insight, InsightsResult, Side } from '../api-types';

const LIMIT = 20;
const KINDS = ['rep_below_team', 'source_best_conversion', 'source_worst_conversion', 'source_cpa', 'stage_dropoff_worse', 'stage_bottleneck', 'activity_separates_outcomes', 'technique_wins_more', 'target_met'];

function EvidenceView({ ins, t, period }: { ins: Insight; t: (k: InsightKey, p?: Record<string, string | number>) => string; period: string }) {
  const w = useAnalysisT();
  const { fmt, kpis } = useSession();
  const formatQ = useFormatQ();
  const ev = ins.evidence;
  const p = ins.params;
  const s = (k: string) => String(p[k] ?? '');
  const metricName = ev.metric === 'decided_stage_conversion' ? t('metric_decided_stage_conversion') : (kpis.get(ev.metric)?.name ?? ev.metric);

  if (ins.kind === 'target_met') {
    const kpi = s('kpi');
    const unit: Unit = kpis.get(kpi)?.unit ?? 'count';
    const met = (Array.isArray(p.met) ? p.met : []) as { id?: string; name?: string; attainment?: number | null; value?: number | null; target?: number | null }[];
    return (
      <div className="an-evidence">
        <h3>{t('evidence', { metric: kpis.get(kpi)?.name ?? kpi })}</h3>
        <div className="table-scroll">
          <table className="data an-table">
            <thead>
              <tr>
                <th scope="col">{t('ev_col_name')}</th>
                <th scope="col" className="num">{t('ev_col_attainment')}</th>
                <th scope="col" className="num">{t('ev_col_actual')}</th>
                <th scope="col" className="num">{t('ev_col_target')}</th>
              </tr>
            </thead>
            <tbody>
              {met.map((e) => (
                <tr key={String(e.id)}>
                  <th scope="row">{s('level') === 'company' ? t('ev_company') : String(e.name ?? e.id)}</th>
                  <td className="num">{fmt.percent(e.attainment ?? null, 1)}</td>
                  <td className="num">{fmt.value(e.value ?? null, unit)}</td>
                  <td className="num">{fmt.value(e.target ?? null, unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {typeof p.surplus === 'number' && p.surplus > 0 && <p className="note">{t('ev_surplus', { money: fmt.money(p.surplus) })}</p>}
      </div>
    );
  }

  const type = s('activity_type');
  const known = ['call', 'email', 'meeting', 'demo', 'social', 'other'].includes(type);
  const one = known ? t(`act_${type}_one` as InsightKey) : t('act_any_one', { type });
  const many = known ? t(`act_${type}_many` as InsightKey) : t('act_any_many', { type });
  const hist = ev.details && typeof ev.details.history_from === 'string' ? fmt.period(`${ev.details.history_from}..${String(ev.details.history_to)}`) : '';
  const labels: Record<string, [string, string]> = {
    rep_below_team: [s('rep_name') || s('rep'), t('ev_rest_of_team', { team: s('team_name') || s('team') })],
    source_best_conversion: [t('ev_source', { source: s('source') }), t('ev_other_sources')],
    source_worst_conversion: [t('ev_source', { source: s('source') }), t('ev_other_sources')],
    source_cpa: [t('ev_channel', { channel: s('channel') }), t('ev_all_channels')],
    activity_separates_outcomes: [t('ev_with', { one, many }), t('ev_without', { one, many })],
    stage_dropoff_worse: [t('ev_stage_period', { stage: s('stage'), period }), t('ev_stage_period', { stage: s('stage'), period: hist })],
    stage_bottleneck: [s('stage'), t('ev_other_stages')],
    technique_wins_more: [t('ev_technique', { technique: s('technique') }), t('ev_other_deals')],
  };
  const [subjectLabel, comparisonLabel] = labels[ins.kind] ?? [ev.subject.label, ev.comparison?.label ?? ''];
  const money = ev.metric === 'cpa_by_channel';
  const value = (x: number | null) => (money ? fmt.money(x) : fmt.percent(x, 1));
  const nOf = (side: Side) => (side.n === null ? '–' : money || side.numerator === null ? fmt.count(side.n) : w('of_n', { k: fmt.count(side.numerator), n: fmt.count(side.n) }));
  const ci = (side: Side) => (side.ci95 ? `${fmt.percent(side.ci95[0], 1)} – ${fmt.percent(side.ci95[1], 1)}` : '–');
  const diff = ev.difference === null ? null : money ? fmt.delta(ev.difference, 'money') : fmt.delta(ev.difference, 'ratio');
  const testName = ev.test === 'fisher' ? w('test_fisher') : ev.test === 'z' ? w('test_z') : null;
  return (
    <div className="an-evidence">
      <h3>{t('evidence', { metric: metricName })}</h3>
      <div className="table-scroll">
        <table className="data an-table">
          <thead>
            <tr>
              <th scope="col">{t('ev_col_side')}</th>
              <th scope="col" className="num">{t('ev_col_value')}</th>
              <th scope="col" className="num">{t('ev_col_n')}</th>
              {!money && <th scope="col" className="num">{t('ev_col_interval')}</th>}
            </tr>
          </thead>
          <tbody>
            {[
              [subjectLabel, ev.subject] as const,
              ...(ev.comparison ? [[comparisonLabel, ev.comparison] as const] : []),
            ].map(([label, side], i) => (
              <tr key={i} data-side={i === 0 ? 'subject' : 'comparison'}>
                <th scope="row">{label}</th>
                <td className="num">{value(side.value)}</td>
                <td className="num">{nOf(side)}</td>
                {!money && <td className="num">{ci(side)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="an-evidence-line">
        {diff !== null && (
          <span>
            {ev.difference_ci95 ? t('ev_difference', { value: diff, low: fmt.delta(ev.difference_ci95[0], 'ratio'), high: fmt.delta(ev.difference_ci95[1], 'ratio') }) : t('ev_difference_plain', { value: diff })}
          </span>
        )}
        {ev.q !== null && <span>{formatQ(ev.q)}</span>}
        {testName && <span>{testName}</span>}
        {ev.family_size !== null && <span>{t('ev_family', { tests: fmt.count(ev.family_size) })}</span>}
      </p>
    </div>
  );
}

export function Insights({ filters, navigate }: PageProps) {
  const t = usePageT(INSIGHTS_MESSAGES);
  const dimLabel = useDimLabel();
  const formatQ = useFormatQ();
  const inSentence = useKpiInSentence();
  const { lang, locale } = useI18n();
  const { kpis, fmt } = useSession();
  const [all, setAll] = useState(false);
  const [drill, setDrill] = useState<Insight | null>(null);
  const params = apiFilterParams(filters);
  // Insights take the dimensions of deals and the people who own them: those of win_rate.
  const refused = refusedFilters(filters, kpis.get('win_rate')?.dimensions);
  const data = useApi<InsightsResult | null>(
    () => (refused.length ? Promise.resolve(null) : api.get<InsightsResult>('/api/insights', { ...params, limit: all ? 100 : LIMIT })),
    [JSON.stringify(params), all, refused.join(',')],
  );
  const r = data.data;

  const words = useMemo<NumberWords>(() => {
    const fixed = new Map<number, Intl.NumberFormat>();
    return {
      pct: (x) => fmt.percent(x, 1),
      count: (x) => fmt.count(x),
      money: (x) => fmt.money(x),
      q: formatQ,
      fixed: (x, digits) => {
        if (!fixed.has(digits)) fixed.set(digits, new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
        return fixed.get(digits)!.format(x);
      },
      value: (kpi, x) => fmt.value(x, kpis.get(kpi)?.unit ?? 'count'),
      kpiName: inSentence,
    };
  }, [fmt, formatQ, kpis, locale, inSentence]);

  const sentenceOf = (ins: Insight): { text: string; lang?: string } => {
    if (lang === 'en') return { text: ins.sentence };
    const own = insightSentence(ins, lang, words);
    return own ? { text: own } : { text: ins.sentence, lang: 'en' };
  };
  const checkMetric = (metric: string) => {
    const m = /^(\w+) by (\w+)$/.exec(metric);
    const name = (id: string) => kpis.get(id)?.name ?? id;
    return m ? `${name(m[1])} — ${dimLabel(m[2])}` : name(metric);
  };
  const kindName = (kind: string) => (KINDS.includes(kind) ? t(`kind_${kind}` as InsightKey) : kind);

  return (
    <section aria-labelledby="page-title" className="an-page an-insights">
      <h1 id="page-title">{t('title')}</h1>
      {r ? <PeriodLine filters={filters} from={r.query.from} to={r.query.to} asOf={r.query.as_of} /> : <p className="subtitle">{t('intro')}</p>}
      {refused.length > 0 && <FilterRefused dims={refused} filters={filters} navigate={navigate} />}
      {data.loading && <Loading />}
      {data.error && <AnalysisError error={data.error} onRetry={data.reload} />}
      {r && !data.loading && (
        <>
          <ScopeNote scope={r.query.scope} />
          {r.insights.length === 0 ? (
            <p className="an-empty">{t('empty')}</p>
          ) : (
            <>
              <p className="an-count">
                {t('showing', { shown: fmt.count(r.insights.length), total: fmt.count(r.total) })}{' '}
                {r.total > r.insights.length && (
                  <button type="button" className="link" onClick={() => setAll(true)}>
                    {t('show_all', { total: fmt.count(r.total) })}
                  </button>
                )}
              </p>
              <ol className="an-findings">
                {r.insights.map((ins) => {
                  const sentence = sentenceOf(ins);
                  return (
                    <li key={ins.id} className={`an-finding an-${ins.tone}`} data-id={ins.id} data-kind={ins.kind}>
                      <article aria-labelledby={`finding-${ins.rank}`}>
                        <header className="an-finding-head">
                          <span className="an-rank" aria-hidden="true">
                            {ins.rank}
                          </span>
                          <h2 id={`finding-${ins.rank}`}>
                            <span className="visually-hidden">{t('rank', { rank: ins.rank })}: </span>
                            {kindName(ins.kind)}
                          </h2>
                          <span className={`an-severity an-severity-${ins.severity}`}>{t('severity_label', { severity: t(`severity_${ins.severity}`) })}</span>
                          <span className={`an-tone an-tone-${ins.tone}`}>
                            <span aria-hidden="true">{ins.tone === 'positive' ? '▲ ' : '▼ '}</span>
                            {t(ins.tone === 'positive' ? 'tone_positive' : 'tone_negative')}
                          </span>
                        </header>
                        <p className="an-sentence" lang={sentence.lang}>
                          {sentence.text}
                        </p>
                        {ins.score > 0 && <p className="an-stake">{t('at_stake', { money: fmt.money(ins.score) })}</p>}
                        <EvidenceView ins={ins} t={t} period={fmt.period(`${r.query.from}..${r.query.to}`)} />
                        <p className="an-actions">
                          <button type="button" onClick={() => setDrill(ins)} aria-label={t('records_label', { rank: ins.rank })}>
                            {t('records')}
                          </button>
                        </p>
                      </article>
                    </li>
                  );
                })}
              </ol>
            </>
          )}
          <details className="an-rules">
            <summary>{t('checks_title')}</summary>
            <ul>
              {r.checks.map((c, i) => (
                <li key={i}>
                  {t('check_line', { kind: kindName(c.kind), metric: checkMetric(c.metric), tested: fmt.count(c.tested), found: fmt.count(c.found) })}
                  {c.note && (
                    <>
                      {' — '}
                      <span lang="en">{c.note}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </details>
          <details className="an-rules">
            <summary>{t('ranking_title')}</summary>
            <p>{t('ranking_text')}</p>
            <p>{t('rules_text')}</p>
          </details>
          {r.warnings.length > 0 && (
            <ul className="note an-warnings" lang="en">
              {r.warnings.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {drill && (
        <RecordsDialog
          kpi={drill.records.query.kpi}
          title={kpis.get(drill.records.query.kpi)?.name ?? drill.records.query.kpi}
          params={{ period: drill.records.query.period, from: drill.records.query.from, to: drill.records.query.to, as_of: drill.records.query.as_of, by: drill.records.query.by, filter: drill.records.query.filter }}
          onClose={() => setDrill(null)}
        />
      )}
    </section>
  );
}
