// Import speed: the demo's opportunities CSV with 1M rows into a fresh store (after its
// parents), in a child process so its peak memory is its own. Target: ≥ 500,000 rows/s and
// peak memory under 1 GB.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { machine, writeSection } from './results.js';

const ROOT = new URL('..', import.meta.url).pathname;
const DATA = join(ROOT, 'bench', 'data');
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');

function run(script: string, args: string[]): Record<string, unknown> {
  const out = execFileSync(tsx, [join(ROOT, 'bench', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function demoFolder(opportunities: number): string {
  const dir = join(DATA, `demo-${opportunities}`);
  if (!existsSync(join(dir, 'subscriptions.csv'))) {
    process.stderr.write(`generating demo data with ${opportunities} opportunities in ${dir} …\n`);
    run('demo-child.ts', [dir, String(opportunities)]);
  }
  return dir;
}

export function benchImport(opportunities = 1_000_000, repeats = 3): string {
  const dir = demoFolder(opportunities);
  const file = join(dir, 'opportunities.csv');
  const runs: { rows: number; seconds: number; rowsPerSecond: number; maxRssMiB: number }[] = [];
  const baselines: { seconds: number; rowsPerSecond: number }[] = [];
  for (let i = 0; i < repeats; i++) {
    const db = join(DATA, `import-bench-${i}.duckdb`);
    rmSync(db, { force: true });
    rmSync(db + '.wal', { force: true });
    const parents = run('import-child.ts', [db, ...['teams', 'reps', 'accounts'].map((e) => `${e}=${join(dir, e + '.csv')}`)]);
    if (!parents.ok) throw new Error('parents did not import: ' + JSON.stringify(parents));
    const r = run('import-child.ts', [db, `opportunities=${file}`]) as { ok: boolean; rows: number; seconds: number; rowsPerSecond: number; maxRssMiB: number };
    if (!r.ok) throw new Error('opportunities did not import: ' + JSON.stringify(r));
    runs.push(r);
    rmSync(db, { force: true });
    baselines.push(run('import-baseline.ts', [join(DATA, `import-baseline-${i}.duckdb`), file]) as { seconds: number; rowsPerSecond: number });
    process.stderr.write(`import run ${i + 1}: ${r.rows} rows in ${r.seconds.toFixed(2)} s = ${Math.round(r.rowsPerSecond)} rows/s, peak ${r.maxRssMiB.toFixed(0)} MiB\n`);
  }
  const best = runs.reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a));
  const median = [...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor(runs.length / 2)];
  const mb = statSync(file).size / 2 ** 20;
  return [
    `## Import: opportunities CSV, ${opportunities.toLocaleString('en-US')} rows`,
    '',
    `Machine: ${machine()}`,
    '',
    `File: demo opportunities.csv, ${mb.toFixed(0)} MiB. Fresh store with teams, reps and accounts imported first; the opportunities import runs in its own process (\`bench/import-child.ts\`), ${repeats} runs.`,
    '',
    'Each run is followed by the baseline (`bench/import-baseline.ts`): the same file into the same table by one hand-written DuckDB `INSERT … SELECT` with plain casts and no validation, mapping, problem report or idempotency.',
    '',
    '| run | rows | seconds | rows/s | peak memory (MiB) | baseline seconds | baseline rows/s | import ÷ baseline time |',
    '|---|---|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${r.rows.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${r.maxRssMiB.toFixed(0)} | ${baselines[i].seconds.toFixed(2)} | ${Math.round(baselines[i].rowsPerSecond).toLocaleString('en-US')} | ${(r.seconds / baselines[i].seconds).toFixed(2)}× |`),
    '',
    `Median ${Math.round(median.rowsPerSecond).toLocaleString('en-US')} rows/s, best ${Math.round(best.rowsPerSecond).toLocaleString('en-US')} rows/s (target ≥ 500,000); peak memory ${Math.max(...runs.map((r) => r.maxRssMiB)).toFixed(0)} MiB (target < 1024).`,
  ].join('\n');
}

export function benchDemoMemory(opportunities = 10_000_000): string {
  const dir = join(DATA, `demo-mem-${opportunities}`);
  rmSync(dir, { recursive: true, force: true });
  const r = run('demo-child.ts', [dir, String(opportunities)]) as { seconds: number; maxRssMiB: number; samples: { seconds: number; rows: number; rssMiB: number }[] };
  rmSync(dir, { recursive: true, force: true });
  const pick = [0.1, 0.25, 0.5, 0.75, 0.95].map((q) => r.samples[Math.min(r.samples.length - 1, Math.floor(q * r.samples.length))]).filter(Boolean);
  return [
    `## Demo generation: ${opportunities.toLocaleString('en-US')} opportunities`,
    '',
    `Machine: ${machine()}`,
    '',
    `Generated in ${r.seconds.toFixed(0)} s; peak resident memory ${r.maxRssMiB.toFixed(0)} MiB. Resident memory while it runs:`,
    '',
    '| time (s) | opportunities written | RSS (MiB) |',
    '|---|---|---|',
    ...pick.map((s) => `| ${s.seconds.toFixed(0)} | ${s.rows.toLocaleString('en-US')} | ${s.rssMiB.toFixed(0)} |`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  writeSection('import', benchImport(Number(args[0] ?? 1_000_000)));
  if (args.includes('--demo-memory')) writeSection('demo-memory', benchDemoMemory());
}
