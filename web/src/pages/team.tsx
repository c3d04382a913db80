// Team: the leaderboard — reps ranked by a chosen KPI (equal values share a rank; a win rate
// needs a minimum of closed deals to be ranked), every KPI of the scorecard beside it, the team
// and company totals below, and the ranking as a bar chart. Who is listed follows the server's
// scope: a manager sees their teams' reps, a rep only themselves (and totals, which name no
// one), a viewer company totals. /team/REP_ID opens a rep's scorecard.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/chart';
import { collapseImplicit } from '../components/kpi-rows';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, FILTER_DIMS, type Filters } from '../state';
import type { KpiResult, KpiRow } from '../types';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { Scorecard, TEAM_KPIS } from './scorecard';
import { teamMessages } from './team.i18n';

/** Sums: a rep without a row has 0 (unless the data is missing altogether). */
const SUMS = new Set(['revenue', 'activities']);
export const DEFAULT_MIN_DEALS = 5;
const CHART_TOP = 15;

export interface Cell {
  value: number | null;
  n: number | null;
}

export interface RankedRow {
  rep: string;
  rank: number | null;
  /** Why a rep with a value is not ranked (too few closed deals), if so. */
  belowMin: boolean;
}

/**
 * Competition ranking ("1, 1, 3"): reps with a value (and, for the win rate, at least `minDeals`
 * closed deals) by value, best first; the others after them by name, without a rank.
 */
export function rankReps(reps: readonly string[], cell: (rep: string) => Cell, direction: 'higher' | 'lower', minDeals: number | null, name: (rep: string) => string): RankedRow[] {
  const better = (a: number, b: number) => (direction === 'higher' ? a > b : a < b);
  const eligible = reps.filter((r) => {
    const c = cell(r);
    return c.value !== null && (minDeals === null || (c.n ?? 0) >= minDeals);
  });
  const sorted = [...eligible].sort((a, b) => {
    const va = cell(a).value!;
    const vb = cell(b).value!;
    return va === vb ? name(a).localeCompare(name(b)) : better(va, vb) ? -1 : 1;
  });
  const ranked = sorted.map((rep) => ({ rep, rank: 1 + sorted.filter((o) => better(cell(o).value!, cell(rep).value!)).length, belowMin: false }));
  const rest = reps
    .filter((r) => !eligible.includes(r))
    .sort((a, b) => name(a).localeCompare(name(b)))
    .map((rep) => ({ rep, rank: null, belowMin: cell(rep).value !== null }));
  return [...ranked, ...rest];
}

export function Team({ filters, rest, navigate }: PageProps) {
  if (rest) return <Scorecard key={rest} repId={rest} filters={filters} navigate={navigate} />;
  return <Leaderboard filters={filters} navigate={navigate} />;
}

function missingText(row: KpiRow | undefined, t: ReturnType<typeof useI18n>['t']): string | null {
  if (!row || row.value !== null) return null;
  if (row.status.startsWith('needs_')) return t('no_data', { needs: t(`entity_${row.status.slice(6)}` as MessageKey) });
  if (row.status === 'out_of_scope') return t('kpi_status_out_of_scope');
  return null;
}

