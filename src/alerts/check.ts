// One alert check end to end: evaluate the rules, deliver what fired — to its webhook (signed
// with the webhook_secret setting) and by e-mail to its address (through the SMTP settings),
// each retried — and log every attempt of both in alert_deliveries. Used by `quotient check`; the
// server runs the steps itself so deliveries do not hold its store gate.
import { smtpSettings } from '../notify/email.js';
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { deliverAll, emailAll, logDeliveries, type DeliverOptions, type Delivery, type EmailDelivery } from './deliver.js';
import { checkAlerts, type CheckOptions, type CheckResult } from './evaluate.js';

export interface CheckAndDeliver extends CheckResult {
  deliveries: Delivery[];
  emails: EmailDelivery[];
}

export type CheckAndDeliverOptions = CheckOptions & { delivery?: DeliverOptions };

export async function checkAndDeliver(store: Store, o: CheckAndDeliverOptions = {}): Promise<CheckAndDeliver> {
  const r = await checkAlerts(store, o);
  const deliveries = await deliverAll(r.fired, await getSetting(store, 'webhook_secret'), o.delivery);
  const emails = await emailAll(r.fired, await smtpSettings(store), o.delivery);
  await logDeliveries(store, deliveries, emails);
  return { ...r, deliveries, emails };
}

/** Runs `fn` with the store, one caller at a time (the server's store gate). */
export type StoreRunner = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

/** The server's check: evaluate and record inside the gate, deliver outside it, log inside it. */
export async function checkThroughGate(run: StoreRunner, o: CheckAndDeliverOptions = {}): Promise<CheckAndDeliver> {
  const { r, secret, smtp } = await run(async (store) => ({ r: await checkAlerts(store, o), secret: await getSetting(store, 'webhook_secret'), smtp: await smtpSettings(store) }));
  const deliveries = await deliverAll(r.fired, secret, o.delivery);
  const emails = await emailAll(r.fired, smtp, o.delivery);
  if (deliveries.some((d) => d.attempts.length) || emails.some((e) => e.attempts.length)) await run((store) => logDeliveries(store, deliveries, emails));
  return { ...r, deliveries, emails };
}

/** A check whose failure is only logged (after an import, on the schedule). */
export function checkInBackground(run: StoreRunner, onError: (e: unknown) => void = () => undefined, o: CheckAndDeliverOptions = {}): Promise<CheckAndDeliver | undefined> {
  return checkThroughGate(run, o).then((r) => r, (e: unknown) => {
    onError(e);
    return undefined;
  });
}
