// `quotient config get|set|list`: settings kept in the store.
import type { Command } from 'commander';
import { allSettings, getSetting, setSetting } from '../../store/settings.js';
import { settingDefs } from '../../model/settings.js';
import { withStore, type Io } from '../context.js';

export function registerConfig(program: Command, io: Io): void {
  const config = program.command('config').description('read and change settings kept in the store');
  config
    .command('get')
    .argument('<key>', `one of: ${settingDefs.map((d) => d.key).join(', ')}`)
    .description('print a setting')
    .action(async (key: string) => {
      await withStore(program.opts().db, async (store) => io.out((await getSetting(store, key)) + '\n'));
    });
  config
    .command('set')
    .argument('<key>', 'setting name')
    .argument('<value>', 'new value')
    .description('change a setting')
    .action(async (key: string, value: string) => {
      await withStore(program.opts().db, async (store) => {
        const v = await setSetting(store, key, value);
        io.out(`${key} = ${v}\n`);
      });
    });
  config
    .command('list')
    .option('--format <format>', 'text or json', 'text')
    .description('print every setting with its meaning')
    .action(async (opts: { format: string }) => {
      await withStore(program.opts().db, async (store) => {
        const s = await allSettings(store);
        if (opts.format === 'json') return io.out(JSON.stringify(s, null, 2) + '\n');
        const w = Math.max(...Object.keys(s).map((k) => k.length));
        for (const d of settingDefs) io.out(`${d.key.padEnd(w)}  ${s[d.key]}\n${' '.repeat(w)}  (${d.doc})\n`);
      });
    });
}
