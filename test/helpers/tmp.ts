// Temporary folders for tests: created under os.tmpdir(), removed after the suite.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface TempDir {
  readonly path: string;
  /** Absolute path of a file in the folder. */
  join(...parts: string[]): string;
  /** Writes a file (creating sub-folders) and returns its absolute path. */
  write(name: string, content: string | Buffer): string;
  remove(): void;
}

export function makeTempDir(prefix = 'quotient-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    join: (...parts) => join(path, ...parts),
    write(name, content) {
      const p = join(path, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A temporary folder for the whole test file: made before the first test, removed after the last. */
export function useTempDir(prefix?: string): TempDir {
  let dir: TempDir | null = null;
  const get = (): TempDir => {
    if (!dir) throw new Error('useTempDir: the folder exists only while the tests run');
    return dir;
  };
  beforeAll(() => {
    dir = makeTempDir(prefix);
  });
  afterAll(() => {
    dir?.remove();
    dir = null;
  });
  return {
    get path() {
      return get().path;
    },
    join: (...parts) => get().join(...parts),
    write: (name, content) => get().write(name, content),
    remove: () => get().remove(),
  };
}
