// Migration 6: the answers of pushes (POST /api/ingest/{entity}) by their Idempotency-Key, so a
// retried request gets the first answer instead of writing again. A key belongs to one caller
// (owner: the user id) and one route; request_hash is the sha256 of what was sent, so the same
// key with another body is refused. Rows are kept 24 hours (expires_at) and deleted after.
// Standard SQL only (the PostgreSQL store runs the same statements).
import type { Migration } from './migration.js';

export const migration006: Migration = {
  version: 6,
  name: 'idempotency keys of pushes',
  statements: () => [
    `CREATE TABLE idempotency_keys (
  idempotency_key VARCHAR NOT NULL,
  owner VARCHAR NOT NULL,
  endpoint VARCHAR NOT NULL,
  request_hash VARCHAR NOT NULL,
  status INTEGER NOT NULL,
  response VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
)`,
  ],
};
