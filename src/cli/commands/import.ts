// `quotient import ENTITY FILE` and `quotient import --dir FOLDER`.
import type { Command } from 'commander';
import { isEntityName, importOrder } from '../../model/entities.js';
import { importFiles, type ImportResult, type ImportSpec } from '../../ingest/import.js';
import { mappingFor, readMappingFile } from '../../ingest/mapping.js';
import { hasEntityFiles, planFolder } from '../../ingest/folder.js';
import { detectPreset, loadPreset, presetDisplayPath, presetNames, presetTitle } from '../../ingest/presets.js';
import { formatProblem } from '../../ingest/problems.js';
import { UserError } from '../../util/errors.js';
import { EXIT, type Io } from '../context.js';
import { withStoreOrServer } from '../server-client.js';
import { importThroughServer } from '../remote.js';
import { progressBar } from '../progress.js';

interface ImportFlags {
  dir?: string;
  map?: string;
  preset?: string;
  skipInvalid?: boolean;
  rejects?: string;
  decimalComma?: boolean;
  delimiter?: string;
  format: string;
  maxProblems: string;
}

export function registerImport(program: Command, io: Io): void {
  program
    .command('import')
    .description('import CRM data: one entity file, or every entity file in a folder, validated and written atomically')
    .argument('[entity]', `entity: ${importOrder.join(', ')}`)
    .argument('[file]', 'CSV, TSV, JSON Lines or Parquet file')
    .option('--dir <folder>', 'import every entity file in the folder (named <entity>.csv, …) in one transaction')
    .option('--map <mapping.json>', 'column mapping: renames columns, maps values, gives date formats')
    .option('--preset <name|file.json>', `a CRM export preset (${presetNames().join(', ')}) or an edited copy of one; with --dir and without --map, detected from the headers when left out`)
    .option('--skip-invalid', 'write the valid rows and put each rejected row with its reason in a rejects file')
    .option('--rejects <file>', 'rejects file for a single-file import (default: <file>.rejects.csv)')
    .option('--decimal-comma', 'numbers use a decimal comma (1.234,50), as in German or Dutch Excel')
    .option('--delimiter <char>', 'CSV field delimiter (detected when absent)')
    .option('--format <format>', 'summary as text or json', 'text')
    .option('--max-problems <n>', 'how many problems to list', '200')
    .action(async (entityArg: string | undefined, fileArg: string | undefined, flags: ImportFlags) => {
      if (flags.map && flags.preset) throw new UserError('bad_argument', 'give either --map or --preset, not both (a preset is a mapping file: --map takes an edited copy too)');
      let mapping = flags.map ? readMappingFile(flags.map) : undefined;
      let presetId: string | undefined;
      if (flags.preset) {
        const preset = loadPreset(flags.preset);
        mapping = preset.mapping;
        presetId = preset.id;
      }
      let specs: ImportSpec[];
      let ignored: string[] = [];
      if (flags.dir) {
        if (entityArg || fileArg) throw new UserError('bad_argument', 'give either ENTITY FILE or --dir FOLDER, not both');
        if (!mapping) {
          // Without --map or --preset: the headers may say which CRM the files came from.
          const found = detectPreset(flags.dir);
          if (found) {
            mapping = found.preset.mapping;
            presetId = found.preset.id;
            io.err(`note: these files look like a ${presetTitle(found.preset)} export; reading them with the ${found.preset.id} preset (${presetDisplayPath(found.preset)})\n`);
          } else if (!hasEntityFiles(flags.dir)) {
            throw new UserError('unreadable_file', `${flags.dir} holds no entity files (named like opportunities.csv, reps.csv, …), and its headers look like none of the CRM presets (${presetNames().join(', ')}); name one with --preset, or map the columns with --map`);
          }
        }
        const plan = planFolder(flags.dir, mapping);
        specs = plan.specs;
        ignored = plan.ignored;
      } else {
        // `import FILE --map m.json` takes the entity from the mapping.
        const mappedEntity = mapping && 'entity' in mapping ? mapping.entity : undefined;
        if (entityArg && !fileArg && mappedEntity) {
          fileArg = entityArg;
          entityArg = undefined;
        }
        const entity = entityArg ?? mappedEntity;
        if (!entity || !fileArg) throw new UserError('bad_argument', 'usage: quotient import ENTITY FILE [--map mapping.json], or quotient import --dir FOLDER');
        if (!isEntityName(entity)) throw new UserError('bad_argument', `unknown entity "${entity}"; expected one of: ${importOrder.join(', ')}`);
        specs = [{ entity, path: fileArg, mapping: mappingFor(mapping, entity) }];
      }
      const maxProblems = Number(flags.maxProblems);
      if (!Number.isInteger(maxProblems) || maxProblems < 1) throw new UserError('bad_argument', `--max-problems: expected a whole number of at least 1, got "${flags.maxProblems}"`);
      const json = flags.format === 'json';
      if (!json && flags.format !== 'text') throw new UserError('bad_argument', `--format: expected text or json, got "${flags.format}"`);
      const bar = progressBar(io, !json);
      const delimiter = flags.delimiter === '\\t' ? '\t' : flags.delimiter;
      const result = await withStoreOrServer(
        program.opts().db,
        (store) =>
          importFiles(store, specs, {
            skipInvalid: flags.skipInvalid,
            rejectsPath: flags.rejects && specs.length === 1 ? () => flags.rejects! : undefined,
            decimalComma: flags.decimalComma,
            delimiter,
            maxProblems,
            onProgress: (e) => bar.update(e.done + (e.phase === 'validate' ? e.total : e.phase === 'write' ? 2 * e.total : 0), 3 * e.total, `${e.phase} ${e.entity}`.trim()),
          }),
        (api) => {
          // The API takes one file per request (so --dir could not be one transaction) and no
          // mapping or rejects file; rather than do less than asked, say so.
          const unsupported = [flags.dir && '--dir', flags.map && '--map', flags.preset && '--preset', flags.skipInvalid && '--skip-invalid', flags.rejects && '--rejects'].filter(Boolean);
          if (unsupported.length) throw new UserError('store_locked', `while quotient serve holds the store, an import goes through its API, which takes one file without ${unsupported.join(', ')}; stop the server to use ${unsupported.length === 1 ? 'it' : 'them'}`);
          return importThroughServer(api, specs[0].entity, specs[0].path, { delimiter, decimalComma: flags.decimalComma, maxProblems });
        },
        io.err,
      );
      bar.stop();
      if (json) io.out(JSON.stringify({ ...result, ignoredFiles: ignored, ...(presetId ? { preset: presetId } : {}) }, null, 2) + '\n');
      else printSummary(io, result, ignored);
      process.exitCode = result.ok ? EXIT.ok : EXIT.invalid;
    });
}

