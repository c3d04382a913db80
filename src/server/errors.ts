// Every error the API answers with, in one shape — { error: { code, message, details? } } —
// and the one place where user errors, HTTP errors and exceptions become a status and a body.
// Bad input is always a 4xx; only a fault of the server itself is a 500, and its message says
// no more than "internal error".
import { serveWeb } from './web.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUserError, type ErrorCode } from '../util/errors.js';

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid_data'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'payload_too_large'
  | 'internal';

export const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_data: 400,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** The user errors of the rest of the product, as API errors. */
const fromUserError: Record<ErrorCode, ApiErrorCode> = {
  bad_argument: 'bad_request',
  not_found: 'not_found',
  invalid_data: 'invalid_data',
  unknown_setting: 'bad_request',
  invalid_setting: 'bad_request',
  missing_fx_rate: 'invalid_data',
  unreadable_file: 'bad_request',
  store_not_duckdb: 'internal',
  store_too_new: 'internal',
  store_locked: 'internal',
  store_error: 'internal',
  store_not_empty: 'internal',
};

/** Fastify's own errors about a request's body and framing. */
const fromFastifyCode: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'bad_request',
};

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isUserError(e)) {
    const code = fromUserError[e.code];
    if (code === 'internal') return new ApiError('internal', `the store cannot be used: ${e.message}`);
    const details = Object.keys(e.details).length ? e.details : undefined;
    return new ApiError(code, e.message, details);
  }
  const fe = e as Partial<FastifyError> | null;
  const mapped = fe?.code ? fromFastifyCode[fe.code] : undefined;
  if (mapped) return new ApiError(mapped, cleanMessage(fe?.message));
  if (e instanceof SyntaxError && (fe?.statusCode === 400 || /JSON/.test(e.message))) return new ApiError('bad_request', `the body is not valid JSON: ${e.message}`);
  const status = fe?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new ApiError('payload_too_large', cleanMessage(fe?.message));
    if (status === 429) return new ApiError('rate_limited', cleanMessage(fe?.message));
    return new ApiError('bad_request', cleanMessage(fe?.message));
  }
  return new ApiError('internal', 'internal error');
}

function cleanMessage(m: string | undefined): string {
  return (m ?? 'bad request').replace(/^FST_\w+:\s*/, '');
}

export function errorBody(e: ApiError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
}

/** Fastify's error handler: the single mapping of errors to responses. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const api = toApiError(error);
  if (api.code === 'internal') request.log.error({ err: error }, 'internal error');
  for (const [k, v] of Object.entries(api.headers)) reply.header(k, v);
  return reply.status(STATUS[api.code]).type('application/json; charset=utf-8').send(errorBody(api));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // Outside /api, a path is a page of the dashboard.
  if (serveWeb(request, reply)) return reply;
  return reply.status(404).send(errorBody(new ApiError('not_found', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`)));
}

export const unauthenticated = (): ApiError => new ApiError('unauthenticated', 'sign in first: POST /api/auth/login, or send an API token as "Authorization: Bearer …"');
export const forbidden = (what = 'you may not do this'): ApiError => new ApiError('forbidden', what);
