// A process killed (SIGKILL) in the middle of an import leaves the store as it was before the
// import: it opens, and none of the killed import's rows are there.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { count, importOne, openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-kill-');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/import-child.ts', import.meta.url));
const HEADER = 'opportunity_id,rep_id,created_at,status,amount,closed_at';
const EARLIER = 3;

async function writeBigFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const chunk = 50_000;
  out.write(HEADER + '\n');
  for (let start = 1; start <= rows; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(start + chunk, rows + 1); i++) lines.push(`K${i},R1,2026-01-01T00:00:00Z,won,${i}.5,2026-01-02T00:00:00Z`);
    if (!out.write(lines.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

interface ChildRun {
  killed: boolean;
  stdout: string;
  stderr: string;
}

/** Runs the import in a child; SIGKILLs it `delayMs` after it says the write started. */
function importAndKill(db: string, file: string, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, 'opportunities', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (!timer && stdout.includes('started\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', stdout, stderr });
    });
  });
}

/** A store with one rep and the EARLIER opportunities of an earlier import. */
async function prepareStore(db: string): Promise<void> {
  const s = await openStore(db);
  try {
    expect((await importOne(s, 'reps', tmp.write('reps.csv', 'rep_id,name\nR1,Ann\n'))).ok).toBe(true);
    const earlier = Array.from({ length: EARLIER }, (_, k) => `E${k + 1},R1,2025-12-01T00:00:00Z,open,7,`);
    expect((await importOne(s, 'opportunities', tmp.write('earlier.csv', [HEADER, ...earlier].join('\n') + '\n'))).ok).toBe(true);
  } finally {
    await s.close();
  }
}

describe('SIGKILL during an import', () => {
  it('the store opens and holds exactly the rows it had before', { timeout: 60_000 }, async () => {
    let rows = 1_000_000;
    let delay = 400;
    let db = '';
    let run: ChildRun | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      db = tmp.join(`store-${attempt}.duckdb`);
      await prepareStore(db);
      const file = tmp.join(`big-${attempt}.csv`);
      await writeBigFile(file, rows);
      run = await importAndKill(db, file, delay);
      expect(run.stderr).toBe('');
      expect(run.stdout.startsWith('started\n')).toBe(true);
      if (run.killed && !run.stdout.includes('done')) break;
      // The import finished before the kill: try again on a new store, with a larger file and an earlier kill.
      rows *= 2;
      delay = Math.max(50, delay / 2);
    }
    expect(run?.killed).toBe(true);
    expect(run?.stdout).not.toContain('done');

    const s = await openStore(db);
    try {
      expect(await count(s, 'opportunities')).toBe(EARLIER);
      expect(await s.query(`SELECT opportunity_id FROM opportunities ORDER BY 1`)).toEqual([{ opportunity_id: 'E1' }, { opportunity_id: 'E2' }, { opportunity_id: 'E3' }]);
      expect(await s.query(`SELECT entity, inserted FROM import_log ORDER BY started_at`)).toEqual([
        { entity: 'reps', inserted: 1 },
        { entity: 'opportunities', inserted: EARLIER },
      ]);
      expect(await s.query(`SELECT value FROM store_meta WHERE key = 'data_version'`)).toEqual([{ value: '2' }]);
      // The store still takes imports.
      const r = await importOne(s, 'opportunities', tmp.write('after.csv', `${HEADER}\nA1,R1,2026-01-01T00:00:00Z,open,1,\n`));
      expect(r.ok).toBe(true);
      expect(await count(s, 'opportunities')).toBe(EARLIER + 1);
    } finally {
      await s.close();
    }
  });
});
