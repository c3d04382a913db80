// Matches an entity's canonical fields to a file's columns: the mapping's source column, else
// the field's own name (case-insensitive). Missing required columns are errors; columns the
// entity does not have are a warning, never dropped without a word.
import type { EntityDef } from '../model/entities.js';
import type { Problem } from './problems.js';
import { sourceNames, type EntityMapping } from './mapping.js';
import type { Resolution } from './typing.js';

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** The resolution key of the column that holds a field's factor (mapping `factor`). */
export const factorKey = (field: string) => `${field}#factor`;

export function resolveColumns(def: EntityDef, header: string[], mapping: EntityMapping, file: string): { resolution: Resolution; problems: Problem[] } {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(norm(h))) index.set(norm(h), i);
  });
  const used = new Set<number>();
  const resolution: Resolution = new Map();
  const columnsText = header.join(', ') || '(none)';
  for (const f of def.fields) {
    const joined = mapping.join?.[f.name];
    if (joined) {
      const idx = joined.map((c) => index.get(norm(c)));
      const missing = joined.filter((_, i) => idx[i] === undefined);
      if (missing.length > 0) {
        resolution.set(f.name, null);
        problems.push({ code: 'missing_column', file, line: 1, column: missing.join(', '), value: null, expected: `the columns ${joined.map((c) => `"${c}"`).join(', ')} (the mapping reads ${f.name} from them joined); the file's columns are: ${columnsText}`, severity: 'error' });
        continue;
      }
      resolution.set(f.name, idx as number[]);
      idx.forEach((i) => used.add(i!));
      continue;
    }
    const mapped = mapping.columns[f.name];
    const names = mapped === undefined ? [f.name] : sourceNames(mapped);
    const idx = names.map((n) => index.get(norm(n))).filter((i): i is number => i !== undefined);
    if (idx.length === 0) {
      resolution.set(f.name, null);
      const required = f.required && mapping.defaults[f.name] === undefined;
      if (typeof mapped === 'string') {
        problems.push({ code: 'missing_column', file, line: 1, column: mapped, value: null, expected: `a column "${mapped}" (the mapping reads ${f.name} from it); the file's columns are: ${header.join(', ')}`, severity: 'error' });
      } else if (Array.isArray(mapped) && required) {
        problems.push({ code: 'missing_column', file, line: 1, column: mapped.join(' | '), value: null, expected: `one of the columns ${mapped.map((c) => `"${c}"`).join(', ')} (the mapping reads ${f.name} from them; required for ${def.name}); the file's columns are: ${columnsText}`, severity: 'error' });
      } else if (mapped === undefined && required) {
        problems.push({ code: 'missing_column', file, line: 1, column: f.name, value: null, expected: `a column "${f.name}" (required for ${def.name}); the file's columns are: ${columnsText}. Rename it, or map it with --map`, severity: 'error' });
      }
      continue;
    }
    resolution.set(f.name, [...new Set(idx)]);
    idx.forEach((i) => used.add(i));
  }
  for (const [field, fac] of Object.entries(mapping.factor ?? {})) {
    const idx = sourceNames(fac.column).map((n) => index.get(norm(n))).filter((i): i is number => i !== undefined);
    resolution.set(factorKey(field), idx.length ? idx : null);
    idx.forEach((i) => used.add(i));
  }
  // Columns a `derive` reads names from are used too.
  for (const d of Object.values(mapping.derive ?? {})) {
    if (typeof d === 'string') continue;
    for (const n of sourceNames(d.name)) if (index.has(norm(n))) used.add(index.get(norm(n))!);
  }
  const unknown = header.filter((h, i) => !used.has(i) && h.length > 0);
  if (unknown.length > 0) {
    problems.push({ code: 'unknown_column', file, line: 1, column: unknown.join(', '), value: null, expected: `columns that are not part of ${def.name} are ignored: ${unknown.join(', ')}`, severity: 'warning' });
  }
  return { resolution, problems };
}

/** How many of the fields a mapping names (through columns or join) a header has: for choosing files and presets. */
export function headerFit(def: EntityDef, header: string[], mapping: EntityMapping): { matched: number; mapped: number; requiredMissing: number } {
  const have = new Set(header.map(norm));
  let matched = 0;
  let mapped = 0;
  let requiredMissing = 0;
  for (const f of def.fields) {
    const joined = mapping.join?.[f.name];
    const names = joined ?? (mapping.columns[f.name] === undefined ? null : sourceNames(mapping.columns[f.name]));
    const present = joined ? joined.every((c) => have.has(norm(c))) : (names ?? [f.name]).some((c) => have.has(norm(c)));
    if (names && names.length > 0) {
      mapped++;
      if (present) matched++;
    }
    if (!present && f.required && mapping.defaults[f.name] === undefined) requiredMissing++;
  }
  return { matched, mapped, requiredMissing };
}
