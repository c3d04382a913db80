// Idempotency keys of pushes: the first answer to a request with an Idempotency-Key is kept
// (table idempotency_keys, migration 6) for 24 hours, per caller and endpoint, with the sha256
// of what was sent. A retry with the same key and body gets that answer again and writes
// nothing; the same key with another body is refused. Expired keys are deleted as new ones come.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Store } from '../store/store.js';
import { ApiError } from './errors.js';

export const IDEMPOTENCY_HOURS = 24;
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

export interface Answer {
  status: number;
  /** The JSON body as sent. */
  body: string;
}

/** The request's Idempotency-Key, or null; a malformed one is a 400. */
export function idempotencyKey(headers: Record<string, string | string[] | undefined>): string | null {
  const h = headers[IDEMPOTENCY_HEADER];
  if (h === undefined) return null;
  if (typeof h !== 'string' || !/^[\x20-\x7e]{1,255}$/.test(h) || h.trim() === '') {
    throw new ApiError('bad_request', 'the Idempotency-Key header must be one value of 1 to 255 printable ASCII characters');
  }
  return h;
}

/** sha256 over the parts and the file's bytes. */
export async function requestHash(parts: readonly string[], file: string): Promise<string> {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p + '\n');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface KeyRef {
  key: string;
  owner: string;
  endpoint: string;
  hash: string;
}

/** The answer kept for this key, or null when there is none; another body under the key is a 422. */
export async function recall(store: Store, ref: KeyRef, now: Date): Promise<Answer | null> {
  await store.query(`DELETE FROM idempotency_keys WHERE expires_at <= CAST(? AS TIMESTAMPTZ)`, [now.toISOString()]);
  const rows = await store.query<{ request_hash: string; status: number; response: string }>(
    `SELECT request_hash, status, response FROM idempotency_keys WHERE idempotency_key = ? AND owner = ? AND endpoint = ? ORDER BY created_at LIMIT 1`,
    [ref.key, ref.owner, ref.endpoint],
  );
  if (!rows.length) return null;
  if (rows[0].request_hash !== ref.hash) {
    throw new ApiError('idempotency_key_reused', `the Idempotency-Key "${ref.key}" was used for another request body within the last ${IDEMPOTENCY_HOURS} hours; use a new key for new data`);
  }
  return { status: Number(rows[0].status), body: rows[0].response };
}

export async function remember(store: Store, ref: KeyRef, answer: Answer, now: Date): Promise<void> {
  const expires = new Date(now.getTime() + IDEMPOTENCY_HOURS * 3600_000);
  await store.query(`INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ))`, [
    ref.key,
    ref.owner,
    ref.endpoint,
    ref.hash,
    answer.status,
    answer.body,
    now.toISOString(),
    expires.toISOString(),
  ]);
}
