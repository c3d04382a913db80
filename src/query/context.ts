// What SQL builders of the query layer share: the dialect's templates, the organisation's
// settings as SQL literals (validated settings, never user query input) and where each
// derived relation lives (a rollup table or an inline subquery).
import type { SqlTemplates } from './dialect.js';

export interface SqlContext {
  sql: SqlTemplates;
  /** The organisation's time zone as a SQL literal. */
  tz: string;
  /** The reporting currency as a SQL literal. */
  cur: string;
  /** Stage names from the settings, used when no pipeline_stages are imported. */
  settingStages: readonly string[];
  /** Revenue ÷ target a rep must reach in a month to count as ramped. */
  rampThreshold: number;
  /** The SQL that names a derived relation: a table name or a parenthesised subquery. */
  rel(name: RelationName): string;
}

export type RelationName = 'opps' | 'first_won' | 'stages' | 'stage_stays' | 'opp_activities' | 'ramps' | 'stage_history_rates';
