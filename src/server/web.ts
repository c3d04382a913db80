// The dashboard: the built web app (dist/web, from web/ by `npm run build`) served at every
// path outside /api. Files are looked up inside that folder only; any other path gets
// index.html, and the app's own router shows the page (a link to /team/R012 works).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** dist/web beside src/ and dist/ (this file runs from either); QUOTIENT_WEB_ROOT overrides it. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const webRoot = () => process.env.QUOTIENT_WEB_ROOT || WEB_ROOT;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a GET for `url` serves, or null when there is no dashboard build. */
export function webFile(url: string, root = webRoot()): string | null {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.split('?')[0]);
  } catch {
    return index;
  }
  const file = normalize(join(root, path));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return index;
  return existsSync(file) && statSync(file).isFile() ? file : index;
}

/** Sends the dashboard file for a GET outside /api; false when it is not one. */
export function serveWeb(request: FastifyRequest, reply: FastifyReply): boolean {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url === '/api' || request.url.startsWith('/api/')) return false;
  const file = webFile(request.url);
  if (!file) return false;
  const hashed = file.includes(`${sep}assets${sep}`);
  reply
    .status(200)
    .type(TYPES[extname(file)] ?? 'application/octet-stream')
    // Built assets carry a content hash in their names; index.html must always be fresh.
    .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  reply.send(createReadStream(file));
  return true;
}
