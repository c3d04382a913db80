// The migrated schema is the data model: each entity's table has the columns of entities.ts,
// in order, with the SQL type of each field's kind, NOT NULL exactly where a field is required.
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { entities } from '../../src/model/entities.js';
import { sqlType } from '../../src/model/fields.js';
import { useTempDir } from '../helpers/tmp.js';
import { openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-schema-');
let store: Store;

beforeAll(async () => {
  store = await openStore(tmp.join('schema.duckdb'));
});

afterAll(async () => {
  await store?.close();
});

interface Column {
  column_name: string;
  data_type: string;
  is_nullable: string;
}

const columnsOf = (table: string) =>
  store.query<Column & Record<string, string>>(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position`, [table]);

// DuckDB names a DOUBLE PRECISION column DOUBLE; the migrations write the standard name.
const normaliseType = (t: string) => ({ 'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ', DOUBLE: 'DOUBLE PRECISION' })[t] ?? t;

describe('tables of the migrated schema', () => {
  it('a table per entity, and the bookkeeping tables', async () => {
    const tables = await store.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([...entities.map((e) => e.name), 'import_log', 'schema_migrations', 'settings', 'store_meta']),
    );
  });

  test.each(entities.map((e) => [e.name, e] as const))('%s: column names in order match entities.ts', async (_name, e) => {
    const cols = await columnsOf(e.name);
    expect(cols.map((c) => c.column_name)).toEqual(e.fields.map((f) => f.name));
  });

  test.each(entities.map((e) => [e.name, e] as const))('%s: types and NOT NULL match the field kinds', async (_name, e) => {
    const cols = await columnsOf(e.name);
    expect(cols.map((c) => `${c.column_name} ${normaliseType(c.data_type)} ${c.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'}`)).toEqual(
      e.fields.map((f) => `${f.name} ${sqlType[f.kind]} ${f.required ? 'NOT NULL' : 'NULL'}`),
    );
  });

  it('the import log records what each import did', async () => {
    const cols = await columnsOf('import_log');
    expect(cols.map((c) => c.column_name)).toEqual(['import_id', 'started_at', 'finished_at', 'entity', 'source', 'inserted', 'updated', 'unchanged', 'rejected']);
  });

  it('every entity key is a list of its own required fields', () => {
    for (const e of entities) {
      for (const k of e.key) expect(e.fields.find((f) => f.name === k)?.required, `${e.name}.${k}`).toBe(true);
    }
  });
});
