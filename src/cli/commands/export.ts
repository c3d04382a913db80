// `quotient export --out FOLDER [--format csv|parquet]`.
import type { Command } from 'commander';
import { exportStore, type ExportFormat } from '../../export/export.js';
import { UserError } from '../../util/errors.js';
import { withStore, type Io } from '../context.js';

export function registerExport(program: Command, io: Io): void {
  program
    .command('export')
    .description('write every entity in the import format, one file per entity')
    .requiredOption('--out <folder>', 'folder to write into')
    .option('--format <format>', 'csv or parquet', 'csv')
    .action(async (opts: { out: string; format: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'parquet') throw new UserError('bad_argument', `--format: expected csv or parquet, got "${opts.format}"`);
      const r = await withStore(program.opts().db, (store) => exportStore(store, opts.out, opts.format as ExportFormat));
      for (const f of r.files) io.out(`${f.entity.padEnd(17)} ${String(f.rows).padStart(10)} rows  ${f.path ?? '(no records, no file)'}\n`);
    });
}
