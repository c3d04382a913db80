// Baseline for the import benchmark: the same CSV into the same table by one hand-written
// DuckDB statement with plain casts and no validation at all — the floor an import can reach.
import { rmSync } from 'node:fs';
import { openStore } from '../src/store/open.js';
import { entity } from '../src/model/entities.js';
import { sqlType } from '../src/model/fields.js';

const [db, path] = process.argv.slice(2);
rmSync(db, { force: true });
const store = await openStore(db);
const def = entity('opportunities')!;
const columns = '{' + def.fields.map((f) => `'${f.name}': 'VARCHAR'`).join(', ') + '}';
const casts = def.fields.map((f) => (sqlType[f.kind] === 'VARCHAR' ? f.name : `CAST(${f.name} AS ${sqlType[f.kind]})`));
await store.exec(`SET preserve_insertion_order = false`);
const started = performance.now();
await store.transaction(() => store.query(`INSERT INTO opportunities SELECT ${casts.join(', ')} FROM read_csv(?, auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', columns = ${columns})`, [path]));
const seconds = (performance.now() - started) / 1000;
const n = Number((await store.query<{ n: number }>(`SELECT count(*) AS n FROM opportunities`))[0].n);
await store.close();
rmSync(db, { force: true });
process.stdout.write(JSON.stringify({ rows: n, seconds, rowsPerSecond: n / seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
