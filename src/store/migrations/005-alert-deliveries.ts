// Migration 5: one delivery log for every channel of an alert. Each attempt to deliver a fired
// alert — a webhook POST or an e-mail — is a row of alert_deliveries: the alert and its rule,
// the channel ('webhook' or 'email'), the target (the URL or the address), the attempt number,
// the HTTP status or SMTP reply code when there was one, the error when it failed, whether that
// attempt delivered, and when it was made. The webhook attempts of migration 4 are copied over
// (delivered = a 2xx status; the rule from the alert) and webhook_deliveries is dropped.
// Standard SQL only (the PostgreSQL store runs the same statements).
import type { Migration } from './migration.js';

export const migration005: Migration = {
  version: 5,
  name: 'one delivery log for webhooks and e-mail',
  statements: () => [
    `CREATE TABLE alert_deliveries (
  event_id VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  channel VARCHAR NOT NULL,
  target VARCHAR NOT NULL,
  attempt INTEGER NOT NULL,
  status_code INTEGER,
  error VARCHAR,
  delivered BOOLEAN NOT NULL,
  attempted_at TIMESTAMPTZ NOT NULL
)`,
    // Alert events are never deleted, so every attempt finds its rule; '' keeps an orphan anyway.
    `INSERT INTO alert_deliveries (event_id, rule_id, channel, target, attempt, status_code, error, delivered, attempted_at)
SELECT d.event_id, COALESCE(e.rule_id, ''), 'webhook', d.url, d.attempt, d.status_code, d.error,
       CASE WHEN d.status_code >= 200 AND d.status_code < 300 THEN TRUE ELSE FALSE END, d.attempted_at
  FROM webhook_deliveries d LEFT JOIN alert_events e ON e.event_id = d.event_id`,
    `DROP TABLE webhook_deliveries`,
  ],
};
