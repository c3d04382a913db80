// Webhook delivery of fired alerts: a JSON POST of {alert, rule, value, period, message, fired_at}
// with X-Quotient-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes under the
// webhook_secret setting> (no header when no secret is set), retried with exponential backoff
// (3 attempts after the first failure's 0.5 s, then 1 s; delays injectable for tests), every
// attempt written to webhook_deliveries. Rules with an e-mail address get one e-mail per fired
// alert (text and simple HTML) through the SMTP settings (emailAll; not retried, not logged).
import { createHmac } from 'node:crypto';
import { escapeHtml, sendWith, type SmtpSettings } from '../notify/email.js';
import type { Store } from '../store/store.js';
import type { AlertEvent } from './evaluate.js';
import type { AlertRule } from './rules.js';

export interface Attempt {
  attempt: number;
  status_code: number | null;
  error: string | null;
  at: string;
}

export interface DeliverOptions {
  /** Waits before the 2nd, 3rd, … attempt (ms); default 500, 1000 (three attempts in all). */
  delays?: readonly number[];
  /** Per attempt, ms (default 10 s). */
  timeoutMs?: number;
}

export const DEFAULT_DELAYS = [500, 1000] as const;

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`;
}

export function payloadOf(e: AlertEvent, r: AlertRule): string {
  return JSON.stringify({
    alert: { id: e.event_id, occurrence: e.occurrence_key },
    rule: { id: r.rule_id, kpi: r.kpi, scope: r.scope, scope_id: r.scope_id, condition: r.condition, threshold: r.threshold, period: r.period },
    value: e.value,
    period: e.period,
    message: e.message,
    fired_at: e.fired_at,
  });
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** POSTs the body until a 2xx answer or the attempts run out; returns every attempt. */
export async function postWebhook(url: string, body: string, secret: string, o: DeliverOptions = {}): Promise<Attempt[]> {
  const delays = o.delays ?? DEFAULT_DELAYS;
  const attempts: Attempt[] = [];
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'quotient-alerts' };
  if (secret) headers['x-quotient-signature'] = signature(body, secret);
  for (let i = 0; i <= delays.length; i++) {
    if (i > 0) await sleep(delays[i - 1]);
    const at = new Date().toISOString();
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
      await res.arrayBuffer().catch(() => undefined);
      attempts.push({ attempt: i + 1, status_code: res.status, error: res.ok ? null : `HTTP ${res.status}`, at });
      if (res.ok) break;
    } catch (e) {
      attempts.push({ attempt: i + 1, status_code: null, error: e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e), at });
    }
  }
  return attempts;
}

export async function logAttempts(store: Store, eventId: string, url: string, attempts: readonly Attempt[]): Promise<void> {
  for (const a of attempts) {
    await store.query(`INSERT INTO webhook_deliveries (event_id, url, attempt, status_code, error, attempted_at) VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ))`, [eventId, url, a.attempt, a.status_code, a.error, a.at]);
  }
}

export interface Delivery {
  event_id: string;
  url: string;
  delivered: boolean;
  attempts: Attempt[];
}

/** Sends each fired alert whose rule has a webhook (without touching the store). */
export async function deliverAll(fired: readonly { event: AlertEvent; rule: AlertRule }[], secret: string, o: DeliverOptions = {}): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const { event, rule } of fired) {
    if (!rule.webhook) continue;
    const attempts = await postWebhook(rule.webhook, payloadOf(event, rule), secret, o);
    out.push({ event_id: event.event_id, url: rule.webhook, delivered: attempts.some((a) => a.status_code !== null && a.status_code >= 200 && a.status_code < 300), attempts });
  }
  return out;
}

export async function logDeliveries(store: Store, deliveries: readonly Delivery[]): Promise<void> {
  for (const d of deliveries) await logAttempts(store, d.event_id, d.url, d.attempts);
}

export type LoggedAttempt = Attempt & { event_id: string; url: string };

export async function deliveryLog(store: Store, eventId?: string): Promise<LoggedAttempt[]> {
  return store.query<LoggedAttempt & Record<string, string | number | null>>(
    `SELECT event_id, url, attempt, status_code, error, strftime(attempted_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS at FROM webhook_deliveries${eventId ? ' WHERE event_id = ?' : ''} ORDER BY attempted_at, event_id, attempt`,
    eventId ? [eventId] : [],
  );
}

export interface EmailDelivery {
  event_id: string;
  to: string;
  delivered: boolean;
  error: string | null;
}

/** The e-mail of one fired alert: the message, the rule and the occurrence, as text and HTML. */
export function alertEmail(e: AlertEvent, r: AlertRule): { subject: string; text: string; html: string } {
  const facts: [string, string][] = [
    ['Rule', r.rule_id],
    ['KPI', r.kpi],
    ['Scope', r.scope === 'company' ? 'company' : `${r.scope}:${r.scope_id ?? ''}`],
    ['Condition', r.threshold === null ? r.condition : `${r.condition}:${r.threshold}`],
    ['Period', e.period],
    ['As of', e.as_of],
    ['Occurrence', e.occurrence_key],
  ];
  return {
    subject: `Quotient alert: ${e.message}`,
    text: `${e.message}\n\n${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`,
    html: `<p><strong>${escapeHtml(e.message)}</strong></p>\n<table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>\n`,
  };
}

/** E-mails each fired alert whose rule has an address (smtp null: each is an error, e-mail is off). */
export async function emailAll(fired: readonly { event: AlertEvent; rule: AlertRule }[], smtp: SmtpSettings | null): Promise<EmailDelivery[]> {
  const out: EmailDelivery[] = [];
  for (const { event, rule } of fired) {
    if (!rule.email) continue;
    try {
      await sendWith(smtp, { to: rule.email, ...alertEmail(event, rule) });
      out.push({ event_id: event.event_id, to: rule.email, delivered: true, error: null });
    } catch (e) {
      out.push({ event_id: event.event_id, to: rule.email, delivered: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
