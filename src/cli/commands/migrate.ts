// `quotient migrate`: brings a store up to this version's schema (every command does this on open).
import type { Command } from 'commander';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.js';
import { migrate, latestVersion } from '../../store/migrate.js';
import { resolveDbLocation } from '../../store/open.js';
import type { Io } from '../context.js';

export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('upgrade the store schema in place to this version')
    .action(async () => {
      const store = await DuckDbStore.open(resolveDbLocation(program.opts().db));
      try {
        const r = await migrate(store);
        io.out(r.applied.length ? `Upgraded ${store.location} from schema ${r.from} to ${r.to}: ${r.applied.join('; ')}\n` : `${store.location} is up to date (schema ${latestVersion()}).\n`);
      } finally {
        await store.close();
      }
    });
}
