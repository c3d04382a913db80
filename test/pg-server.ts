// Vitest global setup of the PostgreSQL project: starts a real PostgreSQL for the whole run and
// tells the tests where it is (provided as pgServer). Each test store is a database of its own
// on it (test/helpers/test-store.ts).
import type { TestProject } from 'vitest/node';
import { startPostgres } from './helpers/embedded-pg.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServer: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests make many small databases: no fsync, and enough connections for parallel files.
  const pg = await startPostgres('quotient-pg-', ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200']);
  project.provide('pgServer', pg.server);
  return () => pg.stop();
}
