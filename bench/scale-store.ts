// Builds a large store for the KPI benchmark from a demo store: every record that belongs to a
// deal (accounts, leads, opportunities and their stage history, line items, activities,
// surveys, subscriptions) is copied N times with its ids suffixed, so the time distribution
// and every planted effect stay as they were. Teams, reps, products, stages, exchange rates,
// spend and targets are shared. Usage: npx tsx bench/scale-store.ts SOURCE.duckdb TARGET.duckdb N
import { rmSync } from 'node:fs';
import { openStore } from '../src/store/open.js';
import { entities } from '../src/model/entities.js';
import type { EntityName } from '../src/model/fields.js';
import { quoteIdent } from '../src/store/sql.js';
import { bumpDataVersion } from '../src/store/meta.js';

const [source, target, times] = process.argv.slice(2);
const n = Number(times);
if (!source || !target || !(n >= 1)) throw new Error('usage: scale-store.ts SOURCE.duckdb TARGET.duckdb N');
const COPIED = new Set<EntityName>(['accounts', 'leads', 'opportunities', 'stage_changes', 'line_items', 'activities', 'survey_responses', 'subscriptions']);
const ID_OWNERS = new Set<EntityName>([...COPIED].filter((e) => e !== 'stage_changes' && e !== 'line_items'));

rmSync(target, { force: true });
rmSync(target + '.wal', { force: true });
const store = await openStore(target);
await store.exec(`ATTACH '${source.replace(/'/g, "''")}' AS src (READ_ONLY)`);
await store.exec(`SET preserve_insertion_order = false`);
for (const e of entities) {
  const started = performance.now();
  const copies = COPIED.has(e.name) ? n : 1;
  const cols = e.fields.map((f) => {
    const c = quoteIdent(f.name);
    // An id is suffixed when it names a copied record: the entity's own key, or a reference to a copied entity.
    const owner = e.key.includes(f.name) && f.kind === 'id' && ID_OWNERS.has(e.name) ? e.name : f.ref?.entity;
    const suffixed = owner && ID_OWNERS.has(owner as EntityName);
    const leadOrOpp = (f.name === 'lead_id' || f.name === 'opportunity_id') && COPIED.has(e.name);
    return suffixed || leadOrOpp ? `CASE WHEN ${c} IS NULL OR k = 0 THEN ${c} ELSE ${c} || '~' || k END` : c;
  });
  await store.exec(`DELETE FROM ${e.name}`);
  await store.exec(`INSERT INTO ${e.name} SELECT ${cols.join(', ')} FROM src.${e.name}, range(${copies}) r(k)`);
  const rows = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${e.name}`);
  process.stderr.write(`${e.name}: ${rows[0].n} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
await store.exec(`SET preserve_insertion_order = true`);
await bumpDataVersion(store);
await store.exec(`DETACH src`);
await store.close();
