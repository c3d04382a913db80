// `quotient serve` as a real process on a random port: it announces itself beside the store,
// tells how to create the first admin, lets CLI commands on the same store know where it is
// (and `users add` work through it), and cleans up when stopped.
import type { ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { readServerFile, serverFilePath } from '../../src/server/server-file.js';
import { runWithInput } from './cli-io.js';
import { startServe } from './serve-process.js';

const tmp = useTempDir('quotient-serve-');
let child: ChildProcess;
let stdout = '';
let url = '';
let db = '';

beforeAll(async () => {
  db = tmp.join('served.duckdb');
  const served = await startServe(db, /No admin user yet[^\n]*\n[^\n]*\n/);
  ({ child, url } = served);
  stdout = served.output();
}, 30_000);
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('quotient serve', () => {
  it('prints its address and, with no admin yet, the exact command to create one', () => {
    expect(stdout).toContain(`Quotient API at ${url} on ${db} (pid ${child.pid}); docs at ${url}/api/docs.`);
    expect(stdout).toContain(`No admin user yet. Create one (this server may keep running):\n  quotient --db ${db} users add EMAIL --role admin\n`);
  });

  it('writes <store>.server.json (mode 0600) with its address, pid and a local credential', async () => {
    const path = serverFilePath(db);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const file = readServerFile(db)!;
    expect(file).toMatchObject({ url, pid: child.pid });
    const me = await fetch(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${file.token}` } });
    expect(await me.json()).toMatchObject({ via: 'local', user: { role: 'admin' } });
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('another CLI command on the store names the server instead of a lock error', async () => {
    // (report, records, the analyses, import and users work through it: cli-through-server.test.ts)
    const r = await runCli(['--db', db, 'config', 'get', 'timezone']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`quotient: the store is served by quotient serve at ${url} (pid ${child.pid}); stop it or use the API\n`);
  });

  it('`users add` works through the running server; the new admin can sign in', async () => {
    const r = await runWithInput(['--db', db, 'users', 'add', 'Boss@Example.com', '--role', 'admin', '--password-stdin'], 'a long enough password\n');
    expect(r.err).toContain(`working through its API`);
    expect([r.code, r.out]).toEqual([0, 'Added boss@example.com (admin).\n']);
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@example.com', password: 'a long enough password' }) });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/quotient_session=.*HttpOnly/);
  });

  it('stops on SIGTERM, removing the server file', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(serverFilePath(db))).toBe(false);
    const r = await runCli(['--db', db, 'users', 'list']);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining('boss@example.com  admin')]);
  });
});
