// Uploads stream to a file in a fresh temporary folder, never into memory: the raw request
// body (Content-Type text/csv, …) or the one file of a multipart/form-data form. Past the
// size limit the upload stops with 413 and the partial file is removed.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

export const UPLOAD_TYPES: Readonly<Record<string, string>> = {
  'text/csv': '.csv',
  'text/tab-separated-values': '.tsv',
  'text/plain': '.csv',
  'application/x-ndjson': '.jsonl',
  'application/jsonl': '.jsonl',
  'application/vnd.apache.parquet': '.parquet',
  'application/x-parquet': '.parquet',
  'application/octet-stream': '',
};

/** Pushed records (POST /api/ingest/{entity}): a JSON array of objects, or JSON Lines. */
export const PUSH_TYPES: readonly string[] = ['application/json', 'application/x-ndjson', 'application/jsonl'];

export const FORMAT_EXT = { csv: '.csv', tsv: '.tsv', jsonl: '.jsonl', parquet: '.parquet' } as const;
export type UploadFormat = keyof typeof FORMAT_EXT;
const KNOWN_EXT: ReadonlySet<string> = new Set<string>([...Object.values(FORMAT_EXT), '.ndjson', '.txt', '.json']);

export interface Upload {
  /** The file on disk, named as the user named it (for messages), or ENTITY.EXT. */
  path: string;
  /** The name problems and summaries show. */
  name: string;
  bytes: number;
  remove(): void;
}

function byteLimit(limit: number): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      if (t.bytes > limit) cb(new ApiError('payload_too_large', `the upload is larger than the limit of ${limit} bytes (serve --upload-limit)`));
      else cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/** A safe file name from the user's (problems name it), with the format's extension. */
function fileName(entity: string, given: string | undefined, ext: string): string {
  const base = given ? basename(given).replace(/[^\w.-]+/g, '_').slice(-100) : '';
  const own = extname(base).toLowerCase();
  if (base && KNOWN_EXT.has(own) && (!ext || own === ext)) return base;
  const stem = base ? base.slice(0, base.length - own.length) || entity : entity;
  return `${stem}${ext || '.csv'}`;
}

const typeExt = (contentType: string | undefined): string => UPLOAD_TYPES[String(contentType ?? '').split(';')[0].trim().toLowerCase()] ?? '';

export async function receiveUpload(request: FastifyRequest, entity: string, opts: { limit: number; format?: UploadFormat; tempDir?: string }): Promise<Upload> {
  const dir = mkdtempSync(join(opts.tempDir ?? tmpdir(), 'quotient-upload-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    let source: Readable;
    let given: string | undefined;
    let ext: string = opts.format ? FORMAT_EXT[opts.format] : '';
    if (request.isMultipart()) {
      const part = await request.file({ limits: { fileSize: opts.limit, files: 1, fields: 10 } });
      if (!part) throw new ApiError('bad_request', 'the form has no file: send the file in a multipart field named "file"');
      source = part.file;
      given = part.filename;
      if (!KNOWN_EXT.has(extname(given).toLowerCase())) ext ||= typeExt(part.mimetype);
    } else {
      if (!(request.body instanceof Readable)) throw new ApiError('bad_request', `send the file as the body with Content-Type ${Object.keys(UPLOAD_TYPES).join(', ')}, or as the field "file" of a multipart/form-data form`);
      source = request.body;
      ext ||= typeExt(request.headers['content-type']);
    }
    const name = fileName(entity, given, ext);
    const path = join(dir, name);
    const counter = byteLimit(opts.limit);
    await pipeline(source, counter, createWriteStream(path, { mode: 0o600 }));
    if (request.isMultipart() && 'truncated' in source && source.truncated) throw new ApiError('payload_too_large', `the upload is larger than the limit of ${opts.limit} bytes`);
    return { path, name, bytes: counter.bytes, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/** Pushed records streamed to <dir>/body under the limit; the format from the Content-Type. */
export async function receiveRecords(request: FastifyRequest, opts: { limit: number; tempDir?: string }): Promise<{ dir: string; path: string; bytes: number; format: 'json' | 'jsonl'; remove(): void }> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!(request.body instanceof Readable) || !PUSH_TYPES.includes(type)) {
    throw new ApiError('bad_request', 'send the records as the body: Content-Type application/json (an array of objects) or application/x-ndjson (JSON Lines, one object a line)');
  }
  const dir = mkdtempSync(join(opts.tempDir ?? tmpdir(), 'quotient-push-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'body');
    const counter = byteLimit(opts.limit);
    await pipeline(request.body, counter, createWriteStream(path, { mode: 0o600 }));
    return { dir, path, bytes: counter.bytes, format: type === 'application/json' ? 'json' : 'jsonl', remove };
  } catch (e) {
    remove();
    throw e;
  }
}
