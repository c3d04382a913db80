// `quotient demo`: realistic seeded demo data, into the store or (--out) as canonical CSV files.
import type { Command } from 'commander';
import { generateDemoCsv, DEMO_DEFAULTS } from '../../demo/index.js';
import { loadDemo } from '../../demo/load.js';
import { formatProblem } from '../../ingest/problems.js';
import { isValidDate, todayIn } from '../../util/dates.js';
import { UserError } from '../../util/errors.js';
import { EXIT, withStore, type Io } from '../context.js';
import { progressBar } from '../progress.js';

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UserError('bad_argument', `--${name}: expected a whole number of at least 1, got "${v}"`);
  return n;
}

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('generate realistic demo data (the same seed and date give the same data) into the store, or as CSV files with --out')
    .option('--seed <n>', 'random seed', String(DEMO_DEFAULTS.seed))
    .option('--reps <n>', 'number of sales reps', String(DEMO_DEFAULTS.reps))
    .option('--months <n>', 'months of history up to the as-of date', String(DEMO_DEFAULTS.months))
    .option('--opportunities <n>', 'approximate number of opportunities', String(DEMO_DEFAULTS.opportunities))
    .option('--as-of <date>', 'last day of data (default: today)')
    .option('--out <folder>', 'write the canonical CSV files into this folder instead of a store')
    .action(async (opts: { seed: string; reps: string; months: string; opportunities: string; asOf?: string; out?: string }) => {
      if (opts.asOf && !isValidDate(opts.asOf)) throw new UserError('bad_argument', `--as-of: expected a date like 2026-03-31, got "${opts.asOf}"`);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UserError('bad_argument', `--seed: expected a whole number, got "${opts.seed}"`);
      const base = {
        seed,
        reps: positiveInt('reps', opts.reps),
        months: positiveInt('months', opts.months),
        opportunities: positiveInt('opportunities', opts.opportunities),
      };
      const bar = progressBar(io, true);
      const started = performance.now();
      if (opts.out) {
        const asOf = opts.asOf ?? todayIn('UTC');
        const summary = await generateDemoCsv(opts.out, { ...base, asOf, onProgress: (entity, rows) => bar.update(rows, Math.max(rows, base.opportunities), `generating ${entity}`) });
        bar.stop();
        for (const [entity, f] of Object.entries(summary.files)) io.out(`${entity.padEnd(17)} ${String(f.rows).padStart(10)} rows  ${f.path}\n`);
        io.out(`Demo data as of ${asOf} written to ${opts.out} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
        return;
      }
      await withStore(program.opts().db, async (store) => {
        const { asOf, result } = await loadDemo(store, { ...base, asOf: opts.asOf }, (what, done, total) => bar.update(done, total, what));
        bar.stop();
        if (!result.ok) {
          for (const p of result.problems.slice(0, 20)) io.err(formatProblem(p) + '\n');
          throw new UserError('invalid_data', 'the generated demo data did not pass validation; nothing was written');
        }
        const rows = result.entities.reduce((a, e) => a + e.rows, 0);
        io.out(`Demo data as of ${asOf} (seed ${seed}): ${rows.toLocaleString('en-US')} rows in ${store.location}, ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
        for (const e of result.entities) io.out(`  ${e.entity.padEnd(17)} ${e.rows.toLocaleString('en-US').padStart(10)}\n`);
      });
      process.exitCode = EXIT.ok;
    });
}
