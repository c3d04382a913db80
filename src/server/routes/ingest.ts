// POST /api/ingest/{entity}: records pushed by a script or a CRM hook — a JSON array of objects
// or JSON Lines — written as a JSON Lines file in the server's temp folder and imported exactly
// like `quotient import ENTITY FILE`: the same validation, all or nothing, idempotent by key
// (a record with a known key updates it; an identical one is left alone). An invalid batch is
// a 400 that lists each bad record by its index in the batch and its key. With an
// Idempotency-Key header a retry answers the first answer again and writes nothing.
import { createReadStream, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { importFiles, type ImportResult } from '../../ingest/import.js';
import { emptyMapping } from '../../ingest/mapping.js';
import type { Problem } from '../../ingest/problems.js';
import { checkInBackground } from '../../alerts/check.js';
import { entity as entityDef, importOrder } from '../../model/entities.js';
import type { EntityName } from '../../model/fields.js';
import { audit } from '../audit.js';
import { ApiError, errorBody } from '../errors.js';
import { idempotencyKey, recall, remember, requestHash, REPLAYED_HEADER, type Answer, type KeyRef } from '../idempotency.js';
import { route } from '../route.js';
import { PUSH_TYPES, receiveRecords } from '../upload.js';

/** A JSON array is parsed whole; past this size JSON Lines (read line by line) is the way. */
const MAX_JSON_ARRAY_BYTES = 256 * 1024 ** 2;

const pushed = z.object({
  ok: z.literal(true),
  entity: z.string(),
  records: z.number().describe('records in the batch'),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number().describe('records equal to what the store holds (a repeated push)'),
  warnings: z.array(z.object({ code: z.string(), field: z.string().nullable(), expected: z.string() })),
  seconds: z.number(),
});

interface Batch {
  /** The JSON Lines file to import: one record a line. */
  path: string;
  records: number;
}

/** The body as JSON Lines to import (a JSON array is rewritten one record a line). */
async function toJsonLines(body: { dir: string; path: string; bytes: number; format: 'json' | 'jsonl' }, entity: string): Promise<Batch> {
  const path = join(body.dir, `${entity}.jsonl`);
  if (body.format === 'json') {
    if (body.bytes > MAX_JSON_ARRAY_BYTES) throw new ApiError('payload_too_large', `a JSON array of more than ${MAX_JSON_ARRAY_BYTES} bytes is not read at once; send it as JSON Lines (Content-Type application/x-ndjson)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(body.path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ApiError('bad_request', `the body is not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new ApiError('bad_request', 'the body must be a JSON array of records (objects), like [{"account_id": "A1", "name": "Acme"}]');
    writeFileSync(path, parsed.map((r) => JSON.stringify(r ?? null)).join('\n') + (parsed.length ? '\n' : ''), { mode: 0o600 });
    return { path, records: parsed.length };
  }
  renameSync(body.path, path);
  let records = 0;
  for await (const line of lines(path)) if (line.text.trim() !== '') records++;
  return { path, records };
}

async function* lines(path: string): AsyncIterable<{ line: number; text: string }> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) yield { line: ++line, text };
}

/** For the lines problems name: the record's index in the batch (blank lines are not records) and its key. */
async function recordsAt(path: string, wanted: ReadonlySet<number>, key: readonly string[]): Promise<Map<number, { index: number; id: string | null }>> {
  const out = new Map<number, { index: number; id: string | null }>();
  let index = -1;
  for await (const { line, text } of lines(path)) {
    if (text.trim() === '') continue;
    index++;
    if (!wanted.has(line)) continue;
    let id: string | null = null;
    try {
      const obj = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown> | null;
      const parts = key.map((k) => (obj && typeof obj === 'object' ? obj[k] : undefined));
      if (parts.every((p) => p !== undefined && p !== null && p !== '')) id = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join('|');
    } catch {
      id = null;
    }
    out.set(line, { index, id });
    if (out.size === wanted.size) break;
  }
  return out;
}

