// When `quotient serve` holds the store, a CLI command can still do its work: it becomes a
// client of that server, through the address and local credential in <store>.server.json.
import type { Store } from '../store/store.js';
import { resolveDbLocation } from '../store/open.js';
import { readServerFile, type ServerFile } from '../server/server-file.js';
import { isUserError, UserError, type ErrorCode } from '../util/errors.js';
import { withStore } from './context.js';

const codeOf: Record<string, ErrorCode> = { invalid_data: 'invalid_data', not_found: 'not_found' };

export class ApiClient {
  constructor(readonly server: ServerFile) {}

  /** The raw response to a request with the local credential. */
  async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(new URL(path, this.server.url), { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.server.token}` } });
    } catch (e) {
      throw new UserError('store_locked', `the store is served by quotient serve at ${this.server.url} (pid ${this.server.pid}), which does not answer: ${(e as Error).message}`);
    }
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
      throw new UserError(codeOf[err?.code ?? ''] ?? 'bad_argument', err?.message ?? `the server answered ${res.status}`, err?.details ?? {});
    }
    return json as T;
  }
}

/**
 * Runs `local` on the store; when a running server holds it, runs `remote` through the
 * server's API instead (and says so on stderr).
 */
export async function withStoreOrServer<T>(db: string | undefined, local: (store: Store) => Promise<T>, remote: (api: ApiClient) => Promise<T>, note?: (text: string) => void): Promise<T> {
  try {
    return await withStore(db, local);
  } catch (e) {
    if (!isUserError(e) || e.code !== 'store_locked' || !e.details.server) throw e;
    const file = readServerFile(resolveDbLocation(db));
    if (!file) throw e;
    note?.(`note: the store is served by quotient serve at ${file.url} (pid ${file.pid}); working through its API\n`);
    return remote(new ApiClient(file));
  }
}
