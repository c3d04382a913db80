// The server's one door to the store. A DuckDB store is one connection: a request that reads
// while another request's import transaction is open would see half-written data (and cache
// a report under the old data version). So each unit of work — a report, an import, a sign-in
// — holds the store alone from start to end; the next waits its turn.
import type { Store } from '../store/store.js';

export class StoreGate {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly store: Store) {}

  /** Runs `fn` with the store to itself. Never call `run` again from inside `fn`. */
  run<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => fn(this.store));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
