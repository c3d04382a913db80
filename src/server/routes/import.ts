// POST /api/import/{entity}: an entity file uploaded as the request body (or the one file of a
// multipart form), streamed to disk, then imported exactly as `quotient import ENTITY FILE`:
// the same validation, one transaction, nothing written when any row is wrong — then 400 with
// every problem and its line.
import { z } from 'zod';
import { importFiles, type ImportResult } from '../../ingest/import.js';
import { checkInBackground } from '../../alerts/check.js';
import { emptyMapping } from '../../ingest/mapping.js';
import { importOrder } from '../../model/entities.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { route } from '../route.js';
import { FORMAT_EXT, UPLOAD_TYPES, receiveUpload, type UploadFormat } from '../upload.js';

const problem = z.object({
  code: z.string(),
  file: z.string(),
  line: z.number().nullable().describe('1-based line where the record starts; null for file-level problems'),
  column: z.string().nullable(),
  value: z.string().nullable(),
  expected: z.string(),
  severity: z.enum(['error', 'warning']),
});

const summary = z.object({
  ok: z.boolean(),
  written: z.boolean(),
  entities: z.array(z.object({ entity: z.string(), file: z.string(), rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() })),
  problems: z.array(problem),
  errorCount: z.number(),
  warningCount: z.number(),
  seconds: z.number(),
  rowsPerSecond: z.number(),
});

/** Problems and summaries name the uploaded file, not where it waited on disk. */
function named(r: ImportResult, name: string): ImportResult {
  return { ...r, entities: r.entities.map((e) => ({ ...e, file: name })), problems: r.problems.map((p) => ({ ...p, file: name })) };
}

export const importRoutes = [
  route({
    method: 'POST',
    url: '/api/import/:entity',
    tag: 'Data',
    summary: 'Import one entity file (CSV, TSV, JSON Lines or Parquet), validated and written atomically',
    description:
      'Send the file as the body with Content-Type text/csv (or text/tab-separated-values, application/x-ndjson, application/vnd.apache.parquet), ' +
      'or as the field "file" of a multipart/form-data form. Re-importing a record with the same key updates it. ' +
      'When any row is invalid nothing is written and the answer is 400 invalid_data with details.problems (file, line, column, value, expected).',
    access: 'admin',
    params: z.object({ entity: z.enum(importOrder as [string, ...string[]]).describe('the entity the file holds') }),
    query: z
      .object({
        format: z.enum(Object.keys(FORMAT_EXT) as [UploadFormat, ...UploadFormat[]]).optional().describe('file format, when the Content-Type or file name does not say'),
        delimiter: z.enum([',', ';', '\t', '|']).optional().describe('CSV field delimiter (detected when absent)'),
        decimal_comma: z.enum(['true', 'false']).optional().describe('numbers use a decimal comma (1.234,50)'),
        max_problems: z.coerce.number().int().min(1).max(10_000).default(200).describe('how many problems to list'),
      })
      .strict(),
    upload: { contentTypes: [...Object.keys(UPLOAD_TYPES), 'multipart/form-data'] },
    response: { description: 'what was written', schema: summary },
    handler: async ({ request, params, query, principal, server }) => {
      const upload = await receiveUpload(request, params.entity, { limit: server.options.uploadLimit, format: query.format, tempDir: server.options.tempDir });
      try {
        const result = await server.gate.run(async (store) => {
          const r = named(
            await importFiles(store, [{ entity: params.entity as never, path: upload.path, mapping: emptyMapping() }], {
              delimiter: query.delimiter,
              decimalComma: query.decimal_comma === 'true',
              maxProblems: query.max_problems,
            }),
            upload.name,
          );
          const rows = r.entities.reduce((a, e) => a + e.rows, 0);
          await audit(store, { action: r.ok ? 'import' : 'import_failed', actor: principal!.user.email, target: params.entity, ip: request.ip, details: { file: upload.name, bytes: upload.bytes, rows, errors: r.errorCount } });
          return r;
        });
        if (!result.ok) {
          throw new ApiError('invalid_data', `${upload.name}: ${result.errorCount} invalid ${result.errorCount === 1 ? 'value' : 'values'}; nothing was imported`, {
            problems: result.problems,
            errorCount: result.errorCount,
            warningCount: result.warningCount,
          });
        }
        // Open dashboards hear of it now; alert rules are evaluated after every successful import (in the background).
        void server.events.changed([params.entity]);
        void checkInBackground((fn) => server.gate.run(fn));
        return result;
      } finally {
        upload.remove();
      }
    },
  }),
];
