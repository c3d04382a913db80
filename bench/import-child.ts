// Child process of the import benchmark: one import into a store, then prints its figures as
// JSON (seconds, rows per second, peak resident memory), so memory is measured per process.
import { openStore } from '../src/store/open.js';
import { importFiles } from '../src/ingest/import.js';
import { emptyMapping } from '../src/ingest/mapping.js';
import type { EntityName } from '../src/model/fields.js';

const [db, ...pairs] = process.argv.slice(2);
const store = await openStore(db);
const specs = pairs.map((p) => {
  const [entity, path] = p.split('=');
  return { entity: entity as EntityName, path, mapping: emptyMapping() };
});
const r = await importFiles(store, specs);
await store.close();
process.stdout.write(JSON.stringify({ ok: r.ok, rows: r.entities.reduce((a, e) => a + e.rows, 0), seconds: r.seconds, rowsPerSecond: r.rowsPerSecond, maxRssMiB: process.resourceUsage().maxRSS / 1024, problems: r.problems.slice(0, 3) }) + '\n');
