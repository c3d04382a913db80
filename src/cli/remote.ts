// The CLI's commands as API calls, for when `quotient serve` holds the store: each command's
// flags become the query parameters of its endpoint (the same names the API documents), and
// the JSON that comes back is what the command would have computed itself, so it is printed
// by the same code.
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import type { ImportResult } from '../ingest/import.js';
import { readServerFile } from '../server/server-file.js';
import type { Store } from '../store/store.js';
import { resolveDbLocation } from '../store/open.js';
import { isUserError } from '../util/errors.js';
import { withStore } from './context.js';
import type { Problem } from '../ingest/problems.js';
import { UserError } from '../util/errors.js';
import { ApiClient } from './server-client.js';
import type { QueryOptions } from './commands/report.js';

type Flags = Partial<QueryOptions>;
/** The query flags each endpoint takes (they reject others). */
type Param = 'kpi' | 'period' | 'from' | 'to' | 'as_of' | 'grain' | 'by' | 'filter' | 'compare' | 'lang';

export const PERIOD_PARAMS: readonly Param[] = ['period', 'from', 'to', 'as_of', 'filter'];

/** `path?…` with the given flags as the endpoint's parameters, and `extra` besides. */
export function apiPath(path: string, o: Flags, params: readonly Param[], extra: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  const value: Record<Param, string | undefined> = {
    kpi: o.kpi, period: o.period, from: o.from, to: o.to, as_of: o.asOf, grain: o.grain, by: o.by, filter: undefined, compare: o.compare, lang: o.lang,
  };
  for (const p of params) {
    if (p === 'filter') for (const f of o.filter ?? []) q.append('filter', f);
    else if (value[p] !== undefined && value[p] !== '') q.set(p, value[p]);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.txt': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.parquet': 'application/vnd.apache.parquet',
};

export interface RemoteImportOptions {
  delimiter?: string;
  decimalComma?: boolean;
  maxProblems: number;
}

/**
 * Uploads one entity file to POST /api/import/{entity}, streamed, and gives back the import's
 * result as a local import would, problems naming the local file; invalid data is a result
 * (ok: false), not an error, so the CLI prints it the same way.
 */
export async function importThroughServer(api: ApiClient, entity: string, path: string, o: RemoteImportOptions): Promise<ImportResult> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError('not_found', `${path}: no such file`);
  }
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'text/csv';
  const query = apiPath(`/api/import/${encodeURIComponent(entity)}`, {}, [], {
    delimiter: o.delimiter,
    decimal_comma: o.decimalComma ? 'true' : undefined,
    max_problems: o.maxProblems,
  });
  const res = await api.send(query, {
    method: 'POST',
    headers: { 'content-type': contentType, 'content-length': String(size) },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const json = (await res.json().catch(() => undefined)) as (ImportResult & { error?: { code: string; message: string; details?: { problems?: Problem[]; errorCount?: number; warningCount?: number } } }) | undefined;
  const local = (p: Problem): Problem => ({ ...p, file: path });
  if (res.ok && json) return { ...json, entities: json.entities.map((e) => ({ ...e, file: path })), problems: json.problems.map(local) };
  const err = json?.error;
  if (err?.code === 'invalid_data' && err.details?.problems) {
    return { ok: false, written: false, entities: [], problems: err.details.problems.map(local), errorCount: err.details.errorCount ?? err.details.problems.length, warningCount: err.details.warningCount ?? 0, seconds: 0, rowsPerSecond: 0 };
  }
  throw new UserError('bad_argument', err?.message ?? `the server answered ${res.status}`);
}

/**
 * As withStoreOrServer, for a command that only reads: the store is opened read-only, and when a
 * running server holds it, `remote` runs through the server's API instead (said on stderr).
 */
export async function readStoreOrServer<T>(db: string | undefined, local: (store: Store) => Promise<T>, remote: (api: ApiClient) => Promise<T>, note?: (text: string) => void): Promise<T> {
  try {
    return await withStore(db, local, { readOnly: true });
  } catch (e) {
    if (!isUserError(e) || e.code !== 'store_locked' || !e.details.server) throw e;
    const file = readServerFile(resolveDbLocation(db));
    if (!file) throw e;
    note?.(`note: the store is served by quotient serve at ${file.url} (pid ${file.pid}); working through its API\n`);
    return remote(new ApiClient(file));
  }
}
