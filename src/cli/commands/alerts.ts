// `quotient alerts add|list|remove`: alert rules on a KPI for the company, a team or a rep.
//
//   alerts add --kpi revenue --scope rep:R012 --when below_target|below:X|above:X|change:-0.1|significant_drop
//              [--period this_month|this_quarter|this_year] [--webhook URL] [--email ADDR] [--id ID]
//   alerts list [--format json]
//   alerts remove ID
// While `quotient serve` holds the store they go through its API (GET/POST /api/alerts,
// DELETE /api/alerts/:id, as the server's local admin) and print the same.
import type { Command } from 'commander';
import { addRule, describeRule, listRules, removeRule, whenText, type AlertRule } from '../../alerts/rules.js';
import { scopeText } from '../../targets/targets.js';
import { renderText } from '../format/table.js';
import { withStoreOrServer } from '../server-client.js';
import { readStoreOrServer } from '../remote.js';
import type { Io } from '../context.js';
import { checkFormat } from './report.js';

const FORMATS = ['table', 'json'] as const;

export function registerAlerts(program: Command, io: Io): void {
  const alerts = program.command('alerts').description('alert rules: a KPI, a scope and a condition, checked by `quotient check` and by the server');
  const db = () => program.opts().db as string | undefined;
  const note = (text: string) => io.err(text);

  alerts
    .command('add')
    .requiredOption('--kpi <id>', 'the KPI, e.g. revenue, win_rate')
    .requiredOption('--scope <scope>', 'company, team:TEAM_ID or rep:REP_ID')
    .requiredOption('--when <condition>', 'below_target, below:X, above:X, change:X (a share: -0.1 = fell 10% or more against the previous period) or significant_drop (rates)')
    .option('--period <period>', 'judged over this period to date: this_month, this_quarter or this_year', 'this_month')
    .option('--webhook <url>', 'POST each alert here as signed JSON')
    .option('--email <address>', 'stored with the rule (e-mail delivery is not part of alerts yet)')
    .option('--id <id>', 'the rule’s id (default A-<random>)')
    .option('--format <format>', 'table or json', 'table')
    .description('add an alert rule')
    .action(async (o: { kpi: string; scope: string; when: string; period: string; webhook?: string; email?: string; id?: string; format: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const r = await withStoreOrServer(
        db(),
        (store) => addRule(store, { id: o.id, kpi: o.kpi, scope: o.scope, when: o.when, period: o.period, webhook: o.webhook, email: o.email, createdBy: 'cli' }),
        (api) => api.call<AlertRule>('POST', '/api/alerts', { id: o.id, kpi: o.kpi, scope: o.scope, when: o.when, period: o.period, webhook: o.webhook, email: o.email }),
        note,
      );
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : `Added ${describeRule(r)}.\n`);
    });

  alerts
    .command('list')
    .option('--format <format>', 'table or json', 'table')
    .description('list the alert rules')
    .action(async (o: { format: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const rules = await readStoreOrServer(db(), (store) => listRules(store), async (api) => (await api.call<{ rules: AlertRule[] }>('GET', '/api/alerts')).rules, note);
      io.out(format === 'json' ? JSON.stringify(rules, null, 2) + '\n' : renderRules(rules));
    });

  alerts
    .command('remove')
    .argument('<id>', 'the rule’s id (from `quotient alerts list`)')
    .description('remove an alert rule (the alerts it fired stay in the feed)')
    .action(async (id: string) => {
      const r = await withStoreOrServer(db(), (store) => removeRule(store, id), (api) => api.call<AlertRule>('DELETE', `/api/alerts/${encodeURIComponent(id)}`), note);
      io.out(`Removed ${describeRule(r)}.\n`);
    });
}

export function renderRules(rules: readonly AlertRule[]): string {
  if (!rules.length) return 'No alert rules. Add one: quotient alerts add --kpi revenue --scope company --when below_target\n';
  const rows = rules.map((r) => [r.rule_id, r.kpi, scopeText(r), whenText(r), r.period, r.webhook ?? '', r.email ?? '', r.active_key ? 'firing' : '']);
  const lines = [renderText({ headers: ['id', 'kpi', 'scope', 'when', 'period', 'webhook', 'email', 'state'], rows }).trimEnd()];
  if (rules.some((r) => r.email)) lines.push('', 'Note: alerts go by e-mail to the addresses above through the SMTP settings (quotient config set smtp_host …); with no SMTP server set, only webhooks and the in-app feed.');
  return lines.join('\n') + '\n';
}
