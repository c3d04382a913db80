// A route of the API as data: method, path, who may call it, the zod schemas of its path
// parameters, query and body, and its handler. The same definitions register the route with
// Fastify, validate every request, and generate the OpenAPI document — so the documentation
// cannot drift from what the server accepts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Principal } from './auth/principal.js';
import type { ServerContext } from './context.js';

/** public: anyone; user: any signed-in user or token; admin: the admin role. */
export type Access = 'public' | 'user' | 'admin';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext<P, Q, B> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: P;
  query: Q;
  body: B;
  /** The caller; null only on public routes. */
  principal: Principal | null;
  server: ServerContext;
}

export interface RouteDef<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType> {
  method: Method;
  /** Fastify path syntax: /api/users/:id. */
  url: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Refuses API tokens (for acts that only a signed-in person may do, like creating tokens). */
  sessionOnly?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The request body is a file, streamed (not parsed); records: pushed records (JSON or JSON Lines), not a file. */
  upload?: { contentTypes: readonly string[]; records?: boolean };
  /** The 2xx answer: a schema of the JSON, or a non-JSON media type. */
  response: { status?: number; description: string; schema?: ZodType; contentType?: string };
  handler(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

export type AnyRoute = RouteDef<ZodType, ZodType, ZodType>;

/** Defines a route with its handler's inputs typed from the schemas. */
export function route<P extends ZodType = ZodType<Record<string, never>>, Q extends ZodType = ZodType<Record<string, never>>, B extends ZodType = ZodType<undefined>>(
  def: RouteDef<P, Q, B>,
): AnyRoute {
  return def as unknown as AnyRoute;
}

/** Whether a request method changes things (and so needs write access and, for cookies, the CSRF token). */
export function changes(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** Text that reaches the store or the query layer: no control characters, bounded length. */
export function text(max = 200): z.ZodString {
  return z.string().max(max, `at most ${max} characters`).regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-03-31');

export const ok = z.object({ ok: z.literal(true) });
