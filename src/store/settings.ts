// Reading and writing settings in the store.
import type { Store } from './store.js';
import { settingDef, settingDefs } from '../model/settings.js';
import { bumpDataVersion } from './meta.js';

export interface Settings {
  timezone: string;
  currency: string;
  fiscal_year_start_month: number;
  pipeline_stages: string[];
}

export async function getSetting(store: Store, key: string): Promise<string> {
  const def = settingDef(key);
  const rows = await store.query<{ value: string }>(`SELECT value FROM settings WHERE key = ?`, [key]);
  return rows.length > 0 ? rows[0].value : def.default;
}

export async function setSetting(store: Store, key: string, value: string): Promise<string> {
  const normalised = settingDef(key).parse(value);
  await store.transaction(async () => {
    await store.query(`DELETE FROM settings WHERE key = ?`, [key]);
    await store.query(`INSERT INTO settings VALUES (?, ?)`, [key, normalised]);
    // Settings change results (time zone, currency, stages), so cached results must not survive them.
    await bumpDataVersion(store);
  });
  return normalised;
}

export async function allSettings(store: Store): Promise<Record<string, string>> {
  const rows = await store.query<{ key: string; value: string }>(`SELECT key, value FROM settings`);
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, string> = {};
  for (const d of settingDefs) out[d.key] = stored.get(d.key) ?? d.default;
  return out;
}

export async function loadSettings(store: Store): Promise<Settings> {
  const s = await allSettings(store);
  return {
    timezone: s.timezone,
    currency: s.currency,
    fiscal_year_start_month: Number(s.fiscal_year_start_month),
    pipeline_stages: s.pipeline_stages.split(','),
  };
}
