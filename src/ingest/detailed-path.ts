// The detailed path: stages every file with record numbers, validates everything (gathering
// every problem with its line), then writes the good rows — or nothing, unless skipInvalid.
import { appendFileSync } from 'node:fs';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { ProblemList } from './problems.js';
import { stageDetailed, type PreparedFile, type TypedFile } from './stage.js';
import { recheckReferences, validateFile, type BatchContext } from './validate.js';
import { loadTyped } from './load.js';
import { writeRejects } from './rejects.js';
import type { EntityResult, ImportOptions, ImportSpec, Progress } from './import.js';

/** Thrown inside the import's transaction to roll it back. */
export class Abort extends Error {}

export async function detailedPath(
  store: DuckDbStore,
  prepared: PreparedFile[],
  specs: ImportSpec[],
  options: ImportOptions,
  problems: ProblemList,
  progress: Progress,
): Promise<EntityResult[]> {
  const total = prepared.length;
  const batch: BatchContext = { files: new Map(), validated: new Set() };
  const typed: TypedFile[] = [];
  for (const [i, f] of prepared.entries()) {
    progress({ phase: 'read', entity: f.def.name, done: i, total });
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
  if (options.skipInvalid && (await recheckReferences(store, typed, batch, problems)) > 0) {
    for (const [i, file] of typed.entries()) {
      rejectedCounts[i] = Number((await store.query<{ n: number }>(`SELECT count(DISTINCT _row) AS n FROM ${file.prefix}_bad`))[0].n);
    }
  }
  const fileLevelErrors = typed.some((f) => f.problems.some((p) => p.severity === 'error' && p.code !== 'malformed_row'));
  if (problems.hasErrors && (!options.skipInvalid || fileLevelErrors)) throw new Abort();
  const results: EntityResult[] = [];
  for (const [i, file] of typed.entries()) {
    progress({ phase: 'write', entity: file.def.name, done: i, total });
    const counts = await loadTyped(store, file);
    const malformed = file.problems.filter((p) => p.code === 'malformed_row');
    const rejected = rejectedCounts[i] + malformed.length;
    const result: EntityResult = { entity: file.def.name, file: file.path, rows: file.staged.rows + malformed.length, ...counts, rejected };
    if (rejected > 0) {
      const path = options.rejectsPath?.(specs[i]) ?? `${file.path}.rejects.csv`;
      await writeRejects(store, file, path);
      if (malformed.length > 0) {
        const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
        appendFileSync(path, malformed.map((p) => `${p.line},${q('expected ' + p.expected)},${q(String(p.value))}`).join('\n') + '\n');
      }
      result.rejectsFile = path;
    }
    results.push(result);
  }
  return results;
}
