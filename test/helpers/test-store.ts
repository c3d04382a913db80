// Where a test's store lives, for the store under test: a DuckDB file (or memory) by default, a
// fresh database on the test PostgreSQL server when the run is the PostgreSQL project
// (QUOTIENT_TEST_STORE=postgres, server from test/pg-server.ts). Tests written once run on both.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const STORE_KIND: 'duckdb' | 'postgres' = process.env.QUOTIENT_TEST_STORE === 'postgres' ? 'postgres' : 'duckdb';

/** A new, empty store location: `duckdb` as given (a file path or ':memory:'), or a new PostgreSQL database. */
export async function storeLocation(duckdb: string): Promise<string> {
  if (STORE_KIND === 'duckdb') return duckdb;
  const server = inject('pgServer');
  if (!server) throw new Error('no PostgreSQL server was provided: the postgres project starts one in test/pg-server.ts');
  const name = `q_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const c = new pg.Client({ connectionString: `${server}/postgres` });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return `${server}/${name}`;
}

/**
 * The store a test names by file: `dir/name` on DuckDB; on PostgreSQL a database named after the
 * folder and file (the store creates it when first opened), so the same name is the same store.
 */
export function testDb(dir: { join(...p: string[]): string }, name: string): string {
  const path = dir.join(name);
  if (STORE_KIND === 'duckdb') return path;
  return `${inject('pgServer')}/q_${createHash('sha256').update(path).digest('hex').slice(0, 20)}`;
}
