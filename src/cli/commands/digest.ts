// `quotient digest [--period last_week] [--as-of D] [--lang en|de|nl|tr] [--format markdown|text|html]
//  [--email ADDR]…`: prints the digest, or with --email sends it (HTML and text) through the SMTP
// settings. While `quotient serve` holds the store it goes through its API: GET /api/digest to
// print, POST /api/digest/send to send (through the server's SMTP settings, the same settings).
import type { Command } from 'commander';
import { buildDigest, DIGEST_FORMATS } from '../../digest/digest.js';
import { lang as checkLang } from '../../metrics/catalog.js';
import { sendEmail } from '../../notify/email.js';
import { apiPath, readStoreOrServer } from '../remote.js';
import { withStoreOrServer } from '../server-client.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { checkFormat } from './report.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDigest(program: Command, io: Io): void {
  program
    .command('digest')
    .option('--period <period>', 'the period the digest covers', 'last_week')
    .option('--as-of <date>', 'the date periods are counted from (default: today in the organisation’s time zone)')
    .option('--lang <lang>', 'en, de, nl or tr', 'en')
    .option('--format <format>', 'markdown, text or html (printing)', 'markdown')
    .option('--email <address>', 'send it by e-mail to this address instead of printing (repeatable)', collect, [])
    .description('the period’s KPIs, target attainment, alerts and top insights, printed or sent by e-mail')
    .action(async (o: { period: string; asOf?: string; lang: string; format: string; email: string[] }) => {
      const format = checkFormat(o.format, DIGEST_FORMATS);
      const lang = checkLang(o.lang);
      for (const e of o.email) if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new UserError('bad_argument', `--email: "${e}" is not an e-mail address`);
      const db = program.opts().db as string | undefined;
      const note = (text: string) => io.err(text);
      const params = { period: o.period, as_of: o.asOf, lang };
      if (o.email.length) {
        const { subject, accepted } = await withStoreOrServer(
          db,
          async (store) => {
            const d = await buildDigest(store, { period: o.period, asOf: o.asOf, lang });
            return { subject: d.subject, accepted: (await sendEmail(store, { to: o.email, subject: d.subject, text: d.text, html: d.html })).accepted };
          },
          (api) => api.call<{ subject: string; accepted: string[] }>('POST', '/api/digest/send', { ...params, to: o.email }),
          note,
        );
        io.out(`Sent "${subject}" to ${accepted.join(', ')}.\n`);
        return;
      }
      const content = await readStoreOrServer(
        db,
        async (store) => {
          const d = await buildDigest(store, { period: o.period, asOf: o.asOf, lang });
          return format === 'markdown' ? d.markdown : format === 'text' ? d.text : d.html;
        },
        async (api) => (await api.call<{ content: string }>('GET', apiPath('/api/digest', { period: o.period, asOf: o.asOf, lang }, ['period', 'as_of', 'lang'], { format }))).content,
        note,
      );
      io.out(content);
    });
}
