// Vitest global setup: the browser tests load the built dashboard. When dist/web is missing or
// older than a file of web/ (or the one module of src/ the dashboard bundles), this run builds its own copy in a temporary folder (so runs side
// by side never serve a half-written build) and points the server at it (QUOTIENT_WEB_ROOT).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): () => void {
  const index = join(ROOT, 'dist', 'web', 'index.html');
  // The dashboard bundles one module of src/ too: the insight sentences it shares with the digest.
  const sources = Math.max(newest(join(ROOT, 'web')), statSync(join(ROOT, 'src', 'analysis', 'insights', 'sentences.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return () => {};
  const out = mkdtempSync(join(tmpdir(), 'quotient-web-'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  process.env.QUOTIENT_WEB_ROOT = out + '/';
  return () => rmSync(out, { recursive: true, force: true });
}
