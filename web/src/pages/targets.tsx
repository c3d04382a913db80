// Targets: GET /api/targets as a table — KPI, scope, period, target, value so far, attainment,
// projection and a status in words — for the period the page's own bar names (by default the
// targets running on the as-of date), judged on the as-of date. Admins add targets (a team's
// split across its reps evenly or by weights) and remove them; the server's refusals are shown in
// its own words and nothing typed is lost.
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ConfirmRemove } from '../components/confirm-remove';
import { KpiScopeFields, parseLocaleNumber, toApiValue, useRefusal, useScopeName } from '../components/goal-fields';
import { PERIODS } from '../components/filters-bar';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { Unit } from '../types';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { TARGETS_MESSAGES } from './targets.i18n';

type PT = ReturnType<typeof usePageT<keyof (typeof TARGETS_MESSAGES)['en']>>;
type Status = 'on_track' | 'at_risk' | 'off_track';
type Said = { ok: boolean; text: string } | null;

interface TargetRow {
  target_id: string;
  kpi: string;
  scope: 'company' | 'team' | 'rep';
  scope_id: string | null;
  period_start: string;
  period_end: string;
  value: number;
  name: string | null;
  period: string;
  unit: Unit | null;
  pacing: { state: string; so_far: number | null; attainment: number | null; projected: number | null; projected_attainment: number | null; status: Status | null; reason: string | null; explanation: string };
}

interface TargetsAnswer {
  as_of: string;
  currency: string;
  thresholds: { on_track: number; at_risk: number };
  targets: TargetRow[];
  warnings: string[];
}

/** The page's selection, kept in the URL: period (a preset, custom from/to, all, or none: running on as-of) and as_of. */
function readSelection(search: string) {
  const q = new URLSearchParams(search);
  const from = q.get('from') ?? undefined;
  const to = q.get('to') ?? undefined;
  const period = from && to ? 'custom' : (q.get('period') ?? 'running');
  return { period, from, to, as_of: q.get('as_of') ?? undefined };
}

function searchOf(s: { period: string; from?: string; to?: string; as_of?: string }): string {
  const q = new URLSearchParams();
  if (s.period === 'custom' && s.from && s.to) {
    q.set('from', s.from);
    q.set('to', s.to);
  } else if (s.period !== 'running' && s.period !== 'custom') q.set('period', s.period);
  if (s.as_of) q.set('as_of', s.as_of);
  const str = q.toString();
  return str ? `?${str}` : '';
}


