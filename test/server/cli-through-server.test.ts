// While `quotient serve` holds a store, the CLI's commands work through its API and print
// exactly what they print on the store itself; imports upload the file and report problems
// with the local file's lines; what the API cannot do is refused with a clear message.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startServe } from './serve-process.js';

const tmp = useTempDir('quotient-remote-');
let child: ChildProcess;
let db = '';
let url = '';
const AS_OF = ['--as-of', '2026-04-15'];

const COMMANDS: string[][] = [
  ['report', '--period', '2026-03', ...AS_OF, '--format', 'json'],
  ['report', '--kpi', 'revenue,win_rate', '--period', '2026-Q1', '--by', 'team', '--filter', 'source=web,referral', '--compare', 'previous_period', ...AS_OF, '--lang', 'de'],
  ['records', '--kpi', 'win_rate', '--period', '2026-03', ...AS_OF, '--format', 'json', '--limit', '5'],
  ['compare', '--kpi', 'win_rate', '--by', 'source', '--period', '2026-Q1', ...AS_OF],
  ['explain', '--period', '2026-03', '--vs', 'previous_year', ...AS_OF, '--format', 'json'],
  ['funnel', '--period', '2026-Q1', '--by', 'team', ...AS_OF, '--format', 'json'],
  ['funnel', '--period', '2026-Q1', '--cohort', ...AS_OF],
  ['insights', ...AS_OF, '--limit', '5', '--format', 'json'],
  ['forecast', '--period', 'this_quarter', '--backtest', '3', ...AS_OF],
  ['check', ...AS_OF],
];
const local: CliRun[] = [];
const cli = (args: string[]) => runCli(['--db', db, ...args]);

beforeAll(async () => {
  db = tmp.join('served.duckdb');
  const demo = await cli(['demo', '--reps', '12', '--months', '15', '--opportunities', '3000', ...AS_OF]);
  expect(demo.code, demo.err).toBe(0);
  for (const c of COMMANDS) local.push(await cli(c));
  ({ child, url } = await startServe(db));
}, 60_000);
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('the CLI while quotient serve holds the store', () => {
  it.each(COMMANDS.map((c, i) => [c.slice(0, 2).join(' '), i] as const))('%s (#%s) prints what it prints on the store itself', async (_name, i) => {
    expect(local[i].code, local[i].err).toBe(0);
    const r = await cli(COMMANDS[i]);
    expect(r.err).toContain(`note: the store is served by quotient serve at ${url}`);
    expect(r.err).toContain('working through its API');
    expect([r.code, r.out]).toEqual([0, local[i].out]);
  });

  it('imports a file through the API: validated, written, counted', async () => {
    const file = tmp.write('accounts.csv', 'account_id,name,segment\nA-NEW-1,Initech,SMB\nA-NEW-2,Globex,Enterprise\n');
    const r = await cli(['import', 'accounts', file, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out) as { ok: boolean; entities: { entity: string; file: string; inserted: number }[] };
    expect(summary.ok).toBe(true);
    expect(summary.entities).toEqual([expect.objectContaining({ entity: 'accounts', file, rows: 2, inserted: 2, updated: 0 })]);
    const again = JSON.parse((await cli(['import', 'accounts', file, '--format', 'json'])).out) as typeof summary;
    expect(again.entities[0]).toMatchObject({ inserted: 0, unchanged: 2 });
  });

  it('a file with bad rows: every problem with the local file and its line, exit 1, nothing written', async () => {
    const file = tmp.write('bad-accounts.csv', 'account_id,name\nA-NEW-3,Hooli\nA-NEW-4,\n,Nameless\n');
    const r = await cli(['import', 'accounts', file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:3`);
    expect(r.err).toContain(`${file}:4`);
    expect(r.err).toContain('Nothing was written; the store is as it was.');
    const records = await fetch(`${url}/api/health`);
    expect(records.status).toBe(200);
    const check = await cli(['import', 'accounts', tmp.write('probe.csv', 'account_id,name\nA-NEW-3,Hooli\n'), '--format', 'json']);
    expect((JSON.parse(check.out) as { entities: { inserted: number }[] }).entities[0].inserted).toBe(1);
  });

  it('what the API cannot do is refused, naming the flags', async () => {
    const r = await cli(['import', 'accounts', tmp.join('accounts.csv'), '--skip-invalid']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('quotient: while quotient serve holds the store, an import goes through its API, which takes one file without --skip-invalid; stop the server to use it\n');
    const dir = await cli(['import', '--dir', tmp.path]);
    expect(dir.code).toBe(2);
    expect(dir.err).toContain('without --dir');
  });
});
