// What every command shares: the store location, output streams and the mapping of errors to
// exit codes (0 ok, 1 invalid data or alerts, 2 usage or other errors).
import type { Readable } from 'node:stream';
import type { Store } from '../store/store.js';
import { openStore, resolveDbLocation } from '../store/open.js';
import { isUserError, UserError, type ErrorCode } from '../util/errors.js';
import { servingServer } from '../server/server-file.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stderrIsTTY: boolean;
  /** Standard input, for passwords (default: the process's). */
  in?: Readable;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
};

export const EXIT = { ok: 0, invalid: 1, error: 2 } as const;

const exitByCode: Partial<Record<ErrorCode, number>> = {
  invalid_data: EXIT.invalid,
};

export function exitCodeOf(e: unknown): number {
  if (isUserError(e)) return exitByCode[e.code] ?? EXIT.error;
  return EXIT.error;
}

/** When a running `quotient serve` holds the store, an error that names it; otherwise the error as it was. */
export function servedStoreError(location: string, e: unknown): unknown {
  if (!isUserError(e) || e.code !== 'store_locked') return e;
  const server = servingServer(location, e.details.pid as string | undefined);
  if (!server) return e;
  return new UserError('store_locked', `the store is served by quotient serve at ${server.url} (pid ${server.pid}); stop it or use the API`, { ...e.details, server: server.url, pid: server.pid });
}

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const location = resolveDbLocation(db);
  let store: Store;
  try {
    store = await openStore(location, options);
  } catch (e) {
    throw servedStoreError(location, e);
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
