// Migration 5: a store with webhook attempts in webhook_deliveries (schema 4) is upgraded to one
// delivery log, alert_deliveries: every attempt copied with its alert's rule, channel 'webhook',
// delivered = a 2xx answer; webhook_deliveries is gone.
import { describe, expect, it } from 'vitest';
import { deliveryLog } from '../../src/alerts/deliver.js';
import { migrate, schemaVersion } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { storeWith } from '../fixtures/kpi/store.js';

describe('migration 5: alert_deliveries', () => {
  it('copies the webhook attempts of schema 4 and drops webhook_deliveries', async () => {
    const store = await storeWith({});
    try {
      await migrate(store, migrations.slice(0, 4));
      expect(await schemaVersion(store)).toBe(4);
      await store.query(
        `INSERT INTO alert_events (event_id, rule_id, kpi, scope, scope_id, occurrence_key, period, fired_at, as_of, value, message) VALUES ('E1', 'R-A', 'revenue', 'company', NULL, 'R-A:2026-03:below', '2026-03', TIMESTAMPTZ '2026-03-15 08:00:00+00', DATE '2026-03-15', 5, 'm')`,
      );
      const attempt = (n: number, status: number | null, error: string | null, at: string) =>
        store.query(`INSERT INTO webhook_deliveries VALUES ('E1', 'https://hooks.example.com/q', ?, ?, ?, CAST(? AS TIMESTAMPTZ))`, [n, status, error, at]);
      await attempt(1, null, 'fetch failed', '2026-03-15T08:00:01.000Z');
      await attempt(2, 500, 'HTTP 500', '2026-03-15T08:00:01.500Z');
      await attempt(3, 204, null, '2026-03-15T08:00:02.500Z');

      expect(await migrate(store, migrations.slice(0, 5))).toEqual({ from: 4, to: 5, applied: ['5 one delivery log for webhooks and e-mail'] });
      const row = (attempt: number, status_code: number | null, error: string | null, delivered: boolean, at: string) => ({
        event_id: 'E1', rule_id: 'R-A', channel: 'webhook', target: 'https://hooks.example.com/q', attempt, status_code, error, delivered, at,
      });
      expect(await deliveryLog(store)).toEqual([
        row(3, 204, null, true, '2026-03-15T08:00:02.500Z'),
        row(2, 500, 'HTTP 500', false, '2026-03-15T08:00:01.500Z'),
        row(1, null, 'fetch failed', false, '2026-03-15T08:00:01.000Z'),
      ]);
      expect(await store.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'webhook_deliveries'`)).toEqual([{ n: 0 }]);
      expect(await store.query(`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'alert_deliveries' ORDER BY ordinal_position`)).toEqual([
        { column_name: 'event_id', data_type: 'VARCHAR', is_nullable: 'NO' },
        { column_name: 'rule_id', data_type: 'VARCHAR', is_nullable: 'NO' },
        { column_name: 'channel', data_type: 'VARCHAR', is_nullable: 'NO' },
        { column_name: 'target', data_type: 'VARCHAR', is_nullable: 'NO' },
        { column_name: 'attempt', data_type: 'INTEGER', is_nullable: 'NO' },
        { column_name: 'status_code', data_type: 'INTEGER', is_nullable: 'YES' },
        { column_name: 'error', data_type: 'VARCHAR', is_nullable: 'YES' },
        { column_name: 'delivered', data_type: 'BOOLEAN', is_nullable: 'NO' },
        { column_name: 'attempted_at', data_type: 'TIMESTAMP WITH TIME ZONE', is_nullable: 'NO' },
      ]);
    } finally {
      await store.close();
    }
  });
});
