// `quotient migrate`: brings a store up to this version's schema (every command does this on open).
// `quotient migrate-store --from A --to B`: moves a whole store into an empty one (DuckDB ↔ PostgreSQL).
import type { Command } from 'commander';
import { copyStore } from '../../store/copy-store.js';
import { migrate, latestVersion } from '../../store/migrate.js';
import { openStore, resolveDbLocation } from '../../store/open.js';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';

export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('upgrade the store schema in place to this version')
    .action(async () => {
      const store = await openStore(resolveDbLocation(program.opts().db), { migrate: false });
      try {
        const r = await migrate(store);
        io.out(r.applied.length ? `Upgraded ${store.location} from schema ${r.from} to ${r.to}: ${r.applied.join('; ')}\n` : `${store.location} is up to date (schema ${latestVersion()}).\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('migrate-store')
    .description('copy every table of one store into an empty other store (e.g. a DuckDB file to postgres://…), then check both are the same')
    .requiredOption('--from <store>', 'the store to copy: a DuckDB file or a postgres:// URL')
    .requiredOption('--to <store>', 'the empty store to fill: a postgres:// URL or a DuckDB file')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { from: string; to: string; format: string }) => {
      if (!['text', 'json'].includes(opts.format)) throw new UserError('bad_argument', `--format must be text or json, not "${opts.format}"`);
      if (opts.from === opts.to) throw new UserError('bad_argument', '--from and --to name the same store');
      let source: Store | null = null;
      let target: Store | null = null;
      try {
        source = await openStore(opts.from);
        target = await openStore(opts.to);
        const r = await copyStore(source, target);
        if (opts.format === 'json') {
          io.out(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        const width = Math.max(...r.tables.map((t) => t.table.length));
        io.out(`Copied ${r.from} to ${r.to}: ${r.tables.length} tables, ${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(1)} s; counts, keys and sums checked equal.\n`);
        for (const t of r.tables) if (t.rows > 0) io.out(`  ${t.table.padEnd(width)}  ${t.rows.toLocaleString('en-US').padStart(12)}\n`);
      } finally {
        await source?.close();
        await target?.close();
      }
    });
}
