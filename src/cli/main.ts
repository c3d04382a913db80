// The `quotient` command line. Each command lives in commands/<name>.ts; errors are turned
// into messages and exit codes here, once.
import { Command, CommanderError } from 'commander';
import { errorMessage, isUserError } from '../util/errors.js';
import { exitCodeOf, processIo, EXIT, type Io } from './context.js';
import { registerConfig } from './commands/config.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerDemo } from './commands/demo.js';
import { registerMigrate } from './commands/migrate.js';
import { registerKpis } from './commands/kpis.js';
import { registerExplain } from './commands/explain.js';
import { registerCompare } from './commands/compare.js';
import { registerFunnel } from './commands/funnel.js';
import { registerForecast } from './commands/forecast.js';
import { registerInsights } from './commands/insights.js';
import { registerReport } from './commands/report.js';
import { registerRecords } from './commands/records.js';
import { registerServe } from './commands/serve.js';
import { registerUsers } from './commands/users.js';
import { registerTokens } from './commands/tokens.js';
import { registerTargets } from './commands/targets.js';
import { registerLeaderboard } from './commands/leaderboard.js';
import { registerAlerts } from './commands/alerts.js';
import { registerCheck } from './commands/check.js';
import { registerDigest } from './commands/digest.js';

export function buildProgram(io: Io): Command {
  const program = new Command('quotient')
    .description('Quotient: sales-performance analytics on your CRM data')
    .option('--db <path>', 'the store: a DuckDB file (default: $QUOTIENT_DB or ./quotient.duckdb)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerDemo(program, io);
  registerImport(program, io);
  registerExport(program, io);
  registerConfig(program, io);
  registerMigrate(program, io);
  registerKpis(program, io);
  registerExplain(program, io);
  registerCompare(program, io);
  registerFunnel(program, io);
  registerForecast(program, io);
  registerInsights(program, io);
  registerReport(program, io);
  registerRecords(program, io);
  registerServe(program, io);
  registerUsers(program, io);
  registerTokens(program, io);
  registerTargets(program, io);
  registerLeaderboard(program, io);
  registerAlerts(program, io);
  registerCheck(program, io);
  registerDigest(program, io);
  return program;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (isUserError(e)) {
      io.err(`quotient: ${e.message}\n`);
    } else {
      io.err(`quotient: internal error: ${errorMessage(e)}\n${e instanceof Error && process.env.QUOTIENT_DEBUG ? e.stack + '\n' : ''}`);
    }
    return exitCodeOf(e);
  } finally {
    process.exitCode = undefined;
  }
}
