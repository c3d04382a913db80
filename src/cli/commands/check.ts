// `quotient check [--as-of DATE] [--format json]`: evaluates every alert rule, records and
// delivers what fired (each alert once per occurrence), and exits 0 when nothing fired, 1 when
// alerts fired, 2 on an error — for cron.
import type { Command } from 'commander';
import { checkAndDeliver, type CheckAndDeliver } from '../../alerts/check.js';
import { EXIT, type Io } from '../context.js';
import { withStoreOrServer } from '../server-client.js';
import { checkFormat } from './report.js';

const FORMATS = ['text', 'json'] as const;

export function registerCheck(program: Command, io: Io): void {
  program
    .command('check')
    .option('--as-of <date>', 'judge the rules as of this date (default: today in the organisation’s time zone)')
    .option('--format <format>', 'text or json', 'text')
    .description('evaluate the alert rules; exit 0 when nothing fired, 1 when alerts fired, 2 on an error')
    .action(async (o: { asOf?: string; format: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const r = await withStoreOrServer(
        program.opts().db as string | undefined,
        (store) => checkAndDeliver(store, { asOf: o.asOf }),
        (api) => api.call<CheckAndDeliver>('POST', '/api/alerts/check', o.asOf ? { as_of: o.asOf } : {}),
        io.err,
      );
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderCheck(r));
      process.exitCode = r.fired.length ? EXIT.invalid : EXIT.ok;
    });
}

export function renderCheck(r: CheckAndDeliver): string {
  const lines = [`Checked ${r.rules.length} alert rule${r.rules.length === 1 ? '' : 's'} as of ${r.as_of}: ${r.fired.length} fired.`];
  for (const f of r.fired) lines.push(`ALERT ${f.event.occurrence_key}: ${f.event.message}`);
  for (const o of r.rules) if (o.state === 'unknown') lines.push(`${o.rule_id}: not judged: ${o.reason ?? 'no value'}`);
  for (const e of r.emails ?? []) lines.push(`e-mail to ${e.to}: ${e.delivered ? 'sent' : `NOT SENT (${e.error ?? ''})`}`);
  for (const d of r.deliveries) lines.push(`webhook ${d.url}: ${d.delivered ? 'delivered' : 'FAILED'} after ${d.attempts.length} attempt${d.attempts.length === 1 ? '' : 's'}${d.delivered ? '' : ` (${d.attempts.at(-1)?.error ?? ''})`}`);
  return lines.join('\n') + '\n';
}
