// `npm run bench`: every benchmark, figures into bench/RESULTS.md.
// Options: --quick (import only), --skip-demo-memory, --skip-postgres (no DuckDB-vs-PostgreSQL run), --with-10m (KPI queries on a 10M store
// made by scale-store.ts from the 1M one: about 15 GB of disk and several minutes).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchImport, benchDemoMemory, demoFolder } from './import.js';
import { writeSection } from './results.js';

const args = process.argv.slice(2);
const ROOT = new URL('..', import.meta.url).pathname;
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = (script: string, ...rest: string[]) => execFileSync(tsx, [join(ROOT, 'bench', script), ...rest], { stdio: 'inherit' });

writeSection('import', benchImport(1_000_000));
if (!args.includes('--quick')) {
  if (!args.includes('--skip-demo-memory')) writeSection('demo-memory', benchDemoMemory(10_000_000));
  const store1m = join(ROOT, 'bench', 'data', 'load-1m.duckdb');
  if (!existsSync(store1m)) {
    execFileSync(process.execPath, [join(ROOT, 'bin', 'quotient.js'), '--db', store1m, 'import', '--dir', demoFolder(1_000_000)], { stdio: 'inherit' });
  }
  run('kpi.ts', store1m);
  if (args.includes('--with-10m')) {
    const store10m = join(ROOT, 'bench', 'data', 'kpi-10m.duckdb');
    if (!existsSync(store10m)) run('scale-store.ts', store1m, store10m, '10');
    run('kpi.ts', store10m);
  }
  run('load.ts');
  run('dashboard.ts');
  if (!args.includes('--skip-postgres')) run('stores.ts');
}
