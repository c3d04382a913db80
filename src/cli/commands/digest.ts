// `quotient digest [--period last_week] [--as-of D] [--lang en|de|nl|tr] [--format markdown|text|html]
//  [--email ADDR]…`: prints the digest, or with --email sends it (HTML and text) through the SMTP
// settings.
import type { Command } from 'commander';
import { buildDigest, DIGEST_FORMATS } from '../../digest/digest.js';
import { lang as checkLang } from '../../metrics/catalog.js';
import { sendEmail } from '../../notify/email.js';
import { UserError } from '../../util/errors.js';
import { withStore, type Io } from '../context.js';
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
      if (o.email.length) {
        const { d, sent } = await withStore(db, async (store) => {
          const d = await buildDigest(store, { period: o.period, asOf: o.asOf, lang });
          return { d, sent: await sendEmail(store, { to: o.email, subject: d.subject, text: d.text, html: d.html }) };
        });
        io.out(`Sent "${d.subject}" to ${sent.accepted.join(', ')}.\n`);
        return;
      }
      const d = await withStore(db, (store) => buildDigest(store, { period: o.period, asOf: o.asOf, lang }), { readOnly: true });
      io.out(format === 'markdown' ? d.markdown : format === 'text' ? d.text : d.html);
    });
}