async function invalid(result: ImportResult, batch: Batch, entity: EntityName): Promise<ApiError> {
  const errors = result.problems.filter((p) => p.severity === 'error');
  const at = await recordsAt(batch.path, new Set(errors.flatMap((p) => (p.line === null ? [] : [p.line]))), entityDef(entity)!.key);
  const records = errors.map((p: Problem) => {
    const r = p.line === null ? undefined : at.get(p.line);
    return { index: r?.index ?? null, id: r?.id ?? null, field: p.column, value: p.value, expected: p.expected, code: p.code };
  });
  const bad = new Set(records.map((r) => r.index).filter((i) => i !== null)).size;
  const what = bad ? `${bad} of ${batch.records} ${batch.records === 1 ? 'record is' : 'records are'} invalid` : 'the batch is invalid';
  return new ApiError('invalid_data', `${entity}: ${what} (${result.errorCount} ${result.errorCount === 1 ? 'problem' : 'problems'}); nothing was written`, {
    records,
    errorCount: result.errorCount,
  });
}

export const ingestRoutes = [
  route({
    method: 'POST',
    url: '/api/ingest/:entity',
    tag: 'Data',
    summary: 'Push records of one entity (a JSON array or JSON Lines), validated and written atomically',
    description:
      'Send the records as the body: Content-Type application/json (an array of objects) or application/x-ndjson / application/jsonl (JSON Lines). ' +
      'Fields are those of the entity’s import file. The batch is checked like an import and written all or nothing; a record whose key is known updates it, ' +
      'an identical one is left alone (unchanged), so pushing the same records again writes nothing. When any record is invalid the answer is 400 invalid_data with ' +
      'details.records: each problem with the record’s 0-based index in the batch, its key (id), field, value and what was expected. ' +
      'With an Idempotency-Key header a retry within 24 hours answers the first answer again (header Idempotent-Replayed: true) and writes nothing; ' +
      'the same key with another body is refused with 422. The body may be as large as an upload.',
    access: 'admin',
    params: z.object({ entity: z.enum(importOrder as [string, ...string[]]).describe('the entity the records are of') }),
    upload: { contentTypes: PUSH_TYPES, records: true },
    response: { description: 'what was written', schema: pushed },
    handler: async ({ request, reply, params, principal, server }) => {
      const entity = params.entity as EntityName;
      const key = idempotencyKey(request.headers);
      const body = await receiveRecords(request, { limit: server.options.uploadLimit, tempDir: server.options.tempDir });
      try {
        const ref: KeyRef | null = key ? { key, owner: principal!.user.user_id, endpoint: `POST /api/ingest/${entity}`, hash: await requestHash([entity, body.format], body.path) } : null;
        const batch = await toJsonLines(body, entity);
        const now = () => new Date(server.clock());
        const outcome = await server.gate.run(async (store): Promise<{ answer: Answer; replayed: boolean; written: boolean }> => {
          if (ref) {
            const first = await recall(store, ref, now());
            if (first) return { answer: first, replayed: true, written: false };
          }
          let answer: Answer;
          let written = false;
          if (batch.records === 0) {
            answer = { status: 200, body: JSON.stringify({ ok: true, entity, records: 0, inserted: 0, updated: 0, unchanged: 0, warnings: [], seconds: 0 }) };
          } else {
            const r = await importFiles(store, [{ entity, path: batch.path, mapping: emptyMapping() }]);
            const e = r.entities[0];
            await audit(store, {
              action: r.ok ? 'records_pushed' : 'records_push_failed',
              actor: principal!.user.email,
              target: entity,
              ip: request.ip,
              details: { records: batch.records, bytes: body.bytes, format: body.format, inserted: e?.inserted ?? 0, updated: e?.updated ?? 0, unchanged: e?.unchanged ?? 0, errors: r.errorCount, ...(key ? { idempotency_key: key } : {}) },
            });
            if (r.ok) {
              written = r.written;
              const warnings = r.problems.filter((p) => p.severity === 'warning').map((p) => ({ code: p.code, field: p.column, expected: p.expected }));
              answer = { status: 200, body: JSON.stringify({ ok: true, entity, records: batch.records, inserted: e.inserted, updated: e.updated, unchanged: e.unchanged, warnings, seconds: r.seconds }) };
            } else {
              answer = { status: 400, body: JSON.stringify(errorBody(await invalid(r, batch, entity))) };
            }
          }
          if (ref) await remember(store, ref, answer, now());
          return { answer, replayed: false, written };
        });
        if (outcome.written) {
          void server.events.changed([entity]);
          // Alert rules are evaluated after every write of data (in the background), as after an import.
          void checkInBackground((fn) => server.gate.run(fn));
        }
        if (outcome.replayed) reply.header(REPLAYED_HEADER, 'true');
        return reply.status(outcome.answer.status).type('application/json; charset=utf-8').send(outcome.answer.body);
      } finally {
        body.remove();
      }
    },
  }),
];
