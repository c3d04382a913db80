// Alerts: the feed of alerts that fired (GET /api/alerts/feed, newest first), the rules (GET
// /api/alerts) with their condition in words, and for admins a form to add a rule, a remove button
// per rule, "Check now" (POST /api/alerts/check) and the delivery log (GET
// /api/alerts/deliveries; a server without it says so, the page goes on).
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { ConfirmRemove } from '../components/confirm-remove';
import { KpiScopeFields, parseLocaleNumber, toApiValue, useDateTime, useRefusal, useScopeName } from '../components/goal-fields';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import type { Unit } from '../types';
import { useApi } from '../use-api';
import { ALERTS_MESSAGES } from './alerts.i18n';

type PT = ReturnType<typeof usePageT<keyof (typeof ALERTS_MESSAGES)['en']>>;
type Said = { ok: boolean; text: string } | null;
type Condition = 'below_target' | 'below' | 'above' | 'change' | 'significant_drop';
const CONDITIONS: Condition[] = ['below_target', 'below', 'above', 'change', 'significant_drop'];
const ALERT_PERIODS = ['this_month', 'this_quarter', 'this_year'] as const;

interface Rule {
  rule_id: string;
  kpi: string;
  scope: 'company' | 'team' | 'rep';
  scope_id: string | null;
  condition: Condition;
  threshold: number | null;
  period: string;
  webhook: string | null;
  email: string | null;
  active_key: string | null;
}

interface FeedEvent {
  event_id: string;
  rule_id: string;
  period: string;
  fired_at: string;
  as_of: string;
  value: number | null;
  message: string;
  kpi: string;
  scope: 'company' | 'team' | 'rep';
  scope_id: string | null;
  /** The rule's condition; null once the rule is removed. */
  condition: Condition | null;
  threshold: number | null;
}

interface Delivery {
  event_id: string;
  rule_id: string;
  channel: 'webhook' | 'email';
  target: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  delivered: boolean;
  at: string;
}

export function Alerts() {
  const pt = usePageT(ALERTS_MESSAGES);
  const { me } = useSession();
  const admin = me.user.role === 'admin';
  const feed = useApi(() => api.get<{ events: FeedEvent[] }>('/api/alerts/feed', { limit: 100 }), []);
  const rules = useApi(() => api.get<{ rules: Rule[] }>('/api/alerts'), []);
  const [logTick, setLogTick] = useState(0);
  // What the last removal said: kept here, as the rules table is drawn anew after the reload.
  const [said, setSaid] = useState<Said>(null);
  const reloadAll = () => {
    feed.reload();
    rules.reload();
    setLogTick((x) => x + 1);
  };
  return (
    <section aria-labelledby="page-title" className="al-page">
      <h1 id="page-title">{pt('title')}</h1>
      <p className="rpt-intro">{pt('intro')}</p>
      {admin && <CheckNow pt={pt} onChecked={reloadAll} />}
      <section className="rpt-panel al-feed" aria-labelledby="al-feed-title">
        <h2 id="al-feed-title">{pt('feed_title')}</h2>
        {feed.loading && <Loading />}
        {feed.error && <ErrorView error={feed.error} onRetry={feed.reload} />}
        {feed.data && !feed.loading && <FeedTable events={feed.data.events} pt={pt} />}
      </section>
      <section className="rpt-panel al-rules" aria-labelledby="al-rules-title">
        <h2 id="al-rules-title">{pt('rules_title')}</h2>
        {said && (
          <p className={said.ok ? 'settings-ok al-removed' : 'error-text al-removed'} role={said.ok ? 'status' : 'alert'}>
            {said.text}
          </p>
        )}
        {rules.loading && <Loading />}
        {rules.error && <ErrorView error={rules.error} onRetry={rules.reload} />}
        {rules.data && !rules.loading && <RulesTable rules={rules.data.rules} admin={admin} pt={pt} onChanged={rules.reload} onSaid={setSaid} />}
      </section>
      {admin && <AddRule pt={pt} onAdded={rules.reload} />}
      {admin && <DeliveryLog pt={pt} tick={logTick} />}
    </section>
  );
}

