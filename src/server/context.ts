// What every route handler shares: the store (through its gate), the sign-in limiter, the
// server's options and the live data events.
import type { StoreGate } from './store-gate.js';
import type { LoginLimiter } from './auth/login-limiter.js';
import type { Clock } from './auth/sessions.js';
import type { DataEvents, EventOptions } from './events.js';

export interface ServerOptions {
  /** Largest upload in bytes (default 1 GiB). */
  uploadLimit: number;
  /** Largest JSON body in bytes (default 1 MiB). */
  jsonLimit: number;
  /** Trust X-Forwarded-Proto/-For from a reverse proxy (for Secure cookies and client addresses). */
  trustProxy: boolean;
  /** Folder for uploads on their way into the store (default: the system's temp folder). */
  tempDir?: string;
  /** The local credential of `quotient serve` (written to <store>.server.json): admin rights. */
  localToken?: string;
  /** Log requests (pino, JSON lines on stdout). */
  logger: boolean;
  /** Live data events (GET /api/events): polling, heartbeat and stream lifetime; defaults in events.ts. */
  events?: Partial<EventOptions>;
}

export const SERVER_DEFAULTS: ServerOptions = {
  uploadLimit: 1024 ** 3,
  jsonLimit: 1024 ** 2,
  trustProxy: false,
  logger: false,
};

export interface ServerContext {
  gate: StoreGate;
  limiter: LoginLimiter;
  options: ServerOptions;
  clock: Clock;
  /** Live data events for open dashboards: tell it what the server wrote. */
  events: DataEvents;
}
