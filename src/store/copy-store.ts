// `quotient migrate-store`: moves every table of one store into another (a laptop's DuckDB file
// to a company's PostgreSQL, or back), in one transaction on the target, then proves the two
// identical: the same tables, the same row count and the same sum of every numeric column.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { quoteIdent } from './sql.js';
import type { Store } from './store.js';
import { dumpRows, loadRowsFromCsv, tablesOf, type Column } from './transfer.js';
import { entities } from '../model/entities.js';
import { UserError } from '../util/errors.js';

/** Tables that migrations fill: replaced by the source's rows rather than appended to. */
const SEEDED = new Set(['settings', 'store_meta']);

export interface TableCopy {
  table: string;
  rows: number;
}

export interface CopyResult {
  from: string;
  to: string;
  tables: TableCopy[];
  rows: number;
  seconds: number;
}

export async function copyStore(source: Store, target: Store): Promise<CopyResult> {
  const started = performance.now();
  await migrate(source);
  await migrate(target);
  const from = await tablesOf(source);
  const to = await tablesOf(target);
  const names = [...from.keys()].filter((t) => t !== 'schema_migrations').sort();
  for (const t of names) if (!to.has(t)) throw new UserError('store_error', `${target.location} has no table ${t}; both stores must be at the same schema`);
  const nonEmpty: string[] = [];
  for (const t of names) if (!SEEDED.has(t) && (await count(target, t)) > 0) nonEmpty.push(t);
  if (nonEmpty.length > 0) {
    throw new UserError('store_not_empty', `${target.location} already holds data (${nonEmpty.slice(0, 5).join(', ')}${nonEmpty.length > 5 ? ', …' : ''}); migrate-store only fills an empty store, so nothing was copied`, { tables: nonEmpty });
  }
  const dir = mkdtempSync(join(tmpdir(), 'quotient-migrate-store-'));
  const tables: TableCopy[] = [];
  try {
    await target.transaction(async () => {
      for (const t of names) {
        // Columns by the source's order of names, typed as the target names them.
        const targetCols = new Map(to.get(t)!.map((c) => [c.name, c]));
        const cols: Column[] = from.get(t)!.map((c) => {
          const tc = targetCols.get(c.name);
          if (!tc) throw new UserError('store_error', `${target.location} has no column ${t}.${c.name}; both stores must be at the same schema`);
          return tc;
        });
        const file = join(dir, `${t}.csv`);
        await dumpRows(source, `SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${t}`, file);
        if (SEEDED.has(t)) await target.exec(`DELETE FROM ${t}`);
        await loadRowsFromCsv(target, t, cols, file);
        tables.push({ table: t, rows: await count(target, t) });
      }
      await verifySame(source, target, names, from);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { from: source.location, to: target.location, tables, rows: tables.reduce((a, t) => a + t.rows, 0), seconds: (performance.now() - started) / 1000 };
}

async function count(store: Store, table: string): Promise<number> {
  return Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
}

const NUMERIC = /^(BIGINT|INTEGER|DOUBLE|DOUBLE PRECISION|DECIMAL|NUMERIC|REAL|SMALLINT)/i;
const KEYS = new Map(entities.map((e) => [e.name as string, e.key]));

/** Row counts, distinct keys and sums of numeric columns must match in both stores, or the copy rolls back. */
async function verifySame(a: Store, b: Store, tables: string[], columns: Map<string, Column[]>): Promise<void> {
  for (const t of tables) {
    const nums = columns.get(t)!.filter((c) => NUMERIC.test(c.type));
    const key = KEYS.get(t);
    const parts = [
      'count(*) AS n',
      ...(key ? [`count(DISTINCT ${key.length === 1 ? quoteIdent(key[0]) : `(${key.map(quoteIdent).join(', ')})`}) AS k`] : []),
      // Sums as exact decimals, so the order of addition does not matter.
      ...nums.map((c, i) => `CAST(sum(CAST(${quoteIdent(c.name)} AS DECIMAL(38, 6))) AS VARCHAR) AS s${i}`),
    ];
    const sql = `SELECT ${parts.join(', ')} FROM ${t}`;
    const [x] = await a.query(sql);
    const [y] = await b.query(sql);
    for (const k of Object.keys(x)) {
      const same = k.startsWith('s') ? Number(x[k] ?? 0) === Number(y[k] ?? 0) : Number(x[k]) === Number(y[k]);
      if (!same) throw new UserError('store_error', `the copy of ${t} differs from the source (${k}: ${x[k]} vs ${y[k]}); nothing was copied`);
    }
  }
}
