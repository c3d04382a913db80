// What every command shares: the store location, output streams and the mapping of errors to
// exit codes (0 ok, 1 invalid data or alerts, 2 usage or other errors).
import type { Store } from '../store/store.js';
import { openStore, resolveDbLocation } from '../store/open.js';
import { isUserError, type ErrorCode } from '../util/errors.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stderrIsTTY: boolean;
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

export async function withStore<T>(db: string | undefined, fn: (store: Store) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openStore(resolveDbLocation(db), options);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
