// The shared store: a PostgreSQL database (`postgres://…`), one connection per process, like the
// embedded store's one connection; several processes may share the database. Values come back
// normalised as the Store interface says (numbers, 'YYYY-MM-DD' dates, ISO UTC timestamps).
import pg from 'pg';
import type { Row, Store } from '../store.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { toPgPlaceholders } from './pg-sql.js';

const { Client, types } = pg;

/** Per-connection type parsers: the Store's plain values instead of pg's defaults. */
const parsers: Record<number, (s: string) => unknown> = {
  20: Number, // int8: counts and sums of integers fit a double
  1700: Number, // numeric: amounts are DECIMAL(18,4)
  1082: (s) => s, // date stays 'YYYY-MM-DD'
  1114: (s) => new Date(s.replace(' ', 'T') + 'Z').toISOString(), // timestamp without time zone, read as UTC
  1184: (s) => new Date(s.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(), // timestamptz
};

export interface PgOptions {
  /** Do not create the database when it does not exist. */
  noCreate?: boolean;
}

export class PgStore implements Store {
  readonly dialect = 'postgres' as const;
  private inTransaction = false;

  /** Set when the connection broke (the server restarted, the network dropped): the next statement outside a transaction reconnects. */
  private broken = false;

  private constructor(
    readonly location: string,
    readonly url: string,
    private client: pg.Client,
  ) {
    this.watch(client);
  }

  static async open(url: string, options: PgOptions = {}): Promise<PgStore> {
    return new PgStore(redact(url), url, await connect(url, options));
  }

  private watch(client: pg.Client): void {
    client.on('error', () => (this.broken = true));
    client.on('end', () => (this.broken = true));
  }

  /**
   * Errors from the server carry a five-character SQLSTATE; anything else (ECONNRESET, a closed
   * socket) and the connection and shutdown classes (08…, 57P…) mean the connection is gone:
   * the next statement outside a transaction reconnects.
   */
  private noteBreak(e: unknown): void {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || code.startsWith('08') || code.startsWith('57P')) this.broken = true;
  }

  private async live(): Promise<pg.Client> {
    if (this.broken && !this.inTransaction) {
      await this.client.end().catch(() => {});
      this.client = await connect(this.url, { noCreate: true });
      this.broken = false;
      this.watch(this.client);
    }
    return this.client;
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const t0 = TRACE ? performance.now() : 0;
    const text = toPgPlaceholders(sql);
    const client = await this.live();
    try {
      const r = await client.query({ text, values: params.map(toPgValue) });
      if (TRACE) trace(text, t0);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return (last.rows ?? []) as T[];
    } catch (e) {
      this.noteBreak(e);
      throw withStatement(e, text);
    }
  }

  async exec(sql: string): Promise<void> {
    const t0 = TRACE ? performance.now() : 0;
    const client = await this.live();
    try {
      await client.query(sql);
    } catch (e) {
      this.noteBreak(e);
      throw withStatement(e, sql);
    }
    if (TRACE) trace(sql, t0);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    await (await this.live()).query('BEGIN');
    this.inTransaction = true;
    try {
      const out = await fn();
      await this.client.query('COMMIT');
      return out;
    } catch (e) {
      try {
        await this.client.query('ROLLBACK');
      } catch {
        // the connection may be gone; the original error is what matters
      }
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  /** The raw connection, for COPY and advisory locks. */
  get connection(): pg.Client {
    return this.client;
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('end');
    await this.client.end().catch(() => {});
  }
}

/** One connection, in UTC; a database that does not exist yet is created, as a new DuckDB file would be. */
async function connect(url: string, options: PgOptions): Promise<pg.Client> {
  const client = new Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format?: string) => parsers[oid] ?? types.getTypeParser(oid, format as 'text')) as typeof types.getTypeParser },
    application_name: 'quotient',
  });
  // A dropped connection is reported on the next query; an unhandled 'error' event would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    if ((e as { code?: string }).code === '3D000' && !options.noCreate) {
      await createDatabase(url);
      return connect(url, { ...options, noCreate: true });
    }
    throw new UserError('store_error', `cannot connect to the PostgreSQL store ${redact(url)}: ${errorMessage(e)}`, { location: redact(url) });
  }
  await client.query(`SET TimeZone = 'UTC'; SET client_min_messages = warning`);
  return client;
}

/** Creates the database a URL names, through the server's `postgres` database. */
async function createDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    // Another process created it meanwhile: fine.
    if ((e as { code?: string }).code !== '42P04') throw new UserError('store_error', `the PostgreSQL database ${name} does not exist and cannot be created: ${errorMessage(e)}`, { location: redact(url) });
  } finally {
    await admin.end().catch(() => {});
  }
}

/** Parameters as PostgreSQL reads them: bigints as text, dates as ISO text. */
function toPgValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** The URL without its password, for messages and `location`. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function withStatement(e: unknown, sql: string): Error {
  if (e instanceof Error && process.env.QUOTIENT_DEBUG_SQL) e.message += `\n  in: ${sql.slice(0, 2000)}`;
  return e instanceof Error ? e : new Error(String(e));
}

const TRACE = Boolean(process.env.QUOTIENT_TRACE_SQL);

function trace(sql: string, t0: number): void {
  process.stderr.write(`[sql ${(performance.now() - t0).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.QUOTIENT_TRACE_SQL_CHARS ?? 160))}\n`);
}
