// `npm run bench`: every benchmark, figures into bench/RESULTS.md.
// Options: --quick (import only, 1M rows), --skip-demo-memory.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { benchImport, benchDemoMemory } from './import.js';
import { writeSection } from './results.js';

const args = process.argv.slice(2);
const ROOT = new URL('..', import.meta.url).pathname;
writeSection('import', benchImport(1_000_000));
if (!args.includes('--quick') && !args.includes('--skip-demo-memory')) writeSection('demo-memory', benchDemoMemory(10_000_000));
const kpi = join(ROOT, 'bench', 'kpi.ts');
if (!args.includes('--quick') && existsSync(kpi)) {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [kpi], { stdio: 'inherit' });
}
