// Parquet reader: typed columns are staged as text, so one validation path serves every format.
import type { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { quoteIdent } from '../../store/sql.js';
import { stagedColumn, type ReadOptions, type StagedFile } from './staged.js';

export async function stageParquet(store: DuckDbStore, path: string, _displayName: string, opts: ReadOptions): Promise<StagedFile> {
  const described = await store.query<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(?)`, [path]);
  const header = described.map((d) => d.column_name);
  const table = opts.tableName;
  const cols = header.map((h, i) => `CAST(${quoteIdent(h)} AS VARCHAR) AS ${stagedColumn(i)}`);
  await store.query(
    `CREATE TEMP TABLE ${table} AS SELECT file_row_number + 1 AS _row${cols.length ? ', ' + cols.join(', ') : ''} FROM read_parquet(?, file_row_number = true)`,
    [path],
  );
  const count = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return {
    table,
    header,
    rows: Number(count[0].n),
    problems: [],
    unit: 'row',
    async linesOf(records: number[]) {
      return new Map(records.map((r) => [r, r]));
    },
  };
}
