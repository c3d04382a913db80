// `quotient serve [--port 3000] [--host 127.0.0.1] [--demo]`: the HTTP API and the dashboard on
// the store, until stopped (Ctrl-C). While it runs, other `quotient` commands on the same store are told where it is.
import type { Command } from 'commander';
import { openStore, resolveDbLocation } from '../../store/open.js';
import { startServer } from '../../server/start.js';
import { UserError } from '../../util/errors.js';
import { servedStoreError, type Io } from '../context.js';
import { DEMO_ADMIN, ensureDemoData, resetDemoAdmin } from '../demo-admin.js';
import { progressBar } from '../progress.js';
import { webFile } from '../../server/web.js';

const webBuilt = () => webFile('/') !== null;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "1GB", "500MB", "1048576" → bytes. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*$/i.exec(text);
  const n = m ? Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase().replace(/^([kmg])$/, '$1b')]) : NaN;
  if (!Number.isFinite(n) || n < 1) throw new UserError('bad_argument', `--upload-limit: expected a size like 500MB or 1GB, got "${text}"`);
  return n;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UserError('bad_argument', `--port: expected a port number from 0 to 65535, got "${text}"`);
  return n;
}

const shellQuote = (s: string) => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('run the dashboard and the HTTP API (docs at /api/docs) on the store until stopped')
    .option('--port <port>', 'TCP port (0: any free port)', '3000')
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--trust-proxy', 'behind a reverse proxy: trust X-Forwarded-Proto/-For (Secure cookies over https)')
    .option('--upload-limit <size>', 'largest import upload', '1GB')
    .option('--log', 'log every request as JSON lines on stdout')
    .option('--demo', `demo data into the store if it has none, and a demo admin (${DEMO_ADMIN}) with a new password printed here`)
    .action(async (o: { port: string; host: string; trustProxy?: boolean; uploadLimit: string; log?: boolean; demo?: boolean }) => {
      const location = resolveDbLocation(program.opts().db);
      const options = { port: port(o.port), host: o.host, trustProxy: Boolean(o.trustProxy), uploadLimit: parseSize(o.uploadLimit), logger: Boolean(o.log) };
      let store;
      try {
        store = await openStore(location);
      } catch (e) {
        throw servedStoreError(location, e);
      }
      let demoAdmin: { email: string; password: string } | null = null;
      if (o.demo) {
        try {
          const bar = progressBar(io, true);
          const loaded = await ensureDemoData(store, (what, done, total) => bar.update(done, total, what));
          bar.stop();
          if (loaded) io.out(`${loaded}\n`);
          demoAdmin = await resetDemoAdmin(store);
        } catch (e) {
          await store.close();
          throw e;
        }
      }
      let running;
      try {
        running = await startServer(store, location, options);
      } catch (e) {
        await store.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError('bad_argument', `port ${options.port} on ${options.host} is in use; choose another with --port`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError('bad_argument', `--host: cannot listen on "${options.host}"`);
        throw e;
      }
      io.out(`Quotient API at ${running.url} on ${store.location} (pid ${process.pid}); docs at ${running.url}/api/docs. Stop with Ctrl-C.\n`);
      const dashboard = running.url.replace('://127.0.0.1:', '://localhost:');
      io.out(webBuilt() ? `Dashboard at ${dashboard}\n` : `No dashboard build (dist/web); run npm run build to add it.\n`);
      if (demoAdmin) io.out(`Sign in as ${demoAdmin.email} with the password ${demoAdmin.password}\n`);
      if (!running.hasAdmin) {
        io.out(`No admin user yet. Create one (this server may keep running):\n  quotient --db ${shellQuote(store.location)} users add EMAIL --role admin\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          io.out('Stopping.\n');
          running.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
