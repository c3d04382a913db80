// The OpenAPI 3.1 document of the API, generated from the route definitions: the same zod
// schemas that validate requests describe them here (OpenAPI 3.1 schemas are JSON Schema
// 2020-12, which is what z.toJSONSchema writes).
import { z, type ZodType } from 'zod';
import type { AnyRoute } from './route.js';
import { VERSION } from './routes/health.js';

type Json = Record<string, unknown>;

const errorSchema = z.object({
  error: z.object({
    code: z.enum(['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'invalid_data', 'idempotency_key_reused', 'rate_limited', 'payload_too_large', 'internal']),
    message: z.string().describe('what went wrong, and what to do'),
    details: z.unknown().optional().describe('for invalid_data: problems [{ code, file, line, column, value, expected }]'),
  }),
});

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: where, required: where === 'path' || (js.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function responses(r: AnyRoute): Json {
  const ok = r.response;
  const content = ok.schema ? { 'application/json': { schema: jsonSchema(ok.schema, 'output') } } : { [ok.contentType ?? 'application/octet-stream']: { schema: { type: 'string' } } };
  const out: Json = { [String(ok.status ?? 200)]: { description: ok.description, content } };
  out['400'] = errorResponse('bad input: a parameter or the body is not what the endpoint accepts (or, for imports, invalid data with its problems)');
  if (r.access !== 'public') {
    out['401'] = errorResponse('not signed in, or the token is unknown or revoked');
    out['403'] = errorResponse('signed in, but the role, the token’s access or the CSRF token does not allow this');
  }
  if (r.params) out['404'] = errorResponse('no such item');
  if (r.upload) out['413'] = errorResponse('the upload is larger than the server’s limit');
  if (r.upload?.records) out['422'] = errorResponse('the Idempotency-Key was used before with another body');
  if (r.url === '/api/auth/login') out['429'] = errorResponse('too many attempts; see Retry-After');
  return out;
}

function requestBody(r: AnyRoute): Json | undefined {
  if (r.body) return { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
  if (r.upload) {
    const content: Json = {};
    const records = { type: 'array', items: { type: 'object', additionalProperties: true, description: 'one record: field name → value' } };
    for (const t of r.upload.contentTypes) content[t] = r.upload.records && t === 'application/json' ? { schema: records } : t === 'multipart/form-data' ? { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } }, required: ['file'] } } : { schema: { type: 'string', contentMediaType: t } };
    return { required: true, content };
  }
  return undefined;
}

const IDEMPOTENCY_KEY: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'any unique text (up to 255 printable characters) to make retries safe: the same key with the same body within 24 hours answers the first answer again (header Idempotent-Replayed: true) and writes nothing; with another body it is refused (422)',
  schema: { type: 'string', maxLength: 255 },
};

function operationId(r: AnyRoute): string {
  const words = r.url.replace(/^\/api\//, '').split(/[/.:-]+/).filter(Boolean);
  return [r.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('');
}

export function openApiDocument(routes: readonly AnyRoute[]): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const body = requestBody(r);
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: operationId(r),
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      'x-access': r.access,
      security: r.access === 'public' ? [] : r.sessionOnly ? [{ session: [] }] : [{ session: [] }, { bearer: [] }],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query'), ...(r.upload?.records ? [IDEMPOTENCY_KEY] : [])],
      ...(body ? { requestBody: body } : {}),
      responses: responses(r),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quotient API',
      version: VERSION,
      description:
        'Sales KPIs, the records behind them, data import and export, settings and users. Sign in with POST /api/auth/login (a session cookie; send the quotient_csrf cookie back as X-CSRF-Token on changes), or send an API token as "Authorization: Bearer <token>". Errors are { "error": { "code", "message", "details"? } }.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'quotient_session', description: 'from POST /api/auth/login' },
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token from POST /api/tokens or `quotient tokens create`' },
      },
    },
  };
}
