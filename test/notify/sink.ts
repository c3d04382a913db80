// A local SMTP sink for the e-mail tests: smtp-server on a random port (no TLS, login optional),
// every message kept raw with its envelope.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface Sink {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((res) => server.close(() => res())) };
}

/** The decoded body of a MIME part of this content type (quoted-printable or base64). */
export function part(raw: string, type: 'text/plain' | 'text/html'): string | null {
  const body = decode(raw, type);
  return body === null ? null : body.replace(/\r\n/g, '\n');
}

function decode(raw: string, type: string): string | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  for (const p of parts) {
    const split = p.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = p.slice(0, split);
    if (!new RegExp(`Content-Type: ${type}`, 'i').test(headers)) continue;
    const body = p.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    const enc = /Content-Transfer-Encoding: (\S+)/i.exec(headers)?.[1].toLowerCase();
    if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (enc === 'quoted-printable') {
      const soft = body.replace(/=\r?\n/g, '');
      return Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    }
    return body;
  }
  return null;
}
