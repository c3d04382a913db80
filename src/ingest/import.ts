// The import: stages every file, validates all of them (gathering every problem), and then
// writes them in one transaction — or writes nothing. With skipInvalid the good rows are
// written and the bad ones go to a rejects file.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { importOrder, entity as entityDef } from '../model/entities.js';
import type { EntityName } from '../model/fields.js';
import { loadSettings } from '../store/settings.js';
import { bumpDataVersion } from '../store/meta.js';
import { ProblemList, type Problem } from './problems.js';
import type { EntityMapping } from './mapping.js';
import { prepareFile, fastType, stageDetailed, type FastResult, type PreparedFile, type TypedFile } from './stage.js';
import { fastProblemCount } from './validate-fast.js';
import { validateFile, type BatchContext } from './validate.js';
import { loadRows, loadTyped } from './load.js';
import { writeRejects } from './rejects.js';
import { UserError } from '../util/errors.js';

export interface ImportSpec {
  entity: EntityName;
  path: string;
  mapping: EntityMapping;
}

export type ImportPhase = 'read' | 'validate' | 'write';

export interface ImportOptions {
  skipInvalid?: boolean;
  /** Where rejected rows of a file go (with skipInvalid); default: next to the file, `<name>.rejects.csv`. */
  rejectsPath?: (spec: ImportSpec) => string;
  decimalComma?: boolean;
  delimiter?: string;
  maxProblems?: number;
  /** Label for the import log (a file path, or 'upload'). */
  onProgress?: (event: { phase: ImportPhase; entity: string; done: number; total: number; rows?: number }) => void;
}

export interface EntityResult {
  entity: EntityName;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectsFile?: string;
}

export interface ImportResult {
  ok: boolean;
  written: boolean;
  entities: EntityResult[];
  problems: Problem[];
  errorCount: number;
  warningCount: number;
  seconds: number;
  rowsPerSecond: number;
}

class Abort extends Error {}

function sortByDependency(specs: ImportSpec[]): ImportSpec[] {
  return [...specs].sort((a, b) => importOrder.indexOf(a.entity) - importOrder.indexOf(b.entity));
}

