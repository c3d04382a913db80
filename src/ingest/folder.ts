// Finds the entity files in a folder: `<entity>.csv|.tsv|.jsonl|.ndjson|.parquet`, or the
// file a mapping names for an entity. Other files are reported, not silently skipped.
import { readdirSync, statSync } from 'node:fs';
import { join, parse } from 'node:path';
import { isEntityName } from '../model/entities.js';
import type { EntityName } from '../model/fields.js';
import { UserError } from '../util/errors.js';
import { mappingFor, type MappingFile } from './mapping.js';
import type { ImportSpec } from './import.js';
import { formatOf } from './stage.js';

export interface FolderPlan {
  specs: ImportSpec[];
  ignored: string[];
}

export function planFolder(dir: string, mapping?: MappingFile): FolderPlan {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    names = readdirSync(dir).sort();
  } catch {
    throw new UserError('unreadable_file', `${dir} is not a readable folder`);
  }
  const specs: ImportSpec[] = [];
  const used = new Set<string>();
  const mapped = mapping && 'entities' in mapping ? mapping.entities : {};
  for (const [entity, m] of Object.entries(mapped)) {
    if (!isEntityName(entity)) throw new UserError('bad_argument', `the mapping names an unknown entity "${entity}"`);
    if (!m.file) continue;
    if (!names.includes(m.file)) throw new UserError('unreadable_file', `the mapping reads ${entity} from ${m.file}, which is not in ${dir}`);
    specs.push({ entity, path: join(dir, m.file), mapping: m });
    used.add(m.file);
  }
  for (const name of names) {
    if (used.has(name) || name.endsWith('.rejects.csv')) continue;
    const { name: stem } = parse(name);
    if (!formatOf(name) || !isEntityName(stem) || specs.some((s) => s.entity === stem)) continue;
    specs.push({ entity: stem as EntityName, path: join(dir, name), mapping: mappingFor(mapping, stem) });
    used.add(name);
  }
  if (specs.length === 0) {
    throw new UserError('unreadable_file', `${dir} holds no entity files; expected files named like opportunities.csv, reps.csv, … (one per entity)`);
  }
  const ignored = names.filter((n) => !used.has(n) && !n.endsWith('.rejects.csv') && !statSync(join(dir, n)).isDirectory());
  return { specs, ignored };
}
