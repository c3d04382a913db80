// Migration 2: a log of imports and a store version that every write bumps, so cached KPI
// results can be keyed by it.
import type { Migration } from './migration.js';

export const migration002: Migration = {
  version: 2,
  name: 'import log and store version',
  statements: () => [
    `CREATE TABLE import_log (
  import_id VARCHAR NOT NULL PRIMARY KEY,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  entity VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  inserted BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  unchanged BIGINT NOT NULL,
  rejected BIGINT NOT NULL
)`,
    `CREATE TABLE store_meta (
  key VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
)`,
    `INSERT INTO store_meta VALUES ('data_version', '0')`,
  ],
};
