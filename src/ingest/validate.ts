// Validates a typed file: row checks (rules.ts), duplicate keys and references, in a few
// scans. Gathers problems with their lines, and records every bad row with its reasons in
// `<prefix>_bad`, so --skip-invalid can leave them out and write them to a rejects file.
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { entity as entityDef } from '../model/entities.js';
import { quoteIdent } from '../store/sql.js';
import type { Problem, ProblemList } from './problems.js';
import { rowChecks, type RowCheck } from './rules.js';
import type { TypedFile } from './stage.js';

export interface BatchContext {
  /** Typed files of this import, by entity: references may point into them. */
  files: Map<string, TypedFile>;
  /** Entities whose bad rows are already known (validated earlier in dependency order). */
  validated: Set<string>;
}

const v = (f: string) => quoteIdent(f + '__v');

/** opportunities → opportunity, reps → rep. */
function singular(entity: string): string {
  return entity.replace(/ies$/, 'y').replace(/s$/, '');
}

function referenceChecks(file: TypedFile, batch: BatchContext): RowCheck[] {
  const checks: RowCheck[] = [];
  for (const f of file.def.fields) {
    if (!f.ref || file.resolution.get(f.name) === null && file.mapping.defaults[f.name] === undefined) continue;
    const target = entityDef(f.ref.entity)!;
    const col = quoteIdent(f.ref.column);
    let bad = `t.${v(f.name)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${target.name} x WHERE x.${col} = t.${v(f.name)})`;
    const parent = batch.files.get(f.ref.entity);
    if (parent && parent.staged.table) {
      const excludeBad = batch.validated.has(parent.def.name) ? ` AND NOT EXISTS (SELECT 1 FROM ${parent.prefix}_bad b WHERE b._row = y._row)` : '';
      bad += ` AND NOT EXISTS (SELECT 1 FROM ${parent.typed} y WHERE y.${v(f.ref.column)} = t.${v(f.name)}${excludeBad})`;
    }
    checks.push({ code: 'unknown_reference', column: f.name, bad, expected: `the id of an existing ${singular(f.ref.entity)} (no ${f.ref.entity} record has ${f.ref.column} = this value, in the store or in this import)` });
  }
  return checks;
}

function duplicateCheck(file: TypedFile): RowCheck {
  const keys = file.def.key.map((k) => `t.${v(k)}`);
  return {
    code: 'duplicate_key',
    column: file.def.key.join(', '),
    bad: `(${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}) AND t._row > (SELECT min(d._row) FROM ${file.typed} d WHERE ${file.def.key.map((k) => `d.${v(k)} = t.${v(k)}`).join(' AND ')})`,
    expected: `a unique ${file.def.key.join(' + ')}: the same ${file.def.key.length > 1 ? 'key' : file.def.key[0]} appears earlier in this file`,
  };
}

export async function validateFile(store: DuckDbStore, file: TypedFile, batch: BatchContext, problems: ProblemList): Promise<number> {
  await store.exec(`CREATE TEMP TABLE ${file.prefix}_bad (_row BIGINT, reason VARCHAR)`);
  if (!file.staged.table) return 0;
  const checks = [...rowChecks(file.def, file.mapping, file.decimalComma).filter((c) => isApplicable(c, file)), duplicateCheck(file), ...referenceChecks(file, batch)];
  await applyChecks(store, file, checks, problems);
  const bad = await store.query<{ n: number }>(`SELECT count(DISTINCT _row) AS n FROM ${file.prefix}_bad`);
  return Number(bad[0].n);
}

/**
 * After every file is validated, references into files validated later (teams.manager_rep_id
 * → reps) are checked again without the rows those files rejected, until nothing changes, so
 * --skip-invalid never writes a reference to a rejected row. Returns the rows newly rejected.
 */
export async function recheckReferences(store: DuckDbStore, files: TypedFile[], batch: BatchContext, problems: ProblemList): Promise<number> {
  let total = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of files) {
      if (!file.staged.table) continue;
      const notYetBad = ` AND NOT EXISTS (SELECT 1 FROM ${file.prefix}_bad b0 WHERE b0._row = t._row)`;
      const checks = referenceChecks(file, batch).map((c) => ({ ...c, bad: c.bad + notYetBad }));
      const n = await applyChecks(store, file, checks, problems);
      if (n > 0) {
        total += n;
        changed = true;
      }
    }
  }
  return total;
}

/** Records the rows failing each check in `<prefix>_bad` and adds their problems (with lines); returns the number of failures. */
async function applyChecks(store: DuckDbStore, file: TypedFile, checks: RowCheck[], problems: ProblemList): Promise<number> {
  if (checks.length === 0) return 0;
  const t = file.typed;
  // Row checks refer to columns unqualified; the typed table is aliased `t` in every query.
  const counts = await store.query(`SELECT ${checks.map((c, i) => `count(*) FILTER (WHERE ${c.bad}) AS k${i}`).join(', ')} FROM ${t} t`);
  const failing = checks.map((c, i) => ({ c, n: Number(counts[0][`k${i}`]) })).filter((x) => x.n > 0);
  const found: { check: RowCheck; record: number; value: string | null }[] = [];
  for (const { c, n } of failing) {
    const room = Math.max(0, problems.limit - problems.items.length - found.length);
    await store.query(`INSERT INTO ${file.prefix}_bad SELECT _row, ? FROM ${t} t WHERE ${c.bad}`, [`${c.column}: expected ${c.expected}`]);
    if (room > 0) {
      const valueCol = c.code === 'duplicate_key' ? `concat_ws(' + ', ${file.def.key.map((k) => quoteIdent(k)).join(', ')})` : quoteIdent(c.column.split(',')[0]);
      const rows = await store.query<{ _row: number; value: string | null }>(`SELECT _row, ${valueCol} AS value FROM ${t} t WHERE ${c.bad} ORDER BY _row LIMIT ${room}`);
      for (const r of rows) found.push({ check: c, record: r._row, value: r.value });
    }
    if (n > room) problems.addUnlisted(n - Math.min(n, room));
  }
  const lines = await file.staged.linesOf(found.map((f) => f.record));
  found.sort((a, b) => a.record - b.record);
  for (const f of found) {
    const p: Problem = { code: f.check.code, file: file.displayName, line: lines.get(f.record) ?? null, column: f.check.column, value: f.value, expected: f.check.expected, record: f.record, severity: 'error' };
    problems.add(p);
  }
  return failing.reduce((a, x) => a + x.n, 0);
}

/** A check on a column that the file does not have (and has no default for) can never fail except `required`, which the missing-column problem already reports. */
function isApplicable(c: RowCheck, file: TypedFile): boolean {
  const absent = file.resolution.get(c.column) === null && file.mapping.defaults[c.column] === undefined;
  return !(absent && c.code === 'required' && !c.bad.includes('status'));
}