export async function importFiles(store: Store, specsIn: ImportSpec[], options: ImportOptions = {}): Promise<ImportResult> {
  if (!(store instanceof DuckDbStore)) throw new UserError('bad_argument', 'this store does not support file imports');
  const started = performance.now();
  const startedAt = new Date();
  const specs = sortByDependency(specsIn);
  const seenEntities = new Set<string>();
  for (const s of specs) {
    if (seenEntities.has(s.entity)) throw new UserError('bad_argument', `two files for ${s.entity} in one import; import them one after the other`);
    seenEntities.add(s.entity);
  }
  const settings = await loadSettings(store);
  const problems = new ProblemList(options.maxProblems ?? 200);
  const results: EntityResult[] = [];
  const total = specs.length;
  const progress = options.onProgress ?? (() => {});
  const runId = randomUUID().slice(0, 8);
  let written = false;

  try {
    await store.transaction(async () => {
      const prepared: PreparedFile[] = [];
      for (const [i, spec] of specs.entries()) {
        progress({ phase: 'read', entity: spec.entity, done: i, total });
        prepared.push(await prepareFile(store, entityDef(spec.entity)!, spec.path, spec.mapping, {
          prefix: `_imp_${runId}_${i}`,
          delimiter: options.delimiter,
          decimalComma: options.decimalComma ?? false,
          timezone: settings.timezone,
        }));
      }
      const fast = await tryFastPath(store, prepared, (i, rows) => progress({ phase: 'read', entity: specs[i].entity, done: i + 1, total, rows }));
      if (fast) {
        for (const f of prepared) for (const p of f.problems) problems.add(p);
        // Row order in a table carries no meaning (exports sort by key), so writes may run in parallel.
        await store.exec(`SET preserve_insertion_order = false`);
        for (const [i, f] of prepared.entries()) {
          progress({ phase: 'write', entity: f.def.name, done: i, total });
          const counts = await loadRows(store, f.def, fast[i].table);
          results.push({ entity: f.def.name, file: f.path, rows: fast[i].rows, ...counts, rejected: 0 });
        }
        await store.exec(`SET preserve_insertion_order = true`);
      } else {
        await detailedPath(store, prepared, specs, options, problems, results, progress);
      }
      for (const [i, r] of results.entries()) {
        await store.query(`INSERT INTO import_log VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?)`, [
          `${runId}-${i}`, startedAt.toISOString(), r.entity, r.file, r.inserted, r.updated, r.unchanged, r.rejected,
        ]);
      }
      progress({ phase: 'write', entity: '', done: total, total });
      await bumpDataVersion(store);
      await dropTemp(store, prepared);
      written = true;
    });
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = results.reduce((a, r) => a + r.rows, 0);
  return {
    ok: !problems.hasErrors || (written && !!options.skipInvalid),
    written,
    entities: results,
    problems: problems.items,
    errorCount: problems.errorCount,
    warningCount: problems.warningCount,
    seconds,
    rowsPerSecond: seconds > 0 ? rows / seconds : 0,
  };
}

/** Types every file in one pass each; returns the typed tables when nothing at all is wrong, else null. */
async function tryFastPath(store: DuckDbStore, files: PreparedFile[], onRead: (i: number, rows: number) => void): Promise<FastResult[] | null> {
  if (files.some((f) => f.problems.some((p) => p.severity === 'error'))) return null;
  const results: FastResult[] = [];
  for (const [i, f] of files.entries()) {
    const r = await fastType(store, f);
    if (!r || r.bad > 0 || r.rows === 0) return null;
    results.push(r);
    onRead(i, r.rows);
  }
  const tables = new Map(files.map((f, i) => [f.def.name as string, results[i].table]));
  for (const [i, f] of files.entries()) {
    if ((await fastProblemCount(store, f, results[i].table, tables)) > 0) return null;
  }
  return results;
}

/** Stages with line numbers, validates everything, then writes the good rows or nothing. */
async function detailedPath(
  store: DuckDbStore,
  prepared: PreparedFile[],
  specs: ImportSpec[],
  options: ImportOptions,
  problems: ProblemList,
  results: EntityResult[],
  progress: NonNullable<ImportOptions['onProgress']>,
): Promise<void> {
  const total = prepared.length;
  const batch: BatchContext = { files: new Map(), validated: new Set() };
  const typed: TypedFile[] = [];
  for (const f of prepared) {
    const t = await stageDetailed(store, f);
    for (const p of t.problems) problems.add(p);
    typed.push(t);
    batch.files.set(f.def.name, t);
  }
  const rejectedCounts: number[] = [];
  for (const [i, file] of typed.entries()) {
    progress({ phase: 'validate', entity: file.def.name, done: i, total });
    rejectedCounts.push(await validateFile(store, file, batch, problems));
    batch.validated.add(file.def.name);
  }
  const fileLevelErrors = typed.some((f) => f.problems.some((p) => p.severity === 'error' && p.code !== 'malformed_row'));
  if (problems.hasErrors && (!options.skipInvalid || fileLevelErrors)) throw new Abort();
  for (const [i, file] of typed.entries()) {
    progress({ phase: 'write', entity: file.def.name, done: i, total });
    const counts = await loadTyped(store, file);
    const malformed = file.problems.filter((p) => p.code === 'malformed_row');
    const rejected = rejectedCounts[i] + malformed.length;
    const result: EntityResult = { entity: file.def.name, file: file.path, rows: file.staged.rows + malformed.length, ...counts, rejected };
    if (rejected > 0) {
      const path = options.rejectsPath?.(specs[i]) ?? `${file.path}.rejects.csv`;
      await writeRejects(store, file, path);
      if (malformed.length > 0) appendFileSync(path, malformed.map((p) => `${p.line},"expected ${p.expected.replace(/"/g, '""')}","${String(p.value).replace(/"/g, '""')}"`).join('\n') + '\n');
      result.rejectsFile = path;
    }
    results.push(result);
  }
}

async function dropTemp(store: Store, files: PreparedFile[]): Promise<void> {
  for (const f of files) {
    for (const suffix of ['staged', 'typed', 'bad', 'load', 'vmap', 'fast']) await store.exec(`DROP TABLE IF EXISTS ${f.prefix}_${suffix}`);
  }
}
