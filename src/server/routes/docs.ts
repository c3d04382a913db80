// GET /api/openapi.json and GET /api/docs: the API described by its own route definitions.
import { z } from 'zod';
import { docsPage, DOCS_CSP } from '../docs-page.js';
import { openApiDocument } from '../openapi.js';
import { route, type AnyRoute } from '../route.js';

/** The documentation routes, describing every route of the server (themselves included). */
export function docsRoutes(all: () => readonly AnyRoute[]): AnyRoute[] {
  let doc: Record<string, unknown> | null = null;
  let page: string | null = null;
  const document = () => (doc ??= openApiDocument(all()));
  return [
    route({
      method: 'GET',
      url: '/api/openapi.json',
      tag: 'Server',
      summary: 'This API as an OpenAPI 3.1 document',
      access: 'public',
      response: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) },
      handler: async () => document(),
    }),
    route({
      method: 'GET',
      url: '/api/docs',
      tag: 'Server',
      summary: 'This API’s documentation as a web page',
      access: 'public',
      response: { description: 'an HTML page', contentType: 'text/html' },
      handler: async ({ reply }) => {
        page ??= docsPage(document());
        return reply.type('text/html; charset=utf-8').header('content-security-policy', DOCS_CSP).send(page);
      },
    }),
  ];
}
