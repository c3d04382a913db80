// Migration 4: alert rules (a KPI, a scope, a condition), the alerts they fired (one per
// occurrence: rule + period + condition, kept unique by occurrence_key; with the rule's KPI and
// scope, so the feed stays scoped after a rule is removed) and every webhook
// delivery attempt.
import type { Migration } from './migration.js';

export const migration004: Migration = {
  version: 4,
  name: 'alert rules, alert events and webhook deliveries',
  statements: () => [
    `CREATE TABLE alert_rules (
  rule_id VARCHAR NOT NULL PRIMARY KEY,
  kpi VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,
  scope_id VARCHAR,
  condition VARCHAR NOT NULL,
  threshold DOUBLE PRECISION,
  period VARCHAR NOT NULL,
  webhook VARCHAR,
  email VARCHAR,
  active_key VARCHAR,
  created_at TIMESTAMPTZ NOT NULL,
  created_by VARCHAR
)`,
    `CREATE TABLE alert_events (
  event_id VARCHAR NOT NULL PRIMARY KEY,
  rule_id VARCHAR NOT NULL,
  kpi VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,
  scope_id VARCHAR,
  occurrence_key VARCHAR NOT NULL UNIQUE,
  period VARCHAR NOT NULL,
  fired_at TIMESTAMPTZ NOT NULL,
  as_of DATE NOT NULL,
  value DOUBLE PRECISION,
  message VARCHAR NOT NULL
)`,
    `CREATE TABLE webhook_deliveries (
  event_id VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  error VARCHAR,
  attempted_at TIMESTAMPTZ NOT NULL
)`,
  ],
};