function printSummary(io: Io, r: ImportResult, ignored: string[]): void {
  for (const f of ignored) io.err(`note: ${f} is not an entity file and was not imported\n`);
  const order = new Map(r.problems.map((p, i) => [p, i]));
  const sorted = [...r.problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || order.get(a)! - order.get(b)!);
  for (const p of sorted) io.err(formatProblem(p) + '\n');
  const listed = r.problems.filter((p) => p.severity === 'error').length;
  if (r.errorCount > listed) io.err(`… and ${r.errorCount - listed} more errors\n`);
  if (!r.written) {
    io.err(`\nImport failed: ${r.errorCount} error${r.errorCount === 1 ? '' : 's'}. Nothing was written; the store is as it was.${r.errorCount > 0 ? ' Fix the file, or use --skip-invalid to write the valid rows.' : ''}\n`);
    return;
  }
  const w = Math.max(6, ...r.entities.map((e) => e.entity.length));
  io.out(`${'entity'.padEnd(w)}  ${'rows'.padStart(10)}  ${'inserted'.padStart(10)}  ${'updated'.padStart(10)}  ${'unchanged'.padStart(10)}  ${'rejected'.padStart(10)}\n`);
  for (const e of r.entities) {
    io.out(`${e.entity.padEnd(w)}  ${fmt(e.rows)}  ${fmt(e.inserted)}  ${fmt(e.updated)}  ${fmt(e.unchanged)}  ${fmt(e.rejected)}\n`);
  }
  const rows = r.entities.reduce((a, e) => a + e.rows, 0);
  io.out(`Imported ${rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(2)} s (${Math.round(r.rowsPerSecond).toLocaleString('en-US')} rows/s).\n`);
  for (const e of r.entities) if (e.rejectsFile) io.out(`${e.rejected} rejected ${e.entity} rows with their reasons: ${e.rejectsFile}\n`);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US').padStart(10);
}
