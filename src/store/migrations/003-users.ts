// Migration 3: the people who use the server and what they did — users with roles, sign-in
// sessions, API tokens and the audit log. Secrets (session ids, tokens) are stored as sha256
// hashes; passwords as argon2id hashes.
import type { Migration } from './migration.js';

export const migration003: Migration = {
  version: 3,
  name: 'users, sessions, API tokens and audit log',
  statements: () => [
    `CREATE TABLE users (
  user_id VARCHAR NOT NULL PRIMARY KEY,
  email VARCHAR NOT NULL,
  password_hash VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  rep_id VARCHAR,
  team_id VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
)`,
    `CREATE TABLE sessions (
  session_hash VARCHAR NOT NULL PRIMARY KEY,
  user_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
)`,
    `CREATE TABLE api_tokens (
  token_id VARCHAR NOT NULL PRIMARY KEY,
  user_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  token_hash VARCHAR NOT NULL,
  access VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ
)`,
    `CREATE TABLE audit_log (
  audit_id VARCHAR NOT NULL PRIMARY KEY,
  occurred_at TIMESTAMPTZ NOT NULL,
  actor VARCHAR,
  action VARCHAR NOT NULL,
  target VARCHAR,
  ip VARCHAR,
  details VARCHAR
)`,
  ],
};
