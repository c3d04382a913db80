// Records a file only names: a mapping's `derive` makes rows of a referenced entity (reps from
// deal owners, accounts from organisation names) out of the distinct values of a reference
// field. They are written as a CSV file in a temporary folder and imported with the rest, in
// the same transaction and through the same checks, insert-only: a rep or account the store
// has already is left as it is. The key is the field's value exactly as the main file's rows
// get it (the same SQL: columns, value maps, defaults, transform); the name is the value before
// its transform, and an e-mail (when the entity has the field) where the value is one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { entity as entityDef, isEntityName } from '../model/entities.js';
import { DuckDbStore } from '../store/duckdb/duckdb-store.js';
import { Params } from '../store/params.js';
import { UserError } from '../util/errors.js';
import { emptyMapping, sourceNames } from './mapping.js';
import { stagedColumn } from './readers/staged.js';
import type { ImportSpec } from './import.js';
import { prepareFile } from './stage.js';
import { csvSource, parquetSource } from './readers/source.js';
import { sourceTexts, trimmed } from './typing.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/** Runs `run` with the specs plus the derived ones; their temporary files are removed afterwards. */
export async function withDerived<T>(specs: ImportSpec[], options: { delimiter?: string }, run: (specs: ImportSpec[]) => Promise<T>): Promise<T> {
  const wanted = specs.flatMap((spec) =>
    Object.entries(spec.mapping.derive ?? {}).map(([entity, d]) => (typeof d === 'string' ? { spec, entity, field: d, name: [] } : { spec, entity, field: d.field, name: sourceNames(d.name) })),
  );
  if (wanted.length === 0) return run(specs);
  const dir = mkdtempSync(join(tmpdir(), 'quotient-derived-'));
  try {
    const extra = await deriveSpecs(specs, wanted, dir, options);
    return await run([...specs, ...extra]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function deriveSpecs(specs: ImportSpec[], wanted: { spec: ImportSpec; entity: string; field: string; name: string[] }[], dir: string, options: { delimiter?: string }): Promise<ImportSpec[]> {
  const extra: ImportSpec[] = [];
  const ws = await DuckDbStore.open(':memory:');
  try {
    for (const [i, w] of wanted.entries()) {
      const def = entityDef(w.spec.entity)!;
      const field = def.fields.find((f) => f.name === w.field);
      if (!isEntityName(w.entity) || !field?.ref || field.ref.entity !== w.entity) {
        throw new UserError('bad_argument', `the mapping for ${def.name} derives ${w.entity} from "${w.field}", which is not a field of ${def.name} that refers to ${w.entity}`);
      }
      // A file for the entity in this import wins; derived rows would only repeat it.
      if (specs.some((s) => s.entity === w.entity) || extra.some((s) => s.entity === w.entity)) continue;
      const f = await prepareFile(ws, def, w.spec.path, w.spec.mapping, { prefix: `_derive_${i}`, delimiter: options.delimiter, decimalComma: false, timezone: 'UTC' });
      // The import itself reports a file it cannot read or a column that is missing.
      if (f.empty || !f.resolution.get(w.field)) continue;
      const p = new Params();
      const source = f.format === 'csv' ? csvSource(f.path, f.header.length, f.delimiter, p, `_derive_${i}_rej`) : f.format === 'parquet' ? parquetSource(f.path, f.header, p) : f.staged!.table;
      const { joins, raw } = sourceTexts(def, f.resolution, w.spec.mapping, f.valueMap, p);
      const text = raw.get(w.field)!;
      const lower = f.header.map((h) => h.trim().toLowerCase());
      const nameCols = w.name.map((n) => lower.indexOf(n.trim().toLowerCase())).filter((i) => i >= 0);
      const nameText = nameCols.length ? `coalesce(${nameCols.map((i) => `NULLIF(${trimmed(`s.${stagedColumn(i)}`)}, '')`).join(', ')}, ${text.mapped})` : text.mapped;
      const rows = await ws.query<{ k: string; name: string }>(
        // Every field's text is projected (and unused): each parameter sourceTexts made is then bound.
        `SELECT k, min(name) AS name FROM (SELECT ${text.final} AS k, ${nameText} AS name, ${[...raw.values()].map((t, j) => `${t.final} AS _f${j}`).join(', ')} FROM ${source} s ${joins.join(' ')}) d WHERE k IS NOT NULL GROUP BY k ORDER BY k`,
        p.values,
      );
      if (rows.length === 0) continue;
      const target = entityDef(w.entity)!;
      const keyField = field.ref.column;
      const withEmail = target.fields.some((x) => x.name === 'email');
      const lines = [[keyField, 'name', ...(withEmail ? ['email'] : [])].join(',')];
      for (const r of rows) lines.push([r.k, r.name ?? r.k, ...(withEmail ? [EMAIL.test(r.name ?? '') ? r.name : null] : [])].map(csvField).join(','));
      const path = join(dir, `${w.entity} (derived from ${basename(w.spec.path)}).csv`);
      writeFileSync(path, lines.join('\n') + '\n');
      extra.push({ entity: w.entity, path, mapping: emptyMapping(), insertOnly: true });
    }
  } finally {
    await ws.close();
  }
  return extra;
}
