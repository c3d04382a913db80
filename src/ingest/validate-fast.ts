// The fast path's whole-file checks: duplicate keys and unknown references, counted only.
// Any count above zero sends the import down the detailed path, which says where.
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { entity as entityDef } from '../model/entities.js';
import { quoteIdent } from '../store/sql.js';
import type { PreparedFile } from './stage.js';

export async function fastProblemCount(store: DuckDbStore, f: PreparedFile, table: string, batchTables: Map<string, string>): Promise<number> {
  const keys = f.def.key.map(quoteIdent).join(', ');
  const checks = [`(SELECT count(*) FROM (SELECT 1 FROM ${table} GROUP BY ${keys} HAVING count(*) > 1))`];
  for (const fd of f.def.fields) {
    if (!fd.ref || (f.resolution.get(fd.name) === null && f.mapping.defaults[fd.name] === undefined)) continue;
    const target = entityDef(fd.ref.entity)!;
    const col = quoteIdent(fd.ref.column);
    const c = quoteIdent(fd.name);
    let cond = `t.${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target.name} x WHERE x.${col} = t.${c})`;
    const parent = batchTables.get(fd.ref.entity);
    if (parent) cond += ` AND NOT EXISTS (SELECT 1 FROM ${parent} y WHERE y.${col} = t.${c})`;
    checks.push(`(SELECT count(*) FROM ${table} t WHERE ${cond})`);
  }
  const rows = await store.query<{ n: number }>(`SELECT ${checks.join(' + ')} AS n`);
  return Number(rows[0].n);
}
