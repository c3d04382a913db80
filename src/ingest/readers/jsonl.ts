// JSON Lines reader: one JSON object per line. Each line is parsed here so that a malformed
// line is reported with its exact line number; values are staged as text (objects as JSON).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import type { Problem } from '../problems.js';
import { stagedColumn, type ReadOptions, type StagedFile } from './staged.js';

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Stages parsed objects (from a file or a request body) as text rows with their line numbers. */
export async function stageObjects(
  store: DuckDbStore,
  records: AsyncIterable<{ line: number; text: string }>,
  displayName: string,
  opts: ReadOptions,
): Promise<StagedFile> {
  const problems: Problem[] = [];
  const objects: { line: number; obj: Record<string, unknown> }[] = [];
  const header: string[] = [];
  const seen = new Set<string>();
  for await (const { line, text } of records) {
    if (text.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      problems.push({ code: 'malformed_row', file: displayName, line, column: null, value: text.length > 120 ? text.slice(0, 117) + '…' : text, expected: `a JSON object on one line (${(e as Error).message})`, severity: 'error' });
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      problems.push({ code: 'malformed_row', file: displayName, line, column: null, value: text.slice(0, 120), expected: 'a JSON object like {"opportunity_id": "O1", …}', severity: 'error' });
      continue;
    }
    for (const k of Object.keys(obj)) {
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
    }
    objects.push({ line, obj: obj as Record<string, unknown> });
  }
  const table = opts.tableName;
  const cols = header.map((_, i) => `${stagedColumn(i)} VARCHAR`);
  await store.exec(`CREATE TEMP TABLE ${table} (_row BIGINT, _line BIGINT${cols.length ? ', ' + cols.join(', ') : ''})`);
  const appender = await store.connection.createAppender(table, 'main', 'temp');
  objects.forEach(({ line, obj }, idx) => {
    appender.appendBigInt(BigInt(idx + 1));
    appender.appendBigInt(BigInt(line));
    for (const k of header) {
      const t = asText(obj[k]);
      if (t === null) appender.appendNull();
      else appender.appendVarchar(t);
    }
    appender.endRow();
  });
  appender.closeSync();
  const lineOf = new Map(objects.map((o, idx) => [idx + 1, o.line]));
  return {
    table,
    header,
    rows: objects.length,
    problems,
    unit: 'line',
    async linesOf(records: number[]) {
      return new Map(records.map((r) => [r, lineOf.get(r) ?? r]));
    },
  };
}

async function* fileLines(path: string): AsyncIterable<{ line: number; text: string }> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}

export function stageJsonLines(store: DuckDbStore, path: string, displayName: string, opts: ReadOptions): Promise<StagedFile> {
  return stageObjects(store, fileLines(path), displayName, opts);
}
