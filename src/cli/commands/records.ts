// `quotient records --kpi KPI [--period P] [--filter …] [--by …] [--format table|csv|json]`:
// the records behind a KPI value.
import type { Command } from 'commander';
import { lang as checkLang } from '../../metrics/catalog.js';
import { kpiRecords, type RecordsResult } from '../../query/records.js';
import { UserError } from '../../util/errors.js';
import { label } from '../format/labels.js';
import { renderCsv, renderText } from '../format/table.js';
import type { Io } from '../context.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';

const FORMATS = ['table', 'csv', 'json'] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

function render(r: RecordsResult, format: (typeof FORMATS)[number], lang: 'en' | 'de' | 'nl' | 'tr'): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const parts: string[] = [];
  for (const s of r.sets) {
    if (format === 'csv') {
      parts.push(renderCsv(['fact', ...s.columns], s.rows.map((row) => [s.fact, ...s.columns.map((c) => row[c])])));
      continue;
    }
    parts.push(`${s.fact} (${s.doc}): ${s.rows.length} ${label(lang, 'records')}\n`);
    parts.push(renderText({ headers: s.columns, rows: s.rows.map((row) => s.columns.map((c) => cell(row[c]))) }));
  }
  if (r.truncated && format === 'table') parts.push(`(${label(lang, 'truncated')})\n`);
  return parts.join(format === 'csv' ? '' : '\n');
}

export function registerRecords(program: Command, io: Io): void {
  const cmd = program.command('records').description('list the records behind a KPI value (for rates: numerator and denominator, flagged)');
  queryOptions(cmd)
    .requiredOption('--kpi <id>', 'one KPI id')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--limit <n>', 'at most this many records per set', '10000')
    .action(async (o: QueryOptions & { limit: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const lang = checkLang(o.lang);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError('bad_argument', `--limit: expected a whole number of at least 1, got "${o.limit}"`);
      const q = toQuery(o);
      if (q.kpis.length !== 1) throw new UserError('bad_argument', `--kpi: name exactly one KPI for records, got "${o.kpi}"`);
      precheck(q);
      const result = await withStoreOrServer(program.opts().db, (store) => kpiRecords(store, { ...q, kpis: [q.kpis[0]] }, { limit }), (api) => api.call<RecordsResult>('GET', apiPath('/api/records', o, [...PERIOD_PARAMS, 'kpi', 'by', 'lang'], { limit })), io.err);
      io.out(render(result, format, lang));
    });
}
