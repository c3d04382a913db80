// Runs the `quotient` CLI in-process with captured output.
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/context.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stderrIsTTY: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}