export function Targets({ navigate }: PageProps) {
  const pt = usePageT(TARGETS_MESSAGES);
  const { me, fmt } = useSession();
  const sel = readSelection(window.location.search);
  const admin = me.user.role === 'admin';
  const loaded = useApi(
    () =>
      api.get<TargetsAnswer>('/api/targets', {
        period: sel.period === 'running' || sel.period === 'custom' || sel.period === 'all' ? undefined : sel.period,
        from: sel.period === 'custom' ? sel.from : undefined,
        to: sel.period === 'custom' ? sel.to : undefined,
        all: sel.period === 'all' ? 'true' : undefined,
        as_of: sel.as_of,
      }),
    [sel.period, sel.from, sel.to, sel.as_of],
  );
  const r = loaded.data;
  // What the last removal said: kept here, as the table is drawn anew after the reload.
  const [said, setSaid] = useState<Said>(null);
  return (
    <section aria-labelledby="page-title" className="tg-page">
      <h1 id="page-title">{pt('title')}</h1>
      <p className="rpt-intro">{pt('intro')}</p>
      <SelectionBar key={window.location.search} sel={sel} pt={pt} onChange={(s) => navigate('/targets', searchOf(s))} />
      {said && (
        <p className={said.ok ? 'settings-ok tg-removed' : 'error-text tg-removed'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
      {loaded.loading && <Loading />}
      {loaded.error && <ErrorView error={loaded.error} onRetry={loaded.reload} />}
      {r && !loaded.loading && (
        <>
          <p className="subtitle tg-asof">
            {pt('as_of_line', { date: fmt.date(r.as_of) })} {pt('thresholds', { on_track: fmt.percent(r.thresholds.on_track), at_risk: fmt.percent(r.thresholds.at_risk) })}
          </p>
          {r.warnings.map((w) => (
            <p key={w} className="an-notice" role="status">
              {w}
            </p>
          ))}
          <TargetsTable rows={r.targets} admin={admin} pt={pt} onChanged={loaded.reload} onSaid={setSaid} />
        </>
      )}
      {admin && <AddTarget pt={pt} asOf={sel.as_of} onAdded={loaded.reload} />}
    </section>
  );
}

function SelectionBar({ sel, pt, onChange }: { sel: ReturnType<typeof readSelection>; pt: PT; onChange(s: ReturnType<typeof readSelection>): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(sel.from ?? '');
  const [to, setTo] = useState(sel.to ?? '');
  const [asOf, setAsOf] = useState(sel.as_of ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...sel, from: sel.period === 'custom' ? from || undefined : undefined, to: sel.period === 'custom' ? to || undefined : undefined, as_of: asOf || undefined });
  };
  return (
    <form className="tg-bar" aria-label={pt('bar_label')} onSubmit={submit}>
      <label htmlFor="tg-show">
        {pt('show')}
        <select id="tg-show" value={sel.period} onChange={(e) => onChange({ ...sel, period: e.target.value, from: e.target.value === 'custom' ? from || undefined : undefined, to: e.target.value === 'custom' ? to || undefined : undefined })}>
          <option value="running">{pt('show_running')}</option>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`period_${p}` as MessageKey)}
            </option>
          ))}
          <option value="custom">{t('period_custom')}</option>
          <option value="all">{pt('show_all')}</option>
        </select>
      </label>
      {sel.period === 'custom' && (
        <>
          <label htmlFor="tg-from">
            {pt('from')}
            <input id="tg-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label htmlFor="tg-to">
            {pt('to')}
            <input id="tg-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </>
      )}
      <label htmlFor="tg-asof">
        {pt('as_of')}
        <input id="tg-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </label>
      <button type="submit">{pt('apply')}</button>
    </form>
  );
}

function StatusBadge({ status, pt, title }: { status: Status | null; pt: PT; title?: string }) {
  const word = pt(status ? `status_${status}` : 'status_none');
  return (
    <span className={`tg-status tg-${status ?? 'none'}`} title={title}>
      <span aria-hidden="true" className="tg-dot" />
      {word}
    </span>
  );
}

