// CRM export presets: mapping files shipped in the package's presets/ folder (copy one and edit
// it to fit an export; `--preset FILE.json` or `--map` reads the copy). Without --preset, the
// headers of a folder's CSV files choose one: each preset scores the share of its main
// mapping's columns (opportunities) that a file carries; the best wins when it is clearly ahead.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entity as entityDef } from '../model/entities.js';
import { UserError } from '../util/errors.js';
import { readMappingFile, setOrigin, type EntityMapping, type FolderMapping, type MappingFile } from './mapping.js';
import { csvHeader, folderNames } from './folder.js';
import { headerFit } from './columns.js';

/** The presets/ folder of the package (next to src/ and dist/). */
export const PRESETS_DIR = fileURLToPath(new URL('../../presets/', import.meta.url));

/** A detected preset needs at least this share of its columns, and this lead over the next one. */
export const DETECT_MIN_SCORE = 0.5;
export const DETECT_MIN_LEAD = 0.2;

export interface Preset {
  id: string;
  path: string;
  mapping: MappingFile;
}

export function presetNames(): string[] {
  if (!existsSync(PRESETS_DIR)) return [];
  return readdirSync(PRESETS_DIR).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
}

/** A preset by name (`pipedrive`) or a mapping file (`my-pipedrive.json`, an edited copy). */
export function loadPreset(nameOrPath: string): Preset {
  if (nameOrPath.endsWith('.json') || nameOrPath.includes('/') || nameOrPath.includes('\\')) {
    return { id: nameOrPath, path: nameOrPath, mapping: readMappingFile(nameOrPath) };
  }
  const names = presetNames();
  if (!names.includes(nameOrPath)) throw new UserError('bad_argument', `--preset: unknown preset "${nameOrPath}"; expected one of: ${names.join(', ')}, or a mapping file (.json)`);
  const path = join(PRESETS_DIR, `${nameOrPath}.json`);
  const mapping = readMappingFile(path);
  // Messages name the preset as the user finds it in the package: presets/<name>.json.
  setOrigin(mapping, `presets/${nameOrPath}.json`);
  return { id: nameOrPath, path, mapping };
}

/** The path to show for a preset: relative to the package (presets/pipedrive.json). */
export function presetDisplayPath(p: Preset): string {
  return p.path.startsWith(PRESETS_DIR) ? join('presets', relative(PRESETS_DIR, p.path)) : p.path;
}

export function presetTitle(p: Preset): string {
  return ('name' in p.mapping && typeof p.mapping.name === 'string' && p.mapping.name) || p.id;
}

/** The mapping whose columns identify a preset: opportunities, else the one naming most columns. */
function mainMapping(m: MappingFile): [string, EntityMapping] | null {
  if (!('entities' in m)) return m.entity ? [m.entity, m] : null;
  const entries = Object.entries((m as FolderMapping).entities);
  const opp = entries.find(([e]) => e === 'opportunities');
  if (opp) return opp;
  return entries.sort((a, b) => Object.keys(b[1].columns).length - Object.keys(a[1].columns).length)[0] ?? null;
}

export interface PresetScore {
  preset: Preset;
  /** Share (0–1) of the main mapping's columns the best-fitting file carries. */
  score: number;
  file: string | null;
}

/** Scores every preset against the headers of the folder's CSV files, best first. */
export function scorePresets(dir: string, presets: Preset[] = presetNames().map(loadPreset)): PresetScore[] {
  const headers = folderNames(dir)
    .filter((n) => !n.endsWith('.rejects.csv'))
    .map((n) => ({ name: n, header: csvHeader(join(dir, n)) }))
    .filter((h): h is { name: string; header: string[] } => h.header !== null);
  const scores: PresetScore[] = [];
  for (const preset of presets) {
    const main = mainMapping(preset.mapping);
    const def = main && entityDef(main[0]);
    let best: PresetScore = { preset, score: 0, file: null };
    if (main && def) {
      for (const h of headers) {
        const fit = headerFit(def, h.header, main[1]);
        const score = fit.mapped ? fit.matched / fit.mapped : 0;
        if (score > best.score) best = { preset, score, file: h.name };
      }
    }
    scores.push(best);
  }
  return scores.sort((a, b) => b.score - a.score || a.preset.id.localeCompare(b.preset.id));
}

/**
 * The preset a folder's files look like, or null when none fits (the plain canonical import
 * applies). Two presets that fit about as well are refused: the user names one with --preset.
 */
export function detectPreset(dir: string, presets?: Preset[]): PresetScore | null {
  const [best, second] = scorePresets(dir, presets);
  if (!best || best.score < DETECT_MIN_SCORE) return null;
  if (second && second.score >= DETECT_MIN_SCORE && best.score - second.score < DETECT_MIN_LEAD) {
    const pct = (s: PresetScore) => `${Math.round(s.score * 100)}% of its columns in ${s.file}`;
    throw new UserError(
      'bad_argument',
      `the files in ${dir} fit two presets about equally: ${best.preset.id} (${pct(best)}) and ${second.preset.id} (${pct(second)}); pass --preset ${best.preset.id} or --preset ${second.preset.id}`,
    );
  }
  return best;
}
