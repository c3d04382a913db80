// The embedded store: one DuckDB file.
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Row, Store } from '../store.js';
import { toRows } from './duckdb-values.js';
import { UserError, errorMessage } from '../../util/errors.js';

/** DuckDB files carry the magic bytes "DUCK" at offset 8. */
function looksLikeDuckDbFile(path: string): boolean {
  if (!existsSync(path)) return true; // a new store
  const st = statSync(path);
  if (st.isDirectory()) throw new UserError('store_not_duckdb', `${path} is a folder, not a store file; name a file with --db, e.g. ${path.replace(/\/$/, '')}/quotient.duckdb`, { path });
  if (st.size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(12);
    const n = readSync(fd, buf, 0, 12, 0);
    return n === 12 && buf.subarray(8, 12).toString('latin1') === 'DUCK';
  } finally {
    closeSync(fd);
  }
}

export interface DuckDbOptions {
  readOnly?: boolean;
  memoryLimit?: string;
  threads?: number;
}

export class DuckDbStore implements Store {
  readonly dialect = 'duckdb' as const;
  private inTransaction = false;

  private constructor(
    readonly location: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string, options: DuckDbOptions = {}): Promise<DuckDbStore> {
    if (path !== ':memory:' && !looksLikeDuckDbFile(path)) {
      throw new UserError('store_not_duckdb', `${path} is not a Quotient store (not a DuckDB database file). Name another file with --db, or move this one away.`, { path });
    }
    // New stores are written in DuckDB 1.5's storage format: it writes a large import about a
    // fifth faster than the default (0.10-compatible) format at the same size. Existing stores
    // keep the format they were created in.
    const config: Record<string, string> = { storage_compatibility_version: 'v1.5.0' };
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, config);
    } catch (e) {
      throw translateOpenError(path, e);
    }
    const conn = await instance.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    return new DuckDbStore(path, instance, conn);
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const t0 = TRACE ? performance.now() : 0;
    const result = params.length > 0
      ? await this.conn.runAndReadAll(sql, params as never)
      : await this.conn.runAndReadAll(sql);
    if (TRACE) trace(sql, t0);
    return toRows(result) as T[];
  }

  async exec(sql: string): Promise<void> {
    const t0 = TRACE ? performance.now() : 0;
    await this.conn.run(sql);
    if (TRACE) trace(sql, t0);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    await this.conn.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const out = await fn();
      await this.conn.run('COMMIT');
      return out;
    } catch (e) {
      try {
        await this.conn.run('ROLLBACK');
      } catch {
        // the transaction may already be aborted; the original error is what matters
      }
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  /** The raw connection, for DuckDB-only fast paths (bulk reads of files). */
  get connection(): DuckDBConnection {
    return this.conn;
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** QUOTIENT_TRACE_SQL=1 prints every statement with its time on stderr. */
const TRACE = Boolean(process.env.QUOTIENT_TRACE_SQL);

function trace(sql: string, t0: number): void {
  process.stderr.write(`[sql ${(performance.now() - t0).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.QUOTIENT_TRACE_SQL_CHARS ?? 160))}\n`);
}

function translateOpenError(path: string, e: unknown): Error {
  const msg = errorMessage(e);
  if (/Could not set lock on file|Conflicting lock/i.test(msg)) {
    const pid = /PID (\d+)/.exec(msg)?.[1];
    return new UserError(
      'store_locked',
      `${path} is in use by another process${pid ? ` (PID ${pid})` : ''}. A DuckDB store can be opened by one process at a time: stop that process (or the running \`quotient serve\`), or use a PostgreSQL store for shared use.`,
      { path, pid },
    );
  }
  if (/not a valid DuckDB database|Unable to open database|unsupported version|file was written by a newer/i.test(msg)) {
    return new UserError('store_not_duckdb', `${path} cannot be opened as a Quotient store: ${msg.split('\n')[0]}`, { path });
  }
  return new UserError('store_error', `cannot open the store ${path}: ${msg.split('\n')[0]}`, { path });
}
