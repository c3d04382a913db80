// Starting and stopping the server on an open store: listen, announce the address beside the
// store (<store>.server.json), check the alert rules on a schedule (every alert_check_minutes;
// a check still running when the next is due is not overlapped), and on stop close the app, the
// store, and remove the file.
import type { Store } from '../store/store.js';
import { buildApp, type QuotientServer } from './app.js';
import { newSecret } from './auth/secrets.js';
import { countAdmins } from './auth/users.js';
import { checkInBackground, type CheckAndDeliver } from '../alerts/check.js';
import type { DeliverOptions } from '../alerts/deliver.js';
import { getSetting } from '../store/settings.js';
import type { ServerOptions } from './context.js';
import { removeServerFile, serverFilePath, writeServerFile } from './server-file.js';
import { isPostgresLocation } from '../store/open.js';

export interface StartOptions extends Partial<ServerOptions> {
  port: number;
  host: string;
  /** The scheduled alert check, for tests: users set alert_check_minutes. */
  alertCheck?: {
    /** Check this often (ms) instead of every alert_check_minutes. */
    intervalMs?: number;
    /** Retry delays and timeouts of its deliveries. */
    delivery?: DeliverOptions;
    /** Called after each scheduled check: its result, or undefined and the error. */
    onChecked?: (r: CheckAndDeliver | undefined, error?: unknown) => void;
  };
}

export interface RunningServer {
  url: string;
  server: QuotientServer;
  /** The server file beside the store, or null for an in-memory or PostgreSQL store. */
  serverFile: string | null;
  hasAdmin: boolean;
  stop(): Promise<void>;
}

function urlOf(address: string | { address: string; port: number } | null, host: string): string {
  if (address === null || typeof address === 'string') return `http://${host}`;
  const h = address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${h}:${address.port}`;
}

export async function startServer(store: Store, location: string, options: StartOptions): Promise<RunningServer> {
  const localToken = newSecret('ql_');
  const { port, host, alertCheck = {}, ...rest } = options;
  const server = await buildApp(store, { ...rest, localToken });
  await server.app.listen({ port, host });
  const url = urlOf(server.app.server.address(), host);
  // Only a DuckDB file is held by one process, so only it gets a server file for the CLI to find;
  // a PostgreSQL store is opened by every process directly.
  const noFile = location === ':memory:' || isPostgresLocation(location);
  const file = noFile ? null : writeServerFile(location, { url, pid: process.pid, token: localToken });
  const cleanUp = () => {
    if (!noFile) removeServerFile(location, localToken);
  };
  process.on('exit', cleanUp);
  const hasAdmin = (await server.context.gate.run((s) => countAdmins(s))) > 0;
  // Alert rules are evaluated every alert_check_minutes (and after every import).
  const minutes = Number(await server.context.gate.run((s) => getSetting(s, 'alert_check_minutes')));
  let checking = false;
  const scheduledCheck = async () => {
    if (checking) return;
    checking = true;
    let error: unknown;
    try {
      const r = await checkInBackground((fn) => server.context.gate.run(fn), (e) => (error = e), { delivery: alertCheck.delivery });
      alertCheck.onChecked?.(r, error);
    } finally {
      checking = false;
    }
  };
  const alertTimer = setInterval(() => void scheduledCheck().catch(() => undefined), alertCheck.intervalMs ?? minutes * 60_000);
  alertTimer.unref();
  let stopping: Promise<void> | null = null;
  return {
    url,
    server,
    serverFile: file ? serverFilePath(location) : null,
    hasAdmin,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(alertTimer);
        try {
          await server.app.close();
          await server.context.gate.run(async () => undefined);
        } finally {
          cleanUp();
          process.off('exit', cleanUp);
          await store.close();
        }
      })()),
  };
}