function TargetsTable({ rows, admin, pt, onChanged, onSaid: setSaid }: { rows: TargetRow[]; admin: boolean; pt: PT; onChanged(): void; onSaid(s: Said): void }) {
  const refusal = useRefusal((message) => pt('failed', { message }));
  const { fmt, kpis } = useSession();
  const scopeName = useScopeName(pt('company'));
  const [confirm, setConfirm] = useState<string | null>(null);
  const [withSplit, setWithSplit] = useState(true);
  const [busy, setBusy] = useState(false);
  if (!rows.length) return <p className="note tg-empty">{pt('empty')}</p>;
  const what = (r: TargetRow) => `${kpis.get(r.kpi)?.name ?? r.kpi} · ${scopeName(r.scope, r.scope_id, r.name)} · ${fmt.period(r.period)}`;
  const remove = async (r: TargetRow) => {
    setBusy(true);
    try {
      const res = await api.del<{ removed: unknown[] }>(`/api/targets/${encodeURIComponent(r.target_id)}${r.scope === 'team' && withSplit ? '?with_split=true' : ''}`);
      setSaid({ ok: true, text: pt('removed', { count: res.removed.length }) });
      setConfirm(null);
      onChanged();
    } catch (e) {
      setSaid({ ok: false, text: refusal(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="note tg-count">{pt('count', { count: fmt.count(rows.length) })}</p>
      <div className="table-scroll">
        <table className="data tg-table">
          <caption className="visually-hidden">{pt('table_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{pt('col_kpi')}</th>
              <th scope="col">{pt('col_scope')}</th>
              <th scope="col">{pt('col_period')}</th>
              <th scope="col" className="num">{pt('col_target')}</th>
              <th scope="col" className="num">{pt('col_so_far')}</th>
              <th scope="col" className="num">{pt('col_attainment')}</th>
              <th scope="col" className="num">{pt('col_projected')}</th>
              <th scope="col">{pt('col_status')}</th>
              {admin && <th scope="col">{pt('col_actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const unit: Unit = r.unit ?? kpis.get(r.kpi)?.unit ?? 'count';
              const p = r.pacing;
              return (
                <tr key={r.target_id} data-id={r.target_id} data-status={p.status ?? 'none'}>
                  <th scope="row" data-label={pt('col_kpi')}>{kpis.get(r.kpi)?.name ?? r.kpi}</th>
                  <td data-label={pt('col_scope')}>{scopeName(r.scope, r.scope_id, r.name)}</td>
                  <td data-label={pt('col_period')}>{fmt.period(r.period)}</td>
                  <td className="num" data-label={pt('col_target')}>{fmt.value(r.value, unit)}</td>
                  <td className="num" data-label={pt('col_so_far')}>{fmt.value(p.so_far, unit)}</td>
                  <td className="num" data-label={pt('col_attainment')}>{fmt.percent(p.attainment, 1)}</td>
                  <td className="num" data-label={pt('col_projected')}>{fmt.value(p.projected, unit)}</td>
                  <td data-label={pt('col_status')}>
                    <StatusBadge status={p.status} pt={pt} title={p.reason ?? undefined} />
                  </td>
                  {admin && (
                    <td className="tg-actions">
                      <ConfirmRemove
                        asking={confirm === r.target_id}
                        busy={busy}
                        words={{ question: pt('remove_confirm', { what: what(r) }), label: pt('remove_label', { what: what(r) }), remove: pt('remove'), confirm: pt('confirm_remove'), cancel: pt('cancel') }}
                        onAsk={() => {
                          setConfirm(r.target_id);
                          setWithSplit(true);
                          setSaid(null);
                        }}
                        onConfirm={() => void remove(r)}
                        onCancel={() => setConfirm(null)}
                      >
                        {r.scope === 'team' && (
                          <label className="tg-check">
                            <input type="checkbox" checked={withSplit} onChange={(e) => setWithSplit(e.target.checked)} />
                            {pt('remove_with_split')}
                          </label>
                        )}
                      </ConfirmRemove>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AddTarget({ pt, asOf, onAdded }: { pt: PT; asOf?: string; onAdded(): void }) {
  const { t, locale } = useI18n();
  const refusal = useRefusal((message) => pt('failed', { message }));
  const { dims, currency, kpis, fmt } = useSession();
  const [scope, setScope] = useState('company');
  const [kpi, setKpi] = useState('revenue');
  const [period, setPeriod] = useState<string>('this_month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [value, setValue] = useState('');
  const [split, setSplit] = useState<'none' | 'even' | 'weights'>('none');
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const entry = kpis.get(kpi);
  const unit: Unit = entry?.unit ?? 'count';
  const team = scope.startsWith('team:') ? scope.slice(5) : null;
  const teamReps = team ? dims.reps.filter((r) => r.team_id === team && (r.role ?? 'rep') === 'rep') : [];
  const example = unit === 'ratio' ? fmt.count(35) : new Intl.NumberFormat(locale).format(50000);
  const valueLabel = unit === 'money' ? pt('f_value_money', { currency }) : unit === 'ratio' ? pt('f_value_ratio') : pt('f_value');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = parseLocaleNumber(value, locale);
    if (typed === null) {
      setSaid({ ok: false, lines: [pt('bad_number', { example })] });
      return;
    }
    if (period === 'custom' && (!from || !to)) {
      setSaid({ ok: false, lines: [pt('bad_dates')] });
      return;
    }
    const body: Record<string, unknown> = { kpi, scope, value: toApiValue(typed, unit) };
    if (period === 'custom') Object.assign(body, { from, to });
    else Object.assign(body, { period, ...(asOf ? { as_of: asOf } : {}) });
    if (team && split === 'even') body.split = 'even';
    if (team && split === 'weights') {
      const w: Record<string, number> = {};
      for (const r of teamReps) {
        const x = parseLocaleNumber(weights[r.id] ?? '', locale);
        if (x !== null) w[r.id] = x;
      }
      body.split = { weights: w };
    }
    if (replace) body.replace = true;
    setBusy(true);
    try {
      const res = await api.post<{ targets: unknown[]; replaced: unknown[]; notes: string[] }>('/api/targets', body);
      const lines = [pt('added', { count: res.targets.length })];
      if (res.replaced.length) lines.push(pt('added_replaced', { count: res.replaced.length }));
      for (const n of res.notes) lines.push(pt('server_note', { note: n }));
      setSaid({ ok: true, lines });
      setValue('');
      onAdded();
    } catch (err) {
      setSaid({ ok: false, lines: [refusal(err)] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="rpt-panel tg-add" aria-labelledby="tg-add-title">
      <h2 id="tg-add-title">{pt('add_title')}</h2>
      <p className="note">{pt('add_intro', { currency })}</p>
      <form onSubmit={submit} className="tg-form" noValidate>
        <div className="tg-fields">
          <KpiScopeFields idPrefix="tg" kpi={kpi} scope={scope} onKpi={setKpi} onScope={setScope} words={{ kpi: pt('f_kpi'), scope: pt('f_scope'), company: pt('company'), teams: pt('teams'), reps: pt('reps') }} />
          <label htmlFor="tg-period">
            {pt('f_period')}
            <select id="tg-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`period_${p}` as MessageKey)}
                </option>
              ))}
              <option value="custom">{pt('f_custom')}</option>
            </select>
          </label>
          {period === 'custom' && (
            <>
              <label htmlFor="tg-f-from">
                {pt('f_from')}
                <input id="tg-f-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
              </label>
              <label htmlFor="tg-f-to">
                {pt('f_to')}
                <input id="tg-f-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
              </label>
            </>
          )}
          <label htmlFor="tg-value">
            {valueLabel}
            <input id="tg-value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} placeholder={example} required autoComplete="off" />
          </label>
          {team && (
            <label htmlFor="tg-split">
              {pt('f_split')}
              <select id="tg-split" value={split} onChange={(e) => setSplit(e.target.value as typeof split)}>
                <option value="none">{pt('split_none')}</option>
                <option value="even">{pt('split_even')}</option>
                <option value="weights">{pt('split_weights')}</option>
              </select>
            </label>
          )}
        </div>
        {team && split === 'weights' && (
          <fieldset className="tg-weights">
            <legend>{pt('weights_legend')}</legend>
            {teamReps.map((r) => (
              <label key={r.id} htmlFor={`tg-w-${r.id}`}>
                {pt('f_weight', { rep: r.name })}
                <input id={`tg-w-${r.id}`} inputMode="decimal" className="settings-short" value={weights[r.id] ?? ''} onChange={(e) => setWeights({ ...weights, [r.id]: e.target.value })} />
              </label>
            ))}
            <p className="note">{pt('weights_note')}</p>
          </fieldset>
        )}
        <label className="tg-check" htmlFor="tg-replace">
          <input id="tg-replace" type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          {pt('f_replace')}
        </label>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? pt('adding') : pt('submit')}
          </button>
        </div>
        {said && (
          <div className={said.ok ? 'settings-ok tg-said' : 'error-text tg-said'} role={said.ok ? 'status' : 'alert'}>
            {said.lines.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
        )}
      </form>
    </section>
  );
}
