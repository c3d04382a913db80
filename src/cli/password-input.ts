// Reading a password: on a terminal, typed twice without echo; from a script, one line of
// standard input (`--password-stdin`, or whenever standard input is not a terminal).
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { UserError } from '../util/errors.js';
import type { Io } from './context.js';

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };

/** The first line of the stream, without its line ending. */
export async function readLine(input: Readable): Promise<string> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
  throw new UserError('bad_argument', 'expected the password on standard input, got nothing');
}

/** Reads one line from a terminal in raw mode, printing nothing of what is typed. */
function hiddenLine(input: TtyInput, io: Io, question: string): Promise<string> {
  io.err(question);
  return new Promise((resolve, reject) => {
    let value = '';
    input.setRawMode!(true);
    input.resume();
    const done = (e: Error | null) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      io.err('\n');
      if (e) reject(e);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new UserError('bad_argument', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

export async function readPassword(io: Io, fromStdin: boolean, input: TtyInput = (io.in as TtyInput | undefined) ?? process.stdin): Promise<string> {
  if (fromStdin || !input.isTTY || !input.setRawMode) return readLine(input);
  const first = await hiddenLine(input, io, 'Password: ');
  const second = await hiddenLine(input, io, 'Again: ');
  if (first !== second) throw new UserError('bad_argument', 'the two passwords differ; nothing was changed');
  return first;
}
