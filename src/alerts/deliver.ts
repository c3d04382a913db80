// Delivery of fired alerts, by webhook and by e-mail, every attempt in alert_deliveries.
//
// - Webhook: a JSON POST of {alert, rule, value, period, message, fired_at} with
//   X-Quotient-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes under the webhook_secret
//   setting> (no header when no secret is set); delivered = a 2xx answer.
// - E-mail: rules with an address get one e-mail per fired alert (text and simple HTML) through
//   the SMTP settings; with no SMTP server set nothing is tried (and nothing logged), the
//   delivery says e-mail is off.
// - Both go through withRetries: up to 3 attempts, waiting 0.5 s, then 1 s (exponential backoff;
//   the delays are injectable, tests set them to ~0). Each attempt is logged with its channel,
//   target (URL or address), HTTP status or SMTP reply code, error text and whether it delivered.
import { createHmac } from 'node:crypto';
import { EMAIL_OFF, escapeHtml, sendWith, smtpReplyCode, type SmtpSettings } from '../notify/email.js';
import type { Store } from '../store/store.js';
import type { AlertEvent } from './evaluate.js';
import type { AlertRule } from './rules.js';

export type Channel = 'webhook' | 'email';

export interface Attempt {
  attempt: number;
  /** The HTTP status (webhook) or the SMTP reply code (e-mail), when there was an answer. */
  status_code: number | null;
  error: string | null;
  delivered: boolean;
  at: string;
}

export interface DeliverOptions {
  /** Waits before the 2nd, 3rd, … attempt (ms); default 500, 1000 (three attempts in all). */
  delays?: readonly number[];
  /** Per attempt, ms (default 10 s for a webhook, 15 s for an e-mail). */
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

const errorText = (e: unknown): string => (e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e));

/** What one try answered: delivered or not, with the status and error when there were any. */
export type TryResult = Omit<Attempt, 'attempt' | 'at'>;

/**
 * Tries `send` until it delivers or the attempts run out (one more than there are delays,
 * waiting each delay before the next try); a thrown error is a failed attempt with its text
 * and, when the error carries one, its status. Returns every attempt.
 */
export async function withRetries(send: () => Promise<TryResult>, delays: readonly number[] = DEFAULT_DELAYS, statusOf: (e: unknown) => number | null = () => null): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (let i = 0; i <= delays.length; i++) {
    if (i > 0) await sleep(delays[i - 1]);
    const at = new Date().toISOString();
    let r: TryResult;
    try {
      r = await send();
    } catch (e) {
      r = { status_code: statusOf(e), error: errorText(e), delivered: false };
    }
    attempts.push({ attempt: i + 1, ...r, at });
    if (r.delivered) break;
  }
  return attempts;
}

/** POSTs the body until a 2xx answer or the attempts run out; returns every attempt. */
export async function postWebhook(url: string, body: string, secret: string, o: DeliverOptions = {}): Promise<Attempt[]> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'quotient-alerts' };
  if (secret) headers['x-quotient-signature'] = signature(body, secret);
  return withRetries(async () => {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
    await res.arrayBuffer().catch(() => undefined);
    return { status_code: res.status, error: res.ok ? null : `HTTP ${res.status}`, delivered: res.ok };
  }, o.delays);
}

export interface Delivery {
  event_id: string;
  rule_id: string;
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
    out.push({ event_id: event.event_id, rule_id: rule.rule_id, url: rule.webhook, delivered: attempts.some((a) => a.delivered), attempts });
  }
  return out;
}

/** Writes every attempt of these webhook deliveries and e-mails to alert_deliveries. */
export async function logDeliveries(store: Store, deliveries: readonly Delivery[], emails: readonly EmailDelivery[] = []): Promise<void> {
  const entries = [
    ...deliveries.map((d) => ({ event_id: d.event_id, rule_id: d.rule_id, channel: 'webhook' as const, target: d.url, attempts: d.attempts })),
    ...emails.map((e) => ({ event_id: e.event_id, rule_id: e.rule_id, channel: 'email' as const, target: e.to, attempts: e.attempts })),
  ];
  for (const d of entries) {
    for (const a of d.attempts) {
      await store.query(
        `INSERT INTO alert_deliveries (event_id, rule_id, channel, target, attempt, status_code, error, delivered, attempted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ))`,
        [d.event_id, d.rule_id, d.channel, d.target, a.attempt, a.status_code, a.error, a.delivered, a.at],
      );
    }
  }
}

/** One attempt of the delivery log, as GET /api/alerts/deliveries shows it. */
export interface LoggedAttempt {
  event_id: string;
  rule_id: string;
  channel: Channel;
  target: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  delivered: boolean;
  /** ISO 8601 UTC. */
  at: string;
}

/** The delivery log, newest attempt first; only one alert's attempts with `eventId`; at most `limit` (default 100). */
export async function deliveryLog(store: Store, o: { eventId?: string; limit?: number } = {}): Promise<LoggedAttempt[]> {
  const limit = Math.max(1, Math.min(Math.trunc(o.limit ?? 100), 100_000));
  return store.query<LoggedAttempt & Record<string, string | number | boolean | null>>(
    `SELECT event_id, rule_id, channel, target, attempt, status_code, error, delivered, attempted_at AS at FROM alert_deliveries${o.eventId === undefined ? '' : ' WHERE event_id = ?'}
      ORDER BY attempted_at DESC, attempt DESC, event_id, channel, target LIMIT ${limit}`,
    o.eventId === undefined ? [] : [o.eventId],
  );
}

export interface EmailDelivery {
  event_id: string;
  rule_id: string;
  to: string;
  delivered: boolean;
  /** The last attempt's error (or that e-mail is off). */
  error: string | null;
  /** Every attempt; none when e-mail is off. */
  attempts: Attempt[];
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

/**
 * E-mails each fired alert whose rule has an address, retried as webhooks are (smtp null: e-mail
 * is off, nothing is tried and each is undelivered with that reason).
 */
export async function emailAll(fired: readonly { event: AlertEvent; rule: AlertRule }[], smtp: SmtpSettings | null, o: DeliverOptions = {}): Promise<EmailDelivery[]> {
  const out: EmailDelivery[] = [];
  for (const { event, rule } of fired) {
    if (!rule.email) continue;
    const base = { event_id: event.event_id, rule_id: rule.rule_id, to: rule.email };
    if (!smtp) {
      out.push({ ...base, delivered: false, error: EMAIL_OFF, attempts: [] });
      continue;
    }
    const mail = { to: rule.email, ...alertEmail(event, rule) };
    const attempts = await withRetries(
      async () => ({ status_code: smtpReplyCode((await sendWith(smtp, mail, o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs })).response), error: null, delivered: true }),
      o.delays,
      (e) => smtpReplyCode(e),
    );
    const last = attempts[attempts.length - 1];
    out.push({ ...base, delivered: last.delivered, error: last.error, attempts });
  }
  return out;
}
