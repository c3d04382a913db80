import { defineConfig } from 'vitest/config';

// Two projects: every test on the embedded DuckDB store, and the store-dependent suites (KPIs,
// import, analytics, the access matrix) again on a real PostgreSQL (test/pg-server.ts starts it).
export const POSTGRES_SUITES = [
  'test/metrics/**/*.test.ts',
  'test/query/**/*.test.ts',
  'test/analysis/**/*.test.ts',
  'test/targets/**/*.test.ts',
  'test/ingest/**/*.test.ts',
  'test/server/access-matrix.test.ts',
  'test/server/push.test.ts',
  'test/postgres/**/*.test.ts',
];
/** Suites about the embedded store itself (its file, its process lock). */
const DUCKDB_ONLY = ['test/ingest/atomicity.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    projects: [
      { extends: true, test: { name: 'duckdb', include: ['test/**/*.test.ts'], exclude: ['test/postgres/**'], globalSetup: ['test/web-build.ts'] } },
      { extends: true, test: { name: 'postgres', include: POSTGRES_SUITES, exclude: DUCKDB_ONLY, globalSetup: ['test/pg-server.ts'], env: { QUOTIENT_TEST_STORE: 'postgres' } } },
    ],
  },
});
