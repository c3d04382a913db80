// Finds the entity files in a folder: `<entity>.csv|.tsv|.jsonl|.ndjson|.parquet`, or the
// file a mapping names for an entity — a name, or names and patterns (`*`, `?`) tried in
// order, where several matches are told apart by how well their header fits the mapping.
// Other files are reported, not silently skipped.
import { readdirSync, statSync } from 'node:fs';
import { join, parse } from 'node:path';
import { entity as entityDef, isEntityName } from '../model/entities.js';
import type { EntityName } from '../model/fields.js';
import { UserError } from '../util/errors.js';
import { mappingFor, sourceNames, type EntityMapping, type MappingFile } from './mapping.js';
import type { ImportSpec } from './import.js';
import { formatOf } from './stage.js';
import { readCsvLayout } from './readers/csv-header.js';
import { headerFit } from './columns.js';

export interface FolderPlan {
  specs: ImportSpec[];
  ignored: string[];
}

function globRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The header of a CSV file in the folder, or null (other formats, unreadable files). */
export function csvHeader(path: string): string[] | null {
  if (formatOf(path) !== 'csv') return null;
  try {
    return readCsvLayout(path).header;
  } catch {
    return null;
  }
}

/** Of several files, the one whose header has every required column and most mapped columns. */
function bestFit(dir: string, names: string[], entity: EntityName, m: EntityMapping): string | null {
  const def = entityDef(entity)!;
  let best: { name: string; matched: number } | null = null;
  for (const name of names) {
    const header = csvHeader(join(dir, name));
    if (!header) continue;
    const fit = headerFit(def, header, m);
    if (fit.requiredMissing > 0 || fit.matched === 0) continue;
    if (!best || fit.matched > best.matched) best = { name, matched: fit.matched };
  }
  return best?.name ?? null;
}

/** The file a mapping with `file` reads, or null when none matches. */
function findFile(dir: string, names: string[], used: Set<string>, entity: EntityName, m: EntityMapping): string | null {
  for (const pattern of sourceNames(m.file)) {
    const re = globRegex(pattern);
    const matches = names.filter((n) => !used.has(n) && re.test(n) && !n.endsWith('.rejects.csv'));
    if (matches.length === 0) continue;
    const literal = !/[*?]/.test(pattern);
    if (literal) return matches.find((n) => n === pattern) ?? matches[0];
    const chosen = bestFit(dir, matches, entity, m);
    if (chosen) return chosen;
  }
  return null;
}

export function folderNames(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    return readdirSync(dir).sort();
  } catch {
    throw new UserError('unreadable_file', `${dir} is not a readable folder`);
  }
}

/** Whether the folder holds a file named after an entity (opportunities.csv, …). */
export function hasEntityFiles(dir: string): boolean {
  return folderNames(dir).some((n) => !n.endsWith('.rejects.csv') && formatOf(n) !== null && isEntityName(parse(n).name));
}

export function planFolder(dir: string, mapping?: MappingFile): FolderPlan {
  const names = folderNames(dir);
  const specs: ImportSpec[] = [];
  const used = new Set<string>();
  const mapped = mapping && 'entities' in mapping ? mapping.entities : {};
  for (const [entity, m] of Object.entries(mapped)) {
    if (!isEntityName(entity)) throw new UserError('bad_argument', `the mapping names an unknown entity "${entity}"`);
    if (!m.file) continue;
    const file = findFile(dir, names, used, entity, m);
    if (!file) {
      if (m.optional) continue;
      const wanted = sourceNames(m.file);
      if (wanted.length === 1 && !/[*?]/.test(wanted[0])) throw new UserError('unreadable_file', `the mapping reads ${entity} from ${wanted[0]}, which is not in ${dir}`);
      throw new UserError('unreadable_file', `the mapping reads ${entity} from a file named like ${wanted.join(' or ')} whose header has the columns it needs; no file in ${dir} is one`);
    }
    specs.push({ entity, path: join(dir, file), mapping: m });
    used.add(file);
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
