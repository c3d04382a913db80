// Demo data into a store: generated as the canonical CSV files in a temporary folder, then
// imported with the same pipeline users' files take (so the demo also proves the import).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, type ImportResult } from '../ingest/import.js';
import { planFolder } from '../ingest/folder.js';
import { loadSettings } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { todayIn } from '../util/dates.js';
import { generateDemoCsv, type DemoOptions } from './index.js';

export type DemoLoadOptions = Omit<DemoOptions, 'asOf' | 'timezone' | 'onProgress'> & { asOf?: string };

export interface DemoLoad {
  asOf: string;
  result: ImportResult;
}

export async function loadDemo(store: Store, options: DemoLoadOptions, progress: (what: string, done: number, total: number) => void = () => {}): Promise<DemoLoad> {
  const settings = await loadSettings(store);
  const asOf = options.asOf ?? todayIn(settings.timezone);
  const dir = mkdtempSync(join(tmpdir(), 'quotient-demo-'));
  try {
    await generateDemoCsv(dir, { ...options, asOf, timezone: settings.timezone, onProgress: (entity, rows) => progress(`generating ${entity}`, rows, Math.max(rows, options.opportunities)) });
    const { specs } = planFolder(dir);
    const result = await importFiles(store, specs, { onProgress: (e) => progress(`${e.phase} ${e.entity}`.trim(), e.done, e.total) });
    return { asOf, result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
