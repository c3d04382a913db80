// The fast path's whole-file checks, run after its rows are written inside the import's
// transaction: duplicate keys and references that lead nowhere, counted only. Any count above
// zero rolls the transaction back and the detailed path says where.
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { entity as entityDef } from '../model/entities.js';
import { quoteIdent } from '../store/sql.js';
import type { PreparedFile } from './stage.js';

/** Counts problems among `rows` (a table holding this file's rows with canonical columns). */
export async function fastProblemCount(store: DuckDbStore, f: PreparedFile, rows: string, checkedRefs: ReadonlySet<string> = new Set()): Promise<number> {
  const keys = f.def.key.map(quoteIdent).join(', ');
  const checks = [`(SELECT count(*) FROM (SELECT 1 FROM ${rows} GROUP BY ${keys} HAVING count(*) > 1))`];
  for (const fd of f.def.fields) {
    if (!fd.ref || checkedRefs.has(fd.name) || (f.resolution.get(fd.name) === null && f.mapping.defaults[fd.name] === undefined)) continue;
    const target = entityDef(fd.ref.entity)!;
    const c = quoteIdent(fd.name);
    checks.push(`(SELECT count(*) FROM ${rows} t WHERE t.${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target.name} x WHERE x.${quoteIdent(fd.ref.column)} = t.${c}))`);
  }
  const out = await store.query<{ n: number }>(`SELECT ${checks.join(' + ')} AS n`);
  return Number(out[0].n);
}
