// `quotient alerts add|list|remove` and `quotient digest` (printing, and --email to a local SMTP
// sink) while `quotient serve` holds the store: the same commands run first on the store itself,
// then through the server's API, and print exactly the same — except the moment a rule was made
// (created_at) and who made it (created_by: "cli" on the store, "local", the server's local
// credential, through it), which the JSON output reports as they are.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startSink, type Sink } from '../notify/sink.js';
import { startServe } from './serve-process.js';

const tmp = useTempDir('quotient-remote-alerts-');
let child: ChildProcess;
let sink: Sink;
let db = '';
let url = '';
const AS_OF = ['--as-of', '2026-04-15'];

// Rules that cannot fire (the server checks its rules as it runs), so their state stays the same.
const STEPS: string[][] = [
  ['alerts', 'list'],
  ['alerts', 'add', '--kpi', 'revenue', '--scope', 'company', '--when', 'above:1000000000000', '--id', 'A-ONE', '--format', 'json'],
  ['alerts', 'add', '--kpi', 'win_rate', '--scope', 'team:T01', '--when', 'above:2', '--period', 'this_quarter', '--email', 'boss@example.com', '--id', 'A-TWO'],
  ['alerts', 'list'],
  ['alerts', 'list', '--format', 'json'],
  ['digest', '--period', '2026-03', ...AS_OF],
  ['digest', '--period', '2026-03', ...AS_OF, '--lang', 'de', '--format', 'text'],
  ['digest', ...AS_OF, '--lang', 'nl', '--format', 'html'],
  ['digest', '--period', '2026-Q1', ...AS_OF, '--lang', 'tr'],
  ['digest', '--period', '2026-03', ...AS_OF, '--lang', 'de', '--email', 'chef@example.com'],
  ['alerts', 'remove', 'A-ONE'],
  ['alerts', 'remove', 'A-TWO'],
  ['alerts', 'list', '--format', 'json'],
];
const REFUSALS: string[][] = [
  ['alerts', 'remove', 'no-such-rule'],
  ['alerts', 'add', '--kpi', 'nope', '--scope', 'company', '--when', 'above:1'],
  ['alerts', 'add', '--kpi', 'revenue', '--scope', 'rep:NOBODY', '--when', 'above:1'],
];
const local: CliRun[] = [];
const localRefusals: CliRun[] = [];
const cli = (args: string[]) => runCli(['--db', db, ...args]);
/** The JSON output with the two fields that say when and by whom a rule was made set aside. */
const made = (out: string) => out.replace(/"created_at": "[^"]*"/g, '"created_at": "…"').replace(/"created_by": "(cli|local)"/g, '"created_by": "…"');

beforeAll(async () => {
  db = tmp.join('served.duckdb');
  sink = await startSink();
  const demo = await cli(['demo', '--reps', '8', '--months', '6', '--opportunities', '800', ...AS_OF]);
  expect(demo.code, demo.err).toBe(0);
  for (const [k, v] of [['smtp_host', '127.0.0.1'], ['smtp_port', String(sink.port)], ['smtp_from', 'digest@example.com']]) expect((await cli(['config', 'set', k, v])).code).toBe(0);
  for (const c of STEPS) local.push(await cli(c));
  for (const c of REFUSALS) localRefusals.push(await cli(c));
  ({ child, url } = await startServe(db));
}, 60_000);
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await sink?.close();
});

describe('alerts and digest while quotient serve holds the store', () => {
  it('every step prints on the store what it prints through the API', async () => {
    for (const [i, c] of STEPS.entries()) {
      expect(local[i].code, `${c.join(' ')}: ${local[i].err}`).toBe(0);
      const r = await cli(c);
      expect(r.err, c.join(' ')).toContain(`note: the store is served by quotient serve at ${url}`);
      expect([r.code, made(r.out)], c.join(' ')).toEqual([0, made(local[i].out)]);
    }
  }, 60_000);

  it('the outputs are the commands’ own: rules, their note, the digest in the language, the mail sent', () => {
    expect(local[0].out).toBe('No alert rules. Add one: quotient alerts add --kpi revenue --scope company --when below_target\n');
    expect(JSON.parse(local[1].out)).toMatchObject({ rule_id: 'A-ONE', kpi: 'revenue', scope: 'company', condition: 'above', created_by: 'cli' });
    expect(local[2].out).toMatch(/^Added .*A-TWO/);
    expect(local[3].out).toMatch(/^id +kpi +scope +when +period +webhook +email +state\n/);
    expect(local[3].out).toContain('\nNote: alerts go by e-mail to the addresses above');
    expect(local[5].out).toContain('# Quotient digest: 2026-03 (2026-03-01 – 2026-03-31)');
    expect(local[6].out).toContain('Wichtigste Erkenntnisse\n-----------------------\n1. ');
    expect(local[7].out).toContain('<html lang="nl">');
    expect(local[9].out).toBe('Sent "Quotient-Zusammenfassung: 2026-03 (2026-03-01 – 2026-03-31)" to chef@example.com.\n');
    expect(local[12].out).toBe('[]\n');
    expect(sink.received).toHaveLength(2);
    expect(sink.received[1].raw.length).toBeGreaterThan(1000);
  });

  it('refusals come back as the command’s own errors, with the same exit code and message', async () => {
    for (const [i, c] of REFUSALS.entries()) {
      expect(localRefusals[i].code, c.join(' ')).not.toBe(0);
      const r = await cli(c);
      expect([r.code, r.err.replace(/^note: .*\n/, '')], c.join(' ')).toEqual([localRefusals[i].code, localRefusals[i].err]);
    }
  });
});
