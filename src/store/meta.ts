// The store's data version: bumped by every write of data, so results can be cached per version.
import type { Store } from './store.js';

export async function dataVersion(store: Store): Promise<number> {
  const rows = await store.query<{ value: string }>(`SELECT value FROM store_meta WHERE key = 'data_version'`);
  return rows.length ? Number(rows[0].value) : 0;
}

export async function bumpDataVersion(store: Store): Promise<number> {
  const next = (await dataVersion(store)) + 1;
  await store.query(`UPDATE store_meta SET value = ? WHERE key = 'data_version'`, [String(next)]);
  return next;
}
