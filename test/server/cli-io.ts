// Runs the CLI in-process with captured output and a given standard input.
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliRun } from '../helpers/cli.js';

export async function runWithInput(args: string[], input: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), stderrIsTTY: false, in: Readable.from([input]) });
  return { code, out, err };
}
