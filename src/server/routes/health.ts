// GET /api/health: whether the server can reach its store. Public, and says nothing more.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { route } from '../route.js';

/** The product version, from package.json (three folders up from src/server/routes and dist/server/routes). */
export const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const healthRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    tag: 'Server',
    summary: 'Whether the server and its store answer',
    access: 'public',
    response: { description: 'all is well', schema: z.object({ status: z.literal('ok'), version: z.string() }) },
    handler: async ({ server }) => {
      await server.gate.run((store) => store.query('SELECT 1 AS one'));
      return { status: 'ok' as const, version: VERSION };
    },
  }),
];