function Leaderboard({ filters, navigate }: { filters: Filters; navigate: PageProps['navigate'] }) {
  const { t } = useI18n();
  const pt = usePageT(teamMessages);
  const { kpis, fmt, me, dims, nameOf } = useSession();
  const role = me.user.role;
  // A rep sees only themselves, unless the admin lets reps see their team (reps_see_team): then
  // the server names their colleagues, and the page ranks them like a manager's.
  const limited = role === 'rep' && dims.reps.length <= 1;
  const [rankBy, setRankBy] = useState('revenue');
  const [minDeals, setMinDeals] = useState(DEFAULT_MIN_DEALS);
  const params = apiFilterParams(filters);
  const used = FILTER_DIMS.filter((d) => filters[d]);
  const available = TEAM_KPIS.filter((id) => kpis.has(id));
  const asked = available.filter((id) => used.every((d) => kpis.get(id)!.dimensions.includes(d)));
  const data = useApi(async () => {
    if (asked.length === 0) return null;
    const base = { ...params, kpi: asked.join(',') };
    const company = await api.get<KpiResult>('/api/report', base);
    // Viewers see company totals only: the server refuses splits by team or rep for them.
    const byTeam = role === 'viewer' ? null : await api.get<KpiResult>('/api/report', { ...base, by: 'team' });
    const byRep = role === 'viewer' ? null : await api.get<KpiResult>('/api/report', { ...base, by: 'rep' });
    return {
      company: collapseImplicit(company.rows, kpis),
      byTeam: byTeam ? collapseImplicit(byTeam.rows, kpis) : [],
      byRep: byRep ? collapseImplicit(byRep.rows, kpis) : [],
      query: company.query,
    };
  }, [JSON.stringify(params), asked.join(','), role]);

  const d = data.data;
  const kpi = (id: string) => kpis.get(id)!;
  const chosen = asked.includes(rankBy) ? rankBy : (asked[0] ?? 'revenue');
  // Per KPI: the company row says whether the data exists at all (needs_targets, …).
  const companyRow = (id: string) => d?.company.find((r) => r.kpi === id && Object.keys(r.group).length === 0);
  const missing = (id: string) => missingText(companyRow(id), t);

  const reps = useMemo(() => {
    if (!d) return [];
    const ids = new Set<string>();
    for (const r of d.byRep) if (r.group.rep) ids.add(r.group.rep);
    for (const r of dims.reps) {
      if (!r.active) continue;
      if (filters.team && r.team_id !== filters.team) continue;
      if (filters.rep && r.id !== filters.rep) continue;
      ids.add(r.id);
    }
    return [...ids];
  }, [d, dims.reps, filters.team, filters.rep]);

  const cells = useMemo(() => {
    const m = new Map<string, Cell>();
    for (const r of d?.byRep ?? []) if (r.group.rep) m.set(`${r.kpi}\u0000${r.group.rep}`, { value: r.value, n: r.n });
    return m;
  }, [d]);
  const cell = (id: string, rep: string): Cell => cells.get(`${id}\u0000${rep}`) ?? { value: SUMS.has(id) && !missing(id) ? 0 : null, n: null };

  const min = chosen === 'win_rate' ? Math.max(0, minDeals) : null;
  const ranked = useMemo(() => rankReps(reps, (r) => cell(chosen, r), kpi(chosen)?.direction ?? 'higher', min, (r) => nameOf('rep', r)), [reps, cells, chosen, min, nameOf]);
  const teamOf = (rep: string) => dims.reps.find((r) => r.id === rep)?.team_id ?? null;
  const teams = d ? [...new Set(d.byTeam.map((r) => r.group.team).filter((x): x is string => !!x))].sort((a, b) => nameOf('team', a).localeCompare(nameOf('team', b))) : [];
  const teamCell = (id: string, team: string) => d?.byTeam.find((r) => r.kpi === id && r.group.team === team)?.value ?? (SUMS.has(id) && !missing(id) ? 0 : null);
  // A rep who sees only their own row has nothing to rank, chart or compare: no rank, no chart.
  const showRank = !limited && role !== 'viewer';

  const chartRows = ranked.filter((r) => r.rank !== null).slice(0, CHART_TOP);
  const unit = kpi(chosen)?.unit ?? 'count';
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => fmt.value(typeof v === 'number' ? v : null, unit) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.value(v, unit), hideOverlap: true }, splitNumber: 4 },
      yAxis: { type: 'category', inverse: true, data: chartRows.map((r) => nameOf('rep', r.rep)), axisLabel: { width: 130, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: chartRows.map((r) => cell(chosen, r.rep).value),
          itemStyle: { color: '#1f4fd8', borderRadius: [0, 4, 4, 0] },
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt.value(p.value, unit) },
        },
      ],
    }),
    [JSON.stringify(chartRows), chosen, fmt, unit, nameOf],
  );

  const q = d?.query;
  const periodName = filters.period === 'custom' ? t('period_custom') : t(`period_${filters.period}` as MessageKey);
  const link = (path: string) => (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  };
  const repLink = (rep: string) => (
    <a href={`/team/${encodeURIComponent(rep)}${window.location.search}`} onClick={link(`/team/${encodeURIComponent(rep)}`)} aria-label={pt('open_scorecard', { name: nameOf('rep', rep) })}>
      {nameOf('rep', rep)}
    </a>
  );
  const valueCell = (id: string, c: Cell, key: string) => (
    <td key={key} data-kpi={id} className={`num${id === chosen && showRank ? ' team-chosen' : ''}`}>
      {fmt.value(c.value, kpi(id).unit)}
      {id === 'win_rate' && c.n !== null && c.value !== null ? <span className="team-n"> {pt('sample', { n: fmt.count(c.n) })}</span> : null}
    </td>
  );
  const notFilterable = available.filter((id) => !asked.includes(id));

  return (
    <section aria-labelledby="page-title" className="team-page">
      <div className="team-head">
        <div>
          <h1 id="page-title">{pt('title')}</h1>
          {q && <p className="subtitle">{t('overview_subtitle', { period: periodName, from: fmt.date(q.from), to: fmt.date(q.to), asOf: fmt.date(q.as_of) })}</p>}
        </div>
        {me.user.rep_id && role !== 'viewer' && (
          <a className="team-own" href={`/team/${encodeURIComponent(me.user.rep_id)}${window.location.search}`} onClick={link(`/team/${encodeURIComponent(me.user.rep_id)}`)}>
            {pt('my_scorecard')}
          </a>
        )}
      </div>
      {showRank && asked.length > 0 && (
        <form className="team-controls" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="team-rank-by">
            {pt('rank_by')}
            <select id="team-rank-by" value={chosen} onChange={(e) => setRankBy(e.target.value)}>
              {asked.map((id) => (
                <option key={id} value={id}>
                  {kpi(id).name}
                </option>
              ))}
            </select>
          </label>
          {chosen === 'win_rate' && (
            <label htmlFor="team-min-deals">
              {pt('min_sample')}
              <input id="team-min-deals" type="number" min={0} max={1000} step={1} value={minDeals} onChange={(e) => setMinDeals(Math.max(0, Math.floor(Number(e.target.value) || 0)))} />
            </label>
          )}
        </form>
      )}
      {limited && <p className="note">{pt('rep_note')}</p>}
      {role === 'viewer' && <p className="note">{pt('viewer_note')}</p>}
      {notFilterable.length > 0 && (
        <p className="note">
          {notFilterable.map((id) => pt('kpi_missing', { kpi: kpi(id).name, why: t('kpi_not_filterable', { dims: used.filter((x) => !kpi(id).dimensions.includes(x)).map((x) => t(x)).join(', ') }) })).join(' ')}
        </p>
      )}
      {data.loading && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {d && !data.loading && !data.error && (
        <>
          {asked.some((id) => missing(id)) && (
            <ul className="team-missing note">
              {asked
                .filter((id) => missing(id))
                .map((id) => (
                  <li key={id}>{pt('kpi_missing', { kpi: kpi(id).name, why: missing(id)! })}</li>
                ))}
            </ul>
          )}
          <div className="table-scroll team-table-wrap">
            <table className="data team-table">
              <caption className="visually-hidden">{limited || role === 'viewer' ? pt('caption_own') : pt('caption', { kpi: kpi(chosen).name })}</caption>
              <thead>
                <tr>
                  {showRank && <th scope="col">{pt('col_rank')}</th>}
                  <th scope="col">{pt('col_rep')}</th>
                  <th scope="col">{pt('col_team')}</th>
                  {asked.map((id) => (
                    <th key={id} scope="col" className={`num${id === chosen && showRank ? ' team-chosen' : ''}`} aria-sort={id === chosen && showRank ? (kpi(id).direction === 'higher' ? 'descending' : 'ascending') : undefined}>
                      {!showRank ? (
                        kpi(id).name
                      ) : (
                        <button type="button" onClick={() => setRankBy(id)} aria-pressed={id === chosen}>
                          {kpi(id).name}
                          {id === chosen ? (kpi(id).direction === 'higher' ? ' ▼' : ' ▲') : ''}
                        </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ranked.length === 0 && role !== 'viewer' && (
                  <tr>
                    <td colSpan={asked.length + (showRank ? 3 : 2)}>{pt('no_reps')}</td>
                  </tr>
                )}
                {ranked.map((r) => (
                  <tr key={r.rep} data-rep={r.rep} className={r.rank === null ? 'team-unranked' : undefined}>
                    {showRank && (
                      <td className="num team-rank" title={r.rank === null ? (r.belowMin ? pt('below_min', { min: min ?? 0 }) : pt('no_value')) : undefined}>
                        {r.rank ?? '–'}
                      </td>
                    )}
                    <th scope="row">{repLink(r.rep)}</th>
                    <td>{nameOf('team', teamOf(r.rep))}</td>
                    {asked.map((id) => valueCell(id, cell(id, r.rep), id))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {teams.map((team) => (
                  <tr key={team} data-team={team}>
                    {showRank && <td />}
                    <th scope="row" colSpan={2}>
                      {pt('team_total', { team: nameOf('team', team) })}
                    </th>
                    {asked.map((id) => valueCell(id, { value: teamCell(id, team), n: d.byTeam.find((x) => x.kpi === id && x.group.team === team)?.n ?? null }, id))}
                  </tr>
                ))}
                <tr data-team="company">
                  {showRank && <td />}
                  <th scope="row" colSpan={2}>
                    {pt('company_total')}
                  </th>
                  {asked.map((id) => valueCell(id, { value: companyRow(id)?.value ?? null, n: companyRow(id)?.n ?? null }, id))}
                </tr>
              </tfoot>
            </table>
          </div>
          {showRank && (
            <p className="note">
              {pt('tie_note')} {pt('unranked_note', { min: Math.max(0, minDeals) })}
            </p>
          )}
          {showRank && chartRows.length > 0 && (
            <section className="team-chart" aria-labelledby="team-chart-title">
              <h2 id="team-chart-title">
                {pt('chart_title', { kpi: kpi(chosen).name })}
                {ranked.filter((r) => r.rank !== null).length > CHART_TOP && <span className="team-chart-top"> — {pt('chart_top', { count: CHART_TOP, total: ranked.filter((r) => r.rank !== null).length })}</span>}
              </h2>
              <Chart
                option={option}
                height={Math.max(120, chartRows.length * 34 + 40)}
                label={pt('chart_label', { kpi: kpi(chosen).name, list: chartRows.map((r) => `${nameOf('rep', r.rep)} ${fmt.value(cell(chosen, r.rep).value, unit)}`).join(', ') })}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
