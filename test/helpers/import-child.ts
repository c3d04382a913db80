// Child process for the kill test: imports one entity file into a store and reports progress on
// stdout ("started" when the write begins, "done <ok>" when the import returned).
// Usage: node --import tsx test/helpers/import-child.ts STORE ENTITY FILE
import { openStore } from '../../src/store/open.js';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { isEntityName } from '../../src/model/entities.js';

const [db, entity, file] = process.argv.slice(2);
if (!db || !entity || !file || !isEntityName(entity)) {
  process.stderr.write('usage: import-child.ts STORE ENTITY FILE\n');
  process.exit(2);
}
const store = await openStore(db);
let started = false;
const result = await importFiles(store, [{ entity, path: file, mapping: emptyMapping() }], {
  onProgress: (e) => {
    if (!started && e.phase === 'write') {
      started = true;
      process.stdout.write('started\n');
    }
  },
});
process.stdout.write(`done ${result.ok}\n`);
await store.close();
