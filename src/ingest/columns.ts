// Matches an entity's canonical fields to a file's columns: the mapping's source column, else
// the field's own name (case-insensitive). Missing required columns are errors; columns the
// entity does not have are a warning, never dropped without a word.
import type { EntityDef } from '../model/entities.js';
import type { Problem } from './problems.js';
import type { EntityMapping } from './mapping.js';
import type { Resolution } from './typing.js';

function norm(s: string): string {
  return s.trim().toLowerCase();
}

export function resolveColumns(def: EntityDef, header: string[], mapping: EntityMapping, file: string): { resolution: Resolution; problems: Problem[] } {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(norm(h))) index.set(norm(h), i);
  });
  const used = new Set<number>();
  const resolution: Resolution = new Map();
  for (const f of def.fields) {
    const source = mapping.columns[f.name];
    const idx = index.get(norm(source ?? f.name));
    if (idx === undefined) {
      resolution.set(f.name, null);
      if (source !== undefined) {
        problems.push({ code: 'missing_column', file, line: 1, column: source, value: null, expected: `a column "${source}" (the mapping reads ${f.name} from it); the file's columns are: ${header.join(', ')}`, severity: 'error' });
      } else if (f.required && mapping.defaults[f.name] === undefined) {
        problems.push({ code: 'missing_column', file, line: 1, column: f.name, value: null, expected: `a column "${f.name}" (required for ${def.name}); the file's columns are: ${header.join(', ') || '(none)'}. Rename it, or map it with --map`, severity: 'error' });
      }
      continue;
    }
    resolution.set(f.name, idx);
    used.add(idx);
  }
  const unknown = header.filter((h, i) => !used.has(i) && h.length > 0);
  if (unknown.length > 0) {
    problems.push({ code: 'unknown_column', file, line: 1, column: unknown.join(', '), value: null, expected: `columns that are not part of ${def.name} are ignored: ${unknown.join(', ')}`, severity: 'warning' });
  }
  return { resolution, problems };
}
