// The import: every file of one import is written in one transaction, or nothing is.
// First the fast path types and writes the files in one pass each and checks them; if it
// finds any problem it rolls back, and the detailed path stages the files with line numbers,
// gathers every problem, and writes nothing (or, with skipInvalid, the good rows).
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { PgStore } from '../store/postgres/pg-store.js';
import { importIntoPostgres } from './postgres-import.js';
import { importOrder, entity as entityDef } from '../model/entities.js';
import type { EntityName } from '../model/fields.js';
import { loadSettings } from '../store/settings.js';
import { bumpDataVersion } from '../store/meta.js';
import { ProblemList, type Problem } from './problems.js';
import type { EntityMapping } from './mapping.js';
import { prepareFile, type PreparedFile } from './stage.js';
import { fastPath } from './fast-path.js';
import { detailedPath, Abort } from './detailed-path.js';
import { UserError } from '../util/errors.js';
import { withDerived } from './derive.js';

export interface ImportSpec {
  entity: EntityName;
  path: string;
  mapping: EntityMapping;
  /** Rows whose key the store has already are left as they are (records derived from another file). */
  insertOnly?: boolean;
  /** Shown instead of the path in messages. */
  label?: string;
}

export type ImportPhase = 'read' | 'validate' | 'write';

export interface ImportOptions {
  skipInvalid?: boolean;
  /** Where rejected rows of a file go (with skipInvalid); default: next to the file, `<name>.rejects.csv`. */
  rejectsPath?: (spec: ImportSpec) => string;
  decimalComma?: boolean;
  delimiter?: string;
  maxProblems?: number;
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

function sortByDependency(specs: ImportSpec[]): ImportSpec[] {
  return [...specs].sort((a, b) => importOrder.indexOf(a.entity) - importOrder.indexOf(b.entity));
}

export type Progress = NonNullable<ImportOptions['onProgress']>;

export async function importFiles(store: Store, specsIn: ImportSpec[], options: ImportOptions = {}): Promise<ImportResult> {
  checkSpecs(specsIn);
  if (!(store instanceof PgStore) && !(store instanceof DuckDbStore)) throw new UserError('bad_argument', 'this store does not support file imports');
  // Records the files only name (mapping `derive`) join the import as files of their own.
  return withDerived(specsIn, options, async (specs) => {
    if (store instanceof PgStore) return importIntoPostgres(store, specs, (workspace) => importIntoDuckDb(workspace, specs, options));
    return importIntoDuckDb(store as DuckDbStore, specs, options);
  });
}

function checkSpecs(specs: ImportSpec[]): void {
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.entity)) throw new UserError('bad_argument', `two files for ${s.entity} in one import; import them one after the other`);
    seen.add(s.entity);
  }
}

async function importIntoDuckDb(store: DuckDbStore, specsIn: ImportSpec[], options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const startedAt = new Date();
  const specs = sortByDependency(specsIn);
  const settings = await loadSettings(store);
  const problems = new ProblemList(options.maxProblems ?? 200);
  const progress: Progress = options.onProgress ?? (() => {});
  const runId = randomUUID().slice(0, 8);
  const prepareAll = async (attempt: string): Promise<PreparedFile[]> => {
    const out: PreparedFile[] = [];
    for (const [i, spec] of specs.entries()) {
      progress({ phase: 'read', entity: spec.entity, done: i, total: specs.length });
      out.push(await prepareFile(store, entityDef(spec.entity)!, spec.path, spec.mapping, {
        prefix: `_imp_${runId}${attempt}_${i}`,
        delimiter: options.delimiter,
        decimalComma: options.decimalComma ?? false,
        timezone: settings.timezone,
        insertOnly: spec.insertOnly,
      }));
    }
    return out;
  };
  const finish = async (files: PreparedFile[], results: EntityResult[]) => {
    for (const [i, r] of results.entries()) {
      await store.query(`INSERT INTO import_log VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?)`, [
        `${runId}-${i}`, startedAt.toISOString(), r.entity, r.file, r.inserted, r.updated, r.unchanged, r.rejected,
      ]);
    }
    await bumpDataVersion(store);
    for (const f of files) {
      for (const suffix of ['staged', 'typed', 'bad', 'load', 'vmap', 'fast']) await store.exec(`DROP TABLE IF EXISTS ${f.prefix}_${suffix}`);
    }
    progress({ phase: 'write', entity: '', done: specs.length, total: specs.length });
  };

  let results: EntityResult[] | null = null;
  let written = false;
  try {
    results = await store.transaction(async () => {
      const files = await prepareAll('f');
      const r = await fastPath(store, files, progress);
      if (!r) throw new Abort();
      for (const f of files) for (const p of f.problems) problems.add(p);
      await finish(files, r);
      return r;
    });
    written = true;
  } catch (e) {
    if (!(e instanceof Abort)) throw e;
  }
  // Settings changed inside a transaction that failed could not be set back there.
  await store.exec(`SET TimeZone = 'UTC'; SET preserve_insertion_order = true`);
  if (!results) {
    try {
      results = await store.transaction(async () => {
        const files = await prepareAll('d');
        const r = await detailedPath(store, files, specs, options, problems, progress);
        await finish(files, r);
        return r;
      });
      written = true;
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      results = [];
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = results.reduce((a, r) => a + r.rows, 0);
  return {
    // With --skip-invalid an import that kept no row at all did not succeed.
    ok: written && (!problems.hasErrors || (!!options.skipInvalid && results.some((r) => r.inserted + r.updated + r.unchanged > 0))),
    written,
    entities: results,
    problems: problems.items,
    errorCount: problems.errorCount,
    warningCount: problems.warningCount,
    seconds,
    rowsPerSecond: seconds > 0 ? rows / seconds : 0,
  };
}
