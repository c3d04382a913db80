// `quotient serve` as a real child process on a random port, from the sources; resolves once it
// has printed its address (and, when `ready` is given, once its output matches that too).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHILD = join(ROOT, 'test', 'server', 'serve-child.ts');
const ADDRESS = /Quotient API at (http:\/\/127\.0\.0\.1:\d+)/;

export interface Served {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
}

export async function startServe(db: string, ready: RegExp = ADDRESS, args: readonly string[] = [], timeoutMs = 20_000): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, '--db', db, 'serve', '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  while (!ADDRESS.test(out) || !ready.test(out)) {
    if (Date.now() - started > timeoutMs || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: ADDRESS.exec(out)![1], output: () => out };
}
