// The Quotient HTTP API: a Fastify app over one store. Every route comes from the route
// definitions in routes/; each request is authenticated and authorised before its input is
// read, its input is validated by the route's zod schemas, and every error leaves through
// errors.ts.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { ZodType } from 'zod';
import type { Store } from '../store/store.js';
import { authorize, resolvePrincipal } from './auth/principal.js';
import { LoginLimiter, LIMITER_DEFAULTS, type LimiterOptions } from './auth/login-limiter.js';
import { systemClock, type Clock } from './auth/sessions.js';
import { SERVER_DEFAULTS, type ServerContext, type ServerOptions } from './context.js';
import { ApiError, handleError, handleNotFound } from './errors.js';
import type { AnyRoute } from './route.js';
import { StoreGate } from './store-gate.js';
import { PUSH_TYPES, UPLOAD_TYPES } from './upload.js';
import { DataEvents, EVENT_DEFAULTS } from './events.js';
import { apiRoutes } from './routes/index.js';

export interface QuotientServer {
  app: FastifyInstance;
  /** Every route definition the server serves. */
  routes: readonly AnyRoute[];
  /** What Fastify actually registered (method and path), to check nothing bypasses the definitions. */
  registered: readonly { method: string; url: string }[];
  context: ServerContext;
}

export interface BuildOptions extends Partial<ServerOptions> {
  clock?: Clock;
  limits?: Partial<LimiterOptions>;
}

const WHERE = { params: 'path parameter', query: 'query parameter', body: 'body field' } as const;

/** Validates one part of a request with the route's schema; a mismatch is a 400 that names the field. */
function parse(schema: ZodType | undefined, value: unknown, part: keyof typeof WHERE): unknown {
  if (!schema) {
    const extra = part === 'query' ? Object.keys((value ?? {}) as object) : [];
    if (extra.length) throw new ApiError('bad_request', `unknown ${WHERE.query}${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}; this endpoint takes none`);
    return part === 'body' ? undefined : {};
  }
  const r = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    const path = i.path.map(String).join('.');
    const message = keys.length ? `unknown ${WHERE[part]}${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` : `${path ? `${WHERE[part]} "${path}"` : part === 'body' ? 'body' : WHERE[part]}: ${i.message}`;
    return { in: part, path, message };
  });
  throw new ApiError('bad_request', issues.map((i) => i.message).join('; '), { issues });
}

function register(scope: FastifyInstance, r: AnyRoute, ctx: ServerContext): void {
  scope.route({
    method: r.method,
    url: r.url,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = r.access === 'public' ? null : await ctx.gate.run((store) => resolvePrincipal(store, request, ctx));
      authorize(r, request, principal);
      const params = parse(r.params, request.params, 'params');
      const query = parse(r.query, request.query, 'query');
      const body = r.upload ? undefined : parse(r.body, request.body, 'body');
      const out = await r.handler({ request, reply, params, query, body, principal, server: ctx });
      return out === reply ? reply : out;
    },
  });
}

export async function buildApp(store: Store, options: BuildOptions = {}): Promise<QuotientServer> {
  const serverOptions: ServerOptions = { ...SERVER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const clock = options.clock ?? systemClock;
  const gate = new StoreGate(store);
  const events = new DataEvents((fn) => gate.run(fn), { ...EVENT_DEFAULTS, ...serverOptions.events });
  const context: ServerContext = { gate, limiter: new LoginLimiter({ ...LIMITER_DEFAULTS, ...options.limits }, clock), options: serverOptions, clock, events };
  const app = Fastify({
    logger: serverOptions.logger,
    bodyLimit: serverOptions.jsonLimit,
    trustProxy: serverOptions.trustProxy,
    // Errors the router finds before any route (a path parameter too long, a bad URL) leave the same way.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  const registered: { method: string; url: string }[] = [];
  app.addHook('onRoute', (o) => {
    for (const method of [o.method].flat()) if (method !== 'HEAD') registered.push({ method, url: o.url });
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], objectSrc: ["'none'"] } },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Open event streams end before the server stops listening (else closing would wait for them).
  app.addHook('preClose', async () => events.close());

  const routes = apiRoutes();
  for (const r of routes.filter((x) => !x.upload)) register(app, r, context);
  await app.register(async (uploads) => {
    // Upload bodies are not parsed: the route streams them to disk.
    uploads.addContentTypeParser(Object.keys(UPLOAD_TYPES), (_request, payload, done) => done(null, payload));
    await uploads.register(multipart, { limits: { fileSize: serverOptions.uploadLimit, files: 1, fields: 10, parts: 20 } });
    for (const r of routes.filter((x) => x.upload && !x.upload.records)) register(uploads, r, context);
  });
  await app.register(async (pushes) => {
    // Pushed records (a JSON array or JSON Lines) are not parsed either: the route streams them
    // to disk under the upload limit, not the JSON body limit.
    pushes.removeAllContentTypeParsers();
    pushes.addContentTypeParser([...PUSH_TYPES], (_request, payload, done) => done(null, payload));
    for (const r of routes.filter((x) => x.upload?.records)) register(pushes, r, context);
  });
  await app.ready();
  return { app, routes, registered, context };
}
