// A local SMTP server for the alert e-mail tests that refuses the first `reject` recipients
// (550, as a full mailbox would) and accepts the rest; it counts every RCPT it was asked.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface RejectingSmtp {
  port: number;
  /** Every recipient asked for, in order (refused or not). */
  rcpts: string[];
  /** Messages accepted. */
  accepted: number;
  /** Refuse this many more recipients (then accept). */
  reject: number;
  close(): Promise<void>;
}

export const REFUSAL = 'mailbox unavailable';

export async function startRejectingSmtp(reject = Infinity): Promise<RejectingSmtp> {
  const state = { rcpts: [] as string[], accepted: 0, reject };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      state.rcpts.push(address.address);
      if (state.reject > 0) {
        state.reject--;
        callback(Object.assign(new Error(REFUSAL), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        state.accepted++;
        callback();
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, { port, close: () => new Promise<void>((res) => server.close(() => res())) });
}
