// One alert check end to end: evaluate the rules, deliver what fired to its webhooks (signed with
// the webhook_secret setting), log every attempt. Used by `quotient check`; the server runs the
// steps itself so deliveries do not hold its store gate.
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { deliverAll, logDeliveries, type DeliverOptions, type Delivery } from './deliver.js';
import { checkAlerts, type CheckOptions, type CheckResult } from './evaluate.js';

export interface CheckAndDeliver extends CheckResult {
  deliveries: Delivery[];
}

export async function checkAndDeliver(store: Store, o: CheckOptions & { delivery?: DeliverOptions } = {}): Promise<CheckAndDeliver> {
  const r = await checkAlerts(store, o);
  const deliveries = await deliverAll(r.fired, await getSetting(store, 'webhook_secret'), o.delivery);
  await logDeliveries(store, deliveries);
  return { ...r, deliveries };
}

/** Runs `fn` with the store, one caller at a time (the server's store gate). */
export type StoreRunner = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

/** The server's check: evaluate and record inside the gate, deliver outside it, log inside it. */
export async function checkThroughGate(run: StoreRunner, o: CheckOptions & { delivery?: DeliverOptions } = {}): Promise<CheckAndDeliver> {
  const { r, secret } = await run(async (store) => ({ r: await checkAlerts(store, o), secret: await getSetting(store, 'webhook_secret') }));
  const deliveries = await deliverAll(r.fired, secret, o.delivery);
  if (deliveries.length) await run((store) => logDeliveries(store, deliveries));
  return { ...r, deliveries };
}

/** A check whose failure is only logged (after an import, on the schedule). */
export function checkInBackground(run: StoreRunner, onError: (e: unknown) => void = () => undefined): Promise<void> {
  return checkThroughGate(run).then(() => undefined, onError);
}
