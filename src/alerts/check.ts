// One alert check end to end: evaluate the rules, deliver what fired to its webhooks (signed with
// the webhook_secret setting), log every attempt; e-mail those whose rule has an address. Used by `quotient check`; the server runs the
// steps itself so deliveries do not hold its store gate.
import { smtpSettings } from '../notify/email.js';
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { deliverAll, emailAll, logDeliveries, type DeliverOptions, type Delivery, type EmailDelivery } from './deliver.js';
import { checkAlerts, type CheckOptions, type CheckResult } from './evaluate.js';

export interface CheckAndDeliver extends CheckResult {
  deliveries: Delivery[];
  emails: EmailDelivery[];
}

export async function checkAndDeliver(store: Store, o: CheckOptions & { delivery?: DeliverOptions } = {}): Promise<CheckAndDeliver> {
  const r = await checkAlerts(store, o);
  const deliveries = await deliverAll(r.fired, await getSetting(store, 'webhook_secret'), o.delivery);
  await logDeliveries(store, deliveries);
  const emails = await emailAll(r.fired, await smtpSettings(store));
  return { ...r, deliveries, emails };
}

/** Runs `fn` with the store, one caller at a time (the server's store gate). */
export type StoreRunner = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

/** The server's check: evaluate and record inside the gate, deliver outside it, log inside it. */
export async function checkThroughGate(run: StoreRunner, o: CheckOptions & { delivery?: DeliverOptions } = {}): Promise<CheckAndDeliver> {
  const { r, secret, smtp } = await run(async (store) => ({ r: await checkAlerts(store, o), secret: await getSetting(store, 'webhook_secret'), smtp: await smtpSettings(store) }));
  const deliveries = await deliverAll(r.fired, secret, o.delivery);
  if (deliveries.length) await run((store) => logDeliveries(store, deliveries));
  const emails = await emailAll(r.fired, smtp);
  return { ...r, deliveries, emails };
}

/** A check whose failure is only logged (after an import, on the schedule). */
export function checkInBackground(run: StoreRunner, onError: (e: unknown) => void = () => undefined): Promise<void> {
  return checkThroughGate(run).then(() => undefined, onError);
}
