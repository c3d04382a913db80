// Live data events for open dashboards (GET /api/events, server-sent events). Every client gets
// a `ready` event with the store's data version when it connects, then a `data` event
// { version, entities } whenever the data version changes, and a heartbeat comment between.
// Changes are found two ways: the server's own writes (an import or a push) say so at once
// (`changed`), and while at least one client listens the data version is polled (one tiny
// query, every pollMs), so a write by another process — a second server or the CLI on a
// shared PostgreSQL store — reaches the dashboards too. Which entities changed comes from the
// writes' own word and from the import log since the last event.
import { PassThrough } from 'node:stream';
import type { Store } from '../store/store.js';
import { dataVersion } from '../store/meta.js';

export interface DataEvent {
  version: number;
  entities: string[];
}

export interface EventOptions {
  /** How often the data version is polled while a client listens (ms). */
  pollMs: number;
  /** A comment line this often keeps proxies from closing an idle stream (ms). */
  heartbeatMs: number;
  /** A stream ends after this long; the browser reconnects, and is authenticated again (ms). */
  maxStreamMs: number;
}

export const EVENT_DEFAULTS: EventOptions = { pollMs: 1000, heartbeatMs: 15_000, maxStreamMs: 10 * 60_000 };

type RunInStore = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

interface Client {
  stream: PassThrough;
  timer: NodeJS.Timeout;
}

const frame = (event: string, data: unknown, id?: number): string => `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export class DataEvents {
  private readonly clients = new Set<Client>();
  /** The version the clients were last told about (null while none listens). */
  private version: number | null = null;
  /** The newest finished_at of the import log seen, to name the entities of a change made elsewhere. */
  private logMark: string | null = null;
  private readonly pending = new Set<string>();
  private poller: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly run: RunInStore,
    readonly options: EventOptions = EVENT_DEFAULTS,
  ) {}

  get listeners(): number {
    return this.clients.size;
  }

  /** A new client's stream: the ready event first; once: that event only, then the end. */
  async subscribe(once = false): Promise<PassThrough> {
    const state = await this.run(async (s) => ({ version: await dataVersion(s), mark: await lastImport(s) }));
    const stream = new PassThrough();
    stream.write(`retry: 2000\n${frame('ready', { version: state.version }, state.version)}`);
    if (once || this.closed) {
      stream.end();
      return stream;
    }
    if (this.clients.size === 0) {
      this.version = state.version;
      this.logMark = state.mark;
      this.pending.clear();
    }
    const client: Client = { stream, timer: setTimeout(() => stream.end(), this.options.maxStreamMs) };
    client.timer.unref();
    this.clients.add(client);
    const drop = () => {
      clearTimeout(client.timer);
      if (this.clients.delete(client) && this.clients.size === 0) this.stopTimers();
    };
    stream.on('close', drop);
    stream.on('finish', drop);
    stream.on('error', drop);
    this.startTimers();
    // A change between the version read above and now is not lost: the next poll compares.
    if (state.version !== this.version) void this.check().catch(() => undefined);
    return stream;
  }

  /** The server itself wrote these entities: tell the clients now rather than at the next poll. */
  changed(entities: readonly string[]): Promise<void> {
    if (this.clients.size === 0) return Promise.resolve();
    for (const e of entities) this.pending.add(e);
    return this.check().catch(() => undefined);
  }

  /** Reads the data version and tells every client when it moved. Never two at once. */
  check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return this.checking;
    }
    this.checking = (async () => {
      try {
        do {
          this.again = false;
          await this.checkOnce();
        } while (this.again && this.clients.size > 0);
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    if (this.clients.size === 0) return;
    const known = this.version;
    const mark = this.logMark;
    const seen = await this.run(async (s) => {
      const version = await dataVersion(s);
      if (version === known) return null;
      const rows = await s.query<{ entity: string; at: string }>(
        `SELECT entity, max(finished_at) AS at FROM import_log${mark === null ? '' : ' WHERE finished_at > CAST(? AS TIMESTAMPTZ)'} GROUP BY entity ORDER BY entity`,
        // Timestamps come back to the millisecond and are stored to the microsecond: past the mark's millisecond.
        mark === null ? [] : [new Date(Date.parse(mark) + 1).toISOString()],
      );
      return { version, rows };
    });
    if (!seen || this.clients.size === 0) return;
    const entities = new Set(this.pending);
    this.pending.clear();
    let newest = mark;
    for (const r of seen.rows) {
      // Without a mark (no import logged when the first client came) every entity ever imported is listed: say none.
      if (mark !== null) entities.add(r.entity);
      if (newest === null || r.at > newest) newest = r.at;
    }
    this.logMark = newest;
    this.version = seen.version;
    this.broadcast({ version: seen.version, entities: [...entities].sort() });
  }

  private broadcast(e: DataEvent): void {
    const text = frame('data', e, e.version);
    for (const c of this.clients) c.stream.write(text);
  }

  private startTimers(): void {
    if (!this.poller) {
      this.poller = setInterval(() => void this.check().catch(() => undefined), this.options.pollMs);
      this.poller.unref();
    }
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const c of this.clients) c.stream.write(`: heartbeat ${new Date().toISOString()}\n\n`);
      }, this.options.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  private stopTimers(): void {
    if (this.poller) clearInterval(this.poller);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.poller = this.heartbeat = null;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    this.closed = true;
    for (const c of [...this.clients]) c.stream.end();
    this.clients.clear();
    this.stopTimers();
  }
}

async function lastImport(store: Store): Promise<string | null> {
  const rows = await store.query<{ at: string | null }>(`SELECT max(finished_at) AS at FROM import_log`);
  return rows[0]?.at ?? null;
}
