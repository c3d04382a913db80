// While `quotient serve` holds a DuckDB store no other process can open it. The server says so
// in a small file beside the store — <store>.server.json, readable by its owner only — with
// its address, its process id and a local credential (admin rights, valid while it runs), so
// the CLI can name the server in its message, or talk to it instead of the file.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServerFile {
  url: string;
  pid: number;
  /** Bearer token with admin rights, for CLI commands on this machine. */
  token: string;
  store: string;
  started_at: string;
}

export function serverFilePath(storeLocation: string): string {
  return `${resolve(storeLocation)}.server.json`;
}

export function writeServerFile(storeLocation: string, info: Omit<ServerFile, 'store' | 'started_at'>): string {
  const path = serverFilePath(storeLocation);
  const tmp = `${path}.${process.pid}.tmp`;
  const body: ServerFile = { ...info, store: resolve(storeLocation), started_at: new Date().toISOString() };
  writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

/** The server file of a store, or null when there is none (or it is not one). */
export function readServerFile(storeLocation: string): ServerFile | null {
  try {
    const f = JSON.parse(readFileSync(serverFilePath(storeLocation), 'utf8')) as Partial<ServerFile>;
    if (typeof f.url !== 'string' || typeof f.pid !== 'number' || typeof f.token !== 'string') return null;
    return f as ServerFile;
  } catch {
    return null;
  }
}

/** Removes the file if it is still this server's (a newer server may have replaced it). */
export function removeServerFile(storeLocation: string, token: string): void {
  if (readServerFile(storeLocation)?.token === token) rmSync(serverFilePath(storeLocation), { force: true });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running server that holds the store: its file names a live process, and that process is
 * the one holding the lock (when the lock error says which).
 */
export function servingServer(storeLocation: string, lockPid?: string | number): ServerFile | null {
  const f = readServerFile(storeLocation);
  if (!f || !processAlive(f.pid)) return null;
  if (lockPid !== undefined && lockPid !== null && String(lockPid) !== '' && Number(lockPid) !== f.pid) return null;
  return f;
}
