// Days, months and office hours follow the organisation's time zone; timestamps stay UTC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoCsv } from '../../src/demo/index.js';
import { readTable } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'quotient-demo-tz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo data in a time zone', () => {
  it('follows the organisation time zone: local days, office hours, nothing after the local end of asOf', async () => {
    const s = await generateDemoCsv(dir, { seed: 3, reps: 6, months: 2, opportunities: 400, asOf: '2026-03-14', timezone: 'America/New_York' });
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', hour: 'numeric' });
    const stamps: string[] = [];
    for (const r of readTable(s.files.activities.path).rows) stamps.push(r.occurred_at);
    for (const r of readTable(s.files.opportunities.path).rows) stamps.push(r.created_at, r.closed_at);
    const problems: string[] = [];
    for (const v of stamps) {
      if (v === '') continue;
      if (v > '2026-03-15T03:59:59Z' || v < '2026-02-01T05:00:00Z') problems.push(`${v} outside the local data range`);
      const h = Number(hour.format(new Date(v)));
      if (h < 8 || h > 18) problems.push(`${v} outside office hours (${h})`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const fxDays = new Set(readTable(s.files.fx_rates.path).rows.map((r) => r.date));
    expect(fxDays.size).toBe(28 + 14);
    expect(fxDays.has('2026-02-01') && fxDays.has('2026-03-14')).toBe(true);
  });
});
