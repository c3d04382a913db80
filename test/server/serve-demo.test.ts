// `quotient serve --demo` on a fresh store: demo data, a demo admin whose password is printed,
// the dashboard's address; a second start keeps the data and prints a new working password.
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { startServe, type Served } from './serve-process.js';

const tmp = useTempDir('quotient-serve-demo-');
let served: Served | null = null;
afterEach(() => {
  if (served && served.child.exitCode === null) served.child.kill('SIGKILL');
  served = null;
});

const SIGN_IN = /Sign in as demo@quotient\.local with the password (\S+)\n/;

async function start(db: string): Promise<{ url: string; password: string; output: string }> {
  served = await startServe(db, SIGN_IN, ['--demo'], 90_000);
  const output = served.output();
  const url = served.url;
  const password = SIGN_IN.exec(output)![1];
  return { url, password, output };
}

async function signIn(url: string, password: string): Promise<number> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@quotient.local', password }) });
  return r.status;
}

describe('quotient serve --demo', () => {
  it('fills an empty store, prints the demo admin’s password and the dashboard’s address', async () => {
    const db = tmp.join('demo.duckdb');
    const first = await start(db);
    expect(first.output).toMatch(/Demo data as of \d{4}-\d{2}-\d{2}: [\d,]+ rows\./);
    expect(first.output).toMatch(/Dashboard at http:\/\/localhost:\d+\n|No dashboard build/);
    expect(await signIn(first.url, first.password)).toBe(200);
    const page = await fetch(`${first.url}/api/health`);
    expect(page.status).toBe(200);
    served!.child.kill('SIGTERM');
    await new Promise((r) => served!.child.once('exit', r));

    const second = await start(db);
    expect(second.output).not.toContain('Demo data as of');
    expect(second.password).not.toBe(first.password);
    expect(await signIn(second.url, first.password)).toBe(401);
    expect(await signIn(second.url, second.password)).toBe(200);
  }, 180_000);
});
