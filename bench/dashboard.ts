// Dashboard speed: with 1M opportunities in the store, the time from navigation to an Overview
// with every card filled, in headless Chromium against `quotient serve` on loopback. Target:
// within 2 s. Measured with the server's result cache cold (a fresh server, derived tables
// already built) and warm, and with a team filter that no earlier query asked for.
// Usage: npx tsx bench/dashboard.ts [runs]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { openStore } from '../src/store/open.js';
import { addUser, findUser, setPassword } from '../src/server/auth/users.js';
import { runKpiQuery } from '../src/query/engine.js';
import { demoFolder } from './import.js';
import { machine, writeSection } from './results.js';

const ROOT = new URL('..', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 3);
const db = join(ROOT, 'bench', 'data', 'load-1m.duckdb');
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench-password-1';
const AS_OF = '2026-11-23';

if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (!existsSync(db)) {
  const dir = demoFolder(1_000_000);
  execFileSync(process.execPath, [join(ROOT, 'bin', 'quotient.js'), '--db', db, 'import', '--dir', dir], { stdio: 'inherit' });
}
const store = await openStore(db);
const user = await findUser(store, EMAIL);
if (user) await setPassword(store, user, PASSWORD);
else await addUser(store, { email: EMAIL, password: PASSWORD, role: 'admin' });
// Derived tables are built by the first query after an import; that is the KPI bench's figure.
await runKpiQuery(store, { kpis: ['revenue'], asOf: AS_OF });
const counts = await store.query<{ n: number }>(`SELECT count(*) AS n FROM opportunities`);
const teams = await store.query<{ team_id: string }>(`SELECT team_id FROM teams ORDER BY team_id`);
await store.close();

async function startServer(): Promise<{ base: string; stop(): void }> {
  const port = 3000 + Math.floor(Math.random() * 2000);
  const server = spawn(process.execPath, [join(ROOT, 'bin', 'quotient.js'), '--db', db, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => (d.toString().includes('Quotient API at') ? resolve() : undefined));
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => server.kill('SIGTERM') };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });

/** Seconds from navigation until every Overview card shows a value or says why it has none. */
async function overviewSeconds(base: string, search: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.fill('#email', EMAIL);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.side');
  const started = Date.now();
  await page.goto(`${base}/${search}`);
  await page.waitForFunction(() => {
    const cards = [...document.querySelectorAll('.kpi-card')];
    return cards.length === 8 && cards.every((c) => c.querySelector('.kpi-value, .kpi-missing')) && !document.querySelector('.loading');
  }, undefined, { timeout: 60_000, polling: 20 });
  const seconds = (Date.now() - started) / 1000;
  await context.close();
  return seconds;
}

const rows: string[] = [];
for (let i = 0; i < runs; i++) {
  const server = await startServer();
  const cold = await overviewSeconds(server.base, `?as_of=${AS_OF}`);
  const warm = await overviewSeconds(server.base, `?as_of=${AS_OF}`);
  const team = await overviewSeconds(server.base, `?period=last_quarter&team=${teams[i % teams.length].team_id}&as_of=${AS_OF}`);
  server.stop();
  rows.push(`| ${i + 1} | ${cold.toFixed(2)} | ${warm.toFixed(2)} | ${team.toFixed(2)} |`);
  process.stderr.write(`run ${i + 1}: cold ${cold.toFixed(2)} s, warm ${warm.toFixed(2)} s, new team filter ${team.toFixed(2)} s\n`);
}
await browser.close();

writeSection('dashboard', [
  `## Dashboard: the Overview with ${Number(counts[0].n).toLocaleString('en-US')} opportunities`,
  '',
  `Machine: ${machine()}`,
  '',
  'Seconds from navigation to every one of the 8 Overview cards filled (value, change, target, interval; its 12-month sparkline data loaded), in headless Chromium 1280×800 against `quotient serve` on loopback. Cold: a fresh server process (the derived tables already built); warm: the same view again; new filter: last quarter for one team, a query no earlier view asked. Target: within 2 s.',
  '',
  '| run | cold (s) | warm (s) | new filter (s) |',
  '|---|---|---|---|',
  ...rows,
].join('\n'));
