// API load: 100 concurrent clients asking KPI queries of `quotient serve` on a store with 1M
// opportunities for 30 s over loopback (autocannon). Target: no errors; requests per second and
// p50/p99 latency go to bench/RESULTS.md. Usage: npx tsx bench/load.ts [seconds] [connections]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../src/store/open.js';
import { addUser, findUser } from '../src/server/auth/users.js';
import { createToken } from '../src/server/auth/tokens.js';
import { demoFolder } from './import.js';
import { machine, writeSection } from './results.js';
import { execFileSync } from 'node:child_process';

const ROOT = new URL('..', import.meta.url).pathname;
const seconds = Number(process.argv[2] ?? 30);
const connections = Number(process.argv[3] ?? 100);
const db = join(ROOT, 'bench', 'data', 'load-1m.duckdb');

if (!existsSync(db)) {
  const dir = demoFolder(1_000_000);
  process.stderr.write(`importing ${dir} into ${db} …\n`);
  execFileSync(process.execPath, [join(ROOT, 'bin', 'quotient.js'), '--db', db, 'import', '--dir', dir], { stdio: 'inherit' });
}
const store = await openStore(db);
const admin = (await findUser(store, 'bench@example.com')) ?? (await addUser(store, { email: 'bench@example.com', password: 'bench-password-1', role: 'admin' }));
const { token } = await createToken(store, admin, 'load bench', 'read');
await store.close();

const port = 3000 + Math.floor(Math.random() * 2000);
const server = spawn(process.execPath, [join(ROOT, 'bin', 'quotient.js'), '--db', db, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve, reject) => {
  server.stdout!.on('data', (d: Buffer) => (d.toString().includes('Quotient API at') ? resolve() : undefined));
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}`;
const paths = [
  '/api/report?kpi=revenue,win_rate,average_deal_size,opportunities_created,sales_cycle_length&period=this_month&compare=previous_period&as_of=2026-11-23',
  '/api/report?kpi=revenue,win_rate&from=2025-12-01&to=2026-11-30&grain=month&as_of=2026-11-23',
  '/api/report?kpi=revenue,win_rate&period=this_month&by=rep&as_of=2026-11-23',
  '/api/report?kpi=revenue&period=this_quarter&by=team&filter=source=web,referral&as_of=2026-11-23',
];
const headers = { authorization: `Bearer ${token}` };
// The first query after an import builds the derived tables: done before the clock starts.
for (const p of paths) {
  const res = await fetch(base + p, { headers });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
}
const result = await autocannon({ url: base, connections, duration: seconds, headers, requests: paths.map((path) => ({ method: 'GET' as const, path })) });
server.kill('SIGTERM');
const errors = result.errors + result.timeouts + result.non2xx;
writeSection('load', [
  `## API load: ${connections} clients for ${seconds} s, store with 1M opportunities`,
  '',
  `Machine: ${machine()}`,
  '',
  `\`quotient serve\` on loopback with a bearer token; each client cycles through four report queries (this month's main KPIs against the previous month, a 12-month trend, by rep, by team with a source filter). Results are cached per data version, as they are for users; the cache was warmed by one request per query first.`,
  '',
  '| requests | requests/s (mean) | latency p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | errors, timeouts, non-2xx |',
  '|---|---|---|---|---|---|---|',
  `| ${result.requests.total.toLocaleString('en-US')} | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result.errors}, ${result.timeouts}, ${result.non2xx} |`,
  '',
  errors === 0 ? 'No errors.' : `${errors} failed requests.`,
].join('\n'));
process.stderr.write(`${result.requests.total} requests, ${Math.round(result.requests.average)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}\n`);
process.exit(errors === 0 ? 0 : 1);
