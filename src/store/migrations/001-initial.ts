// Migration 1: every entity of the canonical data model, and the settings table.
// Frozen: a migration never changes once released; later changes are new migrations.
import type { Migration } from './migration.js';

export const migration001: Migration = {
  version: 1,
  name: 'initial data model',
  statements: () => [
    `CREATE TABLE settings (
  key VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
)`,
  `CREATE TABLE teams (
  team_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  manager_rep_id VARCHAR,
  region VARCHAR
)`,
  `CREATE TABLE reps (
  rep_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  team_id VARCHAR,
  role VARCHAR,
  hire_date DATE,
  end_date DATE
)`,
  `CREATE TABLE accounts (
  account_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  segment VARCHAR,
  industry VARCHAR,
  region VARCHAR,
  country VARCHAR,
  acquisition_channel VARCHAR
)`,
  `CREATE TABLE products (
  product_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  product_line VARCHAR,
  list_price DECIMAL(18,4),
  unit_cost DECIMAL(18,4)
)`,
  `CREATE TABLE pipeline_stages (
  stage VARCHAR NOT NULL,
  position BIGINT NOT NULL,
  probability DOUBLE PRECISION
)`,
  `CREATE TABLE leads (
  lead_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  source VARCHAR NOT NULL,
  rep_id VARCHAR,
  account_id VARCHAR,
  status VARCHAR NOT NULL,
  converted_at TIMESTAMPTZ,
  opportunity_id VARCHAR
)`,
  `CREATE TABLE opportunities (
  opportunity_id VARCHAR NOT NULL,
  account_id VARCHAR,
  rep_id VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  status VARCHAR NOT NULL,
  stage VARCHAR,
  amount DECIMAL(18,4) NOT NULL,
  currency VARCHAR,
  closed_at TIMESTAMPTZ,
  lead_id VARCHAR,
  source VARCHAR,
  technique VARCHAR,
  expected_close_date DATE,
  probability DOUBLE PRECISION,
  lost_reason VARCHAR
)`,
  `CREATE TABLE stage_changes (
  opportunity_id VARCHAR NOT NULL,
  stage VARCHAR NOT NULL,
  entered_at TIMESTAMPTZ NOT NULL
)`,
  `CREATE TABLE line_items (
  opportunity_id VARCHAR NOT NULL,
  product_id VARCHAR NOT NULL,
  quantity DOUBLE PRECISION NOT NULL,
  unit_price DECIMAL(18,4) NOT NULL,
  discount DOUBLE PRECISION
)`,
  `CREATE TABLE activities (
  activity_id VARCHAR NOT NULL,
  rep_id VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  opportunity_id VARCHAR,
  account_id VARCHAR,
  lead_id VARCHAR,
  outcome VARCHAR,
  duration_seconds BIGINT
)`,
  `CREATE TABLE spend (
  spend_id VARCHAR NOT NULL,
  date DATE NOT NULL,
  channel VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  amount DECIMAL(18,4) NOT NULL,
  currency VARCHAR
)`,
  `CREATE TABLE targets (
  target_id VARCHAR NOT NULL,
  kpi VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,
  scope_id VARCHAR,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  value DOUBLE PRECISION NOT NULL
)`,
  `CREATE TABLE survey_responses (
  response_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  score BIGINT NOT NULL,
  responded_at TIMESTAMPTZ NOT NULL,
  account_id VARCHAR,
  rep_id VARCHAR,
  opportunity_id VARCHAR,
  scale_max BIGINT
)`,
  `CREATE TABLE subscriptions (
  subscription_id VARCHAR NOT NULL,
  account_id VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  ended_at TIMESTAMPTZ,
  mrr DECIMAL(18,4),
  currency VARCHAR
)`,
  `CREATE TABLE fx_rates (
  date DATE NOT NULL,
  currency VARCHAR NOT NULL,
  rate DOUBLE PRECISION NOT NULL
)`,
  ],
};
