// `quotient kpis [--lang de] [--format table|json|md|csv]`: the KPI catalog.
import type { Command } from 'commander';
import { lang as checkLang } from '../../metrics/catalog.js';
import { renderCatalog } from '../format/catalog.js';
import type { Io } from '../context.js';
import { checkFormat } from './report.js';

export function registerKpis(program: Command, io: Io): void {
  program
    .command('kpis')
    .description('list every KPI with its definition, unit and direction')
    .option('--lang <lang>', 'en, de, nl or tr', 'en')
    .option('--format <format>', 'table, json, md or csv', 'table')
    .action((o: { lang: string; format: string }) => {
      const format = checkFormat(o.format, ['table', 'json', 'md', 'csv'] as const);
      io.out(renderCatalog(format, checkLang(o.lang)));
    });
}