/** A rule's condition in words, its threshold in the KPI's unit. */
function useConditionText(pt: PT): (r: Pick<Rule, 'condition' | 'threshold' | 'kpi'>) => string {
  const { fmt, kpis } = useSession();
  return (r) => {
    const unit: Unit = kpis.get(r.kpi)?.unit ?? 'count';
    switch (r.condition) {
      case 'below':
        return pt('cond_below', { value: fmt.value(r.threshold, unit) });
      case 'above':
        return pt('cond_above', { value: fmt.value(r.threshold, unit) });
      case 'change':
        return pt((r.threshold ?? 0) < 0 ? 'cond_change_down' : 'cond_change_up', { value: fmt.percent(Math.abs(r.threshold ?? 0), 1) });
      case 'significant_drop':
        return pt('cond_significant_drop');
      default:
        return pt('cond_below_target');
    }
  };
}

function FeedTable({ events, pt }: { events: FeedEvent[]; pt: PT }) {
  const { fmt, kpis } = useSession();
  const { lang } = useI18n();
  const condition = useConditionText(pt);
  const when = useDateTime();
  const scopeName = useScopeName(pt('company'));
  // English as the server says it; other languages rebuilt from the event's numbers and its rule.
  const message = (e: FeedEvent) =>
    lang === 'en' || e.condition === null
      ? e.message
      : pt('feed_sentence', { kpi: kpis.get(e.kpi)?.name ?? e.kpi, scope: scopeName(e.scope, e.scope_id), value: fmt.value(e.value, kpis.get(e.kpi)?.unit ?? 'count'), period: fmt.period(e.period), condition: condition({ kpi: e.kpi, condition: e.condition, threshold: e.threshold }) });
  if (!events.length) return <p className="note al-empty">{pt('feed_empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data al-table al-feed-table">
        <caption className="visually-hidden">{pt('feed_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{pt('col_when')}</th>
            <th scope="col">{pt('col_kpi')}</th>
            <th scope="col">{pt('col_scope')}</th>
            <th scope="col">{pt('col_message')}</th>
            <th scope="col" className="num">{pt('col_value')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.event_id} data-rule={e.rule_id}>
              <th scope="row" data-label={pt('col_when')}>
                <time dateTime={e.fired_at}>{when(e.fired_at)}</time>
              </th>
              <td data-label={pt('col_kpi')}>{kpis.get(e.kpi)?.name ?? e.kpi}</td>
              <td data-label={pt('col_scope')}>{scopeName(e.scope, e.scope_id)}</td>
              <td className="al-message" data-label={pt('col_message')}>{message(e)}</td>
              <td className="num" data-label={pt('col_value')}>{fmt.value(e.value, kpis.get(e.kpi)?.unit ?? 'count')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RulesTable({ rules, admin, pt, onChanged, onSaid: setSaid }: { rules: Rule[]; admin: boolean; pt: PT; onChanged(): void; onSaid(s: Said): void }) {
  const { t } = useI18n();
  const { kpis } = useSession();
  const scopeName = useScopeName(pt('company'));
  const condition = useConditionText(pt);
  const refusal = useRefusal((message) => pt('failed', { message }));
  const [confirm, setConfirm] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what = (r: Rule) => `${kpis.get(r.kpi)?.name ?? r.kpi} · ${scopeName(r.scope, r.scope_id)} · ${condition(r)}`;
  const remove = async (r: Rule) => {
    setBusy(true);
    try {
      await api.del(`/api/alerts/${encodeURIComponent(r.rule_id)}`);
      setSaid({ ok: true, text: pt('removed') });
      setConfirm(null);
      onChanged();
    } catch (e) {
      setSaid({ ok: false, text: refusal(e) });
    } finally {
      setBusy(false);
    }
  };
  const yesNo = (v: string | null) => (v ? <span title={v}>{pt('present_label', { value: v })}</span> : pt('absent'));
  return (
    <>
      {!rules.length ? (
        <p className="note al-empty">{pt('rules_empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data al-table al-rules-table">
            <caption className="visually-hidden">{pt('rules_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{pt('col_kpi')}</th>
                <th scope="col">{pt('col_scope')}</th>
                <th scope="col">{pt('col_condition')}</th>
                <th scope="col">{pt('col_period')}</th>
                <th scope="col">{pt('col_webhook')}</th>
                <th scope="col">{pt('col_email')}</th>
                <th scope="col">{pt('col_state')}</th>
                {admin && <th scope="col">{pt('col_actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.rule_id} data-id={r.rule_id}>
                  <th scope="row" data-label={pt('col_kpi')}>{kpis.get(r.kpi)?.name ?? r.kpi}</th>
                  <td data-label={pt('col_scope')}>{scopeName(r.scope, r.scope_id)}</td>
                  <td className="al-condition" data-label={pt('col_condition')}>{condition(r)}</td>
                  <td data-label={pt('col_period')}>{t(`period_${r.period}` as MessageKey)}</td>
                  <td className="al-url" data-label={pt('col_webhook')}>{yesNo(r.webhook)}</td>
                  <td className="al-url" data-label={pt('col_email')}>{yesNo(r.email)}</td>
                  <td data-label={pt('col_state')}>
                    <span className={`al-state al-${r.active_key ? 'firing' : 'quiet'}`}>{r.active_key ? pt('firing') : pt('quiet')}</span>
                  </td>
                  {admin && (
                    <td className="tg-actions">
                      <ConfirmRemove
                        asking={confirm === r.rule_id}
                        busy={busy}
                        words={{ question: pt('remove_confirm', { what: what(r) }), label: pt('remove_label', { what: what(r) }), remove: pt('remove'), confirm: pt('confirm_remove'), cancel: pt('cancel') }}
                        onAsk={() => {
                          setConfirm(r.rule_id);
                          setSaid(null);
                        }}
                        onConfirm={() => void remove(r)}
                        onCancel={() => setConfirm(null)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function AddRule({ pt, onAdded }: { pt: PT; onAdded(): void }) {
  const { t, locale } = useI18n();
  const { kpis, currency, fmt } = useSession();
  const refusal = useRefusal((message) => pt('failed', { message }));
  const [scope, setScope] = useState('company');
  const [kpi, setKpi] = useState('revenue');
  const [condition, setCondition] = useState<Condition>('below_target');
  const [threshold, setThreshold] = useState('');
  const [period, setPeriod] = useState<string>('this_month');
  const [webhook, setWebhook] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const entry = kpis.get(kpi);
  const unit: Unit = entry?.unit ?? 'count';
  const needsValue = condition === 'below' || condition === 'above' || condition === 'change';
  const example = condition === 'change' ? fmt.count(-10) : unit === 'ratio' ? fmt.count(35) : new Intl.NumberFormat(locale).format(10000);
  const valueLabel = condition === 'change' ? pt('f_change') : unit === 'money' ? pt('f_threshold_money', { currency }) : unit === 'ratio' ? pt('f_threshold_ratio') : pt('f_threshold');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let when: string = condition;
    if (needsValue) {
      const typed = parseLocaleNumber(threshold, locale);
      if (typed === null) {
        setSaid({ ok: false, text: pt('bad_number', { example }) });
        return;
      }
      const x = condition === 'change' ? Math.round(typed * 1e4) / 1e6 : toApiValue(typed, unit);
      when = `${condition}:${x}`;
    }
    const body: Record<string, unknown> = { kpi, scope, when, period };
    if (webhook.trim()) body.webhook = webhook.trim();
    if (email.trim()) body.email = email.trim();
    setBusy(true);
    try {
      await api.post('/api/alerts', body);
      setSaid({ ok: true, text: pt('added') });
      setThreshold('');
      onAdded();
    } catch (err) {
      setSaid({ ok: false, text: refusal(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="rpt-panel al-add" aria-labelledby="al-add-title">
      <h2 id="al-add-title">{pt('add_title')}</h2>
      <p className="note">{pt('add_intro', { currency })}</p>
      <form onSubmit={submit} className="tg-form" noValidate>
        <div className="tg-fields">
          <KpiScopeFields idPrefix="al" kpi={kpi} scope={scope} onKpi={setKpi} onScope={setScope} words={{ kpi: pt('f_kpi'), scope: pt('f_scope'), company: pt('company'), teams: pt('teams'), reps: pt('reps') }} />
          <label htmlFor="al-condition">
            {pt('f_condition')}
            <select id="al-condition" value={condition} onChange={(e) => setCondition(e.target.value as Condition)}>
              {CONDITIONS.map((c) => (
                <option key={c} value={c}>
                  {pt(`opt_${c}`)}
                </option>
              ))}
            </select>
          </label>
          {needsValue && (
            <label htmlFor="al-threshold">
              {valueLabel}
              <input id="al-threshold" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder={example} autoComplete="off" />
            </label>
          )}
          <label htmlFor="al-period">
            {pt('f_period')}
            <select id="al-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
              {ALERT_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`period_${p}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="al-webhook" className="al-wide">
            {pt('f_webhook')}
            <input id="al-webhook" type="url" value={webhook} onChange={(e) => setWebhook(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <label htmlFor="al-email" className="al-wide">
            {pt('f_email')}
            <input id="al-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
        </div>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? pt('adding') : pt('submit')}
          </button>
        </div>
        {said && (
          <p className={said.ok ? 'settings-ok tg-said' : 'error-text tg-said'} role={said.ok ? 'status' : 'alert'}>
            {said.text}
          </p>
        )}
      </form>
    </section>
  );
}

function CheckNow({ pt, onChecked }: { pt: PT; onChecked(): void }) {
  const { fmt } = useSession();
  const refusal = useRefusal((message) => pt('failed', { message }));
  const [asOf, setAsOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api.post<{ as_of: string; rules: unknown[]; fired: unknown[] }>('/api/alerts/check', asOf ? { as_of: asOf } : {});
      setSaid({ ok: true, text: pt('checked', { rules: fmt.count(r.rules.length), date: fmt.date(r.as_of), fired: fmt.count(r.fired.length) }) });
      onChecked();
    } catch (err) {
      setSaid({ ok: false, text: refusal(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="rpt-panel al-check" aria-labelledby="al-check-title">
      <h2 id="al-check-title">{pt('check_title')}</h2>
      <p className="note">{pt('check_intro')}</p>
      <form onSubmit={submit} className="tg-fields">
        <label htmlFor="al-check-asof">
          {pt('f_check_as_of')}
          <input id="al-check-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? pt('checking') : pt('check')}
        </button>
      </form>
      <p className={said?.ok === false ? 'error-text al-checked' : 'settings-ok al-checked'} role="status">
        {said?.text ?? ''}
      </p>
    </section>
  );
}

function DeliveryLog({ pt, tick }: { pt: PT; tick: number }) {
  const when = useDateTime();
  const log = useApi(async () => {
    try {
      return await api.get<{ deliveries: Delivery[] }>('/api/alerts/deliveries', { limit: 50 });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, [tick]);
  return (
    <section className="rpt-panel al-log" aria-labelledby="al-log-title">
      <h2 id="al-log-title">{pt('log_title')}</h2>
      {log.loading && <Loading />}
      {log.error && <ErrorView error={log.error} onRetry={log.reload} />}
      {!log.loading && !log.error && log.data === null && <p className="note al-log-none">{pt('log_none')}</p>}
      {!log.loading && log.data && !log.data.deliveries.length && <p className="note al-log-empty">{pt('log_empty')}</p>}
      {!log.loading && log.data && log.data.deliveries.length > 0 && (
        <div className="table-scroll">
          <table className="data al-table al-log-table">
            <caption className="visually-hidden">{pt('log_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{pt('col_when')}</th>
                <th scope="col">{pt('col_channel')}</th>
                <th scope="col">{pt('col_target')}</th>
                <th scope="col" className="num">{pt('col_attempt')}</th>
                <th scope="col" className="num">{pt('col_status_code')}</th>
                <th scope="col">{pt('col_delivered')}</th>
                <th scope="col">{pt('col_error')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.deliveries.map((d) => (
                <tr key={`${d.event_id}-${d.channel}-${d.target}-${d.attempt}`} data-event={d.event_id} data-delivered={String(d.delivered)}>
                  <th scope="row" data-label={pt('col_when')}>
                    <time dateTime={d.at}>{when(d.at)}</time>
                  </th>
                  <td data-label={pt('col_channel')}>{d.channel === 'email' ? pt('channel_email') : pt('channel_webhook')}</td>
                  <td className="al-url" data-label={pt('col_target')}>{d.target}</td>
                  <td className="num" data-label={pt('col_attempt')}>{d.attempt}</td>
                  <td className="num" data-label={pt('col_status_code')}>{d.status_code ?? '–'}</td>
                  <td data-label={pt('col_delivered')}>
                    <span className={`al-state al-${d.delivered ? 'delivered' : 'failed'}`}>{d.delivered ? pt('delivered_yes') : pt('delivered_no')}</span>
                  </td>
                  <td className="al-message" data-label={pt('col_error')}>{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
